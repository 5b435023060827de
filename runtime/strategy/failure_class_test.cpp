// Which failures the strategy retries, under which retry_on class, and which end the call.
#include "strategy/failure_class.h"

#include <doctest/doctest.h>

namespace baml {
namespace {

using namespace std::chrono_literals;

ErrorInfo failure(ErrorType type) {
  ErrorInfo info;
  info.type = type;
  return info;
}

ErrorInfo http(int status) {
  ErrorInfo info = failure(ErrorType::Http);
  info.status = status;
  return info;
}

ErrorInfo timeout(TimeoutKind kind, bool sent) {
  ErrorInfo info = failure(ErrorType::Timeout);
  info.timeout_kind = kind;
  info.timings = AttemptTimings{};
  if (sent) info.timings->request_sent = 1ms;
  return info;
}

ErrorInfo connection(bool sent) {
  ErrorInfo info = failure(ErrorType::Connection);
  info.connection_failure = sent ? ConnectionFailure::Reset : ConnectionFailure::Refused;
  info.timings = AttemptTimings{};
  if (sent) info.timings->request_sent = 1ms;
  return info;
}

RetryPolicySpec retrying(std::vector<RetryClass> classes) {
  RetryPolicySpec policy;
  policy.max_retries = 2;
  policy.retry_on = std::move(classes);
  return policy;
}

TEST_CASE("HTTP statuses: 429 rate_limit; 408, 409 and 5xx server; other 4xx never") {
  CHECK(retry_class(http(429)) == RetryClass::RateLimit);
  for (int status : {408, 409, 500, 502, 503, 504, 529}) {
    CAPTURE(status);
    CHECK(retry_class(http(status)) == RetryClass::Server);
  }
  for (int status : {400, 401, 403, 404, 413, 422}) {
    CAPTURE(status);
    CHECK_FALSE(retry_class(http(status)).has_value());
    CHECK_FALSE(ends_call(http(status)));  // but a fallback moves on from them
  }
  CHECK(retry_class(http(200)) == RetryClass::Server);  // a malformed body or an in-stream error event
}

TEST_CASE("timeouts: connect before sending, timeout after") {
  CHECK(retry_class(timeout(TimeoutKind::Connect, false)) == RetryClass::Connect);
  CHECK(retry_class(timeout(TimeoutKind::Request, false)) == RetryClass::Connect);
  CHECK(retry_class(timeout(TimeoutKind::Request, true)) == RetryClass::Timeout);
  CHECK(retry_class(timeout(TimeoutKind::TimeToFirstToken, true)) == RetryClass::Timeout);
  CHECK(retry_class(timeout(TimeoutKind::Idle, true)) == RetryClass::Timeout);
  CHECK(is_budget_timeout(timeout(TimeoutKind::Total, true)));
  CHECK(is_budget_timeout(timeout(TimeoutKind::Deadline, true)));
  CHECK_FALSE(is_budget_timeout(timeout(TimeoutKind::Idle, true)));
}

TEST_CASE("connection failures: connect if nothing was sent, server if the request had gone out") {
  CHECK(retry_class(connection(false)) == RetryClass::Connect);
  CHECK(retry_class(connection(true)) == RetryClass::Server);
}

TEST_CASE("cancellation, configuration, finish reason and validation end the call") {
  for (ErrorType type : {ErrorType::Cancelled, ErrorType::Config, ErrorType::FinishReason, ErrorType::Validation}) {
    CAPTURE(to_string(type));
    CHECK(ends_call(failure(type)));
    CHECK_FALSE(retry_class(failure(type)).has_value());
    CHECK_FALSE(
        retried_by(retrying({RetryClass::Connect, RetryClass::Timeout, RetryClass::RateLimit, RetryClass::Server}),
                   failure(type)));
  }
  for (ErrorType type : {ErrorType::Timeout, ErrorType::Http, ErrorType::Connection}) {
    CHECK_FALSE(ends_call(failure(type)));
  }
}

TEST_CASE("retry_on narrows what a policy retries") {
  const RetryPolicySpec safe = retrying({RetryClass::Connect});
  CHECK(retried_by(safe, connection(false)));
  CHECK(retried_by(safe, timeout(TimeoutKind::Connect, false)));
  CHECK_FALSE(retried_by(safe, timeout(TimeoutKind::TimeToFirstToken, true)));
  CHECK_FALSE(retried_by(safe, http(503)));
  CHECK_FALSE(retried_by(safe, http(429)));
  const RetryPolicySpec limits = retrying({RetryClass::RateLimit});
  CHECK(retried_by(limits, http(429)));
  CHECK_FALSE(retried_by(limits, http(503)));
  CHECK_FALSE(retried_by(retrying({}), http(503)));
}

}  // namespace
}  // namespace baml
