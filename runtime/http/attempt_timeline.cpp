// Phase bookkeeping and the next-expiry rule of one attempt (see attempt_timeline.h).
#include "http/attempt_timeline.h"

namespace baml {

AttemptTimeline::AttemptTimeline(PhaseLimits limits, std::optional<Budget> budget, SteadyTime start)
    : limits_(limits), budget_(budget), start_(start) {}

void AttemptTimeline::on_connected(SteadyTime t) {
  if (!connected_at_) connected_at_ = t;
}

void AttemptTimeline::on_request_sent(SteadyTime t) {
  on_connected(t);  // nothing is sent before the connection is ready
  if (!sent_at_) sent_at_ = t;
}

void AttemptTimeline::on_content(SteadyTime t) {
  on_request_sent(t);  // an answer implies the request went out
  if (!first_content_at_) first_content_at_ = t;
  last_data_at_ = t;
}

void AttemptTimeline::on_data(SteadyTime t) {
  on_request_sent(t);
  if (first_content_at_) last_data_at_ = t;
}

std::optional<Expiry> AttemptTimeline::next_expiry() const {
  std::optional<Expiry> best;
  auto consider = [&best](TimeoutKind kind, SteadyTime from, milliseconds limit) {
    const SteadyTime at = saturating_add(from, limit);
    if (at == SteadyTime::max()) return;  // beyond any representable instant: it never passes
    if (!best || at < best->at) best = Expiry{kind, at, limit, from};
  };
  // Considered in order of specificity, so that on a tie the first one stays.
  if (limits_.connect && !connected_at_) consider(TimeoutKind::Connect, start_, *limits_.connect);
  if (limits_.time_to_first_token && sent_at_ && !first_content_at_) {
    consider(TimeoutKind::TimeToFirstToken, *sent_at_, *limits_.time_to_first_token);
  }
  if (limits_.idle && last_data_at_) consider(TimeoutKind::Idle, *last_data_at_, *limits_.idle);
  if (limits_.request) consider(TimeoutKind::Request, start_, *limits_.request);
  if (budget_) {
    const TimeoutKind kind = budget_->source == BudgetSource::ClientTotal ? TimeoutKind::Total : TimeoutKind::Deadline;
    if (budget_->deadline != SteadyTime::max() && (!best || budget_->deadline < best->at)) best = Expiry{kind, budget_->deadline, budget_->limit(), budget_->start};
  }
  return best;
}

std::optional<Expiry> AttemptTimeline::expired(SteadyTime now) const {
  std::optional<Expiry> next = next_expiry();
  if (next && next->at <= now) return next;
  return std::nullopt;
}

AttemptTimings AttemptTimeline::timings(SteadyTime end) const {
  AttemptTimings timings;
  if (connected_at_) timings.connect = *connected_at_ - start_;
  if (sent_at_) timings.request_sent = *sent_at_ - start_;
  if (first_content_at_) timings.first_token = *first_content_at_ - start_;
  timings.total = end - start_;
  return timings;
}

}  // namespace baml
