// Computing the plan of a call through a client (model/plan.h) and the timeout warnings made
// from it (shadowed limits, unbounded calls, plans that outgrow their total_timeout). Pure
// functions of the checked program.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "compiler/model/plan.h"
#include "compiler/model/program.h"
#include "compiler/sema/context.h"

namespace bamlc::sema {

using model::kMaxPlannedAttempts;
using model::Plan;
using model::PlannedAttempt;

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
