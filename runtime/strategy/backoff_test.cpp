// The waits of retry policies: constant and exponential sequences, the max_delay cap, full jitter's
// bounds, saturation instead of overflow, and when a server's Retry-After replaces the backoff.
#include "strategy/backoff.h"

#include <doctest/doctest.h>

#include <vector>

#include "time/clock.h"

namespace baml {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

RetryPolicySpec exponential(milliseconds delay, double multiplier, std::optional<milliseconds> max_delay) {
  RetryPolicySpec policy;
  policy.name = "Patient";
  policy.max_retries = 10;
  policy.type = BackoffType::ExponentialBackoff;
  policy.delay = delay;
  policy.multiplier = multiplier;
  policy.max_delay = max_delay;
  return policy;
}

RetryPolicySpec constant(milliseconds delay) {
  RetryPolicySpec policy;
  policy.name = "Steady";
  policy.max_retries = 3;
  policy.type = BackoffType::ConstantDelay;
  policy.delay = delay;
  policy.max_delay = delay;
  return policy;
}

ErrorInfo http_error(int status, std::optional<milliseconds> retry_after) {
  ErrorInfo info;
  info.type = ErrorType::Http;
  info.status = status;
  info.retry_after = retry_after;
  return info;
}

TEST_CASE("exponential backoff waits delay, then delay x multiplier, capped at max_delay") {
  const RetryPolicySpec policy = exponential(200ms, 1.5, 1s);
  std::vector<milliseconds> waits;
  for (int retry = 1; retry <= 6; ++retry) waits.push_back(backoff_wait(policy, retry, 0.5));
  CHECK(waits == std::vector<milliseconds>{200ms, 300ms, 450ms, 675ms, 1000ms, 1000ms});
}

TEST_CASE("a fractional wait is rounded to the nearest millisecond, as bamlc explain shows it") {
  const RetryPolicySpec policy = exponential(100ms, 1.5, std::nullopt);
  CHECK(backoff_wait(policy, 4, 0.5) == 338ms);  // 337.5 ms
  CHECK(backoff_wait(exponential(100ms, 1.25, std::nullopt), 3, 0.5) == 156ms);  // 156.25 ms
}

TEST_CASE("constant delay waits the same every time") {
  const RetryPolicySpec policy = constant(250ms);
  for (int retry = 1; retry <= 4; ++retry) CHECK(backoff_wait(policy, retry, 0.9) == 250ms);
}

TEST_CASE("a zero delay retries at once") {
  CHECK(backoff_wait(constant(0ms), 1, 0.3) == 0ms);
  CHECK(backoff_wait(exponential(0ms, 2.0, std::nullopt), 5, 0.3) == 0ms);
}

TEST_CASE("full jitter draws from [0, wait], both ends reachable") {
  RetryPolicySpec policy = exponential(100ms, 2.0, 10s);
  policy.jitter = Jitter::Full;
  CHECK(backoff_wait(policy, 1, 0.0) == 0ms);
  CHECK(backoff_wait(policy, 1, 0.9999999) == 100ms);
  CHECK(backoff_wait(policy, 3, 0.5) == 200ms);  // half of 400ms
  // With the real generator: always within bounds, and spread out (mean near the middle).
  double sum = 0;
  constexpr int kDraws = 2000;
  for (int i = 0; i < kDraws; ++i) {
    const milliseconds wait = backoff_wait(policy, 2, unit_random());
    REQUIRE(wait >= 0ms);
    REQUIRE(wait <= 200ms);
    sum += static_cast<double>(wait.count());
  }
  CHECK(sum / kDraws > 80.0);
  CHECK(sum / kDraws < 120.0);
}

TEST_CASE("many retries without max_delay saturate instead of overflowing") {
  const RetryPolicySpec policy = exponential(1000ms, 10.0, std::nullopt);
  const milliseconds wait = backoff_wait(policy, 400, 0.5);
  CHECK(wait > 24h * 365 * 10);
  // Still addable to a steady-clock instant.
  const SteadyTime later = std::chrono::steady_clock::now() + wait;
  CHECK(later > std::chrono::steady_clock::now());
}

TEST_CASE("Retry-After on 429 and 503 is honoured when longer than the backoff") {
  const RetryPolicySpec policy = constant(200ms);
  CHECK(retry_wait(policy, 1, http_error(429, 2s), 0.5) == 2s);
  CHECK(retry_wait(policy, 1, http_error(503, 1500ms), 0.5) == 1500ms);
  // A shorter hint does not cut the backoff short.
  CHECK(retry_wait(policy, 1, http_error(503, 50ms), 0.5) == 200ms);
  // Other statuses: the hint is not the server's rate-limit word; the backoff stands.
  CHECK(retry_wait(policy, 1, http_error(500, 2s), 0.5) == 200ms);
  CHECK_FALSE(honoured_retry_after(http_error(502, 2s)).has_value());
  CHECK(retry_wait(policy, 1, http_error(429, std::nullopt), 0.5) == 200ms);
  ErrorInfo timeout;
  timeout.type = ErrorType::Timeout;
  timeout.retry_after = 5s;  // never set on a timeout; ignored if it were
  CHECK(retry_wait(policy, 1, timeout, 0.5) == 200ms);
}

}  // namespace
}  // namespace baml
