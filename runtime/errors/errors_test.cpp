// The error tree: messages, JSON field names, and which exception each ErrorInfo becomes.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <baml/errors.h>

#include "errors/error_json.h"

namespace baml {
namespace {

using namespace std::chrono_literals;

ErrorInfo ttft_timeout() {
  ErrorInfo info;
  info.type = ErrorType::Timeout;
  info.path = {"Primary"};
  info.timeout_kind = TimeoutKind::TimeToFirstToken;
  info.limit = 10s;
  info.elapsed = 10002ms;
  info.attempt = 1;
  info.max_attempts = 1;
  info.bytes_received = 4100;
  info.partial_text = "";
  return info;
}

TEST_CASE("a timeout message names the client, the limit, the attempt and what arrived") {
  TimeoutError error(ttft_timeout());
  CHECK(
      std::string(error.what()) ==
      "timeout: Primary: no first token after 10s (time_to_first_token_timeout 10s, attempt 1 of 1, 4.1 KB received)");
  CHECK(error.kind() == TimeoutKind::TimeToFirstToken);
  CHECK(error.limit() == 10s);
  CHECK(error.elapsed() == 10002ms);
  CHECK(error.client() == "Primary");
  CHECK(error.attempt() == 1);
  CHECK(error.bytes_received() == 4100);
}

TEST_CASE("copies and moves of an error share its facts and its message, formatted once") {
  const TimeoutError original(ttft_timeout());
  TimeoutError copy = original;
  CHECK(&copy.info() == &original.info());  // shared, not copied
  const std::string message = copy.message();
  TimeoutError moved = std::move(copy);
  CHECK(std::string(copy.what()) == message);  // a moved-from error stays usable  // NOLINT
  CHECK(moved.message() == message);
  CHECK(&original.message() == &moved.message());  // formatted once, for all of them
  CHECK(moved.kind() == TimeoutKind::TimeToFirstToken);
}

TEST_CASE("message_fields keeps exactly what the message is made from") {
  ErrorInfo cause;
  cause.type = ErrorType::Http;
  cause.path = {"Agent", "Primary"};
  cause.attempt = 2;
  cause.max_attempts = 3;
  cause.status = 503;
  cause.detail = "overloaded";
  ErrorInfo info;
  info.type = ErrorType::Timeout;
  info.function = "Extract";
  info.path = {"Agent", "Primary"};
  info.timeout_kind = TimeoutKind::Total;
  info.limit = std::chrono::milliseconds(300);
  info.elapsed = std::chrono::milliseconds(301);
  info.attempt = 2;
  info.max_attempts = 3;
  info.bytes_received = 4100;
  info.retry_after = std::chrono::milliseconds(2000);
  info.refused_wait = std::chrono::milliseconds(2000);
  info.budget_client = "Agent";
  info.composite_round = CompositeRound{"Agent", 2, 3};
  info.cause = std::make_shared<const ErrorInfo>(cause);
  info.partial_text = "what had arrived";
  info.usage.output_tokens = 12;
  const ErrorInfo kept = message_fields(info);
  CHECK(format_message(kept) == format_message(info));
  CHECK_FALSE(kept.partial_text);
  CHECK_FALSE(kept.usage.known());
  for (ErrorType type : {ErrorType::Http, ErrorType::Connection, ErrorType::FinishReason, ErrorType::Cancelled,
                         ErrorType::Config, ErrorType::Validation}) {
    info.type = type;
    info.connection_failure = ConnectionFailure::Reset;
    info.finish_reason = "length";
    info.detail = "what the provider said";
    info.status = 500;
    CHECK(format_message(message_fields(info)) == format_message(info));
  }
}

TEST_CASE("the message shows the function and the path through composites") {
  ErrorInfo info = ttft_timeout();
  info.function = "ExtractResume";
  info.path = {"Resilient", "Primary"};
  info.attempt = 2;
  info.max_attempts = 3;
  CHECK(format_message(info) ==
        "timeout: ExtractResume via Resilient \u2192 Primary: no first token after 10s "
        "(time_to_first_token_timeout 10s, attempt 2 of 3, 4.1 KB received)");
}

TEST_CASE("each timeout kind has its own wording and field name") {
  ErrorInfo info = ttft_timeout();
  info.elapsed = 1500ms;
  info.limit = 1500ms;
  info.bytes_received = 0;
  struct Case {
    TimeoutKind kind;
    const char* expected;
  };
  const Case cases[] = {
      {TimeoutKind::Connect, "not connected after 1.5s (connect_timeout 1s500ms"},
      {TimeoutKind::Idle, "no new data for 1.5s (idle_timeout 1s500ms"},
      {TimeoutKind::Request, "attempt not finished after 1.5s (request_timeout 1s500ms"},
      {TimeoutKind::Total, "call not finished after 1.5s (total_timeout 1s500ms"},
      {TimeoutKind::Deadline, "caller's deadline passed after 1.5s (deadline 1s500ms"},
  };
  for (const Case& c : cases) {
    info.timeout_kind = c.kind;
    CHECK(format_message(info).find(c.expected) != std::string::npos);
  }
}

TEST_CASE("timeout JSON uses the documented field names") {
  ErrorInfo info = ttft_timeout();
  info.partial_text = "Hel";
  info.status = 200;
  info.usage.input_tokens = 12;
  nlohmann::json json = TimeoutError(info).to_json();
  CHECK(json["type"] == "TimeoutError");
  CHECK(json["kind"] == "time_to_first_token");
  CHECK(json["client"] == "Primary");
  CHECK(json["limit_ms"] == 10000);
  CHECK(json["elapsed_ms"] == 10002);
  CHECK(json["status"] == 200);
  CHECK(json["partial_text"] == "Hel");
  CHECK(json["bytes_received"] == 4100);
  CHECK(json["usage"]["input_tokens"] == 12);
  CHECK(json["message"] == format_message(info));
}

TEST_CASE("timeout kinds serialize in snake_case") {
  CHECK(to_string(TimeoutKind::Connect) == "connect");
  CHECK(to_string(TimeoutKind::TimeToFirstToken) == "time_to_first_token");
  CHECK(to_string(TimeoutKind::Idle) == "idle");
  CHECK(to_string(TimeoutKind::Request) == "request");
  CHECK(to_string(TimeoutKind::Total) == "total");
  CHECK(to_string(TimeoutKind::Deadline) == "deadline");
}

TEST_CASE("elapsed_ms rounds down, so it is below the limit only when the limit did not pass") {
  ErrorInfo info = ttft_timeout();
  info.elapsed = 10s + 999us;
  CHECK(error_to_json(info)["elapsed_ms"] == 10000);
}

TEST_CASE("fields that do not apply are absent") {
  ErrorInfo info;
  info.type = ErrorType::Http;
  info.path = {"Primary"};
  info.status = 503;
  info.detail = "Service Unavailable";
  info.retry_after = 2s;
  info.attempt = 1;
  info.max_attempts = 1;
  nlohmann::json json = error_to_json(info);
  CHECK(json["type"] == "HttpError");
  CHECK(json["status"] == 503);
  CHECK(json["retry_after_ms"] == 2000);
  CHECK(json["message"] == "http: Primary: status 503: Service Unavailable (attempt 1 of 1, retry after 2s)");
  for (const char* absent : {"kind", "limit_ms", "elapsed_ms", "partial_text", "usage", "variable", "path"}) {
    CAPTURE(absent);
    CHECK_FALSE(json.contains(absent));
  }
}

TEST_CASE("a ConfigError made while preparing an attempt names no attempt: nothing was sent") {
  ErrorInfo config;
  config.type = ErrorType::Config;
  config.path = {"Primary"};
  config.detail = "environment variable SOME_KEY is not set (needed by option options.api_key)";
  config.variable = "SOME_KEY";
  config.attempt = 1;
  config.max_attempts = 1;
  const ConfigError error(config);
  CHECK(std::string(error.what()) ==
        "config: Primary: environment variable SOME_KEY is not set (needed by option options.api_key)");
  CHECK_FALSE(error.to_json().contains("attempt"));
  CHECK_FALSE(error.to_json().contains("max_attempts"));
  CHECK(error.to_json()["variable"] == "SOME_KEY");
}

TEST_CASE("connection, cancellation, config and finish-reason messages") {
  ErrorInfo connection;
  connection.type = ErrorType::Connection;
  connection.path = {"Local"};
  connection.connection_failure = ConnectionFailure::Refused;
  connection.detail = "Failed to connect to 127.0.0.1 port 9";
  connection.attempt = connection.max_attempts = 1;
  connection.bytes_received = 0;
  CHECK(format_message(connection) ==
        "connection: Local: connection refused: Failed to connect to 127.0.0.1 port 9 (attempt 1 of 1)");
  CHECK(error_to_json(connection)["kind"] == "refused");

  ErrorInfo cancelled;
  cancelled.type = ErrorType::Cancelled;
  cancelled.path = {"Primary"};
  cancelled.elapsed = 300ms;
  cancelled.bytes_received = 12;
  CHECK(format_message(cancelled) == "cancelled: Primary: cancelled by the caller after 300ms (12 B received)");

  ErrorInfo config;
  config.type = ErrorType::Config;
  config.detail = "IR: clients[0].name: expected a string, got 5";
  CHECK(format_message(config) == "config: IR: clients[0].name: expected a string, got 5");

  ErrorInfo finish;
  finish.type = ErrorType::FinishReason;
  finish.path = {"Primary"};
  finish.finish_reason = "length";
  CHECK(format_message(finish) ==
        "finish_reason: Primary: the model stopped with finish reason \"length\", which the client does not allow");
}

TEST_CASE("each ErrorInfo becomes its own exception, catchable through the tree") {
  auto thrown_as = [](ErrorType type) {
    ErrorInfo info;
    info.type = type;
    return make_exception(info);
  };
  CHECK_THROWS_AS(std::rethrow_exception(thrown_as(ErrorType::Timeout)), TimeoutError);
  CHECK_THROWS_AS(std::rethrow_exception(thrown_as(ErrorType::Timeout)), ClientError);
  CHECK_THROWS_AS(std::rethrow_exception(thrown_as(ErrorType::Http)), HttpError);
  CHECK_THROWS_AS(std::rethrow_exception(thrown_as(ErrorType::Connection)), ConnectionError);
  CHECK_THROWS_AS(std::rethrow_exception(thrown_as(ErrorType::FinishReason)), FinishReasonError);
  CHECK_THROWS_AS(std::rethrow_exception(thrown_as(ErrorType::FinishReason)), ClientError);
  CHECK_THROWS_AS(std::rethrow_exception(thrown_as(ErrorType::Validation)), ValidationError);
  CHECK_THROWS_AS(std::rethrow_exception(thrown_as(ErrorType::Cancelled)), CancelledError);
  CHECK_THROWS_AS(std::rethrow_exception(thrown_as(ErrorType::Config)), ConfigError);
  CHECK_THROWS_AS(std::rethrow_exception(thrown_as(ErrorType::Config)), Error);
  CHECK_THROWS_AS(std::rethrow_exception(thrown_as(ErrorType::Cancelled)), std::exception);
}

TEST_CASE("byte counts print in decimal units") {
  CHECK(format_bytes(0) == "0 B");
  CHECK(format_bytes(999) == "999 B");
  CHECK(format_bytes(4100) == "4.1 KB");
  CHECK(format_bytes(2'345'678) == "2.3 MB");
}

}  // namespace
}  // namespace baml
