// Response bodies in the OpenAI, Anthropic, Google AI and OpenAI Responses dialects (see
// providers.h). Shapes follow the real
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

constexpr std::string_view kStreamErrorMessage = "mock stream error";

std::int64_t completion_tokens(const Completion& c) {
  return static_cast<std::int64_t>(c.chunks.size());
}

std::string full_text(const Completion& c) {
  std::string text;
  for (const std::string& chunk : c.chunks) text += chunk;
  return text;
}

// ---- OpenAI chat completions ----

Json openai_error_json(int status, std::string_view message);

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
  plan.error_event = [](std::size_t) { return sse_data(openai_error_json(500, kStreamErrorMessage)); };
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

Json openai_error_json(int status, std::string_view message) {
  // Type and code as the real API sends them for the statuses tests use most.
  std::string type = status >= 500 ? "server_error" : "invalid_request_error";
  Json code = nullptr;
  if (status == 401) code = "invalid_api_key";
  if (status == 429) {
    type = "requests";
    code = "rate_limit_exceeded";
  }
  return {{"error", {{"message", message}, {"type", type}, {"param", nullptr}, {"code", code}}}};
}

std::string openai_error(int status, std::string_view message) {
  return json_text(openai_error_json(status, message));
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
  // What the real API sends when it is overloaded in the middle of a stream.
  plan.error_event = [](std::size_t) {
    return sse_event("error", {{"type", "error"}, {"error", {{"type", "overloaded_error"}, {"message", kStreamErrorMessage}}}});
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


// ---- Google AI generateContent ----

// Google's canonical error status names, as its JSON errors carry them.
std::string_view google_status(int status) {
  switch (status) {
    case 400: return "INVALID_ARGUMENT";
    case 401: return "UNAUTHENTICATED";
    case 403: return "PERMISSION_DENIED";
    case 404: return "NOT_FOUND";
    case 409: return "ABORTED";
    case 429: return "RESOURCE_EXHAUSTED";
    case 499: return "CANCELLED";
    case 501: return "UNIMPLEMENTED";
    case 503: return "UNAVAILABLE";
    case 504: return "DEADLINE_EXCEEDED";
    default: return status >= 500 ? "INTERNAL" : "FAILED_PRECONDITION";
  }
}

Json google_error_json(int status, std::string_view message) {
  return {{"error", {{"code", status}, {"message", message}, {"status", google_status(status)}}}};
}

Json google_usage(const Completion& c, std::int64_t candidates) {
  return {{"promptTokenCount", c.prompt_tokens},
          {"candidatesTokenCount", candidates},
          {"totalTokenCount", c.prompt_tokens + candidates},
          {"promptTokensDetails", Json::array({{{"modality", "TEXT"}, {"tokenCount", c.prompt_tokens}}})}};
}

// One response object: a whole answer, or one stream chunk (then `finish` only on the last).
Json google_response(const Completion& c, std::string_view text, bool finish, std::int64_t candidates) {
  Json candidate = {{"content", {{"parts", Json::array({{{"text", text}}})}, {"role", "model"}}}};
  if (finish) candidate["finishReason"] = "STOP";
  candidate["index"] = 0;
  return {{"candidates", Json::array({candidate})},
          {"usageMetadata", google_usage(c, candidates)},
          {"modelVersion", c.model},
          {"responseId", c.id}};
}

// Google's SSE separates events with CRLF pairs.
std::string google_sse(const Json& j) {
  return "data: " + json_text(j) + "\r\n\r\n";
}

BodyPlan google_stream(const Completion& c) {
  BodyPlan plan;
  for (std::size_t i = 0; i < c.chunks.size(); ++i) {
    plan.pieces.push_back(google_sse(google_response(c, c.chunks[i], false, static_cast<std::int64_t>(i + 1))));
  }
  // The finish reason comes in a last chunk of its own, so a stalled or truncated stream (which
  // never gets this far) never carries one: to the runtime it cannot look finished.
  plan.trailer = google_sse(google_response(c, "", true, completion_tokens(c)));
  plan.drip_piece = [c](std::size_t i) {
    return google_sse(google_response(c, c.chunks[i % c.chunks.size()], false, static_cast<std::int64_t>(i + 1)));
  };
  plan.error_event = [](std::size_t) { return google_sse(google_error_json(500, kStreamErrorMessage)); };
  return plan;
}

// ---- OpenAI Responses ----

std::string responses_item_id(const Completion& c) {
  constexpr std::string_view kPrefix = "resp_";
  return "msg_" + (c.id.rfind(kPrefix, 0) == 0 ? c.id.substr(kPrefix.size()) : c.id);
}

Json responses_text_part(std::string_view text) {
  return {{"type", "output_text"}, {"annotations", Json::array()}, {"text", text}};
}

Json responses_message(const Completion& c, bool completed) {
  Json content = completed ? Json::array({responses_text_part(full_text(c))}) : Json::array();
  return {{"id", responses_item_id(c)},
          {"type", "message"},
          {"status", completed ? "completed" : "in_progress"},
          {"content", content},
          {"role", "assistant"}};
}

Json responses_object(const Completion& c, bool completed) {
  Json usage = nullptr;
  if (completed) {
    usage = {{"input_tokens", c.prompt_tokens},
             {"input_tokens_details", {{"cached_tokens", 0}}},
             {"output_tokens", completion_tokens(c)},
             {"output_tokens_details", {{"reasoning_tokens", 0}}},
             {"total_tokens", c.prompt_tokens + completion_tokens(c)}};
  }
  return {{"id", c.id},
          {"object", "response"},
          {"created_at", c.created},
          {"status", completed ? "completed" : "in_progress"},
          {"error", nullptr},
          {"incomplete_details", nullptr},
          {"instructions", nullptr},
          {"max_output_tokens", nullptr},
          {"model", c.model},
          {"output", completed ? Json::array({responses_message(c, true)}) : Json::array()},
          {"parallel_tool_calls", true},
          {"previous_response_id", nullptr},
          {"reasoning", {{"effort", nullptr}, {"summary", nullptr}}},
          {"store", true},
          {"temperature", 1.0},
          {"text", {{"format", {{"type", "text"}}}}},
          {"tool_choice", "auto"},
          {"tools", Json::array()},
          {"top_p", 1.0},
          {"truncation", "disabled"},
          {"usage", usage},
          {"user", nullptr},
          {"metadata", Json::object()}};
}

// Events before the first delta: response.created, .in_progress, output_item.added and
// content_part.added (sequence numbers 0-3).
constexpr std::size_t kResponsesPreambleEvents = 4;

std::string responses_event(std::string_view type, std::size_t sequence, Json fields) {
  Json event = {{"type", type}, {"sequence_number", sequence}};
  for (auto& [key, value] : fields.items()) event[key] = value;
  return sse_event(type, event);
}

std::string responses_preamble(const Completion& c) {
  const Json where = {{"item_id", responses_item_id(c)}, {"output_index", 0}, {"content_index", 0}};
  Json part_added = where;
  part_added["part"] = responses_text_part("");
  return responses_event("response.created", 0, {{"response", responses_object(c, false)}}) +
         responses_event("response.in_progress", 1, {{"response", responses_object(c, false)}}) +
         responses_event("response.output_item.added", 2,
                         {{"output_index", 0}, {"item", responses_message(c, false)}}) +
         responses_event("response.content_part.added", 3, part_added);
}

std::string responses_delta(const Completion& c, std::size_t i, std::string_view text) {
  std::string piece = i == 0 ? responses_preamble(c) : std::string();
  return piece + responses_event("response.output_text.delta", kResponsesPreambleEvents + i,
                                 {{"item_id", responses_item_id(c)},
                                  {"output_index", 0},
                                  {"content_index", 0},
                                  {"delta", text},
                                  {"logprobs", Json::array()}});
}

BodyPlan responses_stream(const Completion& c) {
  BodyPlan plan;
  for (std::size_t i = 0; i < c.chunks.size(); ++i) plan.pieces.push_back(responses_delta(c, i, c.chunks[i]));
  const std::string text = full_text(c);
  std::size_t seq = kResponsesPreambleEvents + c.chunks.size();
  const Json where = {{"item_id", responses_item_id(c)}, {"output_index", 0}, {"content_index", 0}};
  Json text_done = where;
  text_done["text"] = text;
  text_done["logprobs"] = Json::array();
  Json part_done = where;
  part_done["part"] = responses_text_part(text);
  plan.trailer = responses_event("response.output_text.done", seq, text_done) +
                 responses_event("response.content_part.done", seq + 1, part_done) +
                 responses_event("response.output_item.done", seq + 2,
                                 {{"output_index", 0}, {"item", responses_message(c, true)}}) +
                 responses_event("response.completed", seq + 3, {{"response", responses_object(c, true)}});
  plan.drip_piece = [c](std::size_t i) { return responses_delta(c, i, c.chunks[i % c.chunks.size()]); };
  plan.error_event = [](std::size_t sent) {
    return responses_event("error", kResponsesPreambleEvents + sent,
                           {{"code", "server_error"}, {"message", kStreamErrorMessage}, {"param", nullptr}});
  };
  return plan;
}

}  // namespace

BodyPlan streaming_body(Api api, const Completion& completion) {
  switch (api) {
    case Api::OpenAi: return openai_stream(completion);
    case Api::Anthropic: return anthropic_stream(completion);
    case Api::GoogleAi: return google_stream(completion);
    case Api::OpenAiResponses: return responses_stream(completion);
  }
  return {};
}

BodyPlan google_array_stream_body(const Completion& c) {
  auto element = [c](std::size_t i) {
    const Json j = google_response(c, c.chunks[i % c.chunks.size()], false, static_cast<std::int64_t>(i + 1));
    return (i == 0 ? "[" : ",\r\n") + json_text(j);
  };
  BodyPlan plan;
  for (std::size_t i = 0; i < c.chunks.size(); ++i) plan.pieces.push_back(element(i));
  plan.trailer = ",\r\n" + json_text(google_response(c, "", true, completion_tokens(c))) + "]";
  plan.drip_piece = element;
  plan.error_event = [](std::size_t) { return ",\r\n" + json_text(google_error_json(500, kStreamErrorMessage)) + "]"; };
  return plan;
}

std::string error_in_success_body(Api api, const Completion& c) {
  switch (api) {
    case Api::OpenAi: return openai_error(500, kStreamErrorMessage);
    case Api::Anthropic: return anthropic_error(529, kStreamErrorMessage);
    case Api::GoogleAi: return json_text(google_error_json(500, kStreamErrorMessage));
    case Api::OpenAiResponses: {
      Json failed = responses_object(c, false);
      failed["status"] = "failed";
      failed["error"] = {{"code", "server_error"}, {"message", kStreamErrorMessage}};
      return json_text(failed);
    }
  }
  return {};
}

BodyPlan json_body(Api api, const Completion& completion) {
  std::string body;
  switch (api) {
    case Api::OpenAi: body = openai_message(completion); break;
    case Api::Anthropic: body = anthropic_message(completion); break;
    case Api::GoogleAi:
      body = json_text(google_response(completion, full_text(completion), true, completion_tokens(completion)));
      break;
    case Api::OpenAiResponses: body = json_text(responses_object(completion, true)); break;
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
    case Api::GoogleAi: return json_text(google_error_json(status, message));
    case Api::OpenAiResponses: return openai_error(status, message);
  }
  return {};
}

}  // namespace mock_llm
