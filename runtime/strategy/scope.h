// The budget of a client's part of a call. A call has one budget: the earliest of the caller's
// deadline and the end of every enclosing total_timeout. Each client slot on the way down (a
// composite, then a child, then the leaf) opens a scope whose budget is its parent's, tightened by
// its own total_timeout counted from the moment the slot starts. So a leaf's total_timeout bounds
// that leaf's retries, a composite's bounds everything below it, and the caller's deadline bounds
// all. When a scope's budget has passed, nothing more starts inside it; a wait that would end at or
// after it is not slept. Pure arithmetic on time points, unit-tested with a FakeClock.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <baml/attempt_record.h>
#include <baml/call_options.h>
#include <baml/client_spec.h>
#include <baml/error_info.h>

#include "time/deadline.h"

namespace baml {

struct Scope {
  std::vector<std::string> path;  // from the client called down to this slot's client
  std::optional<Budget> budget;   // nullopt: nothing bounds this slot
  // Whose total_timeout `budget` is; nullopt when it is the caller's deadline (or there is none).
  std::optional<std::string> budget_client;
  // The round of the innermost composite above this slot that repeats its strategy; set by the
  // strategy when it starts a child (the round is the composite slot's state, not the scope's).
  std::optional<CompositeRound> composite_round;

  // The root of a call that starts at `start`: the caller's timeout/deadline, if any.
  static Scope for_call(SteadyTime start, const CallOptions& options);

  // The scope of `client`'s slot starting at `now` inside this one. On a tie the outer budget is
  // kept (it ends more), except that a declared total wins a tie with the caller's deadline, as in
  // the engine, for its more useful name.
  Scope enter(const ClientSpec& client, SteadyTime now) const;

  // The budget has passed: nothing may start.
  bool ended(SteadyTime now) const;
  // A wait of `wait` from `now` would end at or after the budget, leaving no time to try again.
  bool refuses_wait(SteadyTime now, std::chrono::milliseconds wait) const;
};

// The TimeoutError of the scope's budget (kind total, or deadline for the caller's), raised by the
// strategy between attempts: because the budget has passed (`refused_wait` nullopt) or because the
// wait before the next try would outlast it. `cause` is the error the budget kept from being
// retried, if any. The scope must have a budget.
ErrorInfo budget_timeout(const Scope& scope, SteadyTime now, const std::string& function,
                         std::optional<std::chrono::milliseconds> refused_wait, std::optional<ErrorInfo> cause);

}  // namespace baml
