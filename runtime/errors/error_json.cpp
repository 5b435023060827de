// ErrorInfo to JSON (see error_json.h). Durations are whole milliseconds; an elapsed time is
// rounded down, so `elapsed_ms >= limit_ms` holds exactly when the limit really passed.
#include "errors/error_json.h"

#include <baml/value_json.h>

#include "call/utf8.h"

namespace baml {

namespace {

std::int64_t floor_ms(std::chrono::nanoseconds d) {
  return std::chrono::floor<std::chrono::milliseconds>(d).count();
}

}  // namespace

nlohmann::json error_to_json(const ErrorInfo& info) {
  nlohmann::json out = nlohmann::json::object();
  out["type"] = exception_name(info.type);  // the class a C++ caller catches
  if (info.timeout_kind) out["kind"] = to_string(*info.timeout_kind);
  if (info.connection_failure) out["kind"] = to_string(*info.connection_failure);
  if (!info.client().empty()) out["client"] = info.client();
  if (info.path.size() > 1) out["path"] = info.path;
  if (!info.function.empty()) out["function"] = info.function;
  if (info.limit) out["limit_ms"] = info.limit->count();
  if (info.elapsed) out["elapsed_ms"] = floor_ms(*info.elapsed);
  if (made_attempt(info)) {
    out["attempt"] = info.attempt;
    out["max_attempts"] = info.max_attempts;
    if (info.composite_round) out["round"] = round_to_json(*info.composite_round);
  }
  if (info.status) out["status"] = *info.status;
  if (info.retry_after) out["retry_after_ms"] = info.retry_after->count();
  out["message"] = format_message(info);
  if (!info.detail.empty()) out["detail"] = info.detail;
  if (info.finish_reason) out["finish_reason"] = *info.finish_reason;
  if (info.partial_text) out["partial_text"] = *info.partial_text;
  if (info.bytes_received) out["bytes_received"] = *info.bytes_received;
  if (info.usage.known()) out["usage"] = usage_to_json(info.usage);
  if (info.variable) out["variable"] = *info.variable;
  if (info.raw_output) out["raw_output"] = *info.raw_output;
  if (info.target_type) out["target_type"] = *info.target_type;
  if (info.partial_value) out["partial_value"] = to_json(*info.partial_value);
  if (info.refused_wait) out["refused_wait_ms"] = info.refused_wait->count();
  if (info.budget_client) out["budget_client"] = *info.budget_client;
  if (info.cause) out["cause"] = error_to_json(*info.cause);
  if (!info.attempts.empty()) out["attempts"] = attempts_to_json(info.attempts);
  make_utf8(out);  // a server's bytes (its message, partial text) need not be UTF-8; JSON must
  return out;
}

}  // namespace baml
