// libFuzzer target for what a server sends back (docs/fuzzing.md): the SSE parser
// (http/sse_parser.h), the response decoder (http/response_decoder.h) and each provider's decoding
// of a whole body and of a stream of events (OpenAI chat completions in its four flavours, the
// OpenAI Responses API, Anthropic messages, Google AI), the error body's message, the
// Retry-After headers, and the failure the attempt would report (its message and JSON).
// Vertex AI and AWS Bedrock have no decoder: the runtime does not call them (provider_for refuses).
//
// Input: byte 0 picks the provider (% 7) and the mode (/ 7 % 6): 0 an SSE stream (200,
// text/event-stream), 1 a whole JSON body, 2 a stream request answered with a JSON body, 3 an
// error status (400 + byte 1), 4 a body before any header, 5 the SSE parser alone and the text
// as a Retry-After value. Byte 1 seeds the chunk sizes (1 to 64 bytes); the rest is the body.
// Every body is decoded twice, whole and in chunks, and the two must agree: a chunk boundary
// anywhere must not change an event, a reply or a failure. A finding is a crash, a sanitizer
// report, an exception out of the decoder (it must turn every bad byte into the attempt's
// failure), or a disagreement.
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <baml/error_info.h>

#include "errors/error_json.h"
#include "fuzz/fuzz_support.h"
#include "http/response_decoder.h"
#include "http/retry_after.h"
#include "http/sse_parser.h"
#include "providers/anthropic.h"
#include "providers/google_ai.h"
#include "providers/openai.h"
#include "providers/openai_responses.h"

namespace {

using baml::fuzz::finding;

const baml::Provider& provider(std::size_t i) {
  static const baml::OpenAiProvider openai(baml::OpenAiFlavor::OpenAi);
  static const baml::OpenAiProvider generic(baml::OpenAiFlavor::Generic);
  static const baml::OpenAiProvider azure(baml::OpenAiFlavor::Azure);
  static const baml::OpenAiProvider ollama(baml::OpenAiFlavor::Ollama);
  static const baml::OpenAiResponsesProvider responses;
  static const baml::AnthropicProvider anthropic;
  static const baml::GoogleAiProvider google;
  static const baml::Provider* const all[] = {&openai, &generic, &azure, &ollama, &responses, &anthropic, &google};
  return *all[i % 7];
}

struct Decoded {
  baml::ProviderReply reply;
  std::optional<baml::ErrorInfo> failure;
  std::size_t bytes = 0;
  std::string partial_text;
};

Decoded decode(const baml::Provider& p, bool stream, int status, std::string_view content_type, std::string_view body,
               baml::fuzz::Chunker* chunker) {
  baml::ResponseDecoder decoder(p, stream);
  if (status != 0) decoder.on_headers(status, content_type);
  for (std::size_t at = 0; at < body.size();) {
    const std::size_t n = chunker ? chunker->next() : body.size();
    (void)decoder.feed(body.substr(at, n));
    at += n;
    if (decoder.failed()) break;  // the engine ends the transfer
  }
  Decoded out;
  out.failure = decoder.finish();
  out.bytes = decoder.bytes();
  out.partial_text = decoder.partial_text();
  out.reply = decoder.take_reply();
  return out;
}

bool same(const baml::ProviderReply& a, const baml::ProviderReply& b) {
  return a.text == b.text && a.finish_reason == b.finish_reason && a.model == b.model && a.done == b.done &&
         a.usage.input_tokens == b.usage.input_tokens && a.usage.output_tokens == b.usage.output_tokens;
}

bool same(const std::optional<baml::ErrorInfo>& a, const std::optional<baml::ErrorInfo>& b) {
  if (a.has_value() != b.has_value()) return false;
  return !a || (a->type == b->type && a->detail == b->detail && a->status == b->status &&
                a->connection_failure == b->connection_failure);
}

// What the attempt's failure becomes for the caller: its message, and its JSON as the CLI prints it.
void report(const baml::ErrorInfo& failure, const std::string& partial_text, std::size_t bytes) {
  baml::ErrorInfo info = failure;
  info.path = {"Fuzz"};
  info.attempt = 1;
  info.max_attempts = 1;
  info.partial_text = partial_text;
  info.bytes_received = bytes;
  (void)baml::format_message(info);
  (void)baml::error_to_json(info).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void sse_alone(std::string_view body, std::uint8_t seed) {
  baml::SseParser whole;
  std::vector<baml::SseEvent> expected;
  whole.feed(body, expected);
  whole.finish(expected);
  baml::SseParser chunked;
  std::vector<baml::SseEvent> got;
  baml::fuzz::Chunker chunker(seed, 64);
  for (std::size_t at = 0; at < body.size();) {
    const std::size_t n = chunker.next();
    chunked.feed(body.substr(at, n), got);
    at += n;
  }
  chunked.finish(got);
  if (got.size() != expected.size() || chunked.comments() != whole.comments()) {
    finding("SSE: " + std::to_string(got.size()) + " events in chunks, " + std::to_string(expected.size()) + " whole");
  }
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (got[i].event != expected[i].event || got[i].data != expected[i].data || got[i].id != expected[i].id) {
      finding("SSE: event " + std::to_string(i) + " differs in chunks");
    }
  }
  const std::time_t now = 1'700'000'000;
  (void)baml::parse_retry_after(body, baml::RetryAfterHeader::SecondsOrDate, now);
  (void)baml::parse_retry_after(body, baml::RetryAfterHeader::Milliseconds, now);
  (void)baml::provider_error_message(body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const baml::Provider& p = provider(data[0] % 7);
  const int mode = (data[0] / 7) % 6;
  const std::string_view body(reinterpret_cast<const char*>(data + 2), size - 2);
  if (mode == 5) {
    sse_alone(body, data[1]);
    return 0;
  }
  bool stream = true;
  int status = 200;
  std::string_view content_type = "text/event-stream";
  switch (mode) {
    case 1: stream = false; content_type = "application/json"; break;
    case 2: content_type = "application/json; charset=utf-8"; break;
    case 3: status = 400 + data[1] % 200; content_type = "application/json"; break;
    case 4: status = 0; break;
    default: break;
  }
  const Decoded whole = decode(p, stream, status, content_type, body, nullptr);
  baml::fuzz::Chunker chunker(data[1], 64);
  const Decoded chunked = decode(p, stream, status, content_type, body, &chunker);
  // A chunked decode stops at the chunk that failed, so it may have seen fewer bytes.
  if (!same(whole.reply, chunked.reply) || !same(whole.failure, chunked.failure) ||
      (!whole.failure && (whole.bytes != chunked.bytes || whole.partial_text != chunked.partial_text))) {
    finding("the reply or the failure differs when the body arrives in chunks");
  }
  if (whole.failure) report(*whole.failure, whole.partial_text, whole.bytes);
  return 0;
}
