// Request building and response decoding for the OpenAI chat-completions API (see openai.h).
#include "providers/openai.h"

#include <algorithm>

#include "errors/errors.h"

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

  json body = options.passthrough();
  if (!options.model.empty()) body["model"] = options.model;
  json messages = json::array();
  for (const Message& message : request.messages)
    messages.push_back({{"role", message.role}, {"content", message.content}});
  body["messages"] = std::move(messages);
  if (stream) {
    body["stream"] = true;
    // Without this the stream carries no token counts.
    if (!body.contains("stream_options")) body["stream_options"] = {{"include_usage", true}};
  }
  out.body = body.dump();
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

}  // namespace

void OpenAiProvider::parse_response(std::string_view body, ProviderReply& reply) const {
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
