// Request building and response decoding for the OpenAI chat-completions API (see openai.h).
#include "providers/openai.h"

#include <algorithm>

#include <baml/errors.h>

#include "providers/json_reader.h"

namespace baml {

using nlohmann::json;

std::string OpenAiProvider::base_url(const ResolvedOptions& options) const {
  if (!options.base_url.empty()) return options.base_url;
  switch (flavor_) {
    case OpenAiFlavor::OpenAi: return "https://api.openai.com/v1";
    case OpenAiFlavor::Ollama: return "http://localhost:11434/v1";
    case OpenAiFlavor::Generic: throw_config_error("provider openai-generic requires option base_url", options.client);
    case OpenAiFlavor::Azure: {
      std::optional<std::string> resource = options.string_option("resource_name");
      std::optional<std::string> deployment = options.string_option("deployment_id");
      if (!resource || !deployment) {
        throw_config_error("provider azure-openai requires option base_url, or both resource_name and deployment_id",
                           options.client);
      }
      return "https://" + *resource + ".openai.azure.com/openai/deployments/" + *deployment;
    }
  }
  return options.base_url;
}

HttpRequest OpenAiProvider::build_request(const ResolvedOptions& options, const Request& request, bool stream) const {
  if (request.rendered) return build_rendered(options, request, stream);
  HttpRequest out;
  std::vector<std::pair<std::string, std::string>> query = wire::query_params(options);
  if (flavor_ == OpenAiFlavor::Azure) {
    // As BAML: api_version is optional to the compiler (Azure answers 404 without it, unless
    // base_url is an endpoint that takes none); query_params that set api-version themselves win.
    const bool set_by_query_params =
        std::any_of(query.begin(), query.end(), [](const auto& param) { return param.first == "api-version"; });
    if (std::optional<std::string> version = options.string_option("api_version"); version && !set_by_query_params) {
      query.insert(query.begin(), {"api-version", *version});
    }
  }
  out.url = wire::with_query(base_url(options) + "/chat/completions", query);

  out.headers.emplace_back("Content-Type", "application/json");
  if (stream) out.headers.emplace_back("Accept", "text/event-stream");
  if (options.api_key) {
    if (flavor_ == OpenAiFlavor::Azure) {
      out.headers.emplace_back("api-key", *options.api_key);
    } else {
      out.headers.emplace_back("Authorization", "Bearer " + *options.api_key);
    }
  }
  for (const auto& [name, value] : options.headers) wire::set_header(out.headers, name, value);

  // Written straight into the body's text, in the key order of nlohmann::json's dump.
  std::vector<wire::BodyField> fields;
  fields.reserve(4);
  fields.push_back({"messages", wire::messages_json(request.messages)});
  if (!options.model.empty()) {
    std::string model;
    wire::append_json_string(model, options.model);
    fields.push_back({"model", std::move(model)});
  }
  if (stream) {
    fields.push_back({"stream", "true"});
    // Without this the stream carries no token counts. A stream_options option wins.
    fields.push_back({"stream_options", R"({"include_usage":true})", /*replaces_option=*/false});
  }
  out.body = wire::request_body(options, fields);
  return out;
}

namespace {

void read_usage(const json& object, Usage& usage) {
  auto it = object.find("usage");
  if (it == object.end() || !it->is_object()) return;
  if (auto in = it->find("prompt_tokens"); in != it->end() && in->is_number_integer())
    usage.input_tokens = in->get<std::int64_t>();
  if (auto out = it->find("completion_tokens"); out != it->end() && out->is_number_integer()) {
    usage.output_tokens = out->get<std::int64_t>();
  }
}

void read_model(const json& object, ProviderReply& reply) {
  if (auto model = object.find("model"); model != object.end() && model->is_string())
    reply.model = model->get<std::string>();
}

// A 200 body or event that carries {"error": ...} instead of an answer (some proxies do this).
void reject_error_object(const json& object) {
  if (object.contains("error") && !object["error"].is_null()) {
    throw StreamErrorEvent(provider_error_message(object.dump()));
  }
}

const json* first_choice(const json& object) {
  auto choices = object.find("choices");
  if (choices == object.end() || !choices->is_array()) return nullptr;
  if (choices->empty() || !(*choices)[0].is_object()) return nullptr;
  return &(*choices)[0];
}

void read_finish_reason(const json& choice, ProviderReply& reply) {
  if (auto reason = choice.find("finish_reason"); reason != choice.end() && reason->is_string()) {
    reply.finish_reason = reason->get<std::string>();
  }
}

// The fast path: the fields a reply needs, read without building a document. It refuses (returns
// false, having changed nothing) anything the slow path below would reject, an error object, a
// repeated key it reads, and whatever the reader does not handle; the slow path then decides.
struct FastChunk {
  std::string text;  // a whole body: message.content; an event: delta.content
  bool has_text = false;
  bool tool_calls = false;  // an event: delta.tool_calls is a non-empty list
  bool has_choice = false;  // choices[0] is an object
  bool has_member = false;  // choices[0].message (a body) or .delta (an event) is an object
  std::optional<std::string> finish_reason;
  std::optional<std::int64_t> input_tokens;
  std::optional<std::int64_t> output_tokens;
  std::optional<std::string> model;
};

// Marks `seen` and says whether it was already set: a repeated key is left to nlohmann (last wins).
bool repeated(bool& seen) {
  if (seen) return true;
  seen = true;
  return false;
}

void fast_usage(wire::JsonReader& reader, FastChunk& out) {
  if (reader.peek() != '{') return reader.skip();
  bool seen_in = false;
  bool seen_out = false;
  reader.object([&](std::string_view key) {
    const bool in = key == "prompt_tokens";
    if (in || key == "completion_tokens") {
      if (repeated(in ? seen_in : seen_out)) return reader.fail();
      if (reader.peek() != '0') return reader.skip();
      reader.number(in ? out.input_tokens : out.output_tokens);
    } else {
      reader.skip();
    }
  });
}

// `member`: "message" for a whole body, "delta" for a stream event.
void fast_choice(wire::JsonReader& reader, std::string_view member, FastChunk& out) {
  out.has_choice = true;
  bool seen_member = false;
  bool seen_reason = false;
  reader.object([&](std::string_view key) {
    if (key == member) {
      if (repeated(seen_member)) return reader.fail();
      if (reader.peek() != '{') return reader.skip();
      out.has_member = true;
      bool seen_content = false;
      bool seen_tools = false;
      reader.object([&](std::string_view field) {
        if (field == "content") {
          if (repeated(seen_content)) return reader.fail();
          if (reader.peek() != '"') {
            // A message's content is a string or null (anything else is the slow path's error);
            // a delta's other kinds of content are not text.
            if (member == "message" && reader.peek() != 'n') return reader.fail();
            return reader.skip();
          }
          reader.string(out.text);
          out.has_text = true;
        } else if (field == "tool_calls") {
          if (repeated(seen_tools)) return reader.fail();
          if (reader.peek() != '[') return reader.skip();
          reader.array([&](std::size_t) {
            out.tool_calls = true;
            reader.skip();
          });
        } else {
          reader.skip();
        }
      });
    } else if (key == "finish_reason") {
      if (repeated(seen_reason)) return reader.fail();
      if (reader.peek() != '"') return reader.skip();
      reader.string(out.finish_reason.emplace());
    } else {
      reader.skip();
    }
  });
}

bool fast_read(std::string_view text, std::string_view member, FastChunk& out) {
  wire::JsonReader reader(text);
  if (reader.peek() != '{') return false;
  bool seen_choices = false;
  bool seen_usage = false;
  bool seen_model = false;
  bool seen_error = false;
  reader.object([&](std::string_view key) {
    if (key == "choices") {
      if (repeated(seen_choices)) return reader.fail();
      if (reader.peek() != '[') return reader.skip();
      reader.array([&](std::size_t index) {
        if (index == 0 && reader.peek() == '{') return fast_choice(reader, member, out);
        reader.skip();
      });
    } else if (key == "usage") {
      if (repeated(seen_usage)) return reader.fail();
      fast_usage(reader, out);
    } else if (key == "model") {
      if (repeated(seen_model)) return reader.fail();
      if (reader.peek() != '"') return reader.skip();
      reader.string(out.model.emplace());
    } else if (key == "error") {
      if (repeated(seen_error) || reader.peek() != 'n') return reader.fail();  // an error object: the slow path
      reader.skip();
    } else {
      reader.skip();
    }
  });
  return reader.finished();
}

void apply_common(FastChunk& chunk, ProviderReply& reply) {
  if (chunk.input_tokens) reply.usage.input_tokens = *chunk.input_tokens;
  if (chunk.output_tokens) reply.usage.output_tokens = *chunk.output_tokens;
  if (chunk.model) reply.model = std::move(*chunk.model);
  if (chunk.finish_reason) reply.finish_reason = std::move(chunk.finish_reason);
}

}  // namespace

void OpenAiProvider::parse_response(std::string_view body, ProviderReply& reply) const {
  if (FastChunk chunk; fast_read(body, "message", chunk) && chunk.has_member) {
    if (chunk.has_text) reply.text = std::move(chunk.text);
    apply_common(chunk, reply);
    reply.done = true;
    return;
  }
  const json parsed = wire::parse_json(body, "the response body");
  if (!parsed.is_object()) throw MalformedResponse("the response body is not a JSON object");
  reject_error_object(parsed);
  const json* choice = first_choice(parsed);
  if (choice == nullptr) throw MalformedResponse("the response has no choices");
  auto message = choice->find("message");
  if (message == choice->end() || !message->is_object()) throw MalformedResponse("choices[0] has no message");
  auto content = message->find("content");
  if (content != message->end() && content->is_string()) {
    reply.text = content->get<std::string>();
  } else if (content != message->end() && !content->is_null()) {
    throw MalformedResponse("choices[0].message.content is neither a string nor null");
  }
  read_finish_reason(*choice, reply);
  read_usage(parsed, reply.usage);
  read_model(parsed, reply);
  reply.done = true;
}

EventClass OpenAiProvider::on_event(const SseEvent& event, ProviderReply& reply) const {
  if (event.data == "[DONE]") {
    reply.done = true;
    return EventClass::Done;
  }
  if (FastChunk chunk; fast_read(event.data, "delta", chunk)) {
    apply_common(chunk, reply);
    const bool content = chunk.has_member && ((chunk.has_text && !chunk.text.empty()) || chunk.tool_calls);
    if (chunk.has_member && chunk.has_text) reply.text += chunk.text;
    return content ? EventClass::Content : EventClass::Data;
  }
  const json parsed = wire::parse_json(event.data, "a stream event");
  if (!parsed.is_object()) throw MalformedResponse("a stream event is not a JSON object");
  reject_error_object(parsed);
  read_usage(parsed, reply.usage);
  read_model(parsed, reply);
  const json* choice = first_choice(parsed);
  if (choice == nullptr) return EventClass::Data;  // e.g. the final usage-only chunk
  read_finish_reason(*choice, reply);
  auto delta = choice->find("delta");
  if (delta == choice->end() || !delta->is_object()) return EventClass::Data;
  bool content = false;
  if (auto text = delta->find("content");
      text != delta->end() && text->is_string() && !text->get_ref<const std::string&>().empty()) {
    reply.text += text->get_ref<const std::string&>();
    content = true;
  }
  if (auto tools = delta->find("tool_calls"); tools != delta->end() && tools->is_array() && !tools->empty())
    content = true;
  return content ? EventClass::Content : EventClass::Data;
}

}  // namespace baml
