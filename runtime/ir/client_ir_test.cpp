// Reading the client part of the IR, and the errors a malformed IR gives.
#include <doctest/doctest.h>

#include <baml/client_ir.h>
#include <baml/errors.h>

namespace baml {
namespace {

using namespace std::chrono_literals;

constexpr const char* kIr = R"({
  "ir_version": 1,
  "types": [{"ignored": true}],
  "clients": [
    {"name": "Primary", "provider": "openai-generic", "retry_policy": "Patient",
     "options": {"model": "gpt-4o", "base_url": "http://127.0.0.1:8089/v1", "api_key": {"env": "OPENAI_API_KEY"},
                 "headers": {"x-k": "v"}, "temperature": 0.2},
     "limits": {"connect_ms": 10000, "time_to_first_token_ms": null, "idle_ms": null, "request_ms": 600000,
                "total_ms": null},
     "strategy": null, "start": null, "deadline_header": "x-envoy-upstream-rq-timeout-ms",
     "kind": "leaf", "shorthand": false, "limit_sources": {"connect_ms": "default"}},
    {"name": "Agent", "provider": "fallback", "options": {},
     "limits": {"connect_ms": null, "time_to_first_token_ms": null, "idle_ms": null, "request_ms": null,
                "total_ms": 60000},
     "strategy": ["Primary", "Backup"], "start": null, "retry_policy": null},
    {"name": "Gemini", "provider": "google-ai", "options": {}, "limits": {}}
  ],
  "retry_policies": [
    {"name": "Patient", "max_retries": 3,
     "strategy": {"type": "exponential_backoff", "delay_ms": 200, "multiplier": 1.5, "max_delay_ms": 10000,
                  "jitter": "none"},
     "retry_on": ["connect", "timeout", "rate_limit", "server"]},
    {"name": "Quick", "max_retries": 1, "strategy": {"type": "constant_delay", "delay_ms": 50}}
  ]
})";

TEST_CASE("the documented IR reads into client specs") {
  ClientIr ir = read_client_ir_text(kIr);
  REQUIRE(ir.clients.size() == 3);
  const ClientSpec* primary = ir.find_client("Primary");
  REQUIRE(primary != nullptr);
  CHECK(primary->provider == ProviderKind::OpenAIGeneric);
  CHECK(primary->retry_policy == "Patient");
  CHECK(primary->options["api_key"]["env"] == "OPENAI_API_KEY");
  CHECK(primary->limits.connect == 10s);
  CHECK_FALSE(primary->limits.time_to_first_token);
  CHECK(primary->limits.request == 10min);
  CHECK_FALSE(primary->limits.total);
  CHECK(primary->deadline_header == "x-envoy-upstream-rq-timeout-ms");

  const ClientSpec* agent = ir.find_client("Agent");
  REQUIRE(agent != nullptr);
  CHECK(agent->is_composite());
  CHECK(agent->strategy == std::vector<std::string>{"Primary", "Backup"});
  CHECK(agent->limits.total == 60s);

  CHECK(ir.find_client("Gemini")->provider == ProviderKind::GoogleAI);
  CHECK(ir.find_client("Nope") == nullptr);

  const RetryPolicySpec* patient = ir.find_retry_policy("Patient");
  REQUIRE(patient != nullptr);
  CHECK(patient->max_retries == 3);
  CHECK(patient->type == BackoffType::ExponentialBackoff);
  CHECK(patient->delay == 200ms);
  CHECK(patient->multiplier == 1.5);
  CHECK(patient->max_delay == 10s);
  CHECK(patient->jitter == Jitter::None);
  CHECK(patient->retry_on.size() == 4);
  const RetryPolicySpec* quick = ir.find_retry_policy("Quick");
  REQUIRE(quick != nullptr);
  CHECK(quick->type == BackoffType::ConstantDelay);
  CHECK(quick->retry_on.size() == 4);  // the default: every class
}

std::string config_error_of(const std::string& text) {
  try {
    read_client_ir_text(text);
  } catch (const ConfigError& error) {
    return error.message();
  }
  return "<no error>";
}

TEST_CASE("max_retries fits the count of a call's rounds") {
  // Found by ir_fuzz: 2147483647 made PlanNode::rounds() overflow an int (UBSan), 4294967295 read
  // as -1 and a plan that never runs.
  const auto policy = [](const std::string& max_retries) {
    return R"({"ir_version": 1, "retry_policies": [{"name": "P", "max_retries": )" + max_retries +
           R"(, "strategy": {"type": "constant_delay", "delay_ms": 1}, "retry_on": ["connect"]}]})";
  };
  CHECK(read_client_ir_text(policy("2147483646")).retry_policies.at(0).max_retries == 2147483646);
  for (const char* too_many : {"2147483647", "4294967295", "9223372036854775807", "18446744073709551615"}) {
    CHECK(config_error_of(policy(too_many)) ==
          std::string("config: IR: retry_policies[0].max_retries: expected an integer from 0 to 2147483646, got ") + too_many);
  }
}

TEST_CASE("a malformed IR names the bad value's path") {
  CHECK(config_error_of("{") == "config: IR: not valid JSON");
  CHECK(config_error_of(R"({"ir_version": 2})") == "config: IR: ir_version: expected 1, got 2");
  CHECK(config_error_of(R"({"ir_version": 1, "clients": [{"name": 5}]})") ==
        "config: IR: clients[0].name: expected a string, got 5");
  CHECK(config_error_of(R"({"ir_version": 1, "clients": [{"name": "A", "provider": "openai",
                           "limits": {"idle_ms": "5s"}}]})") ==
        "config: IR: clients[0].limits.idle_ms: expected null or a positive integer of milliseconds, got \"5s\"");
  CHECK(config_error_of(R"({"ir_version": 1, "clients": [{"name": "A", "provider": "openai",
                           "limits": {"connect_ms": 0}}]})")
            .find("clients[0].limits.connect_ms") != std::string::npos);
  CHECK(config_error_of(R"({"ir_version": 1, "retry_policies": [{"name": "P", "max_retries": 1,
                           "strategy": {"type": "linear", "delay_ms": 1}}]})") ==
        "config: IR: retry_policies[0].strategy.type: expected constant_delay or exponential_backoff, got \"linear\"");
  CHECK(config_error_of(R"({"ir_version": 1, "retry_policies": [{"name": "P", "max_retries": 1,
                           "strategy": {"type": "constant_delay", "delay_ms": 1}, "retry_on": ["sometimes"]}]})")
            .find("retry_policies[0].retry_on[0]") != std::string::npos);
}

}  // namespace
}  // namespace baml
