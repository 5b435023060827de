// The SSE parser must give the same events however the bytes are split.
#include "http/sse_parser.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace baml {
namespace {

// CRLF, LF and lone-CR line ends, a comment, a named event, multi-line data, an id, a field
// without a colon, a value without the optional space, and an event ended only by end of stream.
const std::string sample =
    ": keep-alive\r\n"
    "\r\n"
    "data: {\"a\":1}\r\n"
    "\r\n"
    "event: content_block_delta\n"
    "data: line one\n"
    "data: line two\n"
    "id: 7\n"
    "\n"
    "data:no-space\r"
    "\r"
    ": ping\n"
    "retry: 100\n"
    "data\n"
    "\n"
    "data: [DONE]\n";

std::vector<SseEvent> parse_in_pieces(const std::string& stream, const std::vector<std::size_t>& cuts) {
  SseParser parser;
  std::vector<SseEvent> events;
  std::size_t at = 0;
  for (std::size_t cut : cuts) {
    parser.feed(std::string_view(stream).substr(at, cut - at), events);
    at = cut;
  }
  parser.feed(std::string_view(stream).substr(at), events);
  parser.finish(events);
  return events;
}

void check_sample(const std::vector<SseEvent>& events) {
  REQUIRE(events.size() == 5);
  CHECK(events[0].data == "{\"a\":1}");
  CHECK(events[0].event.empty());
  CHECK(events[1].event == "content_block_delta");
  CHECK(events[1].data == "line one\nline two");
  CHECK(events[1].id == "7");
  CHECK(events[2].data == "no-space");
  CHECK(events[3].data.empty());
  CHECK(events[4].data == "[DONE]");
}

TEST_CASE("the sample stream parses whole") {
  check_sample(parse_in_pieces(sample, {}));
}

TEST_CASE("every split into two pieces gives the same events") {
  for (std::size_t cut = 0; cut <= sample.size(); ++cut) {
    CAPTURE(cut);
    check_sample(parse_in_pieces(sample, {cut}));
  }
}

TEST_CASE("every split into three pieces gives the same events") {
  for (std::size_t first = 0; first <= sample.size(); ++first) {
    for (std::size_t second = first; second <= sample.size(); ++second) {
      CAPTURE(first);
      CAPTURE(second);
      check_sample(parse_in_pieces(sample, {first, second}));
    }
  }
}

TEST_CASE("one byte at a time gives the same events") {
  std::vector<std::size_t> cuts;
  for (std::size_t i = 1; i < sample.size(); ++i) cuts.push_back(i);
  check_sample(parse_in_pieces(sample, cuts));
}

TEST_CASE("comments are counted, never dispatched") {
  SseParser parser;
  std::vector<SseEvent> events;
  parser.feed(": ping\n\n: ping\n\n", events);
  CHECK(events.empty());
  CHECK(parser.comments() == 2);
}

TEST_CASE("a byte order mark at the start is skipped, even split") {
  const std::string stream =
      "\xEF\xBB\xBF"
      "data: x\n\n";
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    CAPTURE(cut);
    auto events = parse_in_pieces(stream, {cut});
    REQUIRE(events.size() == 1);
    CHECK(events[0].data == "x");
  }
}

TEST_CASE("an event is dispatched at the blank line, not before") {
  SseParser parser;
  std::vector<SseEvent> events;
  parser.feed("data: a\n", events);
  CHECK(events.empty());
  parser.feed("\n", events);
  REQUIRE(events.size() == 1);
  CHECK(events[0].data == "a");
}

TEST_CASE("a CR at the end of a chunk followed by LF is one line end") {
  SseParser parser;
  std::vector<SseEvent> events;
  parser.feed("data: a\r", events);
  parser.feed("\n", events);  // not a blank line
  CHECK(events.empty());
  parser.feed("\r", events);
  parser.feed("\n", events);
  REQUIRE(events.size() == 1);
  CHECK(events[0].data == "a");
}

}  // namespace
}  // namespace baml
