// Turning one attempt through a leaf client into what the engine runs: resolve the options
// (environment variables, secrets), build the provider's request, add the caller's headers, and
// set the limits: the client's phase limits for this attempt, under the call's budget as the
// strategy layer computed it (the earliest of the caller's deadline and every enclosing
// total_timeout). The strategy (call_run.h) prepares one of these per attempt, so a retry sees a
// rotated key and a deadline header that counts down.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <baml/call_options.h>
#include <baml/client_spec.h>
#include <baml/request.h>

#include "errors/redactor.h"
#include "http/attempt.h"
#include "providers/options.h"

namespace baml {

// Where in the call an attempt sits.
struct AttemptContext {
  std::vector<std::string> path;  // the client called, through composites, down to this leaf
  std::optional<Budget> budget;   // nullopt: nothing bounds the call
  SteadyTime call_start;
  SteadyTime now;  // when this attempt starts
  int attempt = 1;
  int max_attempts = 1;
  bool stream = false;  // the caller asked for a stream
};

struct LeafAttempt {
  AttemptSpec spec;
  ResolvedOptions options;
  bool stream_requested = false;  // the caller asked for a stream (spec.stream may still be false)
};

// Throws ConfigError (missing environment variable, composite or unsupported provider, options
// the provider cannot work without).
LeafAttempt prepare_leaf_attempt(const ClientSpec& client, const Request& request, const CallOptions& options,
                                 const AttemptContext& context, const EnvLookup& env, SecretRedactor& redactor);

// The client's verdict on a successful attempt: nullopt if it stands, or the error it becomes
// (a FinishReasonError when the client disallows the finish reason).
std::optional<ErrorInfo> reject_by_client_policy(const LeafAttempt& attempt, const Response& response);

}  // namespace baml
