// The engine's timers, which the strategy layer waits with: order, cancellation, posting, and
// shutdown. Real time, but only tens of milliseconds.
#include <doctest/doctest.h>

#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "http/engine.h"

namespace baml {
namespace {

using namespace std::chrono_literals;

TEST_CASE("timers run on the engine's thread in the order of their instants, ties in scheduling order") {
  Engine engine(real_clock());
  std::mutex mutex;
  std::vector<int> order;
  std::promise<std::thread::id> ran_on;
  const SteadyTime now = std::chrono::steady_clock::now();
  auto note = [&](int id) {
    return [&, id](bool fired) {
      CHECK(fired);
      std::lock_guard lock(mutex);
      order.push_back(id);
      if (order.size() == 4) ran_on.set_value(std::this_thread::get_id());
    };
  };
  engine.schedule(now + 40ms, note(3));
  engine.schedule(now + 20ms, note(1));
  engine.schedule(now + 20ms, note(2));
  engine.post(note(0));
  const std::thread::id loop = ran_on.get_future().get();
  CHECK(loop != std::this_thread::get_id());
  CHECK(order == std::vector<int>{0, 1, 2, 3});
  CHECK(std::chrono::steady_clock::now() - now >= 40ms);
}

TEST_CASE("a cancelled timer never runs; cancelling one that ran says so") {
  Engine engine(real_clock());
  std::atomic<int> runs{0};
  const TimerId doomed = engine.schedule(std::chrono::steady_clock::now() + 30ms, [&](bool) { ++runs; });
  CHECK(engine.cancel_timer(doomed));
  std::promise<void> done;
  const TimerId quick = engine.post([&](bool) {
    ++runs;
    done.set_value();
  });
  done.get_future().get();
  CHECK_FALSE(engine.cancel_timer(quick));
  std::this_thread::sleep_for(60ms);
  CHECK(runs.load() == 1);
}

TEST_CASE("a timer's callback may schedule and cancel others") {
  Engine engine(real_clock());
  std::promise<int> result;
  engine.post([&](bool) {
    const TimerId never = engine.schedule(std::chrono::steady_clock::now() + 1ms, [&](bool) { result.set_value(-1); });
    engine.cancel_timer(never);
    engine.schedule(std::chrono::steady_clock::now() + 5ms, [&](bool fired) { result.set_value(fired ? 1 : 0); });
  });
  CHECK(result.get_future().get() == 1);
}

TEST_CASE("destroying the engine ends pending timers with fired = false") {
  std::atomic<int> ended{0};
  {
    Engine engine(real_clock());
    for (int i = 0; i < 3; ++i) {
      engine.schedule(std::chrono::steady_clock::now() + 1h, [&](bool fired) {
        if (!fired) ++ended;
      });
    }
  }
  CHECK(ended.load() == 3);
}

}  // namespace
}  // namespace baml
