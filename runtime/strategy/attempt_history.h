// Turning one attempt's outcome into its record in the call's history (call/attempt_record.h).
// The strategy makes one record per attempt it starts (a configuration error found while preparing
// an attempt counts: nothing was sent, and the history says so); errors the strategy raises between
// attempts (a budget refusing a wait, a cancellation during one) are not attempts and have none.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <baml/attempt_record.h>

#include "errors/redactor.h"
#include "http/attempt.h"

namespace baml {

struct AttemptPlace {
  std::vector<std::string> path;  // down to the leaf
  int attempt = 1;
  int of = 1;
  std::optional<std::chrono::milliseconds> wait_before;
  std::optional<CompositeRound> composite_round;
};

// The record of an attempt that ended with `result`. An error's message is scrubbed of the
// secrets `redactor` knows now, when the message is made (on first read), since records reach
// callers (on_attempt) before the call ends.
AttemptRecord make_attempt_record(const AttemptResult& result, AttemptPlace place, const SecretRedactor& redactor);

}  // namespace baml
