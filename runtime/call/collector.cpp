// The collector's store and its JSON form (see collector.h).
#include <baml/collector.h>

#include "call/utf8.h"

namespace baml {

void Collector::add(CallRecord record) {
  std::lock_guard lock(mutex_);
  calls_.push_back(std::move(record));
}

std::vector<CallRecord> Collector::calls() const {
  std::lock_guard lock(mutex_);
  return calls_;
}

std::optional<CallRecord> Collector::last() const {
  std::lock_guard lock(mutex_);
  if (calls_.empty()) return std::nullopt;
  return calls_.back();
}

void Collector::clear() {
  std::lock_guard lock(mutex_);
  calls_.clear();
}

nlohmann::json Collector::to_json() const {
  nlohmann::json out = nlohmann::json::array();
  for (const CallRecord& call : calls()) {
    nlohmann::json entry = {{"client", call.client},
                            {"outcome", call.outcome == AttemptOutcome::Ok ? "ok" : "error"},
                            {"elapsed_ms", std::chrono::floor<std::chrono::milliseconds>(call.elapsed).count()},
                            {"attempts", attempts_to_json(call.attempts)}};
    if (!call.function.empty()) entry["function"] = call.function;
    if (call.error_type) entry["error_type"] = exception_name(*call.error_type);
    if (call.timeout_kind) entry["kind"] = to_string(*call.timeout_kind);
    if (!call.message.empty()) entry["message"] = call.message;
    if (call.usage.known()) entry["usage"] = usage_to_json(call.usage);
    out.push_back(std::move(entry));
  }
  make_utf8(out);  // a server's bytes (in messages) need not be UTF-8; JSON must
  return out;
}

Usage total_usage(const std::vector<AttemptRecord>& attempts) {
  Usage total;
  auto add = [](std::optional<std::int64_t>& sum, const std::optional<std::int64_t>& value) {
    if (value) sum = sum.value_or(0) + *value;
  };
  for (const AttemptRecord& record : attempts) {
    add(total.input_tokens, record.usage.input_tokens);
    add(total.output_tokens, record.usage.output_tokens);
  }
  return total;
}

}  // namespace baml
