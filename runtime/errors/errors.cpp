// The exception classes and the one switch that picks the class for an ErrorInfo (see errors.h).
#include <baml/errors.h>

#include <nlohmann/json.hpp>

#include "errors/error_json.h"

namespace baml {

Error::Error(ErrorInfo info) : state_(std::make_shared<State>(std::move(info))) {}

const std::string& Error::message() const {
  std::call_once(state_->formatted, [this] { state_->message = format_message(state_->info); });
  return state_->message;
}

const char* Error::what() const noexcept {
  try {
    return message().c_str();
  } catch (...) {
    // Only an allocation can fail here; what() must not throw.
    return "bamlc runtime error (its message could not be formatted)";
  }
}

nlohmann::json Error::to_json() const {
  return error_to_json(state_->info);
}

const std::string& ClientError::partial_text() const {
  static const std::string none;
  return info().partial_text ? *info().partial_text : none;
}

const std::string& FinishReasonError::finish_reason() const {
  static const std::string none;
  return info().finish_reason ? *info().finish_reason : none;
}

std::exception_ptr make_exception(ErrorInfo info) {
  switch (info.type) {
    case ErrorType::Timeout: return std::make_exception_ptr(TimeoutError(std::move(info)));
    case ErrorType::Http: return std::make_exception_ptr(HttpError(std::move(info)));
    case ErrorType::Connection: return std::make_exception_ptr(ConnectionError(std::move(info)));
    case ErrorType::FinishReason: return std::make_exception_ptr(FinishReasonError(std::move(info)));
    case ErrorType::Validation: return std::make_exception_ptr(ValidationError(std::move(info)));
    case ErrorType::Cancelled: return std::make_exception_ptr(CancelledError(std::move(info)));
    case ErrorType::Config: return std::make_exception_ptr(ConfigError(std::move(info)));
    case ErrorType::InvalidArgument: return std::make_exception_ptr(InvalidArgumentError(std::move(info)));
    case ErrorType::Template: return std::make_exception_ptr(TemplateError(std::move(info)));
  }
  return std::make_exception_ptr(Error(std::move(info)));
}

void throw_error(ErrorInfo info) {
  std::rethrow_exception(make_exception(std::move(info)));
}

void throw_invalid_argument(std::string detail) {
  ErrorInfo info;
  info.type = ErrorType::InvalidArgument;
  info.detail = std::move(detail);
  throw_error(std::move(info));
}

void throw_template_error(std::string detail) {
  ErrorInfo info;
  info.type = ErrorType::Template;
  info.detail = std::move(detail);
  throw_error(std::move(info));
}

void throw_config_error(std::string detail, std::string client) {
  ErrorInfo info;
  info.type = ErrorType::Config;
  info.detail = std::move(detail);
  if (!client.empty()) info.path.push_back(std::move(client));
  throw_error(std::move(info));
}

}  // namespace baml
