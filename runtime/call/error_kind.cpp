// The names of the closed sets that name a failure (see <baml/error_kind.h>).
#include <baml/error_kind.h>

namespace baml {

std::string_view to_string(ErrorType type) {
  switch (type) {
    case ErrorType::Timeout: return "timeout";
    case ErrorType::Http: return "http";
    case ErrorType::Connection: return "connection";
    case ErrorType::FinishReason: return "finish_reason";
    case ErrorType::Validation: return "validation";
    case ErrorType::Cancelled: return "cancelled";
    case ErrorType::Config: return "config";
    case ErrorType::InvalidArgument: return "invalid_argument";
    case ErrorType::Template: return "template";
  }
  return "unknown";
}

std::string_view exception_name(ErrorType type) {
  switch (type) {
    case ErrorType::Timeout: return "TimeoutError";
    case ErrorType::Http: return "HttpError";
    case ErrorType::Connection: return "ConnectionError";
    case ErrorType::FinishReason: return "FinishReasonError";
    case ErrorType::Validation: return "ValidationError";
    case ErrorType::Cancelled: return "CancelledError";
    case ErrorType::Config: return "ConfigError";
    case ErrorType::InvalidArgument: return "InvalidArgumentError";
    case ErrorType::Template: return "TemplateError";
  }
  return "Error";
}

std::string_view to_string(TimeoutKind kind) {
  switch (kind) {
    case TimeoutKind::Connect: return "connect";
    case TimeoutKind::TimeToFirstToken: return "time_to_first_token";
    case TimeoutKind::Idle: return "idle";
    case TimeoutKind::Request: return "request";
    case TimeoutKind::Total: return "total";
    case TimeoutKind::Deadline: return "deadline";
  }
  return "unknown";
}

std::string_view to_string(ConnectionFailure failure) {
  switch (failure) {
    case ConnectionFailure::NameLookup: return "name_lookup";
    case ConnectionFailure::Refused: return "refused";
    case ConnectionFailure::Reset: return "reset";
    case ConnectionFailure::Tls: return "tls";
    case ConnectionFailure::Other: return "other";
  }
  return "unknown";
}

std::string_view limit_field_name(TimeoutKind kind) {
  switch (kind) {
    case TimeoutKind::Connect: return "connect_timeout";
    case TimeoutKind::TimeToFirstToken: return "time_to_first_token_timeout";
    case TimeoutKind::Idle: return "idle_timeout";
    case TimeoutKind::Request: return "request_timeout";
    case TimeoutKind::Total: return "total_timeout";
    case TimeoutKind::Deadline: return "deadline";
  }
  return "unknown";
}

}  // namespace baml
