// The LLM wire dialects the mock server speaks: OpenAI chat completions, Anthropic messages,
// Google AI generateContent / streamGenerateContent, and the OpenAI Responses API. Given the content chunks of a reply, these functions produce the exact response
// bytes (JSON bodies, SSE events, error bodies) as a BodyPlan, a list of pieces that the
// connection sends one per content chunk so that timing directives apply to each. No I/O here.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace mock_llm {

enum class Api { OpenAi, Anthropic, GoogleAi, OpenAiResponses };

struct Completion {
  std::string id;                   // e.g. "chatcmpl-mock-7", "msg_mock_7", "resp_mock_7"
  std::string model;                // echoed back as the real APIs do
  std::vector<std::string> chunks;  // the reply, one entry per content chunk, never empty
  std::int64_t prompt_tokens = 0;
  std::int64_t created = 0;  // Unix seconds, OpenAI's `created` and `created_at`
};

// The body of a successful response, cut where content chunks fall. Events that are not content
// (OpenAI's role, Anthropic's message_start/content_block_start, and the closing events) ride
// with the first and last pieces, so that the first body byte after the headers is also the first
// token: `first` delays both, and a client cannot tell them apart by timing.
struct BodyPlan {
  std::vector<std::string> pieces;  // piece i is sent as content chunk i
  std::string trailer;              // sent right after the last piece when the response ends
  // For `drip`: the bytes of chunk i for any i, including i >= pieces.size().
  std::function<std::string(std::size_t)> drip_piece;
  // For `stream_error`: the provider's in-stream error event, sent after piece i (its argument,
  // for the Responses API's sequence numbers) instead of the rest of the stream.
  std::function<std::string(std::size_t)> error_event;
};

BodyPlan streaming_body(Api api, const Completion& completion);
BodyPlan json_body(Api api, const Completion& completion);
// Google's streamGenerateContent without `alt=sse`: one JSON array whose elements are the
// response objects of the SSE form, sent as they come.
BodyPlan google_array_stream_body(const Completion& completion);

// A 200 body that is the provider's error object instead of an answer (`stream_error` on a
// non-streaming request): what a proxy or a failing upstream sends with a success status.
std::string error_in_success_body(Api api, const Completion& completion);

// A provider-shaped error body, e.g. OpenAI {"error":{"message","type","code"}}.
std::string error_body(Api api, int status, std::string_view message);

// The SSE keep-alive comment sent by `ping`; clients must not take it for content.
inline constexpr std::string_view kSsePing = ": ping\n\n";

}  // namespace mock_llm
