// Option resolution: environment references at any depth, missing variables, secrets registered
// for redaction, the pass-through set, and the finish-reason policy.
#include <doctest/doctest.h>

#include <map>

#include <baml/errors.h>

#include "providers/finish_reason.h"
#include "providers/options.h"

namespace baml {
namespace {

using nlohmann::json;

EnvLookup fake_env(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

ClientSpec client_with(json options) {
  ClientSpec client;
  client.name = "Primary";
  client.provider = ProviderKind::OpenAI;
  client.options = std::move(options);
  return client;
}

TEST_CASE("env references are resolved at any depth") {
  SecretRedactor redactor;
  auto resolved = resolve_options(client_with({{"api_key", {{"env", "OPENAI_API_KEY"}}},
                                               {"base_url", {{"env", "BASE"}}},
                                               {"headers", {{"x-token", {{"env", "TOKEN"}}}, {"x-plain", "p"}}},
                                               {"stop", json::array({{{"env", "STOP"}}})}}),
                                  fake_env({{"OPENAI_API_KEY", "sk-secret-abcdefgh"},
                                            {"BASE", "http://127.0.0.1:1/v1/"},
                                            {"TOKEN", "header-secret-123"},
                                            {"STOP", "END"}}),
                                  redactor);
  CHECK(resolved.api_key == "sk-secret-abcdefgh");
  CHECK(resolved.base_url == "http://127.0.0.1:1/v1");
  CHECK(resolved.values["stop"] == json::array({"END"}));
  REQUIRE(resolved.headers.size() == 2);
  // The key and the header read from the environment are secrets now; the plain header is not.
  CHECK(redactor.scrub("sk-secret-abcdefgh header-secret-123 p") == "[REDACTED] [REDACTED] p");
}

TEST_CASE("a missing variable is a ConfigError naming it") {
  SecretRedactor redactor;
  try {
    resolve_options(client_with({{"api_key", {{"env", "NOPE_KEY"}}}}), fake_env({}), redactor);
    FAIL("expected a ConfigError");
  } catch (const ConfigError& error) {
    CHECK(error.info().variable == "NOPE_KEY");
    CHECK(error.message() ==
          "config: Primary: environment variable NOPE_KEY is not set (needed by option options.api_key)");
  }
}

TEST_CASE("only unknown options pass through into the body") {
  SecretRedactor redactor;
  auto resolved = resolve_options(client_with({{"model", "m"},
                                               {"api_key", "k"},
                                               {"temperature", 0.1},
                                               {"max_tokens", 5},
                                               {"http", json::object()},
                                               {"allowed_roles", json::array()},
                                               {"finish_reason_allow_list", json::array({"STOP"})},
                                               {"stream", true}}),
                                  fake_env({}), redactor);
  CHECK(resolved.passthrough() == json({{"temperature", 0.1}, {"max_tokens", 5}}));
  CHECK(resolved.finish_reason_allow == std::vector<std::string>{"stop"});
}

TEST_CASE("options of the wrong type are configuration errors") {
  SecretRedactor redactor;
  CHECK_THROWS_AS(resolve_options(client_with({{"model", 5}}), fake_env({}), redactor), ConfigError);
  CHECK_THROWS_AS(resolve_options(client_with({{"headers", "x"}}), fake_env({}), redactor), ConfigError);
  CHECK_THROWS_AS(resolve_options(client_with({{"supports_streaming", "no"}}), fake_env({}), redactor), ConfigError);
}

TEST_CASE("the finish-reason policy") {
  SecretRedactor redactor;
  Response response;
  response.text = "partial";
  response.finish_reason = "length";

  auto none = resolve_options(client_with(json::object()), fake_env({}), redactor);
  CHECK_FALSE(check_finish_reason(none, response));

  auto allow = resolve_options(client_with({{"finish_reason_allow_list", {"stop"}}}), fake_env({}), redactor);
  auto rejected = check_finish_reason(allow, response);
  REQUIRE(rejected);
  CHECK(rejected->type == ErrorType::FinishReason);
  CHECK(rejected->raw_output == "partial");
  response.finish_reason = "STOP";
  CHECK_FALSE(check_finish_reason(allow, response));

  auto deny = resolve_options(client_with({{"finish_reason_deny_list", {"length"}}}), fake_env({}), redactor);
  CHECK_FALSE(check_finish_reason(deny, response));
  response.finish_reason = "Length";
  CHECK(check_finish_reason(deny, response));
}

}  // namespace
}  // namespace baml
