// The mock LLM server as a child process: the one way tests and benchmarks start it. Starts the
// binary with `--port 0` (and `--hang-port 0`), so a run never collides with another server on the
// machine, waits for its `ready` line, and stops it with SIGTERM when the object goes away. Also
// reads the server's control endpoints (/_mock/counters, /_mock/requests).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace mock_llm {

class MockServerProcess {
 public:
  struct Options {
    std::string binary = default_binary();
    bool hang_port = true;  // also open the port whose accept queue is full (connect never ends)
    std::optional<int> cpu = std::nullopt;  // pin the server to this CPU (sched_setaffinity)
    std::string answers_dir = {};  // --answers-dir: where relative reply_file= paths are read
  };

  // Throws std::runtime_error when the binary is missing or does not become ready.
  explicit MockServerProcess(Options options);
  MockServerProcess() : MockServerProcess(Options{}) {}
  ~MockServerProcess() { stop(); }
  MockServerProcess(const MockServerProcess&) = delete;
  MockServerProcess& operator=(const MockServerProcess&) = delete;

  // SIGTERM, then the exit status (-1 if it did not exit normally). Idempotent.
  int stop();

  int port() const { return port_; }
  int hang_port() const { return hang_port_; }
  pid_t pid() const { return pid_; }
  // `path` on the serving port, e.g. url("/v1/chat/completions").
  std::string url(std::string_view path) const;
  // Base URLs as clients name them: OpenAI's and the Responses API's (with /v1), Anthropic's
  // (without: the provider adds /v1/messages), Google AI's (with /v1beta: the provider adds
  // /models/M:generateContent), and an OpenAI one on the hang port.
  std::string openai_base_url() const { return url("/v1"); }
  std::string anthropic_base_url() const { return url(""); }
  std::string google_base_url() const { return url("/v1beta"); }
  std::string hang_base_url() const;

  // GET of a control endpoint, e.g. "/_mock/counters"; throws std::runtime_error on failure.
  nlohmann::json get_json(std::string_view path) const;
  // {"requests","completions","client_disconnects","open_connections","resets","connections"}.
  nlohmann::json counters() const { return get_json("/_mock/counters"); }
  // The last 100 LLM requests: [{"path","target","model","stream","headers"}].
  nlohmann::json requests() const { return get_json("/_mock/requests"); }
  // Reads the counters until `done` holds or `limit` passes; returns whether it held.
  bool wait_for(const std::function<bool(const nlohmann::json&)>& done, std::chrono::milliseconds limit) const;

  // The server binary: $BAML_MOCK_LLM_SERVER, else the one CMake built.
  static std::string default_binary();

 private:
  pid_t pid_ = -1;
  int exit_status_ = -1;
  int port_ = 0;
  int hang_port_ = 0;
};

}  // namespace mock_llm
