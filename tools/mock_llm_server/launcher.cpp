// Spawning, handshaking with, querying and stopping the mock LLM server (see launcher.h).
#include "launcher.h"

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

namespace mock_llm {

std::string MockServerProcess::default_binary() {
  if (const char* path = std::getenv("BAML_MOCK_LLM_SERVER"); path != nullptr && *path != '\0') return path;
#ifdef BAML_MOCK_LLM_SERVER
  return BAML_MOCK_LLM_SERVER;
#else
  return {};
#endif
}

MockServerProcess::MockServerProcess(Options options) {
  const std::string& binary = options.binary;
  if (binary.empty() || access(binary.c_str(), X_OK) != 0) {
    throw std::runtime_error("mock_llm_server not found (build target mock_llm_server, or set BAML_MOCK_LLM_SERVER): '" +
                             binary + "'");
  }
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  std::vector<std::string> args = {binary, "--port", "0"};
  if (options.hang_port) args.insert(args.end(), {"--hang-port", "0"});
  if (!options.answers_dir.empty()) args.insert(args.end(), {"--answers-dir", options.answers_dir});
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
  if (options.cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(*options.cpu, &set);
    sched_setaffinity(pid_, sizeof set, &set);
  }
  // `port=`, `hang_port=`, then `ready`. Bounded so a server that never gets ready fails the run
  // instead of hanging it; generous, because a loaded machine starts processes slowly.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  std::string buffer;
  std::string printed;
  bool ready = false;
  while (!ready && std::chrono::steady_clock::now() < give_up) {
    pollfd fd{out[0], POLLIN, 0};
    if (poll(&fd, 1, 100) <= 0) continue;
    char chunk[256];
    const ssize_t n = read(out[0], chunk, sizeof chunk);
    if (n <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(n));
    printed.append(chunk, static_cast<std::size_t>(n));
    for (std::size_t end = buffer.find('\n'); end != std::string::npos; end = buffer.find('\n')) {
      const std::string line = buffer.substr(0, end);
      buffer.erase(0, end + 1);
      if (line.rfind("port=", 0) == 0) port_ = std::stoi(line.substr(5));
      if (line.rfind("hang_port=", 0) == 0) hang_port_ = std::stoi(line.substr(10));
      if (line == "ready") ready = true;
    }
  }
  close(out[0]);
  if (!ready || port_ == 0 || (options.hang_port && hang_port_ == 0)) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
    throw std::runtime_error("mock_llm_server did not become ready; it printed: " + printed);
  }
}

int MockServerProcess::stop() {
  if (pid_ <= 0) return exit_status_;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
  exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return exit_status_;
}

std::string MockServerProcess::url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

std::string MockServerProcess::hang_base_url() const {
  return "http://127.0.0.1:" + std::to_string(hang_port_) + "/v1";
}

namespace {

std::size_t collect(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

}  // namespace

nlohmann::json MockServerProcess::get_json(std::string_view path) const {
  CURL* easy = curl_easy_init();
  if (easy == nullptr) throw std::runtime_error("curl_easy_init failed");
  std::string body;
  const std::string target = url(path);
  curl_easy_setopt(easy, CURLOPT_URL, target.c_str());
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &collect);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  // A control endpoint answers at once; the bound only keeps a wedged server from hanging a run.
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, 5000L);
  const CURLcode code = curl_easy_perform(easy);
  curl_easy_cleanup(easy);
  if (code != CURLE_OK) throw std::runtime_error("GET " + std::string(path) + " failed");
  return nlohmann::json::parse(body);
}

bool MockServerProcess::wait_for(const std::function<bool(const nlohmann::json&)>& done,
                                 std::chrono::milliseconds limit) const {
  const auto give_up = std::chrono::steady_clock::now() + limit;
  for (;;) {
    if (done(counters())) return true;
    if (std::chrono::steady_clock::now() >= give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

}  // namespace mock_llm
