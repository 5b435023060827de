// Request building and response decoding for the Anthropic messages API (see anthropic.h).
#include "providers/anthropic.h"

namespace baml {

using nlohmann::json;

namespace {

constexpr const char* kApiVersion = "2023-06-01";
constexpr int kDefaultMaxTokens = 4096;

void read_usage(const json& usage_object, Usage& usage) {
  if (!usage_object.is_object()) return;
  if (auto in = usage_object.find("input_tokens"); in != usage_object.end() && in->is_number_integer()) {
    usage.input_tokens = in->get<std::int64_t>();
  }
  if (auto out = usage_object.find("output_tokens"); out != usage_object.end() && out->is_number_integer()) {
    usage.output_tokens = out->get<std::int64_t>();
  }
}

std::string string_field(const json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

[[noreturn]] void throw_error_event(const json& parsed) {
  const json& error = parsed.contains("error") ? parsed["error"] : parsed;
  std::string type = string_field(error, "type");
  std::string message = string_field(error, "message");
  if (message.empty()) message = parsed.dump();
  throw StreamErrorEvent(type.empty() ? message : type + ": " + message);
}

}  // namespace

HttpRequest AnthropicProvider::build_request(const ResolvedOptions& options, const Request& request,
                                             bool stream) const {
  HttpRequest out;
  const std::string base = options.base_url.empty() ? std::string("https://api.anthropic.com") : options.base_url;
  out.url = wire::with_query(base + "/v1/messages", wire::query_params(options));
  out.headers.emplace_back("Content-Type", "application/json");
  if (stream) out.headers.emplace_back("Accept", "text/event-stream");
  out.headers.emplace_back("anthropic-version", kApiVersion);
  if (options.api_key) out.headers.emplace_back("x-api-key", *options.api_key);
  for (const auto& [name, value] : options.headers) wire::set_header(out.headers, name, value);

  std::string system;
  for (const Message& message : request.messages) {
    if (message.role != "system") continue;
    if (!system.empty()) system += "\n\n";
    system += message.content;
  }

  // Written straight into the body's text, in the key order of nlohmann::json's dump.
  std::vector<wire::BodyField> fields;
  fields.reserve(5);
  // A max_tokens option wins over the default.
  fields.push_back({"max_tokens", std::to_string(kDefaultMaxTokens), /*replaces_option=*/false});
  fields.push_back({"messages", wire::messages_json(request.messages, /*skip_role=*/"system")});
  if (!options.model.empty()) {
    std::string model;
    wire::append_json_string(model, options.model);
    fields.push_back({"model", std::move(model)});
  }
  if (stream) fields.push_back({"stream", "true"});
  if (!system.empty()) {
    std::string value;
    wire::append_json_string(value, system);
    fields.push_back({"system", std::move(value)});
  }
  out.body = wire::request_body(options, fields);
  return out;
}

void AnthropicProvider::parse_response(std::string_view body, ProviderReply& reply) const {
  const json parsed = wire::parse_json(body, "the response body");
  if (!parsed.is_object()) throw MalformedResponse("the response body is not a JSON object");
  if (string_field(parsed, "type") == "error") throw_error_event(parsed);
  auto content = parsed.find("content");
  if (content == parsed.end() || !content->is_array()) throw MalformedResponse("the response has no content list");
  for (const json& block : *content) {
    if (string_field(block, "type") == "text") reply.text += string_field(block, "text");
  }
  if (std::string reason = string_field(parsed, "stop_reason"); !reason.empty()) reply.finish_reason = reason;
  if (auto usage = parsed.find("usage"); usage != parsed.end()) read_usage(*usage, reply.usage);
  reply.model = string_field(parsed, "model");
  reply.done = true;
}

EventClass AnthropicProvider::on_event(const SseEvent& event, ProviderReply& reply) const {
  const json parsed = wire::parse_json(event.data, "a stream event");
  if (!parsed.is_object()) throw MalformedResponse("a stream event is not a JSON object");
  std::string type = string_field(parsed, "type");
  if (type.empty()) type = event.event;

  if (type == "ping") return EventClass::KeepAlive;
  if (type == "error") throw_error_event(parsed);
  if (type == "message_start") {
    const json& message = parsed.contains("message") ? parsed["message"] : json();
    reply.model = string_field(message, "model");
    if (message.is_object() && message.contains("usage")) read_usage(message["usage"], reply.usage);
    return EventClass::Data;
  }
  if (type == "content_block_start") {
    const json& block = parsed.contains("content_block") ? parsed["content_block"] : json();
    const std::string block_type = string_field(block, "type");
    if (block_type == "tool_use") return EventClass::Content;
    const std::string text = string_field(block, "text");
    reply.text += text;
    return text.empty() ? EventClass::Data : EventClass::Content;
  }
  if (type == "content_block_delta") {
    const json& delta = parsed.contains("delta") ? parsed["delta"] : json();
    const std::string delta_type = string_field(delta, "type");
    if (delta_type == "text_delta") {
      const std::string text = string_field(delta, "text");
      reply.text += text;
      return text.empty() ? EventClass::Data : EventClass::Content;
    }
    if (delta_type == "input_json_delta") return EventClass::Content;
    return EventClass::Data;  // thinking and signature deltas are not the answer
  }
  if (type == "message_delta") {
    const json& delta = parsed.contains("delta") ? parsed["delta"] : json();
    if (std::string reason = string_field(delta, "stop_reason"); !reason.empty()) reply.finish_reason = reason;
    if (parsed.contains("usage")) read_usage(parsed["usage"], reply.usage);
    return EventClass::Data;
  }
  if (type == "message_stop") {
    reply.done = true;
    return EventClass::Done;
  }
  return EventClass::Data;  // content_block_stop and event types added later
}

}  // namespace baml
