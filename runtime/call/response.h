// What a successful attempt returns: the model's text with its finish reason, token usage and the
// timings of the attempt. Usage is also carried by errors, so it lives here on its own.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace baml {

struct Usage {
  std::optional<std::int64_t> input_tokens;
  std::optional<std::int64_t> output_tokens;

  bool known() const { return input_tokens.has_value() || output_tokens.has_value(); }
};

// Measured from the start of the attempt. `connect` ends when the connection is ready (a reused
// connection is ready at once); `first_token` at the first content (see docs/runtime.md).
struct AttemptTimings {
  std::optional<std::chrono::nanoseconds> connect;
  std::optional<std::chrono::nanoseconds> request_sent;
  std::optional<std::chrono::nanoseconds> first_token;
  std::chrono::nanoseconds total{0};
};

struct Response {
  std::string client;
  std::string text;
  std::optional<std::string> finish_reason;
  Usage usage;
  std::string model;  // as the provider reported it; empty if it did not
  int status = 0;
  std::size_t bytes_received = 0;
  bool reused_connection = false;  // the attempt ran on a connection kept from an earlier call
  AttemptTimings timings;
};

}  // namespace baml
