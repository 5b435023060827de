// Budgets on a fake clock: the caller's deadline and each enclosing total_timeout fold into one
// budget per slot; a passed budget ends the slot; a wait that would outlast it is refused; and the
// budget's own TimeoutError names whose limit it is and carries the error it kept from a retry.
#include <doctest/doctest.h>

#include <baml/errors.h>

#include "strategy/scope.h"

namespace baml {
namespace {

using namespace std::chrono_literals;

ClientSpec client(const std::string& name, std::optional<milliseconds> total) {
  ClientSpec spec;
  spec.name = name;
  spec.limits.total = total;
  return spec;
}

TEST_CASE("a slot's budget is the earliest of the caller's and every enclosing total") {
  FakeClock clock;
  const SteadyTime start = clock.now();
  CallOptions options;
  options.timeout = 10s;
  const Scope root = Scope::for_call(start, options);
  REQUIRE(root.budget);
  CHECK(root.budget->deadline == start + 10s);
  CHECK(root.budget->source == BudgetSource::Caller);
  CHECK_FALSE(root.budget_client.has_value());

  const Scope agent = root.enter(client("Agent", 5s), start);
  CHECK(agent.path == std::vector<std::string>{"Agent"});
  CHECK(agent.budget->deadline == start + 5s);
  CHECK(agent.budget_client == "Agent");

  clock.advance(1s);
  // A looser total inside keeps the outer budget ...
  const Scope slow = agent.enter(client("Slow", 8s), clock.now());
  CHECK(slow.path == std::vector<std::string>{"Agent", "Slow"});
  CHECK(slow.budget->deadline == start + 5s);
  CHECK(slow.budget_client == "Agent");
  // ... a tighter one counts from the slot's own start.
  const Scope quick = agent.enter(client("Quick", 2s), clock.now());
  CHECK(quick.budget->deadline == start + 3s);
  CHECK(quick.budget->start == start + 1s);
  CHECK(quick.budget_client == "Quick");
  // No total: the parent's budget.
  CHECK(agent.enter(client("Plain", std::nullopt), clock.now()).budget->deadline == start + 5s);
}

TEST_CASE("a caller's deadline shorter than every declared limit wins") {
  FakeClock clock;
  CallOptions options;
  options.deadline = clock.now() + 300ms;
  const Scope leaf = Scope::for_call(clock.now(), options).enter(client("Primary", 5s), clock.now());
  CHECK(leaf.budget->deadline == clock.now() + 300ms);
  CHECK(leaf.budget->source == BudgetSource::Caller);
  CHECK_FALSE(leaf.budget_client.has_value());
}

TEST_CASE("on a tie a declared total wins over the caller's deadline, and the outer total over an inner one") {
  FakeClock clock;
  CallOptions options;
  options.timeout = 5s;
  const Scope agent = Scope::for_call(clock.now(), options).enter(client("Agent", 5s), clock.now());
  CHECK(agent.budget_client == "Agent");
  const Scope inner = agent.enter(client("Primary", 5s), clock.now());
  CHECK(inner.budget_client == "Agent");
}

TEST_CASE("no caller deadline and no total: nothing bounds the slot") {
  FakeClock clock;
  const Scope leaf = Scope::for_call(clock.now(), {}).enter(client("Primary", std::nullopt), clock.now());
  CHECK_FALSE(leaf.budget.has_value());
  CHECK_FALSE(leaf.ended(clock.now() + 24h));
  CHECK_FALSE(leaf.refuses_wait(clock.now(), 24h));
}

TEST_CASE("a passed budget ends the slot; a wait reaching it is refused") {
  FakeClock clock;
  const SteadyTime start = clock.now();
  const Scope agent = Scope::for_call(start, {}).enter(client("Agent", 2s), start);
  clock.advance(1500ms);
  CHECK_FALSE(agent.ended(clock.now()));
  CHECK_FALSE(agent.refuses_wait(clock.now(), 499ms));
  CHECK(agent.refuses_wait(clock.now(), 500ms));  // would start the retry with nothing left
  CHECK(agent.refuses_wait(clock.now(), 10s));
  clock.advance(500ms);
  CHECK(agent.ended(clock.now()));
}

TEST_CASE("a refused wait is the budget's TimeoutError carrying the last error") {
  FakeClock clock;
  const SteadyTime start = clock.now();
  const Scope primary =
      Scope::for_call(start, {}).enter(client("Agent", 2s), start).enter(client("Primary", std::nullopt), start);
  clock.advance(120ms);
  ErrorInfo last;
  last.type = ErrorType::Http;
  last.function = "Greet";
  last.path = {"Agent", "Primary"};
  last.status = 503;
  last.detail = "mock error 503";
  last.attempt = 1;
  last.max_attempts = 4;
  last.partial_text = "";
  last.attempts.resize(1);
  const ErrorInfo error = budget_timeout(primary, clock.now(), "Greet", 5s, last);
  CHECK(error.type == ErrorType::Timeout);
  CHECK(error.timeout_kind == TimeoutKind::Total);
  CHECK(error.limit == 2s);
  CHECK(error.elapsed == 120ms);
  CHECK(error.refused_wait == 5s);
  CHECK(error.budget_client == "Agent");
  CHECK(error.attempt == 0);  // not an attempt's error
  REQUIRE(error.cause);
  CHECK(error.cause->status == 503);
  CHECK(error.cause->attempts.empty());
  CHECK(format_message(error) ==
        "timeout: Greet via Agent \u2192 Primary: gave up after 120ms: waiting 5s to retry would outlast the budget "
        "(total_timeout 2s of Agent); last attempt Agent \u2192 Primary (attempt 1 of 4): http: status 503: mock "
        "error 503");
  const nlohmann::json json = TimeoutError(error).to_json();
  CHECK(json["kind"] == "total");
  CHECK(json["refused_wait_ms"] == 5000);
  CHECK(json["budget_client"] == "Agent");
  CHECK(json["cause"]["status"] == 503);
  CHECK(json["cause"]["type"] == "HttpError");
}

TEST_CASE("the caller's budget passing between attempts is a deadline timeout") {
  FakeClock clock;
  CallOptions options;
  options.timeout = 1s;
  const Scope leaf = Scope::for_call(clock.now(), options).enter(client("Primary", std::nullopt), clock.now());
  clock.advance(1001ms);
  CHECK(leaf.ended(clock.now()));
  const ErrorInfo error = budget_timeout(leaf, clock.now(), "", std::nullopt, std::nullopt);
  CHECK(error.timeout_kind == TimeoutKind::Deadline);
  CHECK(error.limit == 1s);
  CHECK_FALSE(error.budget_client.has_value());
  CHECK_FALSE(error.cause);
  CHECK(format_message(error) == "timeout: Primary: caller's deadline passed after 1s (deadline 1s)");
}

TEST_CASE("a total_timeout or a wait too long to represent saturates instead of passing at once") {
  FakeClock clock;
  const SteadyTime start = clock.now();
  const Scope root = Scope::for_call(start, CallOptions{});
  const Scope huge = root.enter(client("Huge", std::chrono::hours(3'000'000)), start);
  REQUIRE(huge.budget);
  CHECK(huge.budget->deadline == SteadyTime::max());
  CHECK_FALSE(huge.ended(start + std::chrono::hours(24 * 365)));
  CHECK_FALSE(huge.refuses_wait(start, std::chrono::hours(24)));
  // A Retry-After millennia ahead, inside a budget of 5 s: refused, not wrapped into the past.
  const Scope bounded = root.enter(client("Bounded", 5s), start);
  CHECK(bounded.refuses_wait(start, milliseconds::max()));
  CHECK(bounded.refuses_wait(start, std::chrono::hours(24 * 365 * 3000)));
}

}  // namespace
}  // namespace baml
