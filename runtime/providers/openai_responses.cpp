// Request building and response decoding for the OpenAI Responses API (see openai_responses.h).
// Request expectations come from tools/baml_oracle (openai_responses_test.cpp).
#include "providers/openai_responses.h"

#include <baml/errors.h>

#include "providers/chat_messages.h"
#include "providers/rendered_wire.h"

namespace baml {

using nlohmann::json;

namespace {

std::string audio_format(const std::string& media_type) {
  std::string format = media_type.substr(media_type.find('/') + 1);
  return format == "mpeg" ? "mp3" : format;
}

json part_of(const ChatPart& part, const std::string& role, const ResolvedOptions& options) {
  if (part.part.kind == ContentPart::Kind::Text) {
    return wire::with_metadata({{"type", role == "assistant" ? "output_text" : "input_text"}, {"text", part.part.text}},
                               part.metadata);
  }
  const Media& media = part.part.media;
  const wire::WireMedia data = wire::wire_media(media, options, {}, "openai-responses");
  json block;
  switch (media.kind) {
    case MediaKind::Image:
      block = {{"type", "input_image"}, {"detail", "auto"}, {"image_url", data.by_url ? data.url : wire::data_url(data)}};
      break;
    case MediaKind::Audio:
      if (data.by_url) wire::unsupported_media(media, "openai-responses", options);
      block = {{"type", "input_audio"}, {"input_audio", {{"data", data.base64}, {"format", audio_format(data.media_type)}}}};
      break;
    case MediaKind::Pdf:
      block = {{"type", "input_file"}, {"filename", "document.pdf"}};
      if (data.by_url) {
        block["file_url"] = data.url;
      } else {
        block["file_data"] = wire::data_url(data);
      }
      break;
    case MediaKind::Video: wire::unsupported_media(media, "openai-responses", options);
  }
  return wire::with_metadata(std::move(block), part.metadata);
}

std::string string_field(const json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A whole response object (a body, or the `response` of response.completed).
void read_response(const json& response, ProviderReply& reply, bool take_text) {
  if (!response.is_object()) throw MalformedResponse("the response is not a JSON object");
  if (auto error = response.find("error"); error != response.end() && !error->is_null()) {
    throw StreamErrorEvent(provider_error_message(response.dump()));
  }
  if (std::string model = string_field(response, "model"); !model.empty()) reply.model = model;
  if (auto usage = response.find("usage"); usage != response.end() && usage->is_object()) {
    if (auto in = usage->find("input_tokens"); in != usage->end() && in->is_number_integer())
      reply.usage.input_tokens = in->get<std::int64_t>();
    if (auto out = usage->find("output_tokens"); out != usage->end() && out->is_number_integer())
      reply.usage.output_tokens = out->get<std::int64_t>();
  }
  std::string reason = string_field(response.contains("incomplete_details") ? response["incomplete_details"] : json(), "reason");
  if (reason.empty()) reason = string_field(response, "status");
  if (!reason.empty()) reply.finish_reason = reason;
  if (!take_text) return;
  auto output = response.find("output");
  if (output == response.end() || !output->is_array()) throw MalformedResponse("the response has no output list");
  std::string text;
  for (const json& item : *output) {
    if (string_field(item, "type") != "message") continue;
    auto content = item.find("content");
    if (content == item.end() || !content->is_array()) continue;
    for (const json& block : *content) {
      if (string_field(block, "type") == "output_text") text += string_field(block, "text");
    }
  }
  reply.text = text;
}

}  // namespace

HttpRequest OpenAiResponsesProvider::build_request(const ResolvedOptions& options, const Request& request,
                                                   bool stream) const {
  HttpRequest out;
  const std::string base = options.base_url.empty() ? std::string("https://api.openai.com/v1") : options.base_url;
  out.url = wire::with_form_query(base + "/responses", wire::query_params(options));
  wire::put_header(out.headers, "content-type", "application/json");
  for (const auto& [name, value] : options.headers) wire::put_header(out.headers, name, value);
  if (options.api_key) wire::put_header(out.headers, "authorization", "Bearer " + *options.api_key);

  json body = wire::rendered_body_options(options, {"query_params", "client_response_type"});
  json input = json::array();
  const RolePolicy policy = role_policy(ProviderKind::OpenAIResponses, options.values, options.client);
  for (const ChatMessage& message : chat_messages(request, policy)) {
    json content = json::array();
    for (const ChatPart& part : message.parts) content.push_back(part_of(part, message.role, options));
    input.push_back({{"role", message.role}, {"content", std::move(content)}});
  }
  body["input"] = std::move(input);
  if (stream) body["stream"] = true;
  out.body = wire::dump_json(body);
  return out;
}

void OpenAiResponsesProvider::parse_response(std::string_view body, ProviderReply& reply) const {
  read_response(wire::parse_json(body, "the response body"), reply, /*take_text=*/true);
  reply.done = true;
}

EventClass OpenAiResponsesProvider::on_event(const SseEvent& event, ProviderReply& reply) const {
  const json parsed = wire::parse_json(event.data, "a stream event");
  if (!parsed.is_object()) throw MalformedResponse("a stream event is not a JSON object");
  std::string type = string_field(parsed, "type");
  if (type.empty()) type = event.event;
  if (type == "response.output_text.delta") {
    const std::string delta = string_field(parsed, "delta");
    reply.text += delta;
    return delta.empty() ? EventClass::Data : EventClass::Content;
  }
  if (type == "response.function_call_arguments.delta") return EventClass::Content;
  if (type == "error") throw StreamErrorEvent(provider_error_message(json{{"error", parsed}}.dump()));
  if (type == "response.failed") {
    const json& response = parsed.contains("response") ? parsed["response"] : parsed;
    throw StreamErrorEvent(provider_error_message(response.dump()));
  }
  if (type == "response.completed" || type == "response.incomplete") {
    if (parsed.contains("response")) read_response(parsed["response"], reply, /*take_text=*/false);
    reply.done = true;
    return EventClass::Done;
  }
  if (type == "response.created" || type == "response.in_progress") {
    if (auto response = parsed.find("response"); response != parsed.end()) {
      if (std::string model = string_field(*response, "model"); !model.empty()) reply.model = model;
    }
  }
  return EventClass::Data;
}

}  // namespace baml
