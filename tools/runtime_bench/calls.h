// What every measurement shares about a call: the request it sends (one short chat, the same for
// the runtime and the plain libcurl loop) and how its outcome is named and collected. Outcome
// names follow the runtime's attempt history (docs/runtime.md): "ok", "timeout:idle",
// "http:503", "connection:refused", "cancelled", ...
#pragma once

#include <chrono>
#include <future>
#include <optional>
#include <string>

#include <baml/runtime.h>

namespace runtime_bench {

const baml::Request& bench_request();

// The outcome's name for an exception that the runtime threw.
std::string outcome_name(const std::exception_ptr& error);

struct CallResult {
  std::string outcome;
  // How late the limit fired (TimeoutError::elapsed − limit), for timeouts only.
  std::optional<std::chrono::nanoseconds> lateness;
  // For a budget that refused a wait: how long after the last attempt ended the caller had its
  // error (elapsed − the attempts' durations and the waits slept between them).
  std::optional<std::chrono::nanoseconds> refusal;
};

// Waits for the call and classifies what it ended with.
CallResult collect(baml::CallFuture& future);

// Nanoseconds as fractional milliseconds / microseconds, the units the tables print.
inline double to_ms(std::chrono::nanoseconds d) {
  return std::chrono::duration<double, std::milli>(d).count();
}
inline double to_us(std::chrono::nanoseconds d) {
  return std::chrono::duration<double, std::micro>(d).count();
}

}  // namespace runtime_bench
