// Anthropic messages: request shape (system, max_tokens, headers) and decoding.
#include "providers/anthropic.h"

#include <doctest/doctest.h>

#include <vector>

namespace baml {
namespace {

using nlohmann::json;

ResolvedOptions options_from(json values) {
  ClientSpec client;
  client.name = "Claude";
  client.provider = ProviderKind::Anthropic;
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

TEST_CASE("a request goes to /v1/messages with the key and version headers") {
  AnthropicProvider provider;
  Request request{"", {{"system", "Be brief."}, {"system", "Use JSON."}, {"user", "Hi"}, {"assistant", "Hello"}}};
  HttpRequest http = provider.build_request(
      options_from({{"model", "claude-sonnet-4"}, {"api_key", "sk-ant-0123456789"}, {"temperature", 0.5}}), request,
      /*stream=*/true);
  CHECK(http.url == "https://api.anthropic.com/v1/messages");
  CHECK(header(http, "x-api-key") == "sk-ant-0123456789");
  CHECK(header(http, "anthropic-version") == "2023-06-01");
  CHECK(header(http, "Accept") == "text/event-stream");
  CHECK(header(http, "Authorization") == "<absent>");
  json body = json::parse(http.body);
  CHECK(body["model"] == "claude-sonnet-4");
  CHECK(body["max_tokens"] == 4096);
  CHECK(body["temperature"] == 0.5);
  CHECK(body["stream"] == true);
  CHECK(body["system"] == "Be brief.\n\nUse JSON.");
  CHECK(body["messages"] ==
        json::array({{{"role", "user"}, {"content", "Hi"}}, {{"role", "assistant"}, {"content", "Hello"}}}));
}

TEST_CASE("a given max_tokens and base_url are kept") {
  AnthropicProvider provider;
  HttpRequest http = provider.build_request(options_from({{"max_tokens", 64}, {"base_url", "http://127.0.0.1:9/"}}),
                                            Request{"", {{"user", "Hi"}}}, false);
  CHECK(http.url == "http://127.0.0.1:9/v1/messages");
  json body = json::parse(http.body);
  CHECK(body["max_tokens"] == 64);
  CHECK_FALSE(body.contains("stream"));
  CHECK_FALSE(body.contains("system"));
}

TEST_CASE("a whole response concatenates its text blocks") {
  AnthropicProvider provider;
  ProviderReply reply;
  provider.parse_response(R"({"type":"message","model":"claude-x","content":[{"type":"text","text":"Hel"},
      {"type":"tool_use","id":"t"},{"type":"text","text":"lo"}],"stop_reason":"end_turn",
      "usage":{"input_tokens":9,"output_tokens":4}})",
                          reply);
  CHECK(reply.text == "Hello");
  CHECK(reply.finish_reason == "end_turn");
  CHECK(reply.usage.input_tokens == 9);
  CHECK(reply.usage.output_tokens == 4);
  CHECK(reply.model == "claude-x");
}

TEST_CASE("malformed and error bodies") {
  AnthropicProvider provider;
  ProviderReply reply;
  CHECK_THROWS_AS(provider.parse_response("{", reply), MalformedResponse);
  CHECK_THROWS_AS(provider.parse_response(R"({"content":"x"})", reply), MalformedResponse);
  CHECK_THROWS_WITH_AS(
      provider.parse_response(R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})", reply),
      "overloaded_error: Overloaded", StreamErrorEvent);
}

TEST_CASE("stream events: pings keep alive, deltas carry content, message_stop ends") {
  AnthropicProvider provider;
  ProviderReply reply;
  auto feed = [&](const char* event, const char* data) { return provider.on_event({event, data, ""}, reply); };
  CHECK(
      feed("message_start", R"({"type":"message_start","message":{"model":"claude-x","usage":{"input_tokens":7}}})") ==
      EventClass::Data);
  CHECK(feed("content_block_start",
             R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})") ==
        EventClass::Data);
  CHECK(feed("ping", R"({"type": "ping"})") == EventClass::KeepAlive);
  CHECK(feed("content_block_delta",
             R"({"type":"content_block_delta","delta":{"type":"thinking_delta","thinking":"hm"}})") ==
        EventClass::Data);
  CHECK(feed("content_block_delta", R"({"type":"content_block_delta","delta":{"type":"text_delta","text":"Hi"}})") ==
        EventClass::Content);
  CHECK(feed("content_block_stop", R"({"type":"content_block_stop","index":0})") == EventClass::Data);
  CHECK(feed("message_delta",
             R"({"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":1}})") ==
        EventClass::Data);
  CHECK_FALSE(reply.done);
  CHECK(feed("message_stop", R"({"type":"message_stop"})") == EventClass::Done);
  CHECK(reply.done);
  CHECK(reply.text == "Hi");
  CHECK(reply.finish_reason == "max_tokens");
  CHECK(reply.usage.input_tokens == 7);
  CHECK(reply.usage.output_tokens == 1);
  CHECK(reply.model == "claude-x");
}

TEST_CASE("an error event mid-stream throws with its message") {
  AnthropicProvider provider;
  ProviderReply reply;
  CHECK_THROWS_WITH_AS(
      provider.on_event({"error", R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})", ""},
                        reply),
      "overloaded_error: Overloaded", StreamErrorEvent);
  CHECK_THROWS_AS(provider.on_event({"", "nope", ""}, reply), MalformedResponse);
}

// Option sets whose pass-through keys sort before, between and after the body's own members.
std::vector<json> body_option_sets() {
  return {
      json::object(),
      {{"model", "m\"1\u00e9"}},
      {{"model", ""}, {"temperature", 0.2}},
      {{"model", "m"}, {"aaa", {1, 2.5, "x", nullptr, true}}, {"max_tokens", 7}, {"mz", {{"b", 1}, {"a", "\n"}}},
       {"n", -3}, {"stream_options", {{"include_usage", false}}}, {"streamz", 1}, {"system", "opt"},
       {"zzz", 1e300}, {"Model", "upper"}, {"k\"ey\u00e9", "v"}, {"stream_options0", nullptr}},
      {{"stream_options", nullptr}, {"max_tokens", nullptr}, {"system", nullptr}},
  };
}

std::vector<Request> body_requests() {
  return {
      {"F", {}},
      {"F", {{"user", "Hi"}}},
      {"F", {{"system", "Be brief."}, {"system", "Use JSON."}, {"user", "Hi"}, {"assistant", "Hello"}}},
      {"F", {{"user", std::string("ctl \x01\x1f\x7f \b\f\n\r\t \"q\" \\ / \xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80 nul:") +
                          std::string(1, '\0')}}},
      {"F", {{"us\"er", "x"}, {"system", ""}}},
  };
}

// The request body as anthropic.cpp built it before writing it directly: the reference.
std::string reference_anthropic_body(const ResolvedOptions& options, const Request& request, bool stream) {
  json body = options.passthrough();
  if (!options.model.empty()) body["model"] = options.model;
  if (!body.contains("max_tokens")) body["max_tokens"] = 4096;
  std::string system;
  json messages = json::array();
  for (const Message& message : request.messages) {
    if (message.role == "system") {
      if (!system.empty()) system += "\n\n";
      system += message.content;
    } else {
      messages.push_back({{"role", message.role}, {"content", message.content}});
    }
  }
  if (!system.empty()) body["system"] = system;
  body["messages"] = std::move(messages);
  if (stream) body["stream"] = true;
  return body.dump();
}

TEST_CASE("request bodies are byte for byte what nlohmann::json dumps") {
  AnthropicProvider provider;
  for (const json& values : body_option_sets()) {
    const ResolvedOptions options = options_from(values);
    for (const Request& request : body_requests()) {
      for (const bool stream : {false, true}) {
        CAPTURE(values.dump());
        CAPTURE(stream);
        CHECK(provider.build_request(options, request, stream).body ==
              reference_anthropic_body(options, request, stream));
      }
    }
  }
}

}  // namespace
}  // namespace baml
