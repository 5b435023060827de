// The plan of a call through a client: every attempt it can make, in order, with the limits of
// each and the wait before it, and the worst-case duration of the whole call. Sema computes it
// (sema/timeout_plan.h) for the timeout warnings; `bamlc explain` and `bamlc call` print it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/model/program.h"

namespace bamlc::model {

struct PlannedAttempt {
  std::vector<std::string> path;  // from the client called to the leaf that makes the attempt
  std::int64_t attempt = 1;       // the leaf's attempt number, 1-based
  std::int64_t attempts = 1;      // how many attempts the leaf makes per turn
  const Client* leaf = nullptr;
  Milliseconds wait_before{0};  // backoff slept before this attempt
};

struct Plan {
  std::vector<PlannedAttempt> attempts;  // at most kMaxPlannedAttempts; `truncated` says so
  bool truncated = false;
  std::optional<Milliseconds> worst_case;  // nullopt: unbounded
  std::optional<Milliseconds> unclipped;   // the same before total_timeouts cut it
  std::string unbounded_reason;            // why, when unbounded
  const Client* unbounded_leaf = nullptr;  // the leaf with no request_timeout, when that is why
};

inline constexpr std::size_t kMaxPlannedAttempts = 500;

}  // namespace bamlc::model
