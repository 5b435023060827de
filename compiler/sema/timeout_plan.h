// The plan of a call through a client: every attempt it can make, in order, with the limits of
// each and the wait before it, and the worst-case duration of the whole call. Used by the
// timeout warnings (shadowed limits, unbounded calls, plans that outgrow their total_timeout)
// and by `bamlc explain`. Pure functions of the checked program.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/model/program.h"
#include "compiler/sema/context.h"

namespace bamlc::sema {

struct PlannedAttempt {
  std::vector<std::string> path;  // from the client called to the leaf that makes the attempt
  std::int64_t attempt = 1;       // the leaf's attempt number, 1-based
  std::int64_t attempts = 1;      // how many attempts the leaf makes per turn
  const model::Client* leaf = nullptr;
  model::Milliseconds wait_before{0};  // backoff slept before this attempt
};

struct Plan {
  std::vector<PlannedAttempt> attempts;  // at most kMaxPlannedAttempts; `truncated` says so
  bool truncated = false;
  std::optional<model::Milliseconds> worst_case;  // nullopt: unbounded
  std::optional<model::Milliseconds> unclipped;   // the same before total_timeouts cut it
  std::string unbounded_reason;                   // why, when unbounded
  const model::Client* unbounded_leaf = nullptr;  // the leaf with no request_timeout, when that is why
};

inline constexpr std::size_t kMaxPlannedAttempts = 500;

// The wait before retry number `retry` (1-based) of a policy: delay, delay × multiplier, ...
// capped at max_delay (exponential), or delay (constant). With full jitter this is the longest
// the wait can be.
model::Milliseconds backoff_wait(const model::RetryPolicy& policy, std::int64_t retry);

// Requires the program's composites to be acyclic (a cycle yields an unbounded plan).
Plan plan_call(const model::Program& program, const model::Client& client);

// Emits the warnings of LANGUAGE.md about limits that can never fire, unbounded calls and
// plans that outgrow their total_timeout.
void check_timeout_plans(Context& ctx);

}  // namespace bamlc::sema
