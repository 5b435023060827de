// Turning a call through a leaf client into an attempt the engine can run: resolve the options
// (environment variables, secrets), build the provider's request, add the caller's headers, and
// set the limits: the client's phase limits per attempt, and one budget for the whole call (the
// client's total_timeout and the caller's timeout/deadline). This is the first piece of the
// strategy layer; retries and fallbacks will start several such attempts under one budget.
#pragma once

#include "call/call_options.h"
#include "call/request.h"
#include "errors/redactor.h"
#include "http/attempt.h"
#include "ir/client_spec.h"
#include "providers/options.h"

namespace baml {

struct LeafAttempt {
  AttemptSpec spec;
  ResolvedOptions options;
  bool stream_requested = false;  // the caller asked for a stream (spec.stream may still be false)
};

// Throws ConfigError (missing environment variable, composite or unsupported provider, options
// the provider cannot work without).
LeafAttempt prepare_leaf_attempt(const ClientSpec& client, const Request& request, const CallOptions& options,
                                 bool stream, SteadyTime call_start, const EnvLookup& env, SecretRedactor& redactor);

// The client's verdict on a successful attempt: nullopt if it stands, or the error it becomes
// (a FinishReasonError when the client disallows the finish reason).
std::optional<ErrorInfo> reject_by_client_policy(const LeafAttempt& attempt, const Response& response);

}  // namespace baml
