// One attempt as the engine runs it: a built HTTP request, the provider that decodes the answer,
// the attempt's phase limits and the call's budget, and who to tell about deltas and the outcome.
// The engine knows nothing about retries or fallbacks: a strategy layer runs several attempts
// under one budget by starting them one after another with the same `budget` and `call_start`.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <baml/cancellation.h>
#include <baml/error_info.h>
#include <baml/response.h>

#include "http/attempt_timeline.h"
#include "providers/provider.h"

namespace baml {

struct AttemptSpec {
  std::string function;           // for messages
  std::vector<std::string> path;  // composite clients down to this leaf; back() is the leaf
  HttpRequest request;
  const Provider* provider = nullptr;  // providers are static; never null
  bool stream = false;
  PhaseLimits limits;
  std::optional<Budget> budget;
  SteadyTime call_start;  // what a cancellation's elapsed time is measured from
  std::optional<CancellationToken> cancel;
  int attempt = 1;
  int max_attempts = 1;
};

// A failure is a value here; the API boundary turns it into an exception (errors.h).
using AttemptResult = std::variant<Response, ErrorInfo>;

// Both run on the thread running the engine's loop and must be quick: hand the data on.
struct AttemptObserver {
  std::function<void(std::string_view delta)> on_delta;  // optional; streamed text as it arrives
  std::function<void(AttemptResult result)> on_done;     // exactly once
};

}  // namespace baml
