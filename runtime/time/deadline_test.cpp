// Deadline arithmetic and budget selection, on a fake clock.
#include "time/deadline.h"

#include <doctest/doctest.h>

#include "time/clock.h"

namespace baml {
namespace {

using namespace std::chrono_literals;

TEST_CASE("a fake clock moves only when advanced") {
  FakeClock clock;
  const SteadyTime t0 = clock.now();
  CHECK(clock.now() == t0);
  clock.advance(250ms);
  CHECK(clock.now() - t0 == 250ms);
  clock.set(t0);
  CHECK(clock.now() == t0);
}

TEST_CASE("remaining time never goes negative and rounds up to whole milliseconds") {
  FakeClock clock;
  const Deadline deadline = clock.now() + 1500us;
  CHECK(remaining(clock.now(), deadline) == 1500us);
  CHECK(ceil_ms(remaining(clock.now(), deadline)) == 2ms);
  clock.advance(2ms);
  CHECK(remaining(clock.now(), deadline) == 0ns);
}

TEST_CASE("a call without any budget has none") {
  FakeClock clock;
  CHECK_FALSE(make_budget(clock.now(), std::nullopt, std::nullopt, std::nullopt).has_value());
}

TEST_CASE("the budget is the earliest of total, caller timeout and caller deadline") {
  FakeClock clock;
  const SteadyTime start = clock.now();

  auto total_only = make_budget(start, 60s, std::nullopt, std::nullopt);
  REQUIRE(total_only);
  CHECK(total_only->deadline == start + 60s);
  CHECK(total_only->source == BudgetSource::ClientTotal);
  CHECK(total_only->limit() == 60s);

  auto caller_tighter = make_budget(start, 60s, 5s, std::nullopt);
  REQUIRE(caller_tighter);
  CHECK(caller_tighter->deadline == start + 5s);
  CHECK(caller_tighter->source == BudgetSource::Caller);

  // A caller's timeout never loosens a declared total.
  auto caller_looser = make_budget(start, 2s, 5s, std::nullopt);
  REQUIRE(caller_looser);
  CHECK(caller_looser->deadline == start + 2s);
  CHECK(caller_looser->source == BudgetSource::ClientTotal);

  auto absolute = make_budget(start, 60s, 5s, start + 1500ms);
  REQUIRE(absolute);
  CHECK(absolute->deadline == start + 1500ms);
  CHECK(absolute->limit() == 1500ms);
  CHECK(absolute->start == start);

  // An absolute deadline between two milliseconds: the limit is the whole ones it gave, never
  // more, so a budget cut at its exact instant reports elapsed >= limit.
  auto fractional = make_budget(start, std::nullopt, std::nullopt, start + 249999136ns);
  REQUIRE(fractional);
  CHECK(fractional->limit() == 249ms);
}

TEST_CASE("on a tie the declared total names the budget") {
  FakeClock clock;
  auto tie = make_budget(clock.now(), 3s, 3s, std::nullopt);
  REQUIRE(tie);
  CHECK(tie->source == BudgetSource::ClientTotal);
}

TEST_CASE("a deadline already behind the start is a zero budget") {
  FakeClock clock;
  const SteadyTime start = clock.now();
  auto past = make_budget(start, std::nullopt, std::nullopt, start - 1s);
  REQUIRE(past);
  CHECK(past->limit() == 0ms);
  CHECK(remaining(start, past->deadline) == 0ns);
}

TEST_CASE("a nested budget only tightens") {
  FakeClock clock;
  const SteadyTime start = clock.now();
  std::optional<Budget> outer = Budget{start, start + 10s, BudgetSource::ClientTotal};
  std::optional<Budget> inner = Budget{start + 1s, start + 30s, BudgetSource::ClientTotal};
  CHECK(earliest(outer, inner)->deadline == start + 10s);
  CHECK(earliest(std::nullopt, inner)->deadline == start + 30s);
}

TEST_CASE("adding a duration to an instant saturates instead of wrapping into the past") {
  FakeClock clock;
  const SteadyTime now = clock.now();
  CHECK(saturating_add(now, 1500ms) == now + 1500ms);
  CHECK(saturating_add(now, -1500ms) == now - 1500ms);
  // 3,000,000 h is ~10^22 ns, past the 64-bit nanosecond count of a time point.
  CHECK(saturating_add(now, std::chrono::hours(3'000'000)) == SteadyTime::max());
  CHECK(saturating_add(now, milliseconds::max()) == SteadyTime::max());
  CHECK(saturating_add(now, milliseconds::min()) == SteadyTime::min());
  // Just within the range: still exact.
  const milliseconds room = std::chrono::floor<milliseconds>(SteadyTime::max() - now);
  CHECK(saturating_add(now, room) == now + room);
  CHECK(saturating_add(now, room + 1ms) == SteadyTime::max());
}

TEST_CASE("a budget too far away to represent is one that never passes") {
  FakeClock clock;
  const SteadyTime start = clock.now();
  // `bamlc call --timeout 2562047h` and a total_timeout of 3,000,000 h.
  const auto far = make_budget(start, std::chrono::hours(3'000'000), std::chrono::hours(2'562'047), std::nullopt);
  REQUIRE(far);
  CHECK(far->deadline == SteadyTime::max());
  CHECK(far->deadline > start);
  CHECK(remaining(start, far->deadline) > std::chrono::hours(100'000));
}

}  // namespace
}  // namespace baml
