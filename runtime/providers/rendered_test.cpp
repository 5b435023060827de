// Requests for rendered prompts (Request::rendered), per provider. Every expectation below was
// taken from BAML 0.226.2 itself: tools/baml_oracle/oracle.js `request` on an equivalent .baml
// function (the prompt's `_.role` markers give the messages built here by hand).
#include <doctest/doctest.h>

#include <baml/errors.h>

#include "providers/chat_messages.h"
#include "providers/provider.h"

namespace baml {
namespace {

using nlohmann::json;

ClientSpec client_of(ProviderKind kind, std::string provider_name, json options) {
  ClientSpec client;
  client.name = "C";
  client.provider = kind;
  client.provider_name = std::move(provider_name);
  client.options = std::move(options);
  return client;
}

HttpRequest build(const ClientSpec& client, const Request& request, bool stream = false) {
  SecretRedactor redactor;
  const ResolvedOptions options = resolve_options(
      client, [](const std::string&) { return std::nullopt; }, redactor);
  return request_builder_for(client).build_request(options, request, stream);
}

Message text(std::string role, std::string content, Value::Entries metadata = {}) {
  Message message;
  message.role = std::move(role);
  message.parts.push_back(ContentPart::of_text(std::move(content)));
  message.metadata = std::move(metadata);
  return message;
}

Request rendered(std::vector<Message> messages) {
  Request request;
  request.function = "F";
  request.messages = std::move(messages);
  request.rendered = true;
  return request;
}

std::string header(const HttpRequest& request, const std::string& name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return "<absent>";
}

// {{ _.role("system") }} You are terse. {{ _.role("user") }} Hi a {{ _.role("assistant") }} Ok.
// {{ _.role("user") }} Again
Request roles() {
  return rendered({text("system", "You are terse."), text("user", "Hi a"), text("assistant", "Ok."), text("user", "Again")});
}

// Before a {{ _.role("user") }} U1 {{ _.role("system") }} S2 {{ _.role("user") }} U3
// (the text before the first marker has the default role: left empty here).
Request late_system() {
  return rendered({text("", "Before a"), text("user", "U1"), text("system", "S2"), text("user", "U3")});
}

Value::Entries ephemeral() {
  return {{"cache_control", Value::map({{"type", Value::string("ephemeral")}})}};
}

json text_part(const std::string& t) { return {{"type", "text"}, {"text", t}}; }

TEST_CASE("rendered openai: parts arrays, the key in authorization, usage asked when streaming") {
  const ClientSpec client = client_of(ProviderKind::OpenAI, "openai", {{"model", "gpt-4o"}, {"api_key", "sk-openai"}});
  HttpRequest request = build(client, roles());
  CHECK(request.url == "https://api.openai.com/v1/chat/completions");
  CHECK(header(request, "authorization") == "Bearer sk-openai");
  CHECK(header(request, "content-type") == "application/json");
  CHECK(header(request, "baml-original-url") == "<absent>");
  CHECK(json::parse(request.body) ==
        json({{"model", "gpt-4o"},
              {"messages",
               {{{"role", "system"}, {"content", {text_part("You are terse.")}}},
                {{"role", "user"}, {"content", {text_part("Hi a")}}},
                {{"role", "assistant"}, {"content", {text_part("Ok.")}}},
                {{"role", "user"}, {"content", {text_part("Again")}}}}}}));
  json streamed = json::parse(build(client, roles(), /*stream=*/true).body);
  CHECK(streamed["stream"] == true);
  CHECK(streamed["stream_options"] == json({{"include_usage", true}}));
}

TEST_CASE("rendered openai: disallowed roles go to the default role, then same roles merge") {
  // {{ _.role("user") }} U a {{ _.role("critic") }} C {{ _.role("user") }} U2
  const Request critic = rendered({text("user", "U a"), text("critic", "C"), text("user", "U2")});
  json body = json::parse(build(client_of(ProviderKind::OpenAI, "openai", {{"model", "gpt-4o"}}), critic).body);
  CHECK(body["messages"] == json({{{"role", "user"}, {"content", {text_part("U a")}}},
                                  {{"role", "system"}, {"content", {text_part("C")}}},
                                  {{"role", "user"}, {"content", {text_part("U2")}}}}));
  // o1 models have no system role: system and critic become user and merge.
  const Request o1 = rendered({text("system", "S"), text("user", "U"), text("critic", "C")});
  body = json::parse(build(client_of(ProviderKind::OpenAI, "openai", {{"model", "o1-mini"}}), o1).body);
  CHECK(body["messages"] ==
        json({{{"role", "user"}, {"content", {text_part("S"), text_part("U"), text_part("C")}}}}));
  body = json::parse(build(client_of(ProviderKind::OpenAI, "openai", {{"model", "o3-mini"}}), o1).body);
  CHECK(body["messages"].size() == 3);
  // allowed_roles without system and no default_role: the first allowed role.
  body = json::parse(
      build(client_of(ProviderKind::OpenAI, "openai", {{"model", "m"}, {"allowed_roles", {"assistant", "user"}}}), o1)
          .body);
  CHECK(body["messages"] == json({{{"role", "assistant"}, {"content", {text_part("S")}}},
                                  {{"role", "user"}, {"content", {text_part("U")}}},
                                  {{"role", "assistant"}, {"content", {text_part("C")}}}}));
  // remap_roles renames after mapping, and the renamed roles merge.
  body = json::parse(
      build(client_of(ProviderKind::OpenAI, "openai", {{"model", "m"}, {"remap_roles", {{"system", "user"}}}}), o1)
          .body);
  CHECK(body["messages"] ==
        json({{{"role", "user"}, {"content", {text_part("S"), text_part("U"), text_part("C")}}}}));
}

TEST_CASE("rendered openai: allowed_role_metadata puts metadata on every part") {
  const Request request = rendered({text("system", "S", ephemeral()), text("user", "U"),
                                    text("user", "U2", {{"cache_control", Value::map({{"type", Value::string("ephemeral")}})},
                                                        {"foo", Value::string("bar")}})});
  json body = json::parse(
      build(client_of(ProviderKind::OpenAI, "openai", {{"model", "m"}, {"allowed_role_metadata", {"cache_control"}}}),
            request)
          .body);
  json cached_u2 = text_part("U2");
  cached_u2["cache_control"] = {{"type", "ephemeral"}};
  json cached_s = text_part("S");
  cached_s["cache_control"] = {{"type", "ephemeral"}};
  CHECK(body["messages"] == json({{{"role", "system"}, {"content", {cached_s}}},
                                  {{"role", "user"}, {"content", {text_part("U"), cached_u2}}}}));
  body = json::parse(build(client_of(ProviderKind::OpenAI, "openai", {{"model", "m"}}), request).body);
  CHECK(body["messages"][0]["content"] == json::array({text_part("S")}));
}

TEST_CASE("rendered openai: media parts") {
  Message message = text("user", "Look:");
  message.parts.push_back(ContentPart::of_media(Media{MediaKind::Image, true, "https://e.com/a.png", "", ""}));
  message.parts.push_back(ContentPart::of_media(Media{MediaKind::Audio, false, "", "QUJD", "audio/mpeg"}));
  message.parts.push_back(ContentPart::of_media(Media{MediaKind::Pdf, false, "", "QUJD", "application/pdf"}));
  message.parts.push_back(ContentPart::of_media(Media{MediaKind::Image, false, "", "QUJD", "image/png"}));
  json body = json::parse(build(client_of(ProviderKind::OpenAI, "openai", {{"model", "m"}}), rendered({message})).body);
  CHECK(body["messages"][0]["content"] ==
        json({text_part("Look:"),
              {{"type", "image_url"}, {"image_url", {{"url", "https://e.com/a.png"}}}},
              {{"type", "input_audio"}, {"input_audio", {{"data", "QUJD"}, {"format", "mp3"}}}},
              {{"type", "file"}, {"file", {{"filename", "document.pdf"}, {"file_data", "data:application/pdf;base64,QUJD"}}}},
              {{"type", "image_url"}, {"image_url", {{"url", "data:image/png;base64,QUJD"}}}}}));
  // Audio by URL would have to be downloaded.
  Message audio = text("user", "U");
  audio.parts.push_back(ContentPart::of_media(Media{MediaKind::Audio, true, "https://e.com/a.mp3", "", ""}));
  CHECK_THROWS_AS(build(client_of(ProviderKind::OpenAI, "openai", {{"model", "m"}}), rendered({audio})), ConfigError);
}

TEST_CASE("rendered openai: audio by URL with send_url, and send_url_add_mime_type without a media type") {
  const ClientSpec client =
      client_of(ProviderKind::OpenAI, "openai", {{"model", "m"}, {"media_url_handler", {{"audio", "send_url"}}}});
  auto audio_of = [&](std::string url, std::string media_type) {
    Message message = text("user", "U");
    message.parts.push_back(ContentPart::of_media(Media{MediaKind::Audio, true, std::move(url), "", std::move(media_type)}));
    return json::parse(build(client, rendered({message})).body)["messages"][0]["content"][1]["input_audio"];
  };
  // BAML's format: the media type as given, else what follows the URL's last '.'.
  CHECK(audio_of("https://e.com/a.mp3", "audio/mpeg") == json({{"data", "https://e.com/a.mp3"}, {"format", "audio/mpeg"}}));
  CHECK(audio_of("https://e.com/a.mp3?x=1", "") == json({{"data", "https://e.com/a.mp3?x=1"}, {"format", "mp3?x=1"}}));
  CHECK(audio_of("s3://bucket/x", "") == json({{"data", "s3://bucket/x"}, {"format", "s3://bucket/x"}}));
  // send_url_add_mime_type needs the media type; BAML downloads the file to learn it.
  Message image = text("user", "U");
  image.parts.push_back(ContentPart::of_media(Media{MediaKind::Image, true, "https://e.com/a.png", "", ""}));
  const ClientSpec add_mime = client_of(ProviderKind::OpenAI, "openai",
                                        {{"model", "m"}, {"media_url_handler", {{"image", "send_url_add_mime_type"}}}});
  CHECK_THROWS_WITH_AS(build(add_mime, rendered({image})), doctest::Contains("needs downloading"), ConfigError);
  image.parts[1].media.media_type = "image/png";
  CHECK(json::parse(build(add_mime, rendered({image})).body)["messages"][0]["content"][1]["image_url"]["url"] ==
        "https://e.com/a.png");
}

TEST_CASE("rendered anthropic, google-ai, aws-bedrock: a prompt that is one system message goes out as user") {
  // Merged system messages count as one; a system message with others keeps being the system prompt.
  Message empty_user;  // a `_.role("user")` with nothing after it
  empty_user.role = "user";
  const Request only_system = rendered({text("system", "S1"), empty_user, text("system", "S2")});
  const ClientSpec anthropic = client_of(ProviderKind::Anthropic, "anthropic", {{"model", "m"}});
  json body = json::parse(build(anthropic, only_system).body);
  CHECK_FALSE(body.contains("system"));
  CHECK(body["messages"] == json({{{"role", "user"},
                                   {"content", {{{"type", "text"}, {"text", "S1"}}, {{"type", "text"}, {"text", "S2"}}}}}}));
  body = json::parse(build(client_of(ProviderKind::GoogleAI, "google-ai", {{"model", "m"}}), only_system).body);
  CHECK_FALSE(body.contains("system_instruction"));
  CHECK(body["contents"] == json({{{"role", "user"}, {"parts", {{{"text", "S1"}}, {{"text", "S2"}}}}}}));
  body = json::parse(
      build(client_of(ProviderKind::AwsBedrock, "aws-bedrock", {{"model", "m"}, {"region", "us-east-1"}}), only_system).body);
  CHECK_FALSE(body.contains("system"));
  CHECK(body["messages"] == json({{{"role", "user"}, {"content", {{{"text", "S1"}}, {{"text", "S2"}}}}}}));
  // With an assistant message after it, the system message stays the system prompt.
  body = json::parse(build(anthropic, rendered({text("system", "S"), text("assistant", "A")})).body);
  CHECK(body["system"] == json({{{"type", "text"}, {"text", "S"}}}));
  CHECK(body["messages"] == json({{{"role", "assistant"}, {"content", {{{"type", "text"}, {"text", "A"}}}}}}));
}

TEST_CASE("rendered openai-generic: text-only content is a string, merged parts joined by a space") {
  const Request request = rendered({text("system", "S1", ephemeral()), text("user", "U1"), text("user", "U2")});
  HttpRequest http = build(
      client_of(ProviderKind::OpenAIGeneric, "openai-generic", {{"model", "m1"}, {"base_url", "http://h.example/v1"}}),
      request, /*stream=*/true);
  CHECK(http.url == "http://h.example/v1/chat/completions");
  // Metadata (even dropped) keeps the parts list.
  CHECK(json::parse(http.body) == json({{"model", "m1"},
                                        {"stream", true},
                                        {"messages",
                                         {{{"role", "system"}, {"content", {text_part("S1")}}},
                                          {{"role", "user"}, {"content", "U1 U2"}}}}}));
}

TEST_CASE("rendered azure-openai: deployment URL, api-key, max_tokens 4096, no model") {
  const ClientSpec client = client_of(ProviderKind::AzureOpenAI, "azure-openai",
                                      {{"resource_name", "res"}, {"deployment_id", "dep"},
                                       {"api_version", "2024-02-01"}, {"api_key", "az-key"}});
  HttpRequest http = build(client, rendered({text("", "Hello a")}), /*stream=*/true);
  CHECK(http.url == "https://res.openai.azure.com/openai/deployments/dep/chat/completions?api-version=2024-02-01");
  CHECK(header(http, "api-key") == "az-key");
  CHECK(json::parse(http.body) == json({{"max_tokens", 4096},
                                        {"stream", true},
                                        {"messages", {{{"role", "system"}, {"content", {text_part("Hello a")}}}}}}));
  // With query_params, api_version is not interpreted: it goes into the body.
  json options = client.options;
  options["query_params"] = {{"x", "y"}};
  http = build(client_of(ProviderKind::AzureOpenAI, "azure-openai", options), rendered({text("user", "U")}));
  CHECK(http.url == "https://res.openai.azure.com/openai/deployments/dep/chat/completions?x=y");
  CHECK(json::parse(http.body)["api_version"] == "2024-02-01");
}

TEST_CASE("rendered ollama: the default role is user") {
  HttpRequest http = build(client_of(ProviderKind::Ollama, "ollama", {{"model", "llama3"}}), rendered({text("", "Hello a")}));
  CHECK(http.url == "http://localhost:11434/v1/chat/completions");
  CHECK(json::parse(http.body) ==
        json({{"model", "llama3"}, {"messages", {{{"role", "user"}, {"content", {text_part("Hello a")}}}}}}));
}

TEST_CASE("rendered anthropic: leading system blocks, later system as user, cache_control on blocks") {
  const ClientSpec client =
      client_of(ProviderKind::Anthropic, "anthropic", {{"model", "claude-3-5-sonnet-20241022"}, {"api_key", "sk-ant"}});
  HttpRequest http = build(client, late_system(), /*stream=*/true);
  CHECK(http.url == "https://api.anthropic.com/v1/messages");
  CHECK(header(http, "x-api-key") == "sk-ant");
  CHECK(header(http, "anthropic-version") == "2023-06-01");
  CHECK(json::parse(http.body) == json({{"model", "claude-3-5-sonnet-20241022"},
                                        {"max_tokens", 4096},
                                        {"stream", true},
                                        {"messages",
                                         {{{"role", "user"}, {"content", {text_part("Before a"), text_part("U1")}}},
                                          {{"role", "user"}, {"content", {text_part("S2")}}},
                                          {{"role", "user"}, {"content", {text_part("U3")}}}}}}));

  json options = client.options;
  options["allowed_role_metadata"] = "all";
  Message user = text("user", "U", ephemeral());
  user.parts.push_back(ContentPart::of_media(Media{MediaKind::Image, true, "https://e.com/a.png", "", ""}));
  http = build(client_of(ProviderKind::Anthropic, "anthropic", options), rendered({text("system", "Sys a", ephemeral()), user}));
  const json cache = {{"type", "ephemeral"}};
  CHECK_FALSE(json::parse(http.body).contains("allowed_role_metadata"));
  CHECK(json::parse(http.body)["messages"][0]["content"][1] ==
        json({{"type", "image"}, {"source", {{"type", "url"}, {"url", "https://e.com/a.png"}}}, {"cache_control", cache}}));
  CHECK(json::parse(http.body)["system"] == json({{{"type", "text"}, {"text", "Sys a"}, {"cache_control", cache}}}));
}

TEST_CASE("rendered google-ai: system_instruction, model role, key header, stream URL") {
  const ClientSpec client = client_of(ProviderKind::GoogleAI, "google-ai", {{"model", "gemini-1.5-flash"}, {"api_key", "g-key"}});
  HttpRequest http = build(client, roles());
  CHECK(http.url == "https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-flash:generateContent");
  CHECK(header(http, "x-goog-api-key") == "g-key");
  CHECK(json::parse(http.body) == json({{"system_instruction", {{"parts", {{{"text", "You are terse."}}}}}},
                                        {"contents",
                                         {{{"role", "user"}, {"parts", {{{"text", "Hi a"}}}}},
                                          {{"role", "model"}, {"parts", {{{"text", "Ok."}}}}},
                                          {{"role", "user"}, {"parts", {{{"text", "Again"}}}}}}}}));
  http = build(client, roles(), /*stream=*/true);
  CHECK(http.url ==
        "https://generativelanguage.googleapis.com/v1beta/models/gemini-1.5-flash:streamGenerateContent?alt=sse");
  CHECK_FALSE(json::parse(http.body).contains("stream"));
}

TEST_CASE("rendered google-ai: media by URL") {
  // An image by URL is inlined (downloaded) unless gs://; audio, pdf and video go as file_data.
  const ClientSpec client = client_of(ProviderKind::GoogleAI, "google-ai", {{"model", "m"}});
  Message message = text("user", "Watch");
  message.parts.push_back(ContentPart::of_media(Media{MediaKind::Video, true, "https://e.com/clip.mp4", "", "video/mp4"}));
  message.parts.push_back(ContentPart::of_media(Media{MediaKind::Audio, true, "https://e.com/a.mp3", "", ""}));
  message.parts.push_back(ContentPart::of_media(Media{MediaKind::Pdf, true, "https://e.com/a.pdf", "", ""}));
  message.parts.push_back(ContentPart::of_media(Media{MediaKind::Image, true, "gs://b/a.png", "", ""}));
  CHECK(json::parse(build(client, rendered({message})).body)["contents"][0]["parts"] ==
        json({{{"text", "Watch"}},
              {{"file_data", {{"file_uri", "https://e.com/clip.mp4"}, {"mime_type", "video/mp4"}}}},
              {{"file_data", {{"file_uri", "https://e.com/a.mp3"}}}},
              {{"file_data", {{"file_uri", "https://e.com/a.pdf"}, {"mime_type", "application/pdf"}}}},
              {{"file_data", {{"file_uri", "gs://b/a.png"}}}}}));
  Message image = text("user", "U");
  image.parts.push_back(ContentPart::of_media(Media{MediaKind::Image, true, "https://e.com/a.png", "", "image/png"}));
  CHECK_THROWS_WITH_AS(build(client, rendered({image})), doctest::Contains("needs downloading"), ConfigError);
}

TEST_CASE("rendered openai-responses: input_text, output_text for the assistant, input_image") {
  Message user = text("user", "Look:");
  user.parts.push_back(ContentPart::of_media(Media{MediaKind::Image, true, "https://e.com/a.png", "", ""}));
  HttpRequest http = build(client_of(ProviderKind::OpenAIResponses, "openai-responses", {{"model", "gpt-4o"}, {"api_key", "k"}}),
                           rendered({text("assistant", "Ok."), user}), /*stream=*/true);
  CHECK(http.url == "https://api.openai.com/v1/responses");
  CHECK(header(http, "authorization") == "Bearer k");
  CHECK(json::parse(http.body) ==
        json({{"model", "gpt-4o"},
              {"stream", true},
              {"input",
               {{{"role", "assistant"}, {"content", {{{"type", "output_text"}, {"text", "Ok."}}}}},
                {{"role", "user"},
                 {"content",
                  {{{"type", "input_text"}, {"text", "Look:"}},
                   {{"type", "input_image"}, {"detail", "auto"}, {"image_url", "https://e.com/a.png"}}}}}}}}));
}

TEST_CASE("rendered aws-bedrock: converse body, percent-encoded model id, cachePoint, f32 floats") {
  const ClientSpec client = client_of(ProviderKind::AwsBedrock, "aws-bedrock",
                                      {{"model_id", "anthropic.claude-3:0"},
                                       {"region", "eu-west-1"},
                                       {"access_key_id", "a"},
                                       {"secret_access_key", "b"},
                                       {"inference_configuration", {{"max_tokens", 200}, {"top_p", 0.9}}},
                                       {"additional_model_request_fields", {{"foo", 1}}}});
  HttpRequest http = build(client, rendered({text("system", "S", ephemeral()), text("user", "U", {{"foo", Value::integer(1)}})}));
  CHECK(http.url == "https://bedrock-runtime.eu-west-1.amazonaws.com/model/anthropic.claude-3%3A0/converse");
  CHECK(header(http, "accept") == "application/json");
  CHECK(json::parse(http.body) ==
        json({{"messages", {{{"role", "user"}, {"content", {{{"text", "U"}}}}}}},
              {"system", {{{"text", "S"}}, {{"cachePoint", {{"type", "default"}}}}}},
              {"inferenceConfig", {{"maxTokens", 200}, {"topP", 0.8999999761581421}}},
              {"additionalModelRequestFields", {{"foo", 1}}}}));
  CHECK_THROWS_WITH_AS(provider_for(client), doctest::Contains("calling provider aws-bedrock is not implemented yet"),
                       ConfigError);
  CHECK_THROWS_WITH_AS(build(client, rendered({text("user", "U")}), /*stream=*/true),
                       doctest::Contains("streaming aws-bedrock request is not supported"), ConfigError);
}

TEST_CASE("rendered aws-bedrock: media by URL is an s3Location; a video by URL is not downloaded") {
  const ClientSpec client = client_of(ProviderKind::AwsBedrock, "aws-bedrock", {{"model", "m"}, {"region", "us-east-1"}});
  Message message = text("user", "U");
  message.parts.push_back(ContentPart::of_media(Media{MediaKind::Video, true, "s3://b/a.mp4", "", "video/mp4"}));
  message.parts.push_back(ContentPart::of_media(Media{MediaKind::Video, true, "s3://b/vid", "", ""}));
  CHECK(json::parse(build(client, rendered({message})).body)["messages"][0]["content"] ==
        json({{{"text", "U"}},
              {{"video", {{"format", "mp4"}, {"source", {{"s3Location", {{"uri", "s3://b/a.mp4"}}}}}}}},
              {{"video", {{"source", {{"s3Location", {{"uri", "s3://b/vid"}}}}}}}}}));
  Message https_video = text("user", "U");
  https_video.parts.push_back(ContentPart::of_media(Media{MediaKind::Video, true, "https://e.com/a.mp4", "", ""}));
  CHECK_THROWS_WITH_AS(build(client, rendered({https_video})), doctest::Contains("s3://"), ConfigError);
  // An image by URL is downloaded by default; with send_url it must be an s3:// URI too.
  Message pdf = text("user", "U");
  pdf.parts.push_back(ContentPart::of_media(Media{MediaKind::Pdf, true, "s3://b/a.pdf", "", ""}));
  CHECK_THROWS_WITH_AS(build(client, rendered({pdf})), doctest::Contains("needs downloading"), ConfigError);
  json options = client.options;
  options["media_url_handler"] = {{"pdf", "send_url"}};
  CHECK(json::parse(build(client_of(ProviderKind::AwsBedrock, "aws-bedrock", options), rendered({pdf})).body)["messages"][0]
                  ["content"][1] ==
        json({{"document", {{"format", "pdf"}, {"name", "document"}, {"source", {{"s3Location", {{"uri", "s3://b/a.pdf"}}}}}}}}));
}

TEST_CASE("vertex-ai says what is missing") {
  const ClientSpec client = client_of(ProviderKind::VertexAI, "vertex-ai", {{"model", "gemini"}, {"location", "us"}});
  CHECK_THROWS_WITH_AS(build(client, roles()), doctest::Contains("needs a Google access token"), ConfigError);
}

TEST_CASE("the default role of unmarked text") {
  CHECK(default_role(client_of(ProviderKind::OpenAI, "openai", {{"model", "gpt-4o"}})) == "system");
  CHECK(default_role(client_of(ProviderKind::OpenAI, "openai", {{"model", "o1"}})) == "user");
  CHECK(default_role(client_of(ProviderKind::Ollama, "ollama", json::object())) == "user");
  CHECK(default_role(client_of(ProviderKind::Anthropic, "anthropic", {{"default_role", "assistant"}})) == "assistant");
}

}  // namespace
}  // namespace baml
