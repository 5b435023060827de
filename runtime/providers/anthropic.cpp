// Request building and response decoding for the Anthropic messages API (see anthropic.h).
#include "providers/anthropic.h"

#include "providers/json_reader.h"

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

// The fast path: the fields a reply or event needs, read without building a document. It refuses
// (returns false, having changed nothing) anything the slow path below would reject or report,
// a repeated key it reads, and whatever the reader does not handle; the slow path then decides.

// Marks `seen` and says whether it was already set: a repeated key is left to nlohmann (last wins).
bool repeated(bool& seen) {
  if (seen) return true;
  seen = true;
  return false;
}

// string_field: a string member's value, "" for any other kind.
void fast_string(wire::JsonReader& reader, std::string& out, bool& seen) {
  if (repeated(seen)) return reader.fail();
  if (reader.peek() != '"') return reader.skip();
  reader.string(out);
}

struct FastUsage {
  std::optional<std::int64_t> input_tokens;
  std::optional<std::int64_t> output_tokens;

  void apply(Usage& usage) const {
    if (input_tokens) usage.input_tokens = *input_tokens;
    if (output_tokens) usage.output_tokens = *output_tokens;
  }
};

// read_usage: integers of an object; anything else is ignored.
void fast_usage(wire::JsonReader& reader, FastUsage& out, bool& seen) {
  if (repeated(seen)) return reader.fail();
  if (reader.peek() != '{') return reader.skip();
  bool seen_in = false;
  bool seen_out = false;
  reader.object([&](std::string_view key) {
    const bool in = key == "input_tokens";
    if (in || key == "output_tokens") {
      if (repeated(in ? seen_in : seen_out)) return reader.fail();
      if (reader.peek() != '0') return reader.skip();
      reader.number(in ? out.input_tokens : out.output_tokens);
    } else {
      reader.skip();
    }
  });
}

// The members of an object nested in an event or body that the decoding reads.
struct FastObject {
  bool present = false;  // the member was an object
  std::string type;
  std::string text;
  std::string model;
  std::string stop_reason;
  FastUsage usage;
};

void fast_object(wire::JsonReader& reader, FastObject& out, bool& seen) {
  if (repeated(seen)) return reader.fail();
  if (reader.peek() != '{') return reader.skip();
  out.present = true;
  bool seen_type = false;
  bool seen_text = false;
  bool seen_model = false;
  bool seen_reason = false;
  bool seen_usage = false;
  reader.object([&](std::string_view key) {
    if (key == "type") return fast_string(reader, out.type, seen_type);
    if (key == "text") return fast_string(reader, out.text, seen_text);
    if (key == "model") return fast_string(reader, out.model, seen_model);
    if (key == "stop_reason") return fast_string(reader, out.stop_reason, seen_reason);
    if (key == "usage") return fast_usage(reader, out.usage, seen_usage);
    reader.skip();
  });
}

// A whole body or an event: the top level's members, and the objects under it that are read.
struct FastMessage {
  FastObject top;              // type, model, stop_reason, usage
  FastObject message;          // message_start
  FastObject content_block;    // content_block_start
  FastObject delta;            // content_block_delta, message_delta
  bool content_list = false;   // a body's content is a list
  std::string content_text;    // a body's text blocks, joined
};

bool fast_read(std::string_view text, FastMessage& out) {
  wire::JsonReader reader(text);
  if (reader.peek() != '{') return false;
  bool seen_type = false;
  bool seen_model = false;
  bool seen_reason = false;
  bool seen_usage = false;
  bool seen_message = false;
  bool seen_block = false;
  bool seen_delta = false;
  bool seen_content = false;
  reader.object([&](std::string_view key) {
    if (key == "type") return fast_string(reader, out.top.type, seen_type);
    if (key == "model") return fast_string(reader, out.top.model, seen_model);
    if (key == "stop_reason") return fast_string(reader, out.top.stop_reason, seen_reason);
    if (key == "usage") return fast_usage(reader, out.top.usage, seen_usage);
    if (key == "message") return fast_object(reader, out.message, seen_message);
    if (key == "content_block") return fast_object(reader, out.content_block, seen_block);
    if (key == "delta") return fast_object(reader, out.delta, seen_delta);
    if (key == "content") {
      if (repeated(seen_content)) return reader.fail();
      if (reader.peek() != '[') return reader.skip();
      out.content_list = true;
      reader.array([&](std::size_t) {
        FastObject block;
        bool seen_block_object = false;
        fast_object(reader, block, seen_block_object);
        if (block.type == "text") out.content_text += block.text;
      });
      return;
    }
    reader.skip();
  });
  return reader.finished();
}

}  // namespace

HttpRequest AnthropicProvider::build_request(const ResolvedOptions& options, const Request& request,
                                             bool stream) const {
  if (request.rendered) return build_rendered(options, request, stream);
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
  if (FastMessage fast; fast_read(body, fast) && fast.top.type != "error" && fast.content_list) {
    reply.text += fast.content_text;
    if (!fast.top.stop_reason.empty()) reply.finish_reason = std::move(fast.top.stop_reason);
    fast.top.usage.apply(reply.usage);
    reply.model = std::move(fast.top.model);
    reply.done = true;
    return;
  }
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
  if (FastMessage fast; fast_read(event.data, fast)) {
    const std::string& type = fast.top.type.empty() ? event.event : fast.top.type;
    if (type == "ping") return EventClass::KeepAlive;
    if (type == "message_start") {
      reply.model = std::move(fast.message.model);
      fast.message.usage.apply(reply.usage);
      return EventClass::Data;
    }
    if (type == "content_block_start") {
      if (fast.content_block.type == "tool_use") return EventClass::Content;
      reply.text += fast.content_block.text;
      return fast.content_block.text.empty() ? EventClass::Data : EventClass::Content;
    }
    if (type == "content_block_delta") {
      if (fast.delta.type == "text_delta") {
        reply.text += fast.delta.text;
        return fast.delta.text.empty() ? EventClass::Data : EventClass::Content;
      }
      return fast.delta.type == "input_json_delta" ? EventClass::Content : EventClass::Data;
    }
    if (type == "message_delta") {
      if (!fast.delta.stop_reason.empty()) reply.finish_reason = std::move(fast.delta.stop_reason);
      fast.top.usage.apply(reply.usage);
      return EventClass::Data;
    }
    if (type == "message_stop") {
      reply.done = true;
      return EventClass::Done;
    }
    if (type != "error") return EventClass::Data;  // content_block_stop and event types added later
    // An error event: the slow path reports it.
  }
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
