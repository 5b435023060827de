// Backoff arithmetic (see backoff.h). Waits are computed in double milliseconds and saturate
// instead of overflowing: a policy with many retries and no max_delay still yields a finite wait,
// which the call's budget then refuses.
#include "strategy/backoff.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

namespace baml {

using std::chrono::milliseconds;

milliseconds backoff_wait(const RetryPolicySpec& policy, int retry, double unit_random) {
  // Far beyond any budget, yet far from overflowing when added to a steady-clock time point.
  constexpr double kLongest = static_cast<double>(std::numeric_limits<std::int64_t>::max() / 4 / 1'000'000);
  double wait = static_cast<double>(policy.delay.count());
  switch (policy.type) {
    case BackoffType::ConstantDelay: break;
    case BackoffType::ExponentialBackoff:
      wait *= std::pow(policy.multiplier, static_cast<double>(std::max(retry, 1) - 1));
      break;
  }
  if (policy.max_delay) wait = std::min(wait, static_cast<double>(policy.max_delay->count()));
  wait = std::min(wait, kLongest);
  // To the nearest millisecond, as `bamlc explain` computes the plan (compiler/sema/timeout_plan.cpp),
  // so the wait slept is the wait the plan shows.
  std::int64_t whole = std::llround(wait);
  switch (policy.jitter) {
    case Jitter::None: break;
    case Jitter::Full:
      // Every whole millisecond in [0, wait] equally likely, both ends included.
      whole = std::min(whole, static_cast<std::int64_t>(std::floor(unit_random * static_cast<double>(whole + 1))));
      break;
  }
  return milliseconds(whole);
}

std::optional<milliseconds> honoured_retry_after(const ErrorInfo& failure) {
  if (failure.type != ErrorType::Http || !failure.retry_after) return std::nullopt;
  const int status = failure.status.value_or(0);
  if (status != 429 && status != 503) return std::nullopt;
  return failure.retry_after;
}

milliseconds retry_wait(const RetryPolicySpec& policy, int retry, const ErrorInfo& failure, double unit_random) {
  const milliseconds backoff = backoff_wait(policy, retry, unit_random);
  const std::optional<milliseconds> hint = honoured_retry_after(failure);
  return hint ? std::max(backoff, *hint) : backoff;
}

double unit_random() {
  thread_local std::mt19937_64 generator{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(generator);
}

}  // namespace baml
