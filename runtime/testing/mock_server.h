// The one mock LLM server every end-to-end test of the runtime's test binary shares, started on
// first use through the launcher all tests and benchmarks use (tools/mock_llm_server/launcher.h).
#pragma once

#include "launcher.h"

namespace baml::testing {

// Throws (on every call) if the server could not be started.
mock_llm::MockServerProcess& shared_mock_server();

}  // namespace baml::testing
