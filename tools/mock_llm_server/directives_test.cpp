// Unit tests of the `mock:` directive language: durations, model strings and reply chunking.
#include "directives.h"

#include <doctest/doctest.h>

#include <string>
#include <variant>
#include <vector>

using mock_llm::Millis;

TEST_CASE("durations") {
  using mock_llm::parse_duration;
  CHECK(parse_duration("500ms") == Millis{500});
  CHECK(parse_duration("2s") == Millis{2000});
  CHECK(parse_duration("1m") == Millis{60000});
  CHECK(parse_duration("1m30s") == Millis{90000});
  CHECK(parse_duration("1h") == Millis{3600000});
  CHECK(parse_duration("1.5s") == Millis{1500});
  CHECK(parse_duration("0") == Millis{0});
  for (const char* bad : {"", "5", "5x", "s", "1.s", "-1s", "1s ", "ms"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_duration(bad).has_value());
  }
}

TEST_CASE("model strings") {
  using mock_llm::DirectiveError;
  using mock_llm::Directives;
  auto ok = [](std::string_view model) {
    auto parsed = mock_llm::parse_model(model);
    REQUIRE(std::holds_alternative<Directives>(parsed));
    return std::get<Directives>(parsed);
  };
  auto bad = [](std::string_view model) {
    auto parsed = mock_llm::parse_model(model);
    REQUIRE(std::holds_alternative<DirectiveError>(parsed));
    return std::get<DirectiveError>(parsed);
  };

  CHECK_FALSE(ok("gpt-4o").reply.has_value());
  CHECK(ok("mock:").ttfb == Millis{0});
  Directives d = ok("mock:ttfb=5s,stall_after=3,ping=250ms,reply=Hi, there,friend");
  CHECK(d.ttfb == Millis{5000});
  CHECK(d.stall_after == 3u);
  CHECK(d.ping == Millis{250});
  CHECK(d.reply == "Hi, there,friend");
  CHECK(ok("mock:reset,echo").reset);
  CHECK(ok("mock:status=429,retry_after=0.5").retry_after == "0.5");
  CHECK(ok("mock:status=503,retry_after_date=2").retry_after_date == 2u);
  CHECK(ok("mock:status=503,retry_after_ms=300").retry_after_ms == 300u);
  CHECK(bad("mock:retry_after_ms=0.5").message.find("'retry_after_ms'") != std::string::npos);
  CHECK(ok("mock:invalid_utf8").invalid_utf8);
  CHECK(ok("mock:status=500,garbage=200").garbage == 200u);
  CHECK(bad("mock:garbage=0").message.find("'garbage'") != std::string::npos);
  CHECK(bad("mock:invalid_utf8=1").message.find("'invalid_utf8'") != std::string::npos);

  CHECK(bad("mock:bogus=1").message.find("'bogus'") != std::string::npos);
  CHECK(bad("mock:ttfb=5").message.find("'ttfb'") != std::string::npos);
  CHECK(bad("mock:gap=2s,gap=1s").message.find("twice") != std::string::npos);
  CHECK(bad("mock:status=200").message.find("'status'") != std::string::npos);
  CHECK(bad("mock:reset=1").message.find("'reset'") != std::string::npos);
  CHECK(bad("mock:stall_after").message.find("'stall_after'") != std::string::npos);
  CHECK(bad("mock:drip=0ms").message.find("'drip'") != std::string::npos);
  CHECK(bad("mock:drip=1s,stall_after=2").message.find("contradict") != std::string::npos);
}

TEST_CASE("reply chunks") {
  using V = std::vector<std::string>;
  CHECK(mock_llm::content_chunks("Hello from  the mock.", std::nullopt) == V{"Hello ", "from  ", "the ", "mock."});
  CHECK(mock_llm::content_chunks(" lead", std::nullopt) == V{" lead"});
  CHECK(mock_llm::content_chunks("", std::nullopt) == V{""});
  CHECK(mock_llm::content_chunks("abcdefgh", 3) == V{"ab", "cde", "fgh"});
  CHECK(mock_llm::content_chunks("ab", 5) == V{"a", "b"});
  // "é" is two bytes and must not be cut in half.
  CHECK(mock_llm::content_chunks("\xC3\xA9\xC3\xA9", 2) == V{"\xC3\xA9", "\xC3\xA9"});
}
