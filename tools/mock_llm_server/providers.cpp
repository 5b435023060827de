// Response bodies in the OpenAI and Anthropic dialects (see providers.h). Shapes follow the real
// APIs closely enough for their official SDKs' parsers; fields those parsers ignore are left out.
// JSON is built with ordered_json so the output reads in the same field order as the real APIs.
#include "providers.h"

#include <nlohmann/json.hpp>

#include "directives.h"
#include "json_text.h"

namespace mock_llm {
namespace {

using Json = nlohmann::ordered_json;

std::string sse_data(const Json& j) {
  return "data: " + json_text(j) + "\n\n";
}

std::string sse_event(std::string_view event, const Json& j) {
  return "event: " + std::string(event) + "\n" + sse_data(j);
}

std::int64_t completion_tokens(const Completion& c) {
  return static_cast<std::int64_t>(c.chunks.size());
}

std::string full_text(const Completion& c) {
  std::string text;
  for (const std::string& chunk : c.chunks) text += chunk;
  return text;
}

// ---- OpenAI chat completions ----

Json openai_usage(const Completion& c) {
  return {{"prompt_tokens", c.prompt_tokens},
          {"completion_tokens", completion_tokens(c)},
          {"total_tokens", c.prompt_tokens + completion_tokens(c)}};
}

std::string openai_chunk_event(const Completion& c, std::size_t index, std::string_view text) {
  Json delta = Json::object();
  if (index == 0) delta["role"] = "assistant";
  delta["content"] = text;
  Json chunk = {
      {"id", c.id},
      {"object", "chat.completion.chunk"},
      {"created", c.created},
      {"model", c.model},
      {"choices", Json::array({{{"index", 0}, {"delta", delta}, {"logprobs", nullptr}, {"finish_reason", nullptr}}})}};
  return sse_data(chunk);
}

BodyPlan openai_stream(const Completion& c) {
  BodyPlan plan;
  for (std::size_t i = 0; i < c.chunks.size(); ++i) {
    plan.pieces.push_back(openai_chunk_event(c, i, c.chunks[i]));
  }
  Json last = {
      {"id", c.id},
      {"object", "chat.completion.chunk"},
      {"created", c.created},
      {"model", c.model},
      {"choices",
       Json::array({{{"index", 0}, {"delta", Json::object()}, {"logprobs", nullptr}, {"finish_reason", "stop"}}})},
      {"usage", openai_usage(c)}};
  plan.trailer = sse_data(last) + "data: [DONE]\n\n";
  plan.drip_piece = [c](std::size_t i) { return openai_chunk_event(c, i, c.chunks[i % c.chunks.size()]); };
  return plan;
}

std::string openai_message(const Completion& c) {
  Json message = {{"role", "assistant"}, {"content", full_text(c)}};
  Json body = {{"id", c.id},
               {"object", "chat.completion"},
               {"created", c.created},
               {"model", c.model},
               {"choices",
                Json::array({{{"index", 0}, {"message", message}, {"logprobs", nullptr}, {"finish_reason", "stop"}}})},
               {"usage", openai_usage(c)}};
  return json_text(body);
}

std::string openai_error(int status, std::string_view message) {
  // Type and code as the real API sends them for the statuses tests use most.
  std::string type = status >= 500 ? "server_error" : "invalid_request_error";
  Json code = nullptr;
  if (status == 401) code = "invalid_api_key";
  if (status == 429) {
    type = "requests";
    code = "rate_limit_exceeded";
  }
  Json body = {{"error", {{"message", message}, {"type", type}, {"param", nullptr}, {"code", code}}}};
  return json_text(body);
}

// ---- Anthropic messages ----

std::string anthropic_delta_event(std::string_view text) {
  return sse_event(
      "content_block_delta",
      {{"type", "content_block_delta"}, {"index", 0}, {"delta", {{"type", "text_delta"}, {"text", text}}}});
}

std::string anthropic_preamble(const Completion& c) {
  Json message = {{"id", c.id},
                  {"type", "message"},
                  {"role", "assistant"},
                  {"model", c.model},
                  {"content", Json::array()},
                  {"stop_reason", nullptr},
                  {"stop_sequence", nullptr},
                  {"usage", {{"input_tokens", c.prompt_tokens}, {"output_tokens", 1}}}};
  return sse_event("message_start", {{"type", "message_start"}, {"message", message}}) +
         sse_event(
             "content_block_start",
             {{"type", "content_block_start"}, {"index", 0}, {"content_block", {{"type", "text"}, {"text", ""}}}});
}

BodyPlan anthropic_stream(const Completion& c) {
  BodyPlan plan;
  for (std::size_t i = 0; i < c.chunks.size(); ++i) {
    std::string piece = i == 0 ? anthropic_preamble(c) : std::string();
    plan.pieces.push_back(piece + anthropic_delta_event(c.chunks[i]));
  }
  plan.trailer = sse_event("content_block_stop", {{"type", "content_block_stop"}, {"index", 0}}) +
                 sse_event("message_delta", {{"type", "message_delta"},
                                             {"delta", {{"stop_reason", "end_turn"}, {"stop_sequence", nullptr}}},
                                             {"usage", {{"output_tokens", completion_tokens(c)}}}}) +
                 sse_event("message_stop", {{"type", "message_stop"}});
  plan.drip_piece = [c](std::size_t i) {
    std::string piece = i == 0 ? anthropic_preamble(c) : std::string();
    return piece + anthropic_delta_event(c.chunks[i % c.chunks.size()]);
  };
  return plan;
}

std::string anthropic_message(const Completion& c) {
  Json body = {{"id", c.id},
               {"type", "message"},
               {"role", "assistant"},
               {"model", c.model},
               {"content", Json::array({{{"type", "text"}, {"text", full_text(c)}}})},
               {"stop_reason", "end_turn"},
               {"stop_sequence", nullptr},
               {"usage", {{"input_tokens", c.prompt_tokens}, {"output_tokens", completion_tokens(c)}}}};
  return json_text(body);
}

std::string anthropic_error(int status, std::string_view message) {
  std::string_view type = "invalid_request_error";
  switch (status) {
    case 401: type = "authentication_error"; break;
    case 403: type = "permission_error"; break;
    case 404: type = "not_found_error"; break;
    case 413: type = "request_too_large"; break;
    case 429: type = "rate_limit_error"; break;
    case 529: type = "overloaded_error"; break;
    default:
      if (status >= 500) type = "api_error";
      break;
  }
  Json body = {{"type", "error"}, {"error", {{"type", type}, {"message", message}}}};
  return json_text(body);
}

}  // namespace

BodyPlan streaming_body(Api api, const Completion& completion) {
  switch (api) {
    case Api::OpenAi: return openai_stream(completion);
    case Api::Anthropic: return anthropic_stream(completion);
  }
  return {};
}

BodyPlan json_body(Api api, const Completion& completion) {
  std::string body;
  switch (api) {
    case Api::OpenAi: body = openai_message(completion); break;
    case Api::Anthropic: body = anthropic_message(completion); break;
  }
  // One piece of the JSON per content chunk, so `first`, `gap` and `stall_after` shape the body
  // of a non-streaming response the same way they shape a stream.
  BodyPlan plan;
  plan.pieces = content_chunks(body, completion.chunks.size());
  // A never-ending JSON body: after the real one, keep sending insignificant whitespace.
  plan.drip_piece = [pieces = plan.pieces](std::size_t i) { return i < pieces.size() ? pieces[i] : std::string(" "); };
  return plan;
}

std::string error_body(Api api, int status, std::string_view message) {
  switch (api) {
    case Api::OpenAi: return openai_error(status, message);
    case Api::Anthropic: return anthropic_error(status, message);
  }
  return {};
}

}  // namespace mock_llm
