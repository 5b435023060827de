// The rotation of round-robin clients: `start` first, then in turn, per client, shared by threads.
#include "strategy/round_robin.h"

#include <doctest/doctest.h>

#include <array>
#include <thread>
#include <vector>

namespace baml {
namespace {

TEST_CASE("the first call takes `start`, later ones rotate") {
  RoundRobinCounters counters;
  std::vector<std::size_t> picks;
  for (int i = 0; i < 5; ++i) picks.push_back(counters.next("Spread", 1, 3));
  CHECK(picks == std::vector<std::size_t>{1, 2, 0, 1, 2});
}

TEST_CASE("no start is 0; an out-of-range or negative start wraps") {
  RoundRobinCounters counters;
  CHECK(counters.next("A", std::nullopt, 3) == 0);
  CHECK(counters.next("A", std::nullopt, 3) == 1);
  CHECK(counters.next("B", 4, 3) == 1);
  CHECK(counters.next("C", -1, 3) == 2);
}

TEST_CASE("each client has its own turn") {
  RoundRobinCounters counters;
  CHECK(counters.next("A", 0, 2) == 0);
  CHECK(counters.next("B", 0, 2) == 0);
  CHECK(counters.next("A", 0, 2) == 1);
  CHECK(counters.next("B", 0, 2) == 1);
}

TEST_CASE("threads share the rotation: every child gets the same share") {
  RoundRobinCounters counters;
  constexpr int kThreads = 4;
  constexpr int kCallsEach = 3000;
  std::array<std::atomic<int>, 3> hits{};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kCallsEach; ++i) hits[counters.next("Spread", 0, 3)].fetch_add(1);
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const auto& count : hits) CHECK(count.load() == kThreads * kCallsEach / 3);
}

}  // namespace
}  // namespace baml
