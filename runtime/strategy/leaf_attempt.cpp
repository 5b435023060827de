// Building a leaf client's attempt (see leaf_attempt.h).
#include "strategy/leaf_attempt.h"

#include <algorithm>

#include "providers/finish_reason.h"

namespace baml {

LeafAttempt prepare_leaf_attempt(const ClientSpec& client, const Request& request, const CallOptions& options,
                                 bool stream, SteadyTime call_start, const EnvLookup& env, SecretRedactor& redactor) {
  const Provider& provider = provider_for(client);
  LeafAttempt out;
  out.options = resolve_options(client, env, redactor);
  out.stream_requested = stream;
  AttemptSpec& spec = out.spec;
  spec.function = request.function;
  spec.path = {client.name};
  spec.provider = &provider;
  // A client that declares supports_streaming false is called without streaming; the caller
  // still gets its text as one delta.
  spec.stream = stream && out.options.supports_streaming;
  spec.request = provider.build_request(out.options, request, spec.stream);
  for (const auto& [name, value] : options.headers) wire::set_header(spec.request.headers, name, value);
  spec.limits =
      PhaseLimits{client.limits.connect, client.limits.time_to_first_token, client.limits.idle, client.limits.request};
  spec.budget = make_budget(call_start, client.limits.total, options.timeout, options.deadline);
  spec.call_start = call_start;
  spec.cancel = options.cancel;
  if (client.deadline_header) {
    // The time this attempt has left: the rest of the budget, capped by its request limit.
    std::optional<milliseconds> left = spec.limits.request;
    if (spec.budget) {
      const milliseconds budget_left = ceil_ms(remaining(call_start, spec.budget->deadline));
      left = left ? std::min(*left, budget_left) : budget_left;
    }
    if (left) wire::set_header(spec.request.headers, *client.deadline_header, std::to_string(left->count()));
  }
  return out;
}

std::optional<ErrorInfo> reject_by_client_policy(const LeafAttempt& attempt, const Response& response) {
  std::optional<ErrorInfo> rejected = check_finish_reason(attempt.options, response);
  if (!rejected) return std::nullopt;
  rejected->function = attempt.spec.function;
  rejected->path = attempt.spec.path;
  rejected->attempt = attempt.spec.attempt;
  rejected->max_attempts = attempt.spec.max_attempts;
  rejected->bytes_received = response.bytes_received;
  rejected->attempts.push_back(
      AttemptRecord{response.client, "finish_reason", response.timings.total, response.status});
  return rejected;
}

}  // namespace baml
