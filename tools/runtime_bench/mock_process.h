// The mock LLM server (tools/mock_llm_server) as a child process of the benchmark: started with
// `--port 0 --hang-port 0` so a benchmark never collides with another server on the machine,
// stopped with SIGTERM when this object goes away. A launcher of its own rather than the test
// suite's (runtime/testing/), because the benchmark also pins the server to a CPU on request and
// takes the binary's path from its command line.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace runtime_bench {

class MockProcess {
 public:
  // Starts `binary` and waits for its `ready` line; throws std::runtime_error if it does not
  // come. `cpu`, when given, pins the server to that CPU (sched_setaffinity).
  explicit MockProcess(const std::string& binary, std::optional<int> cpu = std::nullopt);
  ~MockProcess();
  MockProcess(const MockProcess&) = delete;
  MockProcess& operator=(const MockProcess&) = delete;

  int port() const { return port_; }
  int hang_port() const { return hang_port_; }
  pid_t pid() const { return pid_; }

  // Base URLs for an openai-generic client: the serving port, and the port that never accepts.
  std::string openai_base_url() const;
  std::string hang_base_url() const;

  // GET /_mock/counters (requests, completions, client_disconnects, open_connections, resets).
  nlohmann::json counters() const;

  // Polls the counters every 10 ms until `done` holds or `limit` passes; returns whether it held.
  bool wait_for(const std::function<bool(const nlohmann::json&)>& done, std::chrono::milliseconds limit) const;

  // The server binary: $BAML_MOCK_LLM_SERVER, else the one CMake built next to this program.
  static std::string default_binary();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int hang_port_ = 0;
};

}  // namespace runtime_bench
