// The typed exceptions of the runtime's API (RUNTIME.md, "Errors"). Each carries the ErrorInfo it
// was made from; the subclasses only add typed accessors for the fields that matter to them.
//
//   Error ─┬─ ClientError ─┬─ TimeoutError      which limit fired, its value, the time elapsed
//          │               ├─ HttpError         status, provider's message, Retry-After
//          │               ├─ ConnectionError   name lookup, refused, reset, TLS
//          │               └─ FinishReasonError a finish reason the client disallows
//          ├─ ValidationError                   output that does not fit the return type
//          ├─ CancelledError                    the caller cancelled
//          ├─ ConfigError                       e.g. a missing environment variable
//          ├─ InvalidArgumentError              an argument that does not fit its parameter
//          └─ TemplateError                     a prompt or check that failed to evaluate
#pragma once

#include <exception>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include <baml/error_info.h>

namespace baml {

// An error's facts are fixed when it is made and shared by its copies (an exception is copied as
// it travels: into an exception_ptr, through a future). Its message is formatted when first asked
// for, on the thread that asks: a call that fails on the engine's loop (Runtime::submit) costs the
// loop no message formatting, so the loop reports the next call's limit sooner.
class Error : public std::exception {
 public:
  explicit Error(ErrorInfo info);
  // Copies share the state; declared so that a move copies too (a moved-from error stays usable).
  Error(const Error&) = default;
  Error& operator=(const Error&) = default;
  ~Error() override = default;

  const char* what() const noexcept override;
  const std::string& message() const;
  ErrorType type() const { return state_->info.type; }
  const ErrorInfo& info() const { return state_->info; }
  nlohmann::json to_json() const;

 private:
  struct State {
    explicit State(ErrorInfo i) : info(std::move(i)) {}
    const ErrorInfo info;
    std::once_flag formatted;
    std::string message;
  };
  std::shared_ptr<State> state_;
};

class ClientError : public Error {
 public:
  using Error::Error;
  const std::string& client() const { return info().client(); }
  const std::vector<std::string>& path() const { return info().path; }
  const std::vector<AttemptRecord>& attempts() const { return info().attempts; }
  int attempt() const { return info().attempt; }
  // What had arrived of an answer before the failure (a stream's text, or the raw body of a 2xx
  // response cut short or malformed); empty when nothing had. An HttpError for an error status
  // has none: its body is the provider's error, in provider_message() and the message.
  const std::string& partial_text() const;
  std::size_t bytes_received() const { return info().bytes_received.value_or(0); }
  const Usage& usage() const { return info().usage; }
};

class TimeoutError : public ClientError {
 public:
  using ClientError::ClientError;
  TimeoutKind kind() const { return info().timeout_kind.value_or(TimeoutKind::Request); }
  std::chrono::milliseconds limit() const { return info().limit.value_or(std::chrono::milliseconds::zero()); }
  std::chrono::nanoseconds elapsed() const { return info().elapsed.value_or(std::chrono::nanoseconds::zero()); }
};

class HttpError : public ClientError {
 public:
  using ClientError::ClientError;
  int status() const { return info().status.value_or(0); }
  const std::string& provider_message() const { return info().detail; }
  std::optional<std::chrono::milliseconds> retry_after() const { return info().retry_after; }
};

class ConnectionError : public ClientError {
 public:
  using ClientError::ClientError;
  ConnectionFailure failure() const { return info().connection_failure.value_or(ConnectionFailure::Other); }
};

class FinishReasonError : public ClientError {
 public:
  using ClientError::ClientError;
  const std::string& finish_reason() const;
};

class ValidationError : public Error {
 public:
  using Error::Error;
};

class CancelledError : public Error {
 public:
  using Error::Error;
};

class ConfigError : public Error {
 public:
  using Error::Error;
};

// An argument of a function call that does not fit its parameter, an unknown or missing
// parameter; raised before anything is rendered or sent. The message names the parameter and
// the path inside it (`resume.experience[1].start: expected string, got 2019`).
class InvalidArgumentError : public Error {
 public:
  using Error::Error;
};

// A template that failed while it was evaluated: an unknown filter, a bad filter argument, a
// limit on output size, loop steps or macro depth reached.
class TemplateError : public Error {
 public:
  using Error::Error;
};

// The exception matching `info.type`, as an exception_ptr (for futures) or thrown.
std::exception_ptr make_exception(ErrorInfo info);
[[noreturn]] void throw_error(ErrorInfo info);

// A ConfigError with just a message, for the many places that need one.
[[noreturn]] void throw_config_error(std::string detail, std::string client = {});
[[noreturn]] void throw_invalid_argument(std::string detail);
[[noreturn]] void throw_template_error(std::string detail);

}  // namespace baml
