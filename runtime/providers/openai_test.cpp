// OpenAI chat completions: request URL, headers and body per flavor; decoding bodies and events,
// including malformed ones.
#include <doctest/doctest.h>

#include <random>

#include <baml/errors.h>

#include "providers/json_reader.h"
#include "providers/openai.h"
#include "testing/body_cases.h"
#include "testing/decoder_comparison.h"
#include "testing/json_mutation.h"

namespace baml {
namespace {

using testing::check_same;
using testing::Decoded;

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

// ---- The fast path (providers/json_reader.h) against nlohmann ----

// Integers as int64, other numbers as one marker: what JsonReader can tell apart.
json normalized(const json& value) {
  if (value.is_object()) {
    json out = json::object();
    for (auto it = value.begin(); it != value.end(); ++it) out[it.key()] = normalized(it.value());
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const json& item : value) out.push_back(normalized(item));
    return out;
  }
  if (value.is_number_float()) return "<float>";
  if (value.is_number_integer()) return value.get<std::int64_t>();
  return value;
}

json read_all(wire::JsonReader& reader) {
  switch (reader.peek()) {
    case '{': {
      json out = json::object();
      reader.object([&](std::string_view key) {
        const std::string name(key);
        out[name] = read_all(reader);
      });
      return out;
    }
    case '[': {
      json out = json::array();
      reader.array([&](std::size_t) { out.push_back(read_all(reader)); });
      return out;
    }
    case '"': {
      std::string text;
      reader.string(text);
      return text;
    }
    case '0': {
      std::optional<std::int64_t> value;
      reader.number(value);
      return value ? json(*value) : json("<float>");
    }
    default: {
      const char kind = reader.peek();
      reader.skip();
      return kind == 't' ? json(true) : kind == 'f' ? json(false) : json(nullptr);
    }
  }
}

// Whatever JsonReader accepts, nlohmann accepts and reads the same; skipping agrees with reading.
void check_reader_agrees(const std::string& text) {
  CAPTURE(text);
  wire::JsonReader reader(text);
  const json mine = read_all(reader);
  const bool accepted = reader.finished();
  wire::JsonReader skipper(text);
  skipper.skip();
  const bool skipped = skipper.finished();
  if (accepted) CHECK(skipped);  // reading refuses long integers, skipping need not
  const json theirs = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (skipped) CHECK_FALSE(theirs.is_discarded());
  if (accepted) {
    REQUIRE_FALSE(theirs.is_discarded());
    CHECK(mine == normalized(theirs));
  }
}

TEST_CASE("JsonReader accepts only what nlohmann accepts, and reads the same values") {
  const char* cases[] = {
      "{}", "[]", "  {\"a\" : [1, -0, 2.5, 1e3, -1E-2, true, false, null, \"x\"] }\n", "\"\"", "0", "-",
      "01", "1.", ".5", "1e", "1e+", "[1,]", "{\"a\":1,}", "{,}", "[,1]", "{\"a\"}", "{\"a\":}", "{1:2}",
      "tru", "nul", "falsey", "[] []", "\"\\u00e9\\ud83d\\ude00\\n\\t\\/\\\\\\\"\"", "\"\\ud83d\"",
      "\"\\ude00\"", "\"\\ud83dx\"", "\"\\u12\"", "\"\\x\"", "\"\\u0000\"", "\"a\tb\"",
      "\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\"", "\"\xC0\x80\"", "\"\xED\xA0\x80\"",
      "\"\xF4\x90\x80\x80\"", "\"\xE0\x80\x80\"", "\"\x80\"", "\"\xC3\"", "\xEF\xBB\xBF{}",
      "{\"a\":1,\"a\":2}", "{\"k\\u0065y\":{\"x\":[{}]}}", "123456789012345678", "1234567890123456789",
      "-123456789012345678", "1e400", "-1e400", "1e-400", "1.5e308", "123456789012345678901234567890",
      "18446744073709551615", "\"\x7F\"", "{\"a\":[[[[[[]]]]]]}", "\"unterminated", "[1 2]", "{\"a\" 1}",
  };
  for (const char* text : cases) check_reader_agrees(text);
  check_reader_agrees(std::string(70, '[') + std::string(70, ']'));
  check_reader_agrees(std::string("\"a\0b\"", 5));
}

const char* const kSampleBody =
    R"({"id":"c-1","object":"chat.completion","created":1700000000,"model":"m\u00e9","choices":[{"index":0,)"
    R"("message":{"role":"assistant","content":"H\u00e9llo \"w\"\n","tool_calls":[{"id":"t"}]},"logprobs":null,)"
    R"("finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":-3,"total_tokens":1.5e1},"error":null})";

using testing::mutated;

TEST_CASE("JsonReader agrees with nlohmann on mutated bodies") {
  std::mt19937 random(12345);
  for (int i = 0; i < 20000; ++i) check_reader_agrees(mutated(kSampleBody, random));
}

// The decoding of openai.cpp before its fast path, kept here as the reference the provider must match.
void reference_common(const json& parsed, ProviderReply& reply) {
  if (auto it = parsed.find("usage"); it != parsed.end() && it->is_object()) {
    if (auto in = it->find("prompt_tokens"); in != it->end() && in->is_number_integer())
      reply.usage.input_tokens = in->get<std::int64_t>();
    if (auto out = it->find("completion_tokens"); out != it->end() && out->is_number_integer())
      reply.usage.output_tokens = out->get<std::int64_t>();
  }
  if (auto model = parsed.find("model"); model != parsed.end() && model->is_string())
    reply.model = model->get<std::string>();
}

const json* reference_choice(const json& parsed, ProviderReply& reply) {
  auto choices = parsed.find("choices");
  if (choices == parsed.end() || !choices->is_array() || choices->empty() || !(*choices)[0].is_object())
    return nullptr;
  const json& choice = (*choices)[0];
  if (auto reason = choice.find("finish_reason"); reason != choice.end() && reason->is_string())
    reply.finish_reason = reason->get<std::string>();
  return &choice;
}

Decoded reference_body(const std::string& body) {
  Decoded out;
  const json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return {"malformed", {}};
  if (parsed.contains("error") && !parsed["error"].is_null()) return {"error", {}};
  ProviderReply& reply = out.reply;
  const json* choice = reference_choice(parsed, reply);
  if (choice == nullptr) return {"malformed", {}};
  auto message = choice->find("message");
  if (message == choice->end() || !message->is_object()) return {"malformed", {}};
  auto content = message->find("content");
  if (content != message->end() && content->is_string()) {
    reply.text = content->get<std::string>();
  } else if (content != message->end() && !content->is_null()) {
    return {"malformed", {}};
  }
  reference_common(parsed, reply);
  out.outcome = "ok";
  return out;
}

Decoded reference_event(const std::string& data) {
  Decoded out;
  const json parsed = json::parse(data, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return {"malformed", {}};
  if (parsed.contains("error") && !parsed["error"].is_null()) return {"error", {}};
  reference_common(parsed, out.reply);
  const json* choice = reference_choice(parsed, out.reply);
  out.outcome = "data";
  if (choice == nullptr) return out;
  auto delta = choice->find("delta");
  if (delta == choice->end() || !delta->is_object()) return out;
  bool content = false;
  if (auto text = delta->find("content"); text != delta->end() && text->is_string() && !text->get<std::string>().empty()) {
    out.reply.text = text->get<std::string>();
    content = true;
  }
  if (auto tools = delta->find("tool_calls"); tools != delta->end() && tools->is_array() && !tools->empty())
    content = true;
  if (content) out.outcome = "content";
  return out;
}

Decoded provider_body(const std::string& body) {
  OpenAiProvider provider(OpenAiFlavor::OpenAi);
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

Decoded provider_event(const std::string& data) {
  OpenAiProvider provider(OpenAiFlavor::OpenAi);
  Decoded out;
  try {
    const EventClass kind = provider.on_event({"", data, ""}, out.reply);
    out.outcome = kind == EventClass::Content ? "content" : "data";
  } catch (const MalformedResponse&) {
    return {"malformed", {}};
  } catch (const StreamErrorEvent&) {
    return {"error", {}};
  }
  return out;
}


TEST_CASE("bodies and events decode as nlohmann reads them, repeated keys and escapes included") {
  const std::string event =
      R"({"id":"c","model":"m","choices":[{"index":0,"delta":{"content":"\u00e9","tool_calls":[]},)"
      R"("finish_reason":null}],"usage":{"prompt_tokens":1,"completion_tokens":2}})";
  std::vector<std::string> bodies = {
      kSampleBody,
      R"({"choices":[{"message":{"content":"a"}}],"choices":[{"message":{"content":"b"}}]})",
      R"({"choices":[{"message":{"content":"a","content":null}}]})",
      R"({"choices":[{"message":{}},{"message":5}],"model":7,"usage":[]})",
      R"({"choices":[5,{"message":{"content":"x"}}]})",
      R"({"choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":99999999999999999999}})",
      R"({"choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":18446744073709551615}})",
      R"({"choices":[{"message":{"content":"x"}}],"error":{"message":"no"}})",
      R"({"choices":[{"message":{"content":"x"}}],"error":false})",
      R"({"mod\u0065l":"m","choices":[{"message":{"content":"x"},"finish_reason":"length"}]})",
      event,
      R"({"choices":[{"delta":{"content":5,"tool_calls":[1]}}]})",
      R"({"choices":[{"delta":[]}],"usage":{"prompt_tokens":1.0}})",
  };
  std::mt19937 random(777);
  for (int i = 0; i < 5000; ++i) {
    bodies.push_back(mutated(kSampleBody, random));
    bodies.push_back(mutated(event, random));
  }
  for (const std::string& body : bodies) {
    CAPTURE(body);
    check_same(provider_body(body), reference_body(body), /*compare_done=*/false);
    if (body != "[DONE]") check_same(provider_event(body), reference_event(body), /*compare_done=*/false);
  }
}

using testing::body_option_sets;
using testing::body_requests;

// The request body as openai.cpp built it before writing it directly: the reference.
std::string reference_openai_body(const ResolvedOptions& options, const Request& request, bool stream) {
  json body = options.passthrough();
  if (!options.model.empty()) body["model"] = options.model;
  json messages = json::array();
  for (const Message& message : request.messages)
    messages.push_back({{"role", message.role}, {"content", message.content}});
  body["messages"] = std::move(messages);
  if (stream) {
    body["stream"] = true;
    if (!body.contains("stream_options")) body["stream_options"] = {{"include_usage", true}};
  }
  return body.dump();
}

TEST_CASE("request bodies are byte for byte what nlohmann::json dumps") {
  OpenAiProvider provider(OpenAiFlavor::Generic);
  for (json values : body_option_sets()) {
    values["base_url"] = "http://h/v1";
    const ResolvedOptions options = options_from(values);
    for (const Request& request : body_requests()) {
      for (const bool stream : {false, true}) {
        CAPTURE(values.dump());
        CAPTURE(stream);
        CHECK(provider.build_request(options, request, stream).body == reference_openai_body(options, request, stream));
      }
    }
  }
  // Text that is not UTF-8 fails as it always did, with nlohmann's type_error.
  const ResolvedOptions options = options_from({{"base_url", "http://h/v1"}});
  for (const char* bad : {"\xC3", "a\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "x\xFF"}) {
    CAPTURE(bad);
    const Request request{"F", {{"user", bad}}};
    CHECK_THROWS_AS(reference_openai_body(options, request, false), json::type_error);
    CHECK_THROWS_AS(provider.build_request(options, request, false), json::type_error);
  }
}

}  // namespace
}  // namespace baml
