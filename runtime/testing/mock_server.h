// Test support: runs tools/mock_llm_server as a subprocess for the end-to-end tests. Starts it
// with `--port 0 --hang-port 0`, waits for its `ready` line, and stops it (SIGTERM) on
// destruction. The binary is the one CMake built (BAML_MOCK_LLM_SERVER), or the path in the
// environment variable of the same name.
#pragma once

#include <sys/types.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

namespace baml::testing {

class MockServer {
 public:
  // Throws std::runtime_error when the binary is missing or does not become ready.
  MockServer();
  ~MockServer();
  MockServer(const MockServer&) = delete;
  MockServer& operator=(const MockServer&) = delete;

  int port() const { return port_; }
  int hang_port() const { return hang_port_; }
  std::string openai_base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1"; }
  std::string anthropic_base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // GET /_mock/counters: requests, completions, client_disconnects, open_connections, resets.
  nlohmann::json counters() const;

  // The path of the server binary, or "" if none is known.
  static std::string binary();

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  int hang_port_ = 0;
};

// One server shared by every end-to-end test of the binary, started on first use. Throws (on
// every call) if it could not be started.
MockServer& shared_mock_server();

}  // namespace baml::testing
