// Errors as data. Inside the runtime a failure is an ErrorInfo value that the engine and (later)
// the strategy layer pass around and inspect; only at the API boundary does it become one of the
// typed exceptions of errors.h, which carry it unchanged. The message text and the JSON form are
// both derived from this one struct, so they can never disagree.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "call/response.h"

namespace baml {

// Which exception an ErrorInfo becomes (errors.h).
enum class ErrorType { Timeout, Http, Connection, FinishReason, Validation, Cancelled, Config };

// Which limit fired. Per attempt: Connect, TimeToFirstToken, Idle, Request; for the whole call:
// Total (a declared total_timeout) and Deadline (the caller's timeout or deadline).
// (GCC 12 wrongly reports a scoped enumerator as shadowing the type baml::Deadline.)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wshadow"
enum class TimeoutKind { Connect, TimeToFirstToken, Idle, Request, Total, Deadline };
#pragma GCC diagnostic pop

// Why a connection failed, as far as libcurl tells.
enum class ConnectionFailure { NameLookup, Refused, Reset, Tls, Other };

std::string_view to_string(ErrorType type);             // "timeout", "http", ...
std::string_view exception_name(ErrorType type);        // "TimeoutError", "HttpError", ...
std::string_view to_string(TimeoutKind kind);           // "connect", "time_to_first_token", ...
std::string_view to_string(ConnectionFailure failure);  // "name_lookup", "refused", ...
std::string_view limit_field_name(TimeoutKind kind);    // "connect_timeout", ..., "deadline"

// One attempt of a call, as the error's history shows it.
struct AttemptRecord {
  std::string client;
  std::string outcome;  // "ok", or the error's type/kind, e.g. "timeout:idle", "http:503"
  std::chrono::nanoseconds elapsed{0};
  std::optional<int> status;
};

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
  std::vector<AttemptRecord> attempts;

  // The leaf client, or "" when the error belongs to no client.
  const std::string& client() const;
};

// `timeout: Fn via Agent → Primary: no first token after 10s (time_to_first_token_timeout 10s,
// attempt 1 of 1, 4.1 KB received)`.
std::string format_message(const ErrorInfo& info);

// "512 B", "4.1 KB", "2.3 MB" (decimal units).
std::string format_bytes(std::size_t bytes);

}  // namespace baml
