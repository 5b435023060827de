// Deadline arithmetic and budget construction (see deadline.h).
#include "time/deadline.h"

namespace baml {

SteadyTime saturating_add(SteadyTime from, milliseconds d) {
  using Ticks = SteadyTime::duration;
  if (d > std::chrono::floor<milliseconds>(Ticks::max())) return SteadyTime::max();
  if (d < std::chrono::ceil<milliseconds>(Ticks::min())) return SteadyTime::min();
  Ticks::rep sum = 0;
  if (__builtin_add_overflow(from.time_since_epoch().count(), std::chrono::duration_cast<Ticks>(d).count(), &sum)) {
    return d > milliseconds::zero() ? SteadyTime::max() : SteadyTime::min();
  }
  return SteadyTime(Ticks(sum));
}

milliseconds ceil_ms(std::chrono::nanoseconds d) {
  return std::chrono::ceil<milliseconds>(d);
}

std::chrono::nanoseconds remaining(SteadyTime now, Deadline deadline) {
  if (deadline <= now) return std::chrono::nanoseconds::zero();
  return deadline - now;
}

milliseconds Budget::limit() const {
  // A caller may pass a deadline that is already behind the call's start: that budget is zero.
  if (deadline <= start) return milliseconds::zero();
  // Whole milliseconds, rounded down: a caller's absolute deadline falls anywhere within one, and
  // a limit rounded up (or to the nearest) could be longer than the time the deadline really
  // gave, so that a budget cut at its exact instant would report elapsed < limit, as if early.
  return std::chrono::floor<milliseconds>(deadline - start);
}

std::optional<Budget> earliest(const std::optional<Budget>& a, const std::optional<Budget>& b) {
  if (!a) return b;
  if (!b) return a;
  if (a->deadline != b->deadline) return a->deadline < b->deadline ? a : b;
  return a->source == BudgetSource::ClientTotal ? a : b;
}

std::optional<Budget> make_budget(SteadyTime start, std::optional<milliseconds> client_total,
                                  std::optional<milliseconds> caller_timeout, std::optional<Deadline> caller_deadline) {
  std::optional<Budget> budget;
  if (client_total) budget = earliest(budget, Budget{start, saturating_add(start, *client_total), BudgetSource::ClientTotal});
  if (caller_timeout) budget = earliest(budget, Budget{start, saturating_add(start, *caller_timeout), BudgetSource::Caller});
  if (caller_deadline) budget = earliest(budget, Budget{start, *caller_deadline, BudgetSource::Caller});
  return budget;
}

}  // namespace baml
