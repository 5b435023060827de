// Sorting failures into the retry classes (see failure_class.h).
#include "strategy/failure_class.h"

#include <algorithm>

namespace baml {

namespace {

bool request_was_sent(const ErrorInfo& failure) {
  return failure.timings && failure.timings->request_sent.has_value();
}

std::optional<RetryClass> timeout_class(const ErrorInfo& failure) {
  switch (failure.timeout_kind.value_or(TimeoutKind::Request)) {
    case TimeoutKind::Connect: return RetryClass::Connect;
    case TimeoutKind::Request: return request_was_sent(failure) ? RetryClass::Timeout : RetryClass::Connect;
    case TimeoutKind::TimeToFirstToken:
    case TimeoutKind::Idle:
    // Reaches a retry decision only in a composite whose own budget has not passed: the child's
    // slot (its total, or a wait it refused) timed out.
    case TimeoutKind::Total:
    case TimeoutKind::Deadline: return RetryClass::Timeout;
  }
  return RetryClass::Timeout;
}

std::optional<RetryClass> http_class(const ErrorInfo& failure) {
  const int status = failure.status.value_or(0);
  if (status == 429) return RetryClass::RateLimit;
  if (status == 408 || status == 409 || (status >= 500 && status <= 599)) return RetryClass::Server;
  // A 2xx whose body was malformed or that carried an error event mid-stream.
  if (status >= 200 && status <= 299) return RetryClass::Server;
  return std::nullopt;
}

}  // namespace

bool ends_call(const ErrorInfo& failure) {
  switch (failure.type) {
    case ErrorType::Cancelled:
    case ErrorType::Config:
    case ErrorType::FinishReason:
    case ErrorType::Validation:
    case ErrorType::InvalidArgument:
    case ErrorType::Template: return true;
    case ErrorType::Timeout:
    case ErrorType::Http:
    case ErrorType::Connection: return false;
  }
  return true;
}

std::optional<RetryClass> retry_class(const ErrorInfo& failure) {
  switch (failure.type) {
    case ErrorType::Timeout: return timeout_class(failure);
    case ErrorType::Http: return http_class(failure);
    case ErrorType::Connection: return request_was_sent(failure) ? RetryClass::Server : RetryClass::Connect;
    case ErrorType::FinishReason:
    case ErrorType::Validation:
    case ErrorType::Cancelled:
    case ErrorType::Config:
    case ErrorType::InvalidArgument:
    case ErrorType::Template: return std::nullopt;
  }
  return std::nullopt;
}

bool retried_by(const RetryPolicySpec& policy, const ErrorInfo& failure) {
  const std::optional<RetryClass> cls = retry_class(failure);
  return cls && std::find(policy.retry_on.begin(), policy.retry_on.end(), *cls) != policy.retry_on.end();
}

bool is_budget_timeout(const ErrorInfo& failure) {
  return failure.type == ErrorType::Timeout &&
         (failure.timeout_kind == TimeoutKind::Total || failure.timeout_kind == TimeoutKind::Deadline);
}

}  // namespace baml
