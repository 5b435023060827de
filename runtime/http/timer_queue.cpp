// The ordered set of pending timers (see timer_queue.h).
#include "http/timer_queue.h"

namespace baml {

TimerId TimerQueue::add(SteadyTime at, TimerCallback callback) {
  const TimerId id = next_id_++;
  timers_.emplace(std::make_pair(at, id), std::move(callback));
  index_.emplace(id, at);
  return id;
}

bool TimerQueue::cancel(TimerId id) {
  auto it = index_.find(id);
  if (it == index_.end()) return false;
  timers_.erase(std::make_pair(it->second, id));
  index_.erase(it);
  return true;
}

TimerCallback TimerQueue::take_first(std::optional<SteadyTime> due_by) {
  if (timers_.empty()) return {};
  auto first = timers_.begin();
  if (due_by && first->first.first > *due_by) return {};
  TimerCallback callback = std::move(first->second);
  index_.erase(first->first.second);
  timers_.erase(first);
  return callback;
}

std::optional<SteadyTime> TimerQueue::earliest() const {
  if (timers_.empty()) return std::nullopt;
  return timers_.begin()->first.first;
}

}  // namespace baml
