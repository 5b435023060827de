// `mock_llm_server`: command-line entry point. Parses flags, starts the server, and prints the
// bound ports on stdout as `port=N`, `hang_port=N` and `ready` lines (flushed), which is the
// handshake test harnesses wait for before they connect. Exits 0 on SIGTERM or SIGINT.
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <exception>

#include "server.h"

namespace {

int serve(int argc, char** argv) {
  CLI::App app{
      "Mock LLM server (OpenAI chat, Anthropic, Google AI, OpenAI Responses) with faults and answers\n"
      "chosen by the request's model string, e.g. model \"mock:ttfb=5s,stall_after=3\", or by\n"
      "[mock:...] tags in its prompt. See docs/mock_llm_server.md."};
  mock_llm::ServerOptions options;
  std::uint16_t hang_port = 0;
  app.add_option("--port", options.port, "Port to serve on; 0 picks a free one")->capture_default_str();
  CLI::Option* hang = app.add_option(
      "--hang-port", hang_port, "Also open a port whose accept queue is full, so connecting to it hangs; 0 picks one");
  app.add_option("--host", options.host, "Address to bind (IPv4 or IPv6 literal)")->capture_default_str();
  app.add_option("--answers-dir", options.answers_dir,
                 "Directory of answer files: relative reply_file= paths are read from here (default: the working "
                 "directory)");
  CLI11_PARSE(app, argc, argv);
  if (hang->count() > 0) options.hang_port = hang_port;

  // A client that closes mid-response must not kill the server with SIGPIPE on the next write.
  std::signal(SIGPIPE, SIG_IGN);
  mock_llm::raise_fd_limit();
  mock_llm::Server server(options);
  std::printf("port=%u\n", static_cast<unsigned>(server.port()));
  if (std::optional<std::uint16_t> port = server.hang_port()) {
    std::printf("hang_port=%u\n", static_cast<unsigned>(*port));
  }
  std::printf("ready\n");
  std::fflush(stdout);
  server.run();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return serve(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mock_llm_server: %s\n", e.what());
    return 1;
  }
}
