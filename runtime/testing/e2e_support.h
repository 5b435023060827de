// Helpers shared by the end-to-end tests: clients pointed at the shared mock server, a call in
// either mode (whole answer or stream), and a wait for the server to notice a disconnect.
#pragma once

#include <chrono>
#include <functional>
#include <string>

#include <baml/runtime.h>

#include "testing/mock_server.h"
#include "time/deadline.h"

namespace baml::testing {

inline constexpr const char* kTestApiKey = "sk-e2e-secret-0123456789abcdef";

enum class Mode { Call, Stream };

// An openai-generic or anthropic client named Primary, with `model` selecting the mock's faults.
ClientSpec openai_client(const std::string& model, ClientLimits limits = {});
ClientSpec anthropic_client(const std::string& model, ClientLimits limits = {});

const Request& hello_request();

// Runs one call; in Stream mode the deltas are appended to `streamed` (if given).
Response run_call(Runtime& runtime, const ClientSpec& client, Mode mode, const CallOptions& options = {},
                  std::string* streamed = nullptr);

// Runs `call`, returning how long it took.
std::chrono::nanoseconds time_it(const std::function<void()>& call);

// A loopback port nobody listens on (bound, noted, closed): connecting to it is refused.
int unused_port();

// The server's client_disconnects counter now.
long disconnects();
// Waits (up to a few seconds) until client_disconnects exceeds `before`; returns whether it did.
bool disconnect_seen(long before);

}  // namespace baml::testing
