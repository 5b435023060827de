// Anthropic messages: request shape (system, max_tokens, headers) and decoding.
#include "providers/anthropic.h"

#include <doctest/doctest.h>

#include <random>
#include <vector>

#include "testing/body_cases.h"
#include "testing/decoder_comparison.h"
#include "testing/json_mutation.h"

namespace baml {
namespace {

using testing::check_same;
using testing::Decoded;

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

using testing::body_option_sets;
using testing::body_requests;

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

// ---- The fast path against the decoding before it (the reference, nlohmann all the way) ----

std::string ref_string_field(const json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

void ref_usage(const json& usage_object, Usage& usage) {
  if (!usage_object.is_object()) return;
  if (auto in = usage_object.find("input_tokens"); in != usage_object.end() && in->is_number_integer())
    usage.input_tokens = in->get<std::int64_t>();
  if (auto out = usage_object.find("output_tokens"); out != usage_object.end() && out->is_number_integer())
    usage.output_tokens = out->get<std::int64_t>();
}

Decoded reference_body(const std::string& body) {
  Decoded out;
  const json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return {"malformed", {}};
  if (ref_string_field(parsed, "type") == "error") return {"error", {}};
  auto content = parsed.find("content");
  if (content == parsed.end() || !content->is_array()) return {"malformed", {}};
  for (const json& block : *content) {
    if (ref_string_field(block, "type") == "text") out.reply.text += ref_string_field(block, "text");
  }
  if (std::string reason = ref_string_field(parsed, "stop_reason"); !reason.empty()) out.reply.finish_reason = reason;
  if (auto usage = parsed.find("usage"); usage != parsed.end()) ref_usage(*usage, out.reply.usage);
  out.reply.model = ref_string_field(parsed, "model");
  out.reply.done = true;
  out.outcome = "ok";
  return out;
}

Decoded reference_event(const std::string& name, const std::string& data) {
  Decoded out;
  ProviderReply& reply = out.reply;
  const json parsed = json::parse(data, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return {"malformed", {}};
  std::string type = ref_string_field(parsed, "type");
  if (type.empty()) type = name;
  const auto member = [&parsed](const char* key) { return parsed.contains(key) ? parsed[key] : json(); };
  out.outcome = "data";
  if (type == "ping") {
    out.outcome = "keepalive";
  } else if (type == "error") {
    return {"error", {}};
  } else if (type == "message_start") {
    const json message = member("message");
    reply.model = ref_string_field(message, "model");
    if (message.is_object() && message.contains("usage")) ref_usage(message["usage"], reply.usage);
  } else if (type == "content_block_start") {
    const json block = member("content_block");
    if (ref_string_field(block, "type") == "tool_use") {
      out.outcome = "content";
    } else {
      reply.text += ref_string_field(block, "text");
      if (!reply.text.empty()) out.outcome = "content";
    }
  } else if (type == "content_block_delta") {
    const json delta = member("delta");
    const std::string delta_type = ref_string_field(delta, "type");
    if (delta_type == "text_delta") {
      reply.text += ref_string_field(delta, "text");
      if (!reply.text.empty()) out.outcome = "content";
    } else if (delta_type == "input_json_delta") {
      out.outcome = "content";
    }
  } else if (type == "message_delta") {
    if (std::string reason = ref_string_field(member("delta"), "stop_reason"); !reason.empty())
      reply.finish_reason = reason;
    if (parsed.contains("usage")) ref_usage(parsed["usage"], reply.usage);
  } else if (type == "message_stop") {
    reply.done = true;
    out.outcome = "done";
  }
  return out;
}

Decoded provider_body(const std::string& body) {
  AnthropicProvider provider;
  Decoded out;
  try {
    provider.parse_response(body, out.reply);
    out.outcome = "ok";
  } catch (const MalformedResponse&) {
    return {"malformed", {}};
  } catch (const StreamErrorEvent&) {
    return {"error", {}};
  }
  return out;
}

Decoded provider_event(const std::string& name, const std::string& data) {
  AnthropicProvider provider;
  Decoded out;
  try {
    switch (provider.on_event({name, data, ""}, out.reply)) {
      case EventClass::KeepAlive: out.outcome = "keepalive"; break;
      case EventClass::Data: out.outcome = "data"; break;
      case EventClass::Content: out.outcome = "content"; break;
      case EventClass::Done: out.outcome = "done"; break;
    }
  } catch (const MalformedResponse&) {
    return {"malformed", {}};
  } catch (const StreamErrorEvent&) {
    return {"error", {}};
  }
  return out;
}


using testing::mutated;

TEST_CASE("bodies and events decode as the nlohmann decoding did, mutated ones included") {
  const std::vector<std::pair<std::string, std::string>> samples = {
      {"", R"({"id":"m","type":"message","role":"assistant","model":"claude\u00e9","content":[{"type":"text",)"
           R"("text":"Hel"},{"type":"tool_use","text":"no"},{"type":"text","text":"lo\n"}],"stop_reason":"end_turn",)"
           R"("stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":3}})"},
      {"message_start", R"({"type":"message_start","message":{"id":"m","model":"c","content":[],)"
                        R"("usage":{"input_tokens":5,"output_tokens":1}}})"},
      {"content_block_start", R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":"a"}})"},
      {"content_block_delta", R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"b"}})"},
      {"content_block_delta", R"({"index":0,"delta":{"type":"input_json_delta","partial_json":"{"}})"},
      {"message_delta", R"({"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":9}})"},
      {"message_stop", R"({"type":"message_stop"})"},
      {"ping", R"({"type":"ping"})"},
      {"error", R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"},
  };
  std::mt19937 random(4242);
  for (const auto& sample : samples) {
    const std::string& name = sample.first;  // a reference, not a binding: clang 14's CAPTURE cannot take one
    const std::string& data = sample.second;
    std::vector<std::string> texts = {data};
    for (int i = 0; i < 1500; ++i) texts.push_back(mutated(data, random));
    for (const std::string& text : texts) {
      CAPTURE(name);
      CAPTURE(text);
      check_same(provider_body(text), reference_body(text));
      check_same(provider_event(name, text), reference_event(name, text));
    }
  }
}

}  // namespace
}  // namespace baml
