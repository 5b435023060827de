// The engine's timers: callbacks to run on the thread running the loop once an instant has passed.
// A strategy layer waits (backoff, Retry-After) by scheduling its next step here instead of
// sleeping a thread, so any number of calls can wait at once on the one loop. Timers due at the
// same instant run in the order they were scheduled. Not thread-safe: the engine guards it with
// its queue lock.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

#include "time/clock.h"

namespace baml {

// Runs on the thread running the loop. `fired` is false when the engine shut down before the
// instant (the callback then runs at once, possibly on the thread destroying the engine or
// scheduling it): it must end whatever it was waiting for, not start new work.
using TimerCallback = std::function<void(bool fired)>;
using TimerId = std::uint64_t;

class TimerQueue {
 public:
  TimerId add(SteadyTime at, TimerCallback callback);
  // Forgets a timer that has not been taken yet; returns whether it did.
  bool cancel(TimerId id);
  // Removes and returns the earliest timer if it is due by `due_by` (any timer when nullopt); an
  // empty callback when there is none.
  TimerCallback take_first(std::optional<SteadyTime> due_by);
  std::optional<SteadyTime> earliest() const;
  bool empty() const { return timers_.empty(); }

 private:
  // Ordered by instant, then by id (so by scheduling order); the index finds a timer to cancel.
  std::map<std::pair<SteadyTime, TimerId>, TimerCallback> timers_;
  std::unordered_map<TimerId, SteadyTime> index_;
  TimerId next_id_ = 1;
};

}  // namespace baml
