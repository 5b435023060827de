// Spawning, handshaking with and stopping the mock LLM server (see mock_server.h).
#include "testing/mock_server.h"

#include <curl/curl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>

extern char** environ;

namespace baml::testing {

std::string MockServer::binary() {
  if (const char* path = std::getenv("BAML_MOCK_LLM_SERVER"); path != nullptr && *path != '\0') return path;
#ifdef BAML_MOCK_LLM_SERVER
  return BAML_MOCK_LLM_SERVER;
#else
  return {};
#endif
}

MockServer::MockServer() {
  const std::string path = binary();
  if (path.empty() || access(path.c_str(), X_OK) != 0) {
    throw std::runtime_error(
        "mock_llm_server not found (build target mock_llm_server, or set BAML_MOCK_LLM_SERVER): '" + path + "'");
  }
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::string port_flag = "--port", zero = "0", hang_flag = "--hang-port";
  char* argv[] = {
      const_cast<char*>(path.c_str()), port_flag.data(), zero.data(), hang_flag.data(), zero.data(), nullptr};
  const int spawned = posix_spawn(&pid_, path.c_str(), &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (spawned != 0) {
    close(out[0]);
    throw std::runtime_error("could not start " + path);
  }
  // Read `port=`, `hang_port=` and `ready` lines; a loaded machine gets a generous start-up time.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::string buffer;
  bool ready = false;
  while (!ready && std::chrono::steady_clock::now() < give_up) {
    pollfd fd{out[0], POLLIN, 0};
    if (poll(&fd, 1, 100) <= 0) continue;
    char chunk[256];
    const ssize_t n = read(out[0], chunk, sizeof chunk);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(n));
    for (std::size_t end = buffer.find('\n'); end != std::string::npos; end = buffer.find('\n')) {
      const std::string line = buffer.substr(0, end);
      buffer.erase(0, end + 1);
      if (line.rfind("port=", 0) == 0) port_ = std::stoi(line.substr(5));
      if (line.rfind("hang_port=", 0) == 0) hang_port_ = std::stoi(line.substr(10));
      if (line == "ready") ready = true;
    }
  }
  close(out[0]);
  if (!ready || port_ == 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    throw std::runtime_error("mock_llm_server did not become ready");
  }
}

MockServer::~MockServer() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

namespace {

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

}  // namespace

nlohmann::json MockServer::counters() const {
  CURL* easy = curl_easy_init();
  std::string body;
  const std::string url = "http://127.0.0.1:" + std::to_string(port_) + "/_mock/counters";
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &collect);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 5000L);
  const CURLcode code = curl_easy_perform(easy);
  curl_easy_cleanup(easy);
  if (code != CURLE_OK) throw std::runtime_error("GET /_mock/counters failed");
  return nlohmann::json::parse(body);
}

MockServer& shared_mock_server() {
  static std::unique_ptr<MockServer> server;
  static std::string failure;
  if (!server && failure.empty()) {
    try {
      server = std::make_unique<MockServer>();
    } catch (const std::exception& error) {
      failure = error.what();
    }
  }
  if (!server) throw std::runtime_error(failure);
  return *server;
}

}  // namespace baml::testing
