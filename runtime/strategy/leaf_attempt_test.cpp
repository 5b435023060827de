// Building a leaf client's attempt: limits and budget, headers, the deadline header, streaming
// support, and the configuration errors that stop a call before anything is sent.
#include <doctest/doctest.h>

#include <baml/errors.h>

#include "strategy/leaf_attempt.h"
#include "strategy/scope.h"

namespace baml {
namespace {

using namespace std::chrono_literals;

const EnvLookup no_env = [](const std::string&) { return std::nullopt; };
const Request hello{"Fn", {{"user", "Hi"}}};

ClientSpec leaf(ClientLimits limits = {}) {
  ClientSpec client;
  client.name = "Primary";
  client.provider_name = "openai-generic";
  client.provider = ProviderKind::OpenAIGeneric;
  client.options = {{"model", "m"}, {"base_url", "http://127.0.0.1:1/v1"}};
  client.limits = limits;
  return client;
}

// The context of a first attempt of a call through `client` alone, starting at `now`.
AttemptContext context_for(const ClientSpec& client, SteadyTime now, const CallOptions& options = {},
                           bool stream = false) {
  const Scope scope = Scope::for_call(now, options).enter(client, now);
  return AttemptContext{scope.path, scope.budget, now, now, 1, 1, stream};
}

std::string header(const AttemptSpec& spec, const std::string& name) {
  for (const auto& [key, value] : spec.request.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

TEST_CASE("phase limits come from the client, the budget from the strategy's scope") {
  FakeClock clock;
  SecretRedactor redactor;
  const ClientSpec client = leaf({.connect = 1s, .time_to_first_token = 2s, .idle = 3s, .request = 4s, .total = 5s});
  LeafAttempt attempt = prepare_leaf_attempt(client, hello, {}, context_for(client, clock.now()), no_env, redactor);
  CHECK(attempt.spec.limits.connect == 1s);
  CHECK(attempt.spec.limits.time_to_first_token == 2s);
  CHECK(attempt.spec.limits.idle == 3s);
  CHECK(attempt.spec.limits.request == 4s);
  REQUIRE(attempt.spec.budget);
  CHECK(attempt.spec.budget->deadline == clock.now() + 5s);
  CHECK(attempt.spec.budget->source == BudgetSource::ClientTotal);
  CHECK(attempt.spec.path == std::vector<std::string>{"Primary"});
  CHECK(attempt.spec.function == "Fn");

  CallOptions options;
  options.timeout = 1500ms;
  attempt = prepare_leaf_attempt(client, hello, options, context_for(client, clock.now(), options), no_env, redactor);
  CHECK(attempt.spec.budget->deadline == clock.now() + 1500ms);
  CHECK(attempt.spec.budget->source == BudgetSource::Caller);
}

TEST_CASE("the attempt carries its place in the call") {
  FakeClock clock;
  SecretRedactor redactor;
  const AttemptContext context{{"Agent", "Primary"}, std::nullopt, clock.now(), clock.now() + 3s, 2, 4, false};
  const LeafAttempt attempt = prepare_leaf_attempt(leaf(), hello, {}, context, no_env, redactor);
  CHECK(attempt.spec.path == std::vector<std::string>{"Agent", "Primary"});
  CHECK(attempt.spec.attempt == 2);
  CHECK(attempt.spec.max_attempts == 4);
  CHECK(attempt.spec.call_start == clock.now());
  CHECK_FALSE(attempt.spec.budget.has_value());
}

TEST_CASE("the caller's headers win over the client's") {
  FakeClock clock;
  SecretRedactor redactor;
  ClientSpec client = leaf();
  client.options["headers"] = {{"x-team", "a"}};
  CallOptions options;
  options.headers = {{"X-Team", "b"}, {"x-trace", "t"}};
  LeafAttempt attempt =
      prepare_leaf_attempt(client, hello, options, context_for(client, clock.now(), options), no_env, redactor);
  CHECK(header(attempt.spec, "x-team") == "b");
  CHECK(header(attempt.spec, "x-trace") == "t");
}

TEST_CASE("a deadline header carries the time the attempt has left") {
  FakeClock clock;
  SecretRedactor redactor;
  ClientSpec client = leaf({.request = 4s, .total = 10s});
  client.deadline_header = "x-envoy-upstream-rq-timeout-ms";
  LeafAttempt attempt = prepare_leaf_attempt(client, hello, {}, context_for(client, clock.now()), no_env, redactor);
  CHECK(header(attempt.spec, "x-envoy-upstream-rq-timeout-ms") == "4000");
  CallOptions options;
  options.timeout = 1200ms;
  attempt = prepare_leaf_attempt(client, hello, options, context_for(client, clock.now(), options), no_env, redactor);
  CHECK(header(attempt.spec, "x-envoy-upstream-rq-timeout-ms") == "1200");
  const ClientSpec plain = leaf();
  attempt = prepare_leaf_attempt(plain, hello, {}, context_for(plain, clock.now()), no_env, redactor);
  CHECK(header(attempt.spec, "x-envoy-upstream-rq-timeout-ms") == "<absent>");
}

TEST_CASE("a later attempt's deadline header counts down from the budget, rounded up") {
  FakeClock clock;
  SecretRedactor redactor;
  ClientSpec client = leaf({.request = 4s});
  client.deadline_header = "x-deadline-ms";
  const SteadyTime start = clock.now();
  // A composite's total_timeout of 5s, the attempt starting 3.2995s into the call.
  const Budget budget{start, start + 5s, BudgetSource::ClientTotal};
  const AttemptContext context{{"Agent", "Primary"}, budget, start, start + 3299500us, 3, 3, false};
  const LeafAttempt attempt = prepare_leaf_attempt(client, hello, {}, context, no_env, redactor);
  CHECK(header(attempt.spec, "x-deadline-ms") == "1701");
}

TEST_CASE("a client without streaming support is called without streaming") {
  FakeClock clock;
  SecretRedactor redactor;
  ClientSpec client = leaf();
  client.options["supports_streaming"] = false;
  LeafAttempt attempt =
      prepare_leaf_attempt(client, hello, {}, context_for(client, clock.now(), {}, true), no_env, redactor);
  CHECK(attempt.stream_requested);
  CHECK_FALSE(attempt.spec.stream);
  CHECK(nlohmann::json::parse(attempt.spec.request.body).contains("stream") == false);
}

TEST_CASE("composite and unsupported providers cannot be called as a leaf") {
  FakeClock clock;
  SecretRedactor redactor;
  ClientSpec composite = leaf();
  composite.provider = ProviderKind::Fallback;
  composite.provider_name = "fallback";
  CHECK_THROWS_AS(prepare_leaf_attempt(composite, hello, {}, context_for(composite, clock.now()), no_env, redactor),
                  ConfigError);
  ClientSpec unknown = leaf();
  unknown.provider = ProviderKind::Unsupported;
  unknown.provider_name = "google-ai";
  CHECK_THROWS_WITH_AS(prepare_leaf_attempt(unknown, hello, {}, context_for(unknown, clock.now()), no_env, redactor),
                       "config: Primary: provider google-ai is not supported by this runtime", ConfigError);
}

}  // namespace
}  // namespace baml
