// The JSON and text forms of an attempt's record (see attempt_record.h). Durations are whole
// milliseconds rounded down, as in the error JSON.
#include <baml/attempt_record.h>

#include <baml/duration.h>

#include "call/utf8.h"

namespace baml {

namespace {

std::int64_t floor_ms(std::chrono::nanoseconds d) {
  return std::chrono::floor<std::chrono::milliseconds>(d).count();
}

std::string join_path(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& client : path) {
    if (!out.empty()) out += " \u2192 ";
    out += client;
  }
  return out;
}

std::string_view outcome_name(AttemptOutcome outcome) {
  switch (outcome) {
    case AttemptOutcome::Ok: return "ok";
    case AttemptOutcome::Error: return "error";
  }
  return "error";
}

}  // namespace

std::string round_phrase(const CompositeRound& round) {
  return round.client + " round " + std::to_string(round.round) + " of " + std::to_string(round.of);
}

nlohmann::json round_to_json(const CompositeRound& round) {
  return {{"client", round.client}, {"round", round.round}, {"of", round.of}};
}

const std::string& AttemptRecord::client() const {
  static const std::string none;
  return path.empty() ? none : path.back();
}

nlohmann::json attempt_to_json(const AttemptRecord& record) {
  nlohmann::json out = {{"client", record.client()},
                        {"path", record.path},
                        {"attempt", record.attempt},
                        {"of", record.of},
                        {"outcome", outcome_name(record.outcome)}};
  if (record.composite_round) out["round"] = round_to_json(*record.composite_round);
  if (record.error_type) out["error_type"] = exception_name(*record.error_type);
  if (record.timeout_kind) out["kind"] = to_string(*record.timeout_kind);
  if (record.connection_failure) out["kind"] = to_string(*record.connection_failure);
  if (record.status) out["status"] = *record.status;
  if (record.wait_before) out["wait_before_ms"] = record.wait_before->count();
  if (record.timings.connect) out["connect_ms"] = floor_ms(*record.timings.connect);
  if (record.timings.first_token) out["first_token_ms"] = floor_ms(*record.timings.first_token);
  out["elapsed_ms"] = floor_ms(record.timings.total);
  if (record.usage.known()) out["usage"] = usage_to_json(record.usage);
  if (record.bytes_received > 0) out["bytes_received"] = record.bytes_received;
  if (!record.message.empty()) out["message"] = record.message.str();
  make_utf8(out);  // a server's bytes (in the message) need not be UTF-8; JSON must
  return out;
}

nlohmann::json attempts_to_json(const std::vector<AttemptRecord>& records) {
  nlohmann::json out = nlohmann::json::array();
  for (const AttemptRecord& record : records) out.push_back(attempt_to_json(record));
  return out;
}

std::string attempt_label(const AttemptRecord& record) {
  const std::string round = record.composite_round ? round_phrase(*record.composite_round) + ", " : "";
  return join_path(record.path) + " (" + round + "attempt " + std::to_string(record.attempt) + " of " +
         std::to_string(record.of) + ")";
}

std::string describe_attempt(const AttemptRecord& record) {
  std::string out = attempt_label(record) + ": ";
  if (record.wait_before) out += "waited " + format_duration(*record.wait_before) + ", ";
  if (record.outcome == AttemptOutcome::Ok) {
    out += "ok";
    if (record.timings.first_token) out += ", first token " + format_elapsed(*record.timings.first_token);
  } else {
    out += record.error_type ? std::string(exception_name(*record.error_type)) : std::string("error");
    if (record.timeout_kind) out += " " + std::string(to_string(*record.timeout_kind));
    if (record.connection_failure) out += " " + std::string(to_string(*record.connection_failure));
    if (record.status && record.error_type == ErrorType::Http) out += " " + std::to_string(*record.status);
  }
  out += ", " + format_elapsed(record.timings.total);
  return out;
}

}  // namespace baml
