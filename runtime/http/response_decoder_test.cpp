// The decoder between libcurl's chunks and the provider: mode by status and content type, what
// each chunk means for the limits, and every way a body can fail.
#include "http/response_decoder.h"

#include <doctest/doctest.h>

#include "providers/anthropic.h"
#include "providers/openai.h"

namespace baml {
namespace {

const OpenAiProvider openai(OpenAiFlavor::OpenAi);

TEST_CASE("a stream: keep-alives are not data, empty deltas are data, text is content") {
  ResponseDecoder decoder(openai, /*stream=*/true);
  decoder.on_headers(200, "text/event-stream; charset=utf-8");
  auto progress = decoder.feed(": ping\n\n");
  CHECK_FALSE(progress.data);
  CHECK_FALSE(progress.content);
  progress = decoder.feed("data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n");
  CHECK(progress.data);
  CHECK_FALSE(progress.content);
  progress = decoder.feed("data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n");  // not yet dispatched
  CHECK_FALSE(progress.data);
  progress = decoder.feed("\n");
  CHECK(progress.content);
  CHECK(decoder.reply().text == "Hi");
  decoder.feed("data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n");
  CHECK_FALSE(decoder.finish());
  CHECK(decoder.reply().finish_reason == "stop");
}

TEST_CASE("a stream cut before its end is a connection failure keeping the text") {
  ResponseDecoder decoder(openai, true);
  decoder.on_headers(200, "text/event-stream");
  decoder.feed("data: {\"choices\":[{\"delta\":{\"content\":\"Hal\"}}]}\n\n");
  auto failure = decoder.finish();
  REQUIRE(failure);
  CHECK(failure->type == ErrorType::Connection);
  CHECK(failure->connection_failure == ConnectionFailure::Reset);
  CHECK(decoder.partial_text() == "Hal");
}

TEST_CASE("a malformed event fails the decoder at once") {
  ResponseDecoder decoder(openai, true);
  decoder.on_headers(200, "text/event-stream");
  decoder.feed("data: {\"choices\":[{\"delta\":{\"content\":\"ok\"}}]}\n\ndata: {broken\n\n");
  CHECK(decoder.failed());
  auto failure = decoder.finish();
  REQUIRE(failure);
  CHECK(failure->type == ErrorType::Http);
  CHECK(failure->status == 200);
  CHECK(failure->detail.rfind("malformed response: a stream event is not valid JSON", 0) == 0);
  CHECK(decoder.partial_text() == "ok");
}

TEST_CASE("an in-stream error event becomes the failure") {
  AnthropicProvider anthropic;
  ResponseDecoder decoder(anthropic, true);
  decoder.on_headers(200, "text/event-stream");
  decoder.feed(
      "event: error\ndata: "
      "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n");
  REQUIRE(decoder.failed());
  CHECK(decoder.failure()->detail == "overloaded_error: Overloaded");
}

TEST_CASE("a non-2xx answer collects its body for the provider's message") {
  ResponseDecoder decoder(openai, true);
  decoder.on_headers(429, "application/json");
  auto progress = decoder.feed(R"({"error":{"message":"Rate limit reached"}})");
  CHECK(progress.content);  // any byte ends the wait for a first answer
  auto failure = decoder.finish();
  REQUIRE(failure);
  CHECK(failure->type == ErrorType::Http);
  CHECK(failure->status == 429);
  CHECK(failure->detail == "Rate limit reached");
}

TEST_CASE("a whole body is decoded at the end; garbage is an error, not a crash") {
  ResponseDecoder good(openai, false);
  good.on_headers(200, "application/json");
  good.feed(R"({"choices":[{"message":{"content":"Hel)");
  good.feed(R"(lo"},"finish_reason":"stop"}]})");
  CHECK_FALSE(good.finish());
  CHECK(good.reply().text == "Hello");

  ResponseDecoder bad(openai, false);
  bad.on_headers(200, "application/json");
  bad.feed("<html>oops</html>");
  auto failure = bad.finish();
  REQUIRE(failure);
  CHECK(failure->detail == "malformed response: the response body is not valid JSON: <html>oops</html>");
}

TEST_CASE("a stream request answered with JSON is read as a whole body") {
  ResponseDecoder decoder(openai, true);
  decoder.on_headers(200, "application/json");
  decoder.feed(R"({"choices":[{"message":{"content":"whole"},"finish_reason":"stop"}]})");
  CHECK_FALSE(decoder.finish());
  CHECK(decoder.reply().text == "whole");
}

}  // namespace
}  // namespace baml
