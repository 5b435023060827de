// Running one call through its plan: the retry policies, fallback and round-robin strategies, all
// under one budget, as a state machine on the engine's thread. Nothing blocks: an attempt is
// started on the engine and its end continues the machine; a wait between attempts is an engine
// timer. So any number of calls, each a chain of fallbacks with backoff waits, share the one
// engine loop, and a synchronous caller merely waits for the final outcome (running that loop
// itself meanwhile when nobody else does: http/engine.h).
//
// The rules (docs/runtime.md, "Strategies"):
// * A leaf slot makes up to 1 + max_retries attempts; a composite slot runs its whole strategy up
//   to 1 + max_retries times ("rounds"), waiting between rounds, not between children.
// * Fallback tries its children in order and moves on after any failure but one that ends the
//   call (failure_class.h); round-robin gives each call (and each round) to the next child.
// * A failure is retried when the slot's policy retries its class and a round is left; the wait
//   is the backoff, or a longer Retry-After.
// * Budgets (scope.h): when a slot's budget has passed nothing more starts in it; a wait that
//   would outlast it is not slept, and the slot fails at once with the budget's TimeoutError
//   carrying the last error. A composite above a slot whose own total_timeout ended may go on
//   (the next child, another round) while its own budget lasts.
// * Cancellation ends the attempt in flight (the engine does that) or the wait (here) at once.
#pragma once

#include <functional>
#include <memory>
#include <string_view>

#include <baml/attempt_record.h>
#include <baml/call_options.h>
#include <baml/request.h>

#include "errors/redactor.h"
#include "http/attempt.h"
#include "http/engine.h"
#include "providers/options.h"
#include "strategy/plan.h"
#include "strategy/round_robin.h"

namespace baml {

// What a call borrows from its Runtime; all of it outlives every call the engine still runs.
struct CallServices {
  Engine* engine = nullptr;
  const EnvLookup* env = nullptr;
  SecretRedactor* redactor = nullptr;
  RoundRobinCounters* round_robin = nullptr;
};

// Where a call reports to. They run on the thread running the engine's loop and must be quick; what happens before
// the first attempt is handed to the engine (a configuration error of the first leaf, a token
// cancelled already) and anything during the engine's shutdown is reported on the thread that
// started the call.
struct CallEvents {
  std::function<void(std::string_view delta)> on_delta;          // streaming calls: every attempt's text
  std::function<void(const AttemptRecord& attempt)> on_attempt;  // as each attempt ends; optional
  // Exactly once: the Response, or the error, each with the whole attempt history and scrubbed of
  // secrets. The call's record has been added to the collector before this runs.
  std::function<void(AttemptResult outcome)> on_done;
};

// Starts a call and returns at once; the call's clock starts now.
void start_call(const CallServices& services, std::shared_ptr<const PlanNode> plan, Request request,
                CallOptions options, bool stream, CallEvents events);

}  // namespace baml
