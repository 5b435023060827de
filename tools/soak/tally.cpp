// Counting the soak's calls (see tally.h).
#include "tally.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace soak {

std::string fixed(double value, int digits) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(digits) << value;
  return out.str();
}

std::string describe_call(const CallSpec& c) {
  std::ostringstream p;
  p << "call " << c.nonce << " (" << function_name(c.function) << " via " << c.client << ", " << to_string(c.mode)
    << ", fault " << c.fault << ", answer " << c.content;
  if (c.timeout_ms) p << ", " << (c.absolute_deadline ? "deadline " : "timeout ") << *c.timeout_ms << " ms";
  if (c.cancel_ms) p << ", cancel at " << *c.cancel_ms << " ms";
  p << ")";
  return p.str();
}

std::string summary_text(const Histogram& h) {
  if (h.count() == 0) return "none";
  return "p50 " + fixed(h.percentile(50), 2) + " / p99 " + fixed(h.percentile(99), 2) + " / max " + fixed(h.max(), 2) +
         " ms (" + std::to_string(h.count()) + " calls)";
}

void Tally::note_late(double late, const CallSpec& c, const Observation& o) {
  constexpr std::size_t kKept = 5;
  if (latest.size() == kKept && late <= latest.back().first) return;
  std::ostringstream p;
  p << fixed(late, 2) << " ms late: " << describe_call(c) << " ended " << describe(o.outcome) << " after "
    << fixed(o.elapsed_ms, 1) << " ms, nominal " << fixed(c.expected.end, 1) << " ms; " << o.message.substr(0, 300);
  if (latest.size() == kKept) latest.pop_back();
  latest.emplace_back(late, p.str());
  std::sort(latest.begin(), latest.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
}

void Tally::add(const CallSpec& c, const Observation& o, int show) {
  ++outcomes[describe(final_outcome(c))];
  ++faults[c.fault];
  ++answers[c.content];
  ++clients[c.client];
  ++modes[std::string(to_string(c.mode))];
  for (const std::string& d : c.directives) ++directives[d];
  partials += o.partials;
  if (o.reported_lateness_ms) reported_lateness.add(*o.reported_lateness_ms);
  const Ending ending = o.outcome.ending;
  if (o.problem.empty()) {
    if (c.expected.end_set_by_limit && ending != Ending::Cancelled) {
      limit_lateness.add(o.elapsed_ms - c.expected.end);
      note_late(o.elapsed_ms - c.expected.end, c, o);
    }
    if (!c.expected.end_set_by_limit) server_timed.add(o.elapsed_ms - c.expected.end);
    if (ending == Ending::Timeout && o.outcome.timeout_kind == baml::TimeoutKind::Deadline && !o.refused_wait) {
      deadline_lateness.add(o.elapsed_ms - *c.timeout_ms);
    }
    if (ending == Ending::Cancelled && o.cancelled_at_ms) cancel_lateness.add(o.elapsed_ms - *o.cancelled_at_ms);
  }
  end_minus_deadline.add(o.elapsed_ms - c.expected.deadline);
  if (o.problem.empty()) return;
  ++wrong;
  ++faults_wrong[c.fault];
  if (static_cast<int>(problems.size()) < show) {
    std::ostringstream p;
    p << describe_call(c) << ": " << o.problem << "; took " << fixed(o.elapsed_ms, 1) << " ms";
    if (!o.message.empty()) p << "; error: " << o.message;
    p << "; argument: " << c.argument;
    problems.push_back(p.str());
  }
}

nlohmann::json Tally::to_json() const {
  nlohmann::json late = nlohmann::json::array();
  for (const auto& [ms, text] : latest) late.push_back(text);
  return {{"outcomes", outcomes},
          {"faults", faults},
          {"faults_wrong", faults_wrong},
          {"answers", answers},
          {"clients", clients},
          {"modes", modes},
          {"directives", directives},
          {"partial_values", partials},
          {"lateness_ms",
           {{"limit_ended_calls", limit_lateness.to_json()},
            {"caller_deadline", deadline_lateness.to_json()},
            {"cancellation", cancel_lateness.to_json()},
            {"reported_by_timeout_errors", reported_lateness.to_json()},
            {"server_timed_calls", server_timed.to_json()},
            {"end_minus_deadline", end_minus_deadline.to_json()}}},
          {"wrong", wrong},
          {"problems", problems},
          {"latest_limit_ends", late}};
}

}  // namespace soak
