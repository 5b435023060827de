// Building a leaf client's attempt (see leaf_attempt.h).
#include "strategy/leaf_attempt.h"

#include <algorithm>

#include "providers/finish_reason.h"

namespace baml {

LeafAttempt prepare_leaf_attempt(const ClientSpec& client, const Request& request, const CallOptions& options,
                                 const AttemptContext& context, const EnvLookup& env, SecretRedactor& redactor) {
  const Provider& provider = provider_for(client);
  LeafAttempt out;
  out.options = resolve_options(client, env, redactor);
  out.stream_requested = context.stream;
  AttemptSpec& spec = out.spec;
  spec.function = request.function;
  spec.path = context.path.empty() ? std::vector<std::string>{client.name} : context.path;
  spec.provider = &provider;
  // A client that declares supports_streaming false is called without streaming; the caller
  // still gets its text as one delta.
  spec.stream = context.stream && out.options.supports_streaming;
  spec.request = provider.build_request(out.options, request.for_client(client.name), spec.stream);
  for (const auto& [name, value] : options.headers) wire::set_header(spec.request.headers, name, value);
  spec.limits =
      PhaseLimits{client.limits.connect, client.limits.time_to_first_token, client.limits.idle, client.limits.request};
  spec.budget = context.budget;
  spec.call_start = context.call_start;
  spec.cancel = options.cancel;
  spec.attempt = context.attempt;
  spec.max_attempts = context.max_attempts;
  if (client.deadline_header) {
    // The time this attempt has left, as of its start: the rest of the budget (already the
    // earliest of the caller's deadline and every enclosing total_timeout), capped by the
    // attempt's own request limit. Rounded up, so a server never stops before we do.
    std::optional<milliseconds> left = spec.limits.request;
    if (spec.budget) {
      const milliseconds budget_left = ceil_ms(remaining(context.now, spec.budget->deadline));
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
  rejected->status = response.status;
  rejected->bytes_received = response.bytes_received;
  rejected->usage = response.usage;
  rejected->timings = response.timings;
  return rejected;
}

}  // namespace baml
