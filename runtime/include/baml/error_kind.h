// The closed sets that name a failure: which exception it becomes, which limit fired, why a
// connection failed. They live apart from ErrorInfo because an attempt's record (a plain type of
// a call, carried by successful Responses too) names its outcome with them.
#pragma once

#include <string_view>

namespace baml {

// Which exception an ErrorInfo becomes (errors.h).
enum class ErrorType { Timeout, Http, Connection, FinishReason, Validation, Cancelled, Config, InvalidArgument, Template };

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

}  // namespace baml
