// The real and the fake clock (see clock.h).
#include "time/clock.h"

namespace baml {

const Clock& real_clock() {
  static const SteadyClock clock;
  return clock;
}

FakeClock::FakeClock() : FakeClock(SteadyTime(std::chrono::hours(24))) {}

FakeClock::FakeClock(SteadyTime start) : ticks_(start.time_since_epoch().count()) {}

SteadyTime FakeClock::now() const {
  return SteadyTime(SteadyTime::duration(ticks_.load()));
}

void FakeClock::advance(std::chrono::nanoseconds by) {
  ticks_.fetch_add(std::chrono::duration_cast<SteadyTime::duration>(by).count());
}

void FakeClock::set(SteadyTime to) {
  ticks_.store(to.time_since_epoch().count());
}

}  // namespace baml
