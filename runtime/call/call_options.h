// Per-call options: a budget of the caller's own (a relative timeout or an absolute deadline; it
// only ever tightens the declared limits), a cancellation token, and extra HTTP headers.
// The client override and the collector of RUNTIME.md arrive with the strategy layer.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "call/cancellation.h"
#include "time/deadline.h"

namespace baml {

struct CallOptions {
  std::optional<std::chrono::milliseconds> timeout;  // from the start of the call
  std::optional<Deadline> deadline;                  // absolute, steady clock
  std::optional<CancellationToken> cancel;
  std::vector<std::pair<std::string, std::string>> headers;
};

}  // namespace baml
