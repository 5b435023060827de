// The timer queue on its own: order by instant then by scheduling, cancellation, and "due by".
#include "http/timer_queue.h"

#include <doctest/doctest.h>

#include <string>

namespace baml {
namespace {

TEST_CASE("timers come out by instant, and in scheduling order at the same instant") {
  TimerQueue timers;
  const SteadyTime t0 = SteadyTime(std::chrono::hours(1));
  std::string order;
  timers.add(t0 + milliseconds(20), [&](bool) { order += "c"; });
  timers.add(t0 + milliseconds(10), [&](bool) { order += "a"; });
  timers.add(t0 + milliseconds(10), [&](bool) { order += "b"; });
  CHECK(timers.earliest() == t0 + milliseconds(10));
  CHECK_FALSE(timers.take_first(t0));  // nothing due yet
  while (TimerCallback callback = timers.take_first(t0 + milliseconds(15))) callback(true);
  CHECK(order == "ab");
  while (TimerCallback callback = timers.take_first(std::nullopt)) callback(false);
  CHECK(order == "abc");
  CHECK(timers.empty());
  CHECK_FALSE(timers.earliest());
}

TEST_CASE("a cancelled timer never comes out, and cancelling twice says so") {
  TimerQueue timers;
  const SteadyTime t0 = SteadyTime(std::chrono::hours(1));
  bool ran = false;
  const TimerId id = timers.add(t0, [&](bool) { ran = true; });
  CHECK(timers.cancel(id));
  CHECK_FALSE(timers.cancel(id));
  CHECK_FALSE(timers.take_first(std::nullopt));
  CHECK_FALSE(ran);
}

}  // namespace
}  // namespace baml
