// The phase limits of one attempt, driven by a fake clock: which limit is armed in which phase,
// where each is measured from, and which one wins a tie.
#include "http/attempt_timeline.h"

#include <doctest/doctest.h>

namespace baml {
namespace {

using namespace std::chrono_literals;

TEST_CASE("nothing expires without limits") {
  FakeClock clock;
  AttemptTimeline timeline({}, std::nullopt, clock.now());
  CHECK_FALSE(timeline.next_expiry().has_value());
}

TEST_CASE("connect is armed until the connection is ready") {
  FakeClock clock;
  const SteadyTime start = clock.now();
  AttemptTimeline timeline({.connect = 100ms}, std::nullopt, start);
  auto expiry = timeline.next_expiry();
  REQUIRE(expiry);
  CHECK(expiry->kind == TimeoutKind::Connect);
  CHECK(expiry->at == start + 100ms);
  clock.advance(99ms);
  CHECK_FALSE(timeline.expired(clock.now()));
  clock.advance(1ms);
  CHECK(timeline.expired(clock.now()));
  timeline.on_connected(clock.now());
  CHECK_FALSE(timeline.next_expiry().has_value());
}

TEST_CASE("time to first token runs from the request being sent to the first content") {
  FakeClock clock;
  const SteadyTime start = clock.now();
  AttemptTimeline timeline({.time_to_first_token = 500ms}, std::nullopt, start);
  CHECK_FALSE(timeline.next_expiry().has_value());  // not armed while connecting
  clock.advance(30ms);
  timeline.on_connected(clock.now());
  clock.advance(5ms);
  const SteadyTime sent = clock.now();
  timeline.on_request_sent(sent);
  auto expiry = timeline.next_expiry();
  REQUIRE(expiry);
  CHECK(expiry->kind == TimeoutKind::TimeToFirstToken);
  CHECK(expiry->measured_from == sent);
  CHECK(expiry->at == sent + 500ms);
  // Data without content (a role-only event) does not end the phase.
  clock.advance(200ms);
  timeline.on_data(clock.now());
  CHECK(timeline.next_expiry()->at == sent + 500ms);
  clock.advance(100ms);
  timeline.on_content(clock.now());
  CHECK_FALSE(timeline.next_expiry().has_value());
  auto timings = timeline.timings(clock.now());
  CHECK(*timings.first_token == 335ms);
  CHECK(*timings.connect == 30ms);
}

TEST_CASE("idle runs between data events once content has begun") {
  FakeClock clock;
  AttemptTimeline timeline({.idle = 300ms}, std::nullopt, clock.now());
  timeline.on_request_sent(clock.now());
  clock.advance(1s);
  timeline.on_data(clock.now());  // before the first content: the idle clock is not running
  CHECK_FALSE(timeline.next_expiry().has_value());
  timeline.on_content(clock.now());
  CHECK(timeline.next_expiry()->at == clock.now() + 300ms);
  clock.advance(250ms);
  timeline.on_data(clock.now());  // a usage or stop event counts as data
  auto expiry = timeline.next_expiry();
  REQUIRE(expiry);
  CHECK(expiry->kind == TimeoutKind::Idle);
  CHECK(expiry->at == clock.now() + 300ms);
  CHECK(expiry->measured_from == clock.now());
}

TEST_CASE("request runs from the start of the attempt and the budget from the start of the call") {
  FakeClock clock;
  const SteadyTime call_start = clock.now();
  clock.advance(2s);  // e.g. an earlier attempt and a backoff wait
  const SteadyTime start = clock.now();
  Budget budget{call_start, call_start + 10s, BudgetSource::ClientTotal};
  AttemptTimeline timeline({.request = 5s}, budget, start);
  auto expiry = timeline.next_expiry();
  REQUIRE(expiry);
  CHECK(expiry->kind == TimeoutKind::Request);
  CHECK(expiry->at == start + 5s);

  AttemptTimeline late({.request = 9s}, budget, start);
  expiry = late.next_expiry();
  REQUIRE(expiry);
  CHECK(expiry->kind == TimeoutKind::Total);
  CHECK(expiry->limit == 10s);
  CHECK(expiry->measured_from == call_start);

  Budget caller{call_start, call_start + 3s, BudgetSource::Caller};
  AttemptTimeline deadline({.request = 9s}, caller, start);
  CHECK(deadline.next_expiry()->kind == TimeoutKind::Deadline);
}

TEST_CASE("on a tie the per-attempt limit is reported") {
  FakeClock clock;
  const SteadyTime start = clock.now();
  Budget budget{start, start + 1s, BudgetSource::Caller};
  AttemptTimeline timeline({.connect = 1s, .request = 1s}, budget, start);
  CHECK(timeline.next_expiry()->kind == TimeoutKind::Connect);
}

TEST_CASE("the earliest armed limit is the next expiry") {
  FakeClock clock;
  const SteadyTime start = clock.now();
  AttemptTimeline timeline({.connect = 1s, .time_to_first_token = 2s, .idle = 500ms, .request = 10s}, std::nullopt,
                           start);
  CHECK(timeline.next_expiry()->kind == TimeoutKind::Connect);
  clock.advance(100ms);
  timeline.on_connected(clock.now());
  CHECK(timeline.next_expiry()->kind == TimeoutKind::Request);  // sending: only request is armed
  timeline.on_request_sent(clock.now());
  CHECK(timeline.next_expiry()->kind == TimeoutKind::TimeToFirstToken);
  clock.advance(1s);
  timeline.on_content(clock.now());
  CHECK(timeline.next_expiry()->kind == TimeoutKind::Idle);
  clock.advance(9s);
  timeline.on_content(clock.now());  // a steady stream: idle keeps moving, request does not
  CHECK(timeline.next_expiry()->kind == TimeoutKind::Request);
  CHECK(timeline.expired(start + 10s)->kind == TimeoutKind::Request);
}

TEST_CASE("a limit too long to represent never expires, instead of expiring at once") {
  FakeClock clock;
  const SteadyTime start = clock.now();
  AttemptTimeline timeline({.request = std::chrono::hours(3'000'000)}, std::nullopt, start);
  CHECK_FALSE(timeline.next_expiry().has_value());
  CHECK_FALSE(timeline.expired(start + std::chrono::hours(24)));
  // With a finite limit beside it, the finite one is the next expiry.
  AttemptTimeline both({.connect = 100ms, .request = std::chrono::hours(3'000'000)}, std::nullopt, start);
  REQUIRE(both.next_expiry());
  CHECK(both.next_expiry()->kind == TimeoutKind::Connect);
  // A budget that saturated (a caller's --timeout 2562047h) is no expiry either.
  const std::optional<Budget> far = make_budget(start, std::nullopt, std::chrono::hours(2'562'047), std::nullopt);
  AttemptTimeline budgeted({}, far, start);
  CHECK_FALSE(budgeted.next_expiry().has_value());
}

}  // namespace
}  // namespace baml
