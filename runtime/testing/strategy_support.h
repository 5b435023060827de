// Test support for the strategy layer's end-to-end tests: the client part of an IR document
// written the way docs/ir.md spells it (leaf clients pointed at the shared mock server,
// composites, retry policies), read back through the runtime's own reader; model strings that are
// unique per test, so the mock's per-model `fail_first` counts never leak between tests; the
// mock's log of the requests it received; and a call's attempt history as short lines, so a test
// asserts the whole history in one comparison.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include <baml/attempt_record.h>
#include <baml/client_ir.h>

namespace baml::testing {

// `mock:<directives>,reply=<tag>` with a tag no other call of this process uses (the reply is the
// tag unless `directives` ends with its own reply=..., which is then kept and made unique).
std::string unique_model(const std::string& directives);

// {"name", "provider": "openai-generic", "kind": "leaf", "options": {model, base_url, api_key},
//  "limits": limits, "retry_policy"}.
nlohmann::json leaf_json(const std::string& name, const std::string& model, nlohmann::json limits = nullptr,
                         nlohmann::json retry_policy = nullptr);
// A fallback or round-robin client over `children`.
nlohmann::json composite_json(const std::string& name, const std::string& provider,
                              const std::vector<std::string>& children, nlohmann::json limits = nullptr,
                              nlohmann::json retry_policy = nullptr, nlohmann::json start = nullptr);
// {"name", "max_retries", "strategy": {"type", "delay_ms", "multiplier", "max_delay_ms", "jitter"}, "retry_on"}.
nlohmann::json constant_policy_json(const std::string& name, int max_retries, int delay_ms,
                                    nlohmann::json retry_on = nullptr);
nlohmann::json exponential_policy_json(const std::string& name, int max_retries, int delay_ms, double multiplier,
                                       int max_delay_ms);

// Vectors, not json: a braced list of one json is an array of it in GCC but a copy of it in
// clang, so `client_ir({leaf})` would hand clang's reader an object.
ClientIr client_ir(std::vector<nlohmann::json> clients, std::vector<nlohmann::json> retry_policies = {});

// GET /_mock/requests: the last 100 LLM requests, [{"path","model","stream","headers":{...}}].
nlohmann::json mock_requests();
// How many requests the mock received with exactly this model string.
int requests_for(const std::string& model);

// One line per attempt: "Agent>A 2/4 HttpError 503 after 50ms", "Agent>B 1/1 ok",
// "Agent>B 1/1 Agent#2/3 ok" (round 2 of 3 of Agent's retry policy),
// "A 1/1 TimeoutError total"; the wait is shown when one was slept.
std::vector<std::string> history(const std::vector<AttemptRecord>& attempts);

}  // namespace baml::testing
