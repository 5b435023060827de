// Deadlines and the call's budget. A deadline is an absolute steady-clock instant; a budget is the
// one deadline a whole call runs under (the earliest of the caller's deadline and every enclosing
// total_timeout), remembered together with where it came from and when the call started, so a
// timeout error can name the limit that fired and the time elapsed since the same start.
#pragma once

#include <chrono>
#include <optional>

#include "time/clock.h"

namespace baml {

using Deadline = SteadyTime;

// `from + d`, saturating at SteadyTime::max() (and min()) instead of overflowing: a steady time
// point counts nanoseconds in 64 bits (about 292 years), so a limit or wait of 3,000,000 h, added
// in nanoseconds, would wrap into the past and pass at once. An instant that cannot be represented
// is one that never comes.
SteadyTime saturating_add(SteadyTime from, milliseconds d);

// Whole milliseconds, rounded up: sleeping for the rounded value never wakes before the instant.
milliseconds ceil_ms(std::chrono::nanoseconds d);

// Time left until `deadline` as of `now`; zero once it has passed.
std::chrono::nanoseconds remaining(SteadyTime now, Deadline deadline);

// Where a budget's deadline comes from: a client's declared total_timeout, or the caller's own
// timeout/deadline in CallOptions. The two are reported as different timeout kinds.
enum class BudgetSource { ClientTotal, Caller };

struct Budget {
  SteadyTime start;  // when the call began
  Deadline deadline;
  BudgetSource source = BudgetSource::Caller;

  // The budget as a duration (what the error message prints as the limit).
  milliseconds limit() const;
};

// The earlier of two budgets; a budget only ever tightens. On a tie the declared total wins,
// because its name is the more useful thing to print.
std::optional<Budget> earliest(const std::optional<Budget>& a, const std::optional<Budget>& b);

// The budget of a call that starts at `start`: the client's total_timeout (if declared), the
// caller's relative timeout and the caller's absolute deadline (if given), whichever ends first.
std::optional<Budget> make_budget(SteadyTime start, std::optional<milliseconds> client_total,
                                  std::optional<milliseconds> caller_timeout, std::optional<Deadline> caller_deadline);

}  // namespace baml
