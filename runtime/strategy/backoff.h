// How long the strategy waits before a retry (LANGUAGE.md, "Retry policies"). Constant delay waits
// `delay` every time; exponential backoff waits `delay`, then `delay × multiplier`, ..., never more
// than `max_delay`. `jitter full` replaces each wait w with a uniform draw from [0, w] (AWS's "full
// jitter"), so that clients failing together do not retry together.
//
// A server's own hint wins when it asks for more: on 429 and 503, a `Retry-After` (seconds or an
// HTTP date) or `retry-after-ms` longer than the backoff is waited instead. The longer of the two,
// because the hint is the server's floor and the backoff is our own; a shorter hint does not cut
// the backoff short (that would retry a failing server faster than the policy says). Whether the
// wait fits in the call's budget is decided by the caller (scope.h), not here.
#pragma once

#include <chrono>

#include <baml/client_spec.h>
#include <baml/error_info.h>

namespace baml {

// The policy's wait before retry number `retry` (1: before the second attempt or round).
// `unit_random` is a draw from [0, 1), used only with full jitter.
std::chrono::milliseconds backoff_wait(const RetryPolicySpec& policy, int retry, double unit_random);

// The server's requested wait, when the failure is a 429 or 503 that carried one.
std::optional<std::chrono::milliseconds> honoured_retry_after(const ErrorInfo& failure);

// The wait the strategy sleeps before retry number `retry` after `failure`: the backoff, or the
// honoured Retry-After when it is longer.
std::chrono::milliseconds retry_wait(const RetryPolicySpec& policy, int retry, const ErrorInfo& failure,
                                     double unit_random);

// A uniform draw from [0, 1) from a per-thread generator seeded from std::random_device.
double unit_random();

}  // namespace baml
