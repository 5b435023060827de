// Request building and response decoding for Google AI generateContent (see google_ai.h).
// Request expectations come from tools/baml_oracle (google_ai_test.cpp).
#include "providers/google_ai.h"

#include <baml/errors.h>

#include "providers/chat_messages.h"
#include "providers/rendered_wire.h"

namespace baml {

using nlohmann::json;

namespace {

json part_of(const ChatPart& part, const ResolvedOptions& options) {
  if (part.part.kind == ContentPart::Kind::Text) return wire::with_metadata({{"text", part.part.text}}, part.metadata);
  wire::MediaUrlDefaults defaults;
  // Oracle: an image by URL is inlined unless it is a gs:// URL; audio, pdf and video by URL are
  // sent as file_data (file_uri, and mime_type when known) whatever the URL.
  defaults.image = wire::MediaUrlHandling::SendBase64UnlessGoogleUrl;
  defaults.audio = defaults.pdf = defaults.video = wire::MediaUrlHandling::SendUrl;
  const wire::WireMedia data = wire::wire_media(part.part.media, options, defaults, "google-ai");
  json block;
  if (data.by_url) {
    block["file_data"] = {{"file_uri", data.url}};
    if (!data.media_type.empty()) block["file_data"]["mime_type"] = data.media_type;
  } else {
    block["inline_data"] = {{"mime_type", data.media_type}, {"data", data.base64}};
  }
  return wire::with_metadata(std::move(block), part.metadata);
}

json parts_of(const std::vector<ChatPart>& parts, const ResolvedOptions& options) {
  json out = json::array();
  for (const ChatPart& part : parts) out.push_back(part_of(part, options));
  return out;
}

void read_usage(const json& object, Usage& usage) {
  auto it = object.find("usageMetadata");
  if (it == object.end() || !it->is_object()) return;
  if (auto in = it->find("promptTokenCount"); in != it->end() && in->is_number_integer())
    usage.input_tokens = in->get<std::int64_t>();
  if (auto out = it->find("candidatesTokenCount"); out != it->end() && out->is_number_integer())
    usage.output_tokens = out->get<std::int64_t>();
}

// Reads one response object (a whole body or one stream event); returns the text it adds.
std::string read_candidate(const json& object, ProviderReply& reply) {
  if (auto error = object.find("error"); error != object.end() && !error->is_null()) {
    throw StreamErrorEvent(provider_error_message(object.dump()));
  }
  read_usage(object, reply.usage);
  if (auto model = object.find("modelVersion"); model != object.end() && model->is_string())
    reply.model = model->get<std::string>();
  std::string text;
  auto candidates = object.find("candidates");
  if (candidates == object.end() || !candidates->is_array() || candidates->empty()) return text;
  const json& candidate = (*candidates)[0];
  if (!candidate.is_object()) throw MalformedResponse("candidates[0] is not an object");
  if (auto reason = candidate.find("finishReason"); reason != candidate.end() && reason->is_string())
    reply.finish_reason = reason->get<std::string>();
  auto content = candidate.find("content");
  if (content == candidate.end() || !content->is_object()) return text;
  auto parts = content->find("parts");
  if (parts == content->end() || !parts->is_array()) return text;
  for (const json& part : *parts) {
    if (!part.is_object()) continue;
    if (part.value("thought", false)) continue;  // a thinking summary is not the answer
    if (auto t = part.find("text"); t != part.end() && t->is_string()) text += t->get_ref<const std::string&>();
  }
  return text;
}

}  // namespace

HttpRequest GoogleAiProvider::build_request(const ResolvedOptions& options, const Request& request, bool stream) const {
  if (options.model.empty()) throw_config_error("provider google-ai requires option model", options.client);
  HttpRequest out;
  const std::string base =
      options.base_url.empty() ? std::string("https://generativelanguage.googleapis.com/v1beta") : options.base_url;
  out.url = base + "/models/" + options.model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
  wire::put_header(out.headers, "content-type", "application/json");
  if (options.api_key) wire::put_header(out.headers, "x-goog-api-key", *options.api_key);
  for (const auto& [name, value] : options.headers) wire::put_header(out.headers, name, value);

  json body = wire::rendered_body_options(options, {"model"});
  std::vector<ChatMessage> messages =
      chat_messages(request, role_policy(ProviderKind::GoogleAI, options.values, options.client));
  const std::vector<ChatPart> system = take_system_prompt(messages);
  if (!system.empty()) body["system_instruction"] = {{"parts", parts_of(system, options)}};
  json contents = json::array();
  for (const ChatMessage& message : messages) {
    contents.push_back({{"role", message.role == "assistant" ? "model" : message.role},
                        {"parts", parts_of(message.parts, options)}});
  }
  body["contents"] = std::move(contents);
  out.body = wire::dump_json(body);
  return out;
}

void GoogleAiProvider::parse_response(std::string_view body, ProviderReply& reply) const {
  const json parsed = wire::parse_json(body, "the response body");
  if (!parsed.is_object()) throw MalformedResponse("the response body is not a JSON object");
  if (!parsed.contains("candidates") && !parsed.contains("error")) throw MalformedResponse("the response has no candidates");
  reply.text = read_candidate(parsed, reply);
  reply.done = true;
}

EventClass GoogleAiProvider::on_event(const SseEvent& event, ProviderReply& reply) const {
  const json parsed = wire::parse_json(event.data, "a stream event");
  if (!parsed.is_object()) throw MalformedResponse("a stream event is not a JSON object");
  const std::string text = read_candidate(parsed, reply);
  reply.text += text;
  return text.empty() ? EventClass::Data : EventClass::Content;
}

}  // namespace baml
