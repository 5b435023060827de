// The one message format of every runtime error (see <baml/error_info.h>).
#include <baml/error_info.h>

#include <cstdio>

#include <baml/duration.h>

namespace baml {

const std::string& ErrorInfo::client() const {
  static const std::string none;
  return path.empty() ? none : path.back();
}

std::string format_bytes(std::size_t bytes) {
  if (bytes < 1000) return std::to_string(bytes) + " B";
  char buffer[32];
  const double kb = static_cast<double>(bytes) / 1000.0;
  if (kb < 1000.0) {
    std::snprintf(buffer, sizeof buffer, "%.1f KB", kb);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.1f MB", kb / 1000.0);
  }
  return buffer;
}

namespace {

// "ExtractResume via Resilient → Primary", "Primary", or "" when there is nothing to name.
std::string call_context(const ErrorInfo& info) {
  std::string path;
  for (const std::string& client : info.path) {
    if (!path.empty()) path += " \u2192 ";
    path += client;
  }
  if (info.function.empty()) return path;
  if (path.empty()) return info.function;
  return info.function + " via " + path;
}

// "Agent round 2 of 3, " when a composite above the leaf repeats its strategy, else "".
std::string round_fact(const ErrorInfo& info) {
  return info.composite_round ? round_phrase(*info.composite_round) + ", " : "";
}

// A budget error's cause, named the way an attempt's record is: "Agent → Primary (attempt 2 of 4):
// http". The function is left out: the budget error's own context names it.
std::string attempt_context(const ErrorInfo& cause) {
  std::string out;
  for (const std::string& client : cause.path) {
    if (!out.empty()) out += " \u2192 ";
    out += client;
  }
  if (cause.attempt > 0) {
    out += " (" + round_fact(cause) + "attempt " + std::to_string(cause.attempt) + " of " +
           std::to_string(cause.max_attempts > 0 ? cause.max_attempts : cause.attempt) + ")";
  }
  return out + ": " + std::string(to_string(cause.type));
}

// What happened, e.g. "no first token after 10s".
std::string timeout_phrase(TimeoutKind kind, const std::string& elapsed) {
  switch (kind) {
    case TimeoutKind::Connect: return "not connected after " + elapsed;
    case TimeoutKind::TimeToFirstToken: return "no first token after " + elapsed;
    case TimeoutKind::Idle: return "no new data for " + elapsed;
    case TimeoutKind::Request: return "attempt not finished after " + elapsed;
    case TimeoutKind::Total: return "call not finished after " + elapsed;
    case TimeoutKind::Deadline: return "caller's deadline passed after " + elapsed;
  }
  return "timed out after " + elapsed;
}

std::string_view connection_phrase(ConnectionFailure failure) {
  switch (failure) {
    case ConnectionFailure::NameLookup: return "name lookup failed";
    case ConnectionFailure::Refused: return "connection refused";
    case ConnectionFailure::Reset: return "connection lost";
    case ConnectionFailure::Tls: return "TLS failure";
    case ConnectionFailure::Other: return "connection failed";
  }
  return "connection failed";
}

// The body of the message after "type: context: ".
std::string what_happened(const ErrorInfo& info) {
  const std::string elapsed = info.elapsed ? format_elapsed(*info.elapsed) : std::string("?");
  switch (info.type) {
    case ErrorType::Timeout:
      if (info.refused_wait) {
        return "gave up after " + elapsed + ": waiting " + format_duration(*info.refused_wait) +
               " to retry would outlast the budget";
      }
      return timeout_phrase(info.timeout_kind.value_or(TimeoutKind::Request), elapsed);
    case ErrorType::Http: {
      std::string text = "status " + (info.status ? std::to_string(*info.status) : std::string("?"));
      if (!info.detail.empty()) text += ": " + info.detail;
      return text;
    }
    case ErrorType::Connection: {
      std::string text(connection_phrase(info.connection_failure.value_or(ConnectionFailure::Other)));
      if (!info.detail.empty()) text += ": " + info.detail;
      return text;
    }
    case ErrorType::FinishReason:
      return "the model stopped with finish reason \"" + info.finish_reason.value_or("") +
             "\", which the client does not allow";
    case ErrorType::Cancelled: {
      // `detail` names another cause, such as the runtime shutting down.
      const std::string cause = info.detail.empty() ? std::string("cancelled by the caller") : info.detail;
      return info.elapsed ? cause + " after " + elapsed : cause;
    }
    case ErrorType::Validation:
    case ErrorType::Config:
    case ErrorType::InvalidArgument:
    case ErrorType::Template: return info.detail;
  }
  return info.detail;
}

// The parenthesised facts: the limit, the attempt, what arrived.
std::string facts(const ErrorInfo& info) {
  std::vector<std::string> parts;
  if (info.type == ErrorType::Timeout && info.timeout_kind && info.limit) {
    std::string limit = std::string(limit_field_name(*info.timeout_kind)) + " " + format_duration(*info.limit);
    // A composite's total_timeout cutting a leaf's attempt: say whose limit it is.
    if (info.budget_client && *info.budget_client != info.client()) limit += " of " + *info.budget_client;
    parts.push_back(std::move(limit));
  }
  if (made_attempt(info)) {
    parts.push_back(round_fact(info) + "attempt " + std::to_string(info.attempt) + " of " +
                    std::to_string(info.max_attempts > 0 ? info.max_attempts : info.attempt));
  }
  if (info.retry_after) parts.push_back("retry after " + format_duration(*info.retry_after));
  const bool shows_bytes = info.type == ErrorType::Timeout || info.type == ErrorType::Cancelled ||
                           (info.type == ErrorType::Connection && info.bytes_received.value_or(0) > 0);
  if (shows_bytes && info.bytes_received) parts.push_back(format_bytes(*info.bytes_received) + " received");
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out;
}

}  // namespace

bool made_attempt(const ErrorInfo& info) {
  // A configuration error stops the attempt before its request is built: nothing was sent.
  return info.attempt > 0 && info.type != ErrorType::Config;
}

std::string format_message(const ErrorInfo& info) {
  std::string message(to_string(info.type));
  message += ": ";
  const std::string context = call_context(info);
  if (!context.empty()) message += context + ": ";
  message += what_happened(info);
  const std::string parenthesised = facts(info);
  if (!parenthesised.empty()) message += " (" + parenthesised + ")";
  if (info.cause) message += "; last attempt " + attempt_context(*info.cause) + ": " + what_happened(*info.cause);
  return message;
}

ErrorInfo message_fields(const ErrorInfo& info) {
  ErrorInfo out;
  out.type = info.type;
  out.function = info.function;
  out.path = info.path;
  out.detail = info.detail;
  out.attempt = info.attempt;
  out.max_attempts = info.max_attempts;
  out.timeout_kind = info.timeout_kind;
  out.limit = info.limit;
  out.elapsed = info.elapsed;
  out.status = info.status;
  out.retry_after = info.retry_after;
  out.connection_failure = info.connection_failure;
  out.finish_reason = info.finish_reason;
  out.bytes_received = info.bytes_received;
  out.refused_wait = info.refused_wait;
  out.cause = info.cause;
  out.budget_client = info.budget_client;
  out.composite_round = info.composite_round;
  return out;
}

}  // namespace baml
