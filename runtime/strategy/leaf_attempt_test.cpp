// Building a leaf client's attempt: limits and budget, headers, streaming support, and the
// configuration errors that stop a call before anything is sent.
#include "strategy/leaf_attempt.h"

#include <doctest/doctest.h>

#include "errors/errors.h"

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

std::string header(const AttemptSpec& spec, const std::string& name) {
  for (const auto& [key, value] : spec.request.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

TEST_CASE("phase limits come from the client, the budget from its total and the caller") {
  FakeClock clock;
  SecretRedactor redactor;
  const ClientSpec client = leaf({.connect = 1s, .time_to_first_token = 2s, .idle = 3s, .request = 4s, .total = 5s});
  LeafAttempt attempt = prepare_leaf_attempt(client, hello, {}, false, clock.now(), no_env, redactor);
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
  attempt = prepare_leaf_attempt(client, hello, options, false, clock.now(), no_env, redactor);
  CHECK(attempt.spec.budget->deadline == clock.now() + 1500ms);
  CHECK(attempt.spec.budget->source == BudgetSource::Caller);
}

TEST_CASE("the caller's headers win over the client's") {
  FakeClock clock;
  SecretRedactor redactor;
  ClientSpec client = leaf();
  client.options["headers"] = {{"x-team", "a"}};
  CallOptions options;
  options.headers = {{"X-Team", "b"}, {"x-trace", "t"}};
  LeafAttempt attempt = prepare_leaf_attempt(client, hello, options, false, clock.now(), no_env, redactor);
  CHECK(header(attempt.spec, "x-team") == "b");
  CHECK(header(attempt.spec, "x-trace") == "t");
}

TEST_CASE("a deadline header carries the time the attempt has left") {
  FakeClock clock;
  SecretRedactor redactor;
  ClientSpec client = leaf({.request = 4s, .total = 10s});
  client.deadline_header = "x-envoy-upstream-rq-timeout-ms";
  LeafAttempt attempt = prepare_leaf_attempt(client, hello, {}, false, clock.now(), no_env, redactor);
  CHECK(header(attempt.spec, "x-envoy-upstream-rq-timeout-ms") == "4000");
  CallOptions options;
  options.timeout = 1200ms;
  attempt = prepare_leaf_attempt(client, hello, options, false, clock.now(), no_env, redactor);
  CHECK(header(attempt.spec, "x-envoy-upstream-rq-timeout-ms") == "1200");
  attempt = prepare_leaf_attempt(leaf(), hello, {}, false, clock.now(), no_env, redactor);
  CHECK(header(attempt.spec, "x-envoy-upstream-rq-timeout-ms") == "<absent>");
}

TEST_CASE("a client without streaming support is called without streaming") {
  FakeClock clock;
  SecretRedactor redactor;
  ClientSpec client = leaf();
  client.options["supports_streaming"] = false;
  LeafAttempt attempt = prepare_leaf_attempt(client, hello, {}, true, clock.now(), no_env, redactor);
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
  CHECK_THROWS_AS(prepare_leaf_attempt(composite, hello, {}, false, clock.now(), no_env, redactor), ConfigError);
  ClientSpec unknown = leaf();
  unknown.provider = ProviderKind::Unsupported;
  unknown.provider_name = "google-ai";
  CHECK_THROWS_WITH_AS(prepare_leaf_attempt(unknown, hello, {}, false, clock.now(), no_env, redactor),
                       "config: Primary: provider google-ai is not supported by this runtime", ConfigError);
}

}  // namespace
}  // namespace baml
