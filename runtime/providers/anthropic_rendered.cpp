// The Anthropic messages request of a rendered prompt, exactly as BAML 0.226.2 builds it
// (expectations from tools/baml_oracle; see anthropic_rendered_test.cpp):
//   - the leading system message becomes the top-level `system`, a list of text blocks; a later
//     system message is sent as a separate user message.
//   - content blocks: text, image, audio and document (pdf), each with a url or base64 `source`,
//     and the message's allowed metadata (cache_control) on every block.
//   - images and audio by URL are sent by URL; a pdf by URL is inlined (downloaded) by default.
//   - max_tokens defaults to 4096 (an explicit null stays null); query_params and
//     client_response_type are not interpreted and go into the body like other options.
//   - headers: x-api-key and anthropic-version 2023-06-01, then the headers option, which wins.
#include <baml/errors.h>

#include "providers/anthropic.h"
#include "providers/chat_messages.h"
#include "providers/rendered_wire.h"

namespace baml {

using nlohmann::json;

namespace {

constexpr int kDefaultMaxTokens = 4096;

json block_of(const ChatPart& part, const ResolvedOptions& options) {
  if (part.part.kind == ContentPart::Kind::Text) {
    return wire::with_metadata({{"type", "text"}, {"text", part.part.text}}, part.metadata);
  }
  const Media& media = part.part.media;
  wire::MediaUrlDefaults defaults;
  defaults.audio = wire::MediaUrlHandling::SendUrl;
  defaults.pdf = wire::MediaUrlHandling::SendBase64;
  const wire::WireMedia data = wire::wire_media(media, options, defaults, "anthropic");
  const char* type = nullptr;
  switch (media.kind) {
    case MediaKind::Image: type = "image"; break;
    case MediaKind::Audio: type = "audio"; break;
    case MediaKind::Pdf: type = "document"; break;
    case MediaKind::Video: wire::unsupported_media(media, "anthropic", options);
  }
  json source = data.by_url ? json{{"type", "url"}, {"url", data.url}}
                            : json{{"type", "base64"}, {"media_type", data.media_type}, {"data", data.base64}};
  return wire::with_metadata({{"type", type}, {"source", std::move(source)}}, part.metadata);
}

json blocks_of(const std::vector<ChatPart>& parts, const ResolvedOptions& options) {
  json blocks = json::array();
  for (const ChatPart& part : parts) blocks.push_back(block_of(part, options));
  return blocks;
}

}  // namespace

HttpRequest AnthropicProvider::build_rendered(const ResolvedOptions& options, const Request& request, bool stream) {
  HttpRequest out;
  const std::string base = options.base_url.empty() ? std::string("https://api.anthropic.com") : options.base_url;
  out.url = base + "/v1/messages";
  wire::put_header(out.headers, "content-type", "application/json");
  if (options.api_key) wire::put_header(out.headers, "x-api-key", *options.api_key);
  wire::put_header(out.headers, "anthropic-version", "2023-06-01");
  for (const auto& [name, value] : options.headers) wire::put_header(out.headers, name, value);

  json body = wire::rendered_body_options(options, {});
  if (!body.contains("max_tokens")) body["max_tokens"] = kDefaultMaxTokens;
  std::vector<ChatMessage> messages =
      chat_messages(request, role_policy(ProviderKind::Anthropic, options.values, options.client));
  const std::vector<ChatPart> system = take_system_prompt(messages);
  if (!system.empty()) body["system"] = blocks_of(system, options);
  json list = json::array();
  for (const ChatMessage& message : messages) {
    list.push_back({{"role", message.role}, {"content", blocks_of(message.parts, options)}});
  }
  body["messages"] = std::move(list);
  if (stream) body["stream"] = true;
  out.body = wire::dump_json(body);
  return out;
}

}  // namespace baml
