// OpenAI chat completions: request URL, headers and body per flavor; decoding bodies and events,
// including malformed ones.
#include "providers/openai.h"

#include <doctest/doctest.h>

#include "errors/errors.h"

namespace baml {
namespace {

using nlohmann::json;

ResolvedOptions options_from(json values, ProviderKind kind = ProviderKind::OpenAIGeneric) {
  ClientSpec client;
  client.name = "Primary";
  client.provider = kind;
  client.options = std::move(values);
  SecretRedactor redactor;
  return resolve_options(
      client, [](const std::string&) { return std::nullopt; }, redactor);
}

std::string header(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

const Request hello{"Extract", {{"system", "Be brief."}, {"user", "Hi"}}};

TEST_CASE("openai-generic posts to base_url/chat/completions with a bearer key") {
  OpenAiProvider provider(OpenAiFlavor::Generic);
  auto options = options_from({{"model", "gpt-4o"},
                               {"base_url", "http://127.0.0.1:8089/v1/"},
                               {"api_key", "sk-test-0123456789"},
                               {"temperature", 0.2},
                               {"max_tokens", 100},
                               {"headers", {{"x-k", "v"}}},
                               {"http", {{"connect_timeout_ms", 5}}},
                               {"default_role", "user"}});
  HttpRequest request = provider.build_request(options, hello, /*stream=*/false);
  CHECK(request.url == "http://127.0.0.1:8089/v1/chat/completions");
  CHECK(header(request, "Authorization") == "Bearer sk-test-0123456789");
  CHECK(header(request, "Content-Type") == "application/json");
  CHECK(header(request, "x-k") == "v");
  CHECK(header(request, "Accept") == "<absent>");
  json body = json::parse(request.body);
  CHECK(body["model"] == "gpt-4o");
  CHECK(body["temperature"] == 0.2);
  CHECK(body["max_tokens"] == 100);
  CHECK(body["messages"] ==
        json::array({{{"role", "system"}, {"content", "Be brief."}}, {{"role", "user"}, {"content", "Hi"}}}));
  CHECK_FALSE(body.contains("stream"));
  CHECK_FALSE(body.contains("http"));
  CHECK_FALSE(body.contains("headers"));
  CHECK_FALSE(body.contains("default_role"));
  CHECK_FALSE(body.contains("api_key"));
}

TEST_CASE("a streaming request asks for SSE and for usage") {
  OpenAiProvider provider(OpenAiFlavor::OpenAi);
  HttpRequest request = provider.build_request(options_from({{"model", "gpt-4o"}}), hello, /*stream=*/true);
  CHECK(request.url == "https://api.openai.com/v1/chat/completions");
  CHECK(header(request, "Accept") == "text/event-stream");
  CHECK(header(request, "Authorization") == "<absent>");
  json body = json::parse(request.body);
  CHECK(body["stream"] == true);
  CHECK(body["stream_options"]["include_usage"] == true);
}

TEST_CASE("a user header replaces a default one of the same name") {
  OpenAiProvider provider(OpenAiFlavor::Generic);
  auto options = options_from({{"base_url", "http://h/v1"}, {"headers", {{"content-type", "application/json; x=1"}}}});
  HttpRequest request = provider.build_request(options, hello, false);
  CHECK(header(request, "Content-Type") == "application/json; x=1");
}

TEST_CASE("ollama defaults to the local server") {
  OpenAiProvider provider(OpenAiFlavor::Ollama);
  HttpRequest request = provider.build_request(options_from({{"model", "llama3"}}), hello, false);
  CHECK(request.url == "http://localhost:11434/v1/chat/completions");
}

TEST_CASE("azure-openai builds its URL from resource and deployment, with api-key and api-version") {
  OpenAiProvider provider(OpenAiFlavor::Azure);
  auto options = options_from({{"resource_name", "acme"},
                               {"deployment_id", "gpt4o-prod"},
                               {"api_version", "2024-06-01"},
                               {"api_key", "azure-key-0123456789"}});
  HttpRequest request = provider.build_request(options, hello, false);
  CHECK(request.url ==
        "https://acme.openai.azure.com/openai/deployments/gpt4o-prod/chat/completions?api-version=2024-06-01");
  CHECK(header(request, "api-key") == "azure-key-0123456789");
  CHECK(header(request, "Authorization") == "<absent>");
  CHECK_FALSE(json::parse(request.body).contains("resource_name"));
}

TEST_CASE("azure-openai with base_url keeps api-version; without api_version sends none; query_params may set it") {
  OpenAiProvider provider(OpenAiFlavor::Azure);
  const std::string base = "https://acme.openai.azure.com/openai/deployments/d";
  CHECK(provider.build_request(options_from({{"base_url", base}, {"api_version", "2024-06-01"}}), hello, false).url ==
        base + "/chat/completions?api-version=2024-06-01");
  CHECK(provider.build_request(options_from({{"base_url", base}}), hello, false).url == base + "/chat/completions");
  CHECK(provider
            .build_request(options_from({{"base_url", base}, {"api_version", "2024-06-01"}, {"query_params", {{"x", "1"}}}}),
                           hello, false)
            .url == base + "/chat/completions?api-version=2024-06-01&x=1");
  CHECK(provider
            .build_request(options_from({{"base_url", base},
                                         {"api_version", "2024-06-01"},
                                         {"query_params", {{"api-version", "2025-01-01-preview"}}}}),
                           hello, false)
            .url == base + "/chat/completions?api-version=2025-01-01-preview");
  CHECK_FALSE(json::parse(provider.build_request(options_from({{"base_url", base}, {"api_version", "v"}}), hello, false).body)
                  .contains("api_version"));
}

TEST_CASE("missing endpoint options are configuration errors") {
  CHECK_THROWS_AS(OpenAiProvider(OpenAiFlavor::Generic).build_request(options_from({}), hello, false), ConfigError);
  CHECK_THROWS_AS(
      OpenAiProvider(OpenAiFlavor::Azure).build_request(options_from({{"resource_name", "a"}}), hello, false),
      ConfigError);
}

TEST_CASE("query_params are percent-encoded") {
  OpenAiProvider provider(OpenAiFlavor::Generic);
  auto options = options_from({{"base_url", "http://h/v1"}, {"query_params", {{"a b", "c&d"}}}});
  CHECK(provider.build_request(options, hello, false).url == "http://h/v1/chat/completions?a%20b=c%26d");
}

TEST_CASE("a whole response gives text, finish reason, usage and model") {
  OpenAiProvider provider(OpenAiFlavor::OpenAi);
  ProviderReply reply;
  provider.parse_response(R"({"model":"gpt-4o-2024","choices":[{"index":0,"message":{"role":"assistant",
      "content":"Hello"},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":3}})",
                          reply);
  CHECK(reply.text == "Hello");
  CHECK(reply.finish_reason == "stop");
  CHECK(reply.usage.input_tokens == 12);
  CHECK(reply.usage.output_tokens == 3);
  CHECK(reply.model == "gpt-4o-2024");
}

TEST_CASE("malformed whole responses are reported, never crash") {
  OpenAiProvider provider(OpenAiFlavor::OpenAi);
  for (const char* body : {"", "not json", "[]", "{}", R"({"choices":[]})", R"({"choices":[{"message":5}]})",
                           R"({"choices":[{"message":{"content":7}}]})", R"({"choices":"x"})"}) {
    CAPTURE(body);
    ProviderReply reply;
    CHECK_THROWS_AS(provider.parse_response(body, reply), MalformedResponse);
  }
  ProviderReply reply;
  CHECK_THROWS_AS(provider.parse_response(R"({"error":{"message":"quota"}})", reply), StreamErrorEvent);
  // A tool-call answer has null content: that is not malformed.
  CHECK_NOTHROW(
      provider.parse_response(R"({"choices":[{"message":{"content":null},"finish_reason":"tool_calls"}]})", reply));
}

TEST_CASE("stream events are classified for the phase limits") {
  OpenAiProvider provider(OpenAiFlavor::OpenAi);
  ProviderReply reply;
  CHECK(provider.on_event({"", R"({"choices":[{"delta":{"role":"assistant","content":""}}]})", ""}, reply) ==
        EventClass::Data);
  CHECK(provider.on_event({"", R"({"choices":[{"delta":{"content":"Hel"}}]})", ""}, reply) == EventClass::Content);
  CHECK(provider.on_event({"", R"({"choices":[{"delta":{"content":"lo"}}]})", ""}, reply) == EventClass::Content);
  CHECK(provider.on_event({"", R"({"choices":[{"delta":{"tool_calls":[{"index":0}]}}]})", ""}, reply) ==
        EventClass::Content);
  CHECK(provider.on_event({"", R"({"choices":[{"delta":{},"finish_reason":"stop"}]})", ""}, reply) == EventClass::Data);
  CHECK(provider.on_event({"", R"({"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":2}})", ""}, reply) ==
        EventClass::Data);
  CHECK_FALSE(reply.done);
  CHECK(provider.on_event({"", "[DONE]", ""}, reply) == EventClass::Done);
  CHECK(reply.done);
  CHECK(reply.text == "Hello");
  CHECK(reply.finish_reason == "stop");
  CHECK(reply.usage.output_tokens == 2);
}

TEST_CASE("malformed and error events throw their own kinds") {
  OpenAiProvider provider(OpenAiFlavor::OpenAi);
  ProviderReply reply;
  CHECK_THROWS_AS(provider.on_event({"", "{\"choices\":", ""}, reply), MalformedResponse);
  CHECK_THROWS_AS(provider.on_event({"", "42", ""}, reply), MalformedResponse);
  CHECK_THROWS_WITH_AS(provider.on_event({"", R"({"error":{"message":"overloaded"}})", ""}, reply), "overloaded",
                       StreamErrorEvent);
}

TEST_CASE("error bodies give the provider's message") {
  CHECK(provider_error_message(R"({"error":{"message":"Invalid model","type":"invalid_request_error"}})") ==
        "Invalid model");
  CHECK(provider_error_message(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})") ==
        "Overloaded");
  CHECK(provider_error_message(R"({"error":"bad key"})") == "bad key");
  CHECK(provider_error_message("<html>502 Bad Gateway</html>\n<body>") == "<html>502 Bad Gateway</html>");
  CHECK(provider_error_message("").empty());
  CHECK(provider_error_message(std::string(500, 'x')).size() == 203);
}

}  // namespace
}  // namespace baml
