// The clock every deadline in the runtime is read from. Production code uses the steady real
// clock; unit tests of deadline arithmetic and phase limits inject a FakeClock and advance it
// by hand, so they never sleep. Everything is std::chrono::steady_clock time points, because a
// deadline must not move when the wall clock is adjusted.
#pragma once

#include <atomic>
#include <chrono>

namespace baml {

using SteadyTime = std::chrono::steady_clock::time_point;
using std::chrono::milliseconds;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual SteadyTime now() const = 0;
};

// The process's steady clock. Stateless; `real_clock()` returns a shared instance.
class SteadyClock final : public Clock {
 public:
  SteadyTime now() const override { return std::chrono::steady_clock::now(); }
};

const Clock& real_clock();

// A clock that only moves when told to. Thread-safe, so a test may advance it while another
// thread reads it.
class FakeClock final : public Clock {
 public:
  // Starts at an arbitrary but fixed instant, far from the steady clock's epoch so that
  // subtracting limits never underflows.
  FakeClock();
  explicit FakeClock(SteadyTime start);

  SteadyTime now() const override;
  void advance(std::chrono::nanoseconds by);
  void set(SteadyTime to);

 private:
  std::atomic<SteadyTime::rep> ticks_;
};

}  // namespace baml
