// The shared mock server (see mock_server.h).
#include "testing/mock_server.h"

#include <memory>
#include <stdexcept>
#include <string>

namespace baml::testing {

mock_llm::MockServerProcess& shared_mock_server() {
  static std::unique_ptr<mock_llm::MockServerProcess> server;
  static std::string failure;
  if (!server && failure.empty()) {
    try {
      server = std::make_unique<mock_llm::MockServerProcess>();
    } catch (const std::exception& error) {
      failure = error.what();
    }
  }
  if (!server) throw std::runtime_error(failure);
  return *server;
}

}  // namespace baml::testing
