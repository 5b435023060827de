// The OpenAI chat-completions request of a rendered prompt, exactly as BAML 0.226.2 builds it
// (expectations from tools/baml_oracle; see openai_rendered_test.cpp):
//   - content is a list of parts: {"type":"text"}, {"type":"image_url"}, {"type":"input_audio"},
//     {"type":"file"} (pdf); each part carries its message's allowed metadata. openai-generic
//     sends a plain string instead ("a b" for parts a and b) when a message is text only and its
//     `_.role(...)` had no metadata at all.
//   - the OpenAI family has no video input; BAML refuses it.
//   - openai streams ask for usage (stream_options); the others only set stream.
//   - azure-openai: no default model, max_tokens 4096 unless max_tokens or max_completion_tokens
//     is set (max_tokens null removes it); ?api-version= from api_version unless query_params is
//     set, in which case api_version goes into the body like any other option.
//   - the api key (Authorization: Bearer, azure's api-key) wins over a header of the same name.
#include <algorithm>
#include <string>
#include <utility>

#include <baml/errors.h>

#include "providers/chat_messages.h"
#include "providers/openai.h"
#include "providers/rendered_wire.h"

namespace baml {

using nlohmann::json;

namespace {

std::string_view provider_name(OpenAiFlavor flavor) {
  switch (flavor) {
    case OpenAiFlavor::OpenAi: return "openai";
    case OpenAiFlavor::Generic: return "openai-generic";
    case OpenAiFlavor::Azure: return "azure-openai";
    case OpenAiFlavor::Ollama: return "ollama";
  }
  return "openai";
}

ProviderKind kind_of(OpenAiFlavor flavor) {
  switch (flavor) {
    case OpenAiFlavor::OpenAi: return ProviderKind::OpenAI;
    case OpenAiFlavor::Generic: return ProviderKind::OpenAIGeneric;
    case OpenAiFlavor::Azure: return ProviderKind::AzureOpenAI;
    case OpenAiFlavor::Ollama: return ProviderKind::Ollama;
  }
  return ProviderKind::OpenAI;
}

// input_audio's format: the media type's subtype, except audio/mpeg, which is mp3.
std::string audio_format(const std::string& media_type) {
  std::string format = media_type.substr(media_type.find('/') + 1);
  return format == "mpeg" ? "mp3" : format;
}

json media_part(const Media& media, const ResolvedOptions& options, std::string_view provider) {
  const wire::WireMedia data = wire::wire_media(media, options, {}, provider);
  switch (media.kind) {
    case MediaKind::Image:
      return {{"type", "image_url"}, {"image_url", {{"url", data.by_url ? data.url : wire::data_url(data)}}}};
    case MediaKind::Audio:
      if (data.by_url) {
        // Oracle: BAML puts the URL in `data`, and as `format` the media type as given or else
        // what follows the URL's last '.' (it does not map audio/mpeg to mp3 here).
        const std::size_t dot = data.url.rfind('.');
        std::string format = !data.media_type.empty() ? data.media_type
                             : dot == std::string::npos ? data.url
                                                        : data.url.substr(dot + 1);
        return {{"type", "input_audio"}, {"input_audio", {{"data", data.url}, {"format", std::move(format)}}}};
      }
      return {{"type", "input_audio"}, {"input_audio", {{"data", data.base64}, {"format", audio_format(data.media_type)}}}};
    case MediaKind::Pdf:
      if (data.by_url) {
        return {{"type", "file"},
                {"file", {{"type", "input_file"}, {"file_url", data.url}, {"filename", "document.pdf"}}}};
      }
      return {{"type", "file"}, {"file", {{"filename", "document.pdf"}, {"file_data", wire::data_url(data)}}}};
    case MediaKind::Video: break;
  }
  wire::unsupported_media(media, provider, options);
}

// Appends the message's `content` as JSON: written straight into the body's text, so a prompt's
// text is escaped once and never copied into a tree; a part with metadata or media goes through
// nlohmann::json (small) and the same dump.
void append_content(std::string& out, const ChatMessage& message, OpenAiFlavor flavor, const ResolvedOptions& options) {
  const bool plain = flavor == OpenAiFlavor::Generic && message.text_only() &&
                     std::none_of(message.parts.begin(), message.parts.end(),
                                  [](const ChatPart& part) { return part.had_metadata; });
  if (plain) {
    if (message.parts.size() == 1) {
      wire::append_json_string(out, message.parts.front().part.text);
      return;
    }
    std::string text;
    for (const ChatPart& part : message.parts) {
      if (!text.empty()) text += ' ';
      text += part.part.text;
    }
    wire::append_json_string(out, text);
    return;
  }
  out += '[';
  bool first = true;
  for (const ChatPart& part : message.parts) {
    if (!first) out += ',';
    first = false;
    if (part.part.kind == ContentPart::Kind::Text && part.metadata.empty()) {
      out += "{\"text\":";  // the keys in nlohmann's (sorted) order
      wire::append_json_string(out, part.part.text);
      out += ",\"type\":\"text\"}";
      continue;
    }
    json block = part.part.kind == ContentPart::Kind::Text ? json{{"type", "text"}, {"text", part.part.text}}
                                                           : media_part(part.part.media, options, provider_name(flavor));
    out += wire::dump_json(wire::with_metadata(std::move(block), part.metadata));
  }
  out += ']';
}

}  // namespace

HttpRequest OpenAiProvider::build_rendered(const ResolvedOptions& options, const Request& request, bool stream) const {
  const bool azure = flavor_ == OpenAiFlavor::Azure;
  const bool has_query_params = options.values.contains("query_params") && !options.values["query_params"].is_null();
  std::vector<std::pair<std::string, std::string>> query = wire::query_params(options);
  std::optional<std::string> api_version = azure ? options.string_option("api_version") : std::nullopt;
  if (api_version && !has_query_params) query.emplace_back("api-version", *api_version);

  HttpRequest out;
  out.url = wire::with_form_query(base_url(options) + "/chat/completions", query);
  wire::put_header(out.headers, "content-type", "application/json");
  for (const auto& [name, value] : options.headers) wire::put_header(out.headers, name, value);
  if (options.api_key) {
    if (azure) {
      wire::put_header(out.headers, "api-key", *options.api_key);
    } else {
      wire::put_header(out.headers, "authorization", "Bearer " + *options.api_key);
    }
  }

  json body = azure ? wire::rendered_body_options(options, {"query_params", "client_response_type", "resource_name",
                                                            "deployment_id", has_query_params ? "" : "api_version"})
                    : wire::rendered_body_options(options, {"query_params", "client_response_type"});
  if (azure) {
    auto max_tokens = body.find("max_tokens");
    if (max_tokens == body.end()) {
      if (!body.contains("max_completion_tokens")) body["max_tokens"] = 4096;
    } else if (max_tokens->is_null()) {
      body.erase(max_tokens);
    }
  }
  const RolePolicy policy = role_policy(kind_of(flavor_), options.values, options.client);
  std::string messages = "[";
  for (const ChatMessage& message : chat_messages(request, policy)) {
    if (messages.size() > 1) messages += ',';
    messages += "{\"content\":";  // the keys in nlohmann's (sorted) order
    append_content(messages, message, flavor_, options);
    messages += ",\"role\":";
    wire::append_json_string(messages, message.role);
    messages += '}';
  }
  messages += ']';
  body["messages"] = nullptr;  // written from `messages` by dump_json_with
  if (stream) {
    body["stream"] = true;
    if (flavor_ == OpenAiFlavor::OpenAi && !body.contains("stream_options")) {
      body["stream_options"] = {{"include_usage", true}};
    }
  }
  out.body = wire::dump_json_with(body, {{"messages", messages}});
  return out;
}

}  // namespace baml
