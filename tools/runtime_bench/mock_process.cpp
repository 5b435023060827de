// Spawning, handshaking with, querying and stopping the mock LLM server (see mock_process.h).
#include "mock_process.h"

#include <curl/curl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <thread>
#include <vector>

extern char** environ;

namespace runtime_bench {

std::string MockProcess::default_binary() {
  if (const char* path = std::getenv("BAML_MOCK_LLM_SERVER"); path != nullptr && *path != '\0') return path;
#ifdef RUNTIME_BENCH_MOCK_SERVER
  return RUNTIME_BENCH_MOCK_SERVER;
#else
  return {};
#endif
}

MockProcess::MockProcess(const std::string& binary, std::optional<int> cpu) {
  if (binary.empty() || access(binary.c_str(), X_OK) != 0) {
    throw std::runtime_error("mock_llm_server not found (build target mock_llm_server, or pass --mock-server): '" +
                             binary + "'");
  }
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::vector<std::string> args = {binary, "--port", "0", "--hang-port", "0"};
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  const int spawned = posix_spawn(&pid_, binary.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  if (spawned != 0) {
    close(out[0]);
    pid_ = -1;
    throw std::runtime_error("could not start " + binary);
  }
  if (cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(*cpu, &set);
    sched_setaffinity(pid_, sizeof set, &set);
  }
  // `port=`, `hang_port=`, then `ready`. A loaded machine gets a generous start-up time.
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
  if (!ready || port_ == 0 || hang_port_ == 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    throw std::runtime_error("mock_llm_server did not become ready");
  }
}

MockProcess::~MockProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
}

std::string MockProcess::openai_base_url() const {
  return "http://127.0.0.1:" + std::to_string(port_) + "/v1";
}

std::string MockProcess::hang_base_url() const {
  return "http://127.0.0.1:" + std::to_string(hang_port_) + "/v1";
}

namespace {

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

}  // namespace

nlohmann::json MockProcess::counters() const {
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

bool MockProcess::wait_for(const std::function<bool(const nlohmann::json&)>& done,
                           std::chrono::milliseconds limit) const {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  for (;;) {
    if (done(counters())) return true;
    if (std::chrono::steady_clock::now() >= give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace runtime_bench
