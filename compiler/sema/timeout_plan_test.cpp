// The worst-case computation and the attempt plan, on programs built in code.
#include "compiler/sema/timeout_plan.h"

#include <doctest/doctest.h>

#include <limits>
#include <string>

#include <baml/duration.h>

using namespace bamlc;
using model::Milliseconds;

namespace {

model::Client leaf(std::string name, std::optional<Milliseconds> request, std::optional<std::string> policy = {}) {
  model::Client c;
  c.name = std::move(name);
  c.provider = "openai";
  c.limits.request = model::Limit{request, model::LimitSource::Declared, {}};
  c.retry_policy = std::move(policy);
  return c;
}

model::Client composite(std::string name, model::ClientKind kind, std::vector<std::string> children,
                        std::optional<Milliseconds> total = {}, std::optional<std::string> policy = {}) {
  model::Client c;
  c.name = std::move(name);
  c.kind = kind;
  c.strategy = std::move(children);
  c.limits.total = model::Limit{total, total ? model::LimitSource::Declared : model::LimitSource::Unset, {}};
  c.retry_policy = std::move(policy);
  return c;
}

model::RetryPolicy exponential(std::int64_t retries, Milliseconds delay, double multiplier, Milliseconds max_delay) {
  model::RetryPolicy p;
  p.name = "Exp";
  p.max_retries = retries;
  p.backoff = model::BackoffKind::ExponentialBackoff;
  p.delay = delay;
  p.multiplier = multiplier;
  p.max_delay = max_delay;
  return p;
}

}  // namespace

TEST_CASE("exponential backoff waits delay, then grows, capped at max_delay") {
  const auto p = exponential(5, Milliseconds(100), 2, Milliseconds(500));
  CHECK(sema::backoff_wait(p, 1) == Milliseconds(100));
  CHECK(sema::backoff_wait(p, 2) == Milliseconds(200));
  CHECK(sema::backoff_wait(p, 3) == Milliseconds(400));
  CHECK(sema::backoff_wait(p, 4) == Milliseconds(500));
  model::RetryPolicy constant;
  constant.delay = Milliseconds(300);
  CHECK(sema::backoff_wait(constant, 3) == Milliseconds(300));
}

TEST_CASE("a leaf with retries: attempts x request + waits") {
  model::Program program;
  program.retry_policies.push_back(exponential(2, Milliseconds(1000), 2, Milliseconds(10000)));
  program.clients.push_back(leaf("A", Milliseconds(60000), "Exp"));
  const sema::Plan plan = sema::plan_call(program, program.clients[0]);
  REQUIRE(plan.attempts.size() == 3);
  CHECK(plan.attempts[1].wait_before == Milliseconds(1000));
  CHECK(plan.attempts[2].wait_before == Milliseconds(2000));
  CHECK(plan.attempts[2].attempt == 3);
  CHECK(plan.worst_case == Milliseconds(3 * 60000 + 3000));
}

TEST_CASE("a fallback sums its children and is cut by its total_timeout") {
  model::Program program;
  program.clients.push_back(leaf("A", Milliseconds(60000)));
  program.clients.push_back(leaf("B", Milliseconds(30000)));
  program.clients.push_back(composite("F", model::ClientKind::Fallback, {"A", "B"}, Milliseconds(75000)));
  const sema::Plan plan = sema::plan_call(program, program.clients[2]);
  REQUIRE(plan.attempts.size() == 2);
  CHECK(plan.attempts[1].path == std::vector<std::string>{"F", "B"});
  CHECK(plan.unclipped == Milliseconds(90000));
  CHECK(plan.worst_case == Milliseconds(75000));
}

TEST_CASE("a round-robin makes one attempt per round, rotating from start") {
  model::Program program;
  model::RetryPolicy twice;
  twice.name = "Twice";
  twice.max_retries = 2;
  twice.delay = Milliseconds(10);
  program.retry_policies.push_back(twice);
  program.clients.push_back(leaf("A", Milliseconds(1000)));
  program.clients.push_back(leaf("B", Milliseconds(2000)));
  auto rr = composite("R", model::ClientKind::RoundRobin, {"A", "B"}, std::nullopt, "Twice");
  rr.start = 1;
  program.clients.push_back(rr);
  const sema::Plan plan = sema::plan_call(program, program.clients[2]);
  REQUIRE(plan.attempts.size() == 3);
  CHECK(plan.attempts[0].leaf->name == "B");
  CHECK(plan.attempts[1].leaf->name == "A");
  CHECK(plan.attempts[2].leaf->name == "B");
  CHECK(plan.worst_case == Milliseconds(2000 + 10 + 1000 + 10 + 2000));
}

TEST_CASE("no request limit and no total makes a call unbounded; a total bounds it again") {
  model::Program program;
  program.clients.push_back(leaf("A", std::nullopt));
  program.clients.push_back(composite("F", model::ClientKind::Fallback, {"A"}, Milliseconds(5000)));
  const sema::Plan bare = sema::plan_call(program, program.clients[0]);
  CHECK_FALSE(bare.worst_case.has_value());
  CHECK(bare.unbounded_reason.find("`A` has no request_timeout") != std::string::npos);
  CHECK(sema::plan_call(program, program.clients[1]).worst_case == Milliseconds(5000));
}

TEST_CASE("nested composites multiply: a retry policy on a fallback repeats its whole strategy") {
  model::Program program;
  model::RetryPolicy once;
  once.name = "Once";
  once.max_retries = 1;
  once.delay = Milliseconds(500);
  program.retry_policies.push_back(once);
  program.clients.push_back(leaf("A", Milliseconds(1000)));
  program.clients.push_back(leaf("B", Milliseconds(1000)));
  program.clients.push_back(composite("Inner", model::ClientKind::Fallback, {"A", "B"}));
  program.clients.push_back(composite("Outer", model::ClientKind::Fallback, {"Inner"}, std::nullopt, "Once"));
  const sema::Plan plan = sema::plan_call(program, program.clients[3]);
  REQUIRE(plan.attempts.size() == 4);
  CHECK(plan.attempts[2].wait_before == Milliseconds(500));
  CHECK(plan.attempts[2].path == std::vector<std::string>{"Outer", "Inner", "A"});
  CHECK(plan.worst_case == Milliseconds(4000 + 500));
}

TEST_CASE("a cycle yields an unbounded plan instead of recursing forever") {
  model::Program program;
  program.clients.push_back(composite("X", model::ClientKind::Fallback, {"Y"}));
  program.clients.push_back(composite("Y", model::ClientKind::Fallback, {"X"}));
  CHECK_FALSE(sema::plan_call(program, program.clients[0]).worst_case.has_value());
}

TEST_CASE("max_retries near the int64 limit: the listing stops at its cap and the worst case saturates") {
  model::Program program;
  model::RetryPolicy forever;
  forever.name = "Forever";
  forever.max_retries = std::numeric_limits<std::int64_t>::max();
  forever.delay = Milliseconds(1000);
  program.retry_policies.push_back(forever);
  program.clients.push_back(leaf("A", Milliseconds(3'600'000), "Forever"));
  program.clients.push_back(composite("F", model::ClientKind::Fallback, {"A", "A"}, std::nullopt, "Forever"));
  for (const model::Client& c : program.clients) {
    const sema::Plan plan = sema::plan_call(program, c);
    CHECK(plan.attempts.size() == sema::kMaxPlannedAttempts);
    CHECK(plan.truncated);
    REQUIRE(plan.worst_case.has_value());
    CHECK(*plan.worst_case == Milliseconds(baml::kMaxDurationMs));  // the longest duration, never negative
  }
}

TEST_CASE("exponential waits past max_delay are summed at max_delay, without a loop per retry") {
  model::Program program;
  program.retry_policies.push_back(exponential(2'000'000, Milliseconds(1000), 2, Milliseconds(8000)));
  program.clients.push_back(leaf("A", Milliseconds(1000), "Exp"));
  const sema::Plan plan = sema::plan_call(program, program.clients[0]);
  // 2,000,001 attempts of 1s; waits 1s, 2s, 4s, then 8s for the other 1,999,997 retries.
  CHECK(plan.worst_case == Milliseconds(2'000'001LL * 1000 + 1000 + 2000 + 4000 + 1'999'997LL * 8000));
}

TEST_CASE("a long fallback chain is planned once per client, not once per path") {
  model::Program program;
  program.clients.push_back(leaf("Leaf", Milliseconds(10)));
  constexpr int kChain = 90;
  for (int i = 0; i < kChain; ++i) {
    const std::string next = i + 1 < kChain ? "F" + std::to_string(i + 1) : "Leaf";
    program.clients.push_back(composite("F" + std::to_string(i), model::ClientKind::Fallback, {next, next}));
  }
  // Each level doubles the attempts: 2^90 of them, far past what can be listed or summed.
  const sema::Plan plan = sema::plan_call(program, program.clients[1]);
  CHECK(plan.truncated);
  CHECK(plan.worst_case == Milliseconds(baml::kMaxDurationMs));
}
