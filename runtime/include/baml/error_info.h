// Errors as data. Inside the runtime a failure is an ErrorInfo value that the engine and the
// strategy layer pass around and inspect; only at the API boundary does it become one of the
// typed exceptions of errors.h, which carry it unchanged. The message text and the JSON form are
// both derived from this one struct, so they can never disagree.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <baml/error_kind.h>
#include <baml/response.h>
#include <baml/value.h>

namespace baml {

struct ErrorInfo {
  ErrorType type = ErrorType::Config;
  std::string function;           // the BAML function called, if known
  std::vector<std::string> path;  // composite clients down to the leaf that failed (back())
  std::string detail;             // what happened, in words: provider message, libcurl error, ...

  // The attempt that failed, counted from 1; 0 when the error is not an attempt's.
  int attempt = 0;
  int max_attempts = 0;

  // Timeout: which limit, its configured value, and the time elapsed since the instant that
  // limit is measured from (attempt start, request sent, last data, call start).
  std::optional<TimeoutKind> timeout_kind;
  std::optional<std::chrono::milliseconds> limit;
  std::optional<std::chrono::nanoseconds> elapsed;

  std::optional<int> status;  // HTTP status, once one was received
  std::optional<std::chrono::milliseconds> retry_after;
  std::optional<ConnectionFailure> connection_failure;
  std::optional<std::string> finish_reason;

  // What had arrived when the attempt ended.
  std::optional<std::string> partial_text;
  std::optional<std::size_t> bytes_received;
  Usage usage;

  std::optional<std::string> variable;    // ConfigError: the missing environment variable
  std::optional<std::string> raw_output;  // ValidationError / FinishReasonError: the model's output
  std::optional<std::string> target_type;  // ValidationError: the type the output had to fit
  // A function's stream cut short (a timeout, a cancellation): the last partial value it gave.
  std::optional<Value> partial_value;

  // The failed attempt's phase instants, when the error is an attempt's.
  std::optional<AttemptTimings> timings;

  // A budget's timeout (kind total or deadline) that ended the call between attempts: the wait
  // that was refused because it would have outlasted the budget (absent when the budget passed
  // during an attempt), and the last attempt's error, which the budget kept from being retried.
  std::optional<std::chrono::milliseconds> refused_wait;
  std::shared_ptr<const ErrorInfo> cause;
  // Whose total_timeout the budget is, when it is a client's rather than the caller's.
  std::optional<std::string> budget_client;

  // The round of the innermost composite above the leaf that repeats its strategy, if any.
  std::optional<CompositeRound> composite_round;

  // Every attempt of the call, in order (the failed one last, unless the budget ended the call
  // between attempts).
  std::vector<AttemptRecord> attempts;

  // The leaf client, or "" when the error belongs to no client.
  const std::string& client() const;
};

// Whether the error is an attempt's that really ran: it has an attempt number and is not a
// ConfigError (an option that cannot be resolved stops an attempt before anything is sent, so
// its message and JSON carry no "attempt N of M"; the call's attempt history still lists it).
bool made_attempt(const ErrorInfo& info);

// `timeout: Fn via Agent → Primary: no first token after 10s (time_to_first_token_timeout 10s,
// attempt 1 of 1, 4.1 KB received)`.
std::string format_message(const ErrorInfo& info);

// A copy of what format_message reads of `info` and nothing else (no partial text, usage, timings
// or attempts), to make the message later: format_message(message_fields(e)) == format_message(e).
ErrorInfo message_fields(const ErrorInfo& info);

// "512 B", "4.1 KB", "2.3 MB" (decimal units).
std::string format_bytes(std::size_t bytes);

}  // namespace baml
