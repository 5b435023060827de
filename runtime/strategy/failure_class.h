// How the strategy layer reads a failed attempt (or a failed client slot): whether it ends the
// whole call at once, and which retry class it belongs to. The classes are LANGUAGE.md's
// `retry_on` vocabulary:
//
//   connect     nothing was sent: the connect limit, a refused or failed connection, a request
//               limit that fired before the request went out. Always safe to repeat.
//   timeout     a per-attempt limit after the request was sent (time to first token, idle,
//               request); the provider may still be generating, and billing, the answer. A child
//               client's own total_timeout, seen from the composite above it, is one too.
//   rate_limit  HTTP 429.
//   server      HTTP 5xx, 408, 409; a connection broken after the request was sent; a 2xx answer
//               that turned out malformed or carried an error event mid-stream.
//
// Never retried, and never a reason to fall back: cancellation, a configuration error, a finish
// reason the client disallows (the model did answer; asking another one would hide the policy),
// output that fails validation. Other 4xx (401, 400, 404, ...) are never retried, but a fallback
// does move on from them: another provider may well accept the call.
#pragma once

#include <optional>

#include <baml/client_spec.h>
#include <baml/error_info.h>

namespace baml {

// True for failures that end the call wherever they happen: no retry, no fallback.
bool ends_call(const ErrorInfo& failure);

// The failure's retry class, or nullopt if no policy retries it.
std::optional<RetryClass> retry_class(const ErrorInfo& failure);

// Whether `policy` retries the failure: it has a retry class and `retry_on` lists it.
bool retried_by(const RetryPolicySpec& policy, const ErrorInfo& failure);

// A timeout of a call's budget (kind total or deadline) rather than of one attempt's phase.
bool is_budget_timeout(const ErrorInfo& failure);

}  // namespace baml
