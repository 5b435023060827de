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

TEST_CASE("answer directives in the model string") {
  auto ok = [](std::string_view model) {
    auto parsed = mock_llm::parse_model(model);
    REQUIRE(std::holds_alternative<mock_llm::Directives>(parsed));
    return std::get<mock_llm::Directives>(parsed);
  };
  auto bad = [](std::string_view model) {
    auto parsed = mock_llm::parse_model(model);
    REQUIRE(std::holds_alternative<mock_llm::DirectiveError>(parsed));
    return std::get<mock_llm::DirectiveError>(parsed).message;
  };
  CHECK(ok("mock:reply_b64=eyJhIjogMX0").reply == R"({"a": 1})");
  CHECK(ok("mock:reply_file=answers/a.json").reply_file == "answers/a.json");
  CHECK(ok("mock:answer=fenced").answer == "fenced");
  CHECK(ok("mock:form=unquoted_keys+trailing_comma").forms == std::vector<std::string>{"unquoted_keys", "trailing_comma"});
  CHECK(ok("mock:chunk_size=4,gap=10ms").chunk_size == 4u);
  CHECK(ok("mock:truncate=0").truncate == 0u);
  CHECK(ok("mock:close_after=2").close_after == 2u);
  CHECK(ok("mock:stream_error=1").stream_error == 1u);
  CHECK(bad("mock:answer=nope").find("object, fenced") != std::string::npos);
  CHECK(bad("mock:form=fenced+nope").find("'form'") != std::string::npos);
  CHECK(bad("mock:reply_b64=not base64!").find("'reply_b64'") != std::string::npos);
  CHECK(bad("mock:chunk_size=0").find("'chunk_size'") != std::string::npos);
  CHECK(bad("mock:answer=object,reply_file=x").find("exclude") != std::string::npos);
  CHECK(bad("mock:answer=object,reply=x").find("exclude") != std::string::npos);
  CHECK(bad("mock:chunks=2,chunk_size=3").find("contradict") != std::string::npos);
  CHECK(bad("mock:truncate=1,close_after=2").find("exclude") != std::string::npos);
  CHECK(bad("mock:stream_error=1,drip=1s").find("exclude") != std::string::npos);
}

TEST_CASE("prompt tags") {
  std::vector<std::string> tags;
  CHECK(mock_llm::find_prompt_tags("Extract: [mock:answer=object,chunk_size=3] John [mock:gap=5ms]", tags).empty());
  CHECK(tags == std::vector<std::string>{"answer=object,chunk_size=3", "gap=5ms"});
  tags.clear();
  CHECK(mock_llm::find_prompt_tags("no tags [mock no", tags).empty());
  CHECK(tags.empty());
  CHECK(mock_llm::find_prompt_tags("[mock:answer=object", tags).find("closing") != std::string::npos);

  auto ok = [](std::string_view model, std::vector<std::string> prompt) {
    auto parsed = mock_llm::parse_directives(model, prompt);
    REQUIRE(std::holds_alternative<mock_llm::Directives>(parsed));
    return std::get<mock_llm::Directives>(parsed);
  };
  auto bad = [](std::string_view model, std::vector<std::string> prompt) {
    auto parsed = mock_llm::parse_directives(model, prompt);
    REQUIRE(std::holds_alternative<mock_llm::DirectiveError>(parsed));
    return std::get<mock_llm::DirectiveError>(parsed).message;
  };
  // The prompt's tags override the model's directives key by key, content as a whole.
  mock_llm::Directives d = ok("mock:gap=1s,reply=hello, world", {"answer=object,gap=5ms"});
  CHECK(d.gap == Millis{5});
  CHECK(d.answer == "object");
  CHECK_FALSE(d.reply.has_value());
  CHECK(ok("mock:chunks=3", {"chunk_size=2"}).chunk_size == 2u);
  CHECK_FALSE(ok("mock:chunks=3", {"chunk_size=2"}).chunks.has_value());
  CHECK(ok("mock:echo", {"reply=x"}).reply == "x");
  // Tags count whatever the model string is; `reply=` runs to the tag's end, commas included.
  CHECK(ok("gpt-4o", {"ttfb=1s,reply=a, b"}).reply == "a, b");
  CHECK(ok("gpt-4o", {"ttfb=1s,reply=a, b"}).ttfb == Millis{1000});
  // The same tag twice (a prompt showing an argument twice) is fine; a conflict is not.
  CHECK(ok("mock:", {"answer=object", "answer=object"}).answer == "object");
  CHECK(bad("mock:", {"answer=object", "answer=prose"}).find("different values") != std::string::npos);
  CHECK(bad("mock:", {"frobnicate"}).find("'frobnicate'") != std::string::npos);
  // Contradictions across the two sources are still reported.
  CHECK(bad("mock:drip=1s", {"stall_after=1"}).find("contradict") != std::string::npos);
}

TEST_CASE("reply chunks of a chosen size") {
  using V = std::vector<std::string>;
  CHECK(mock_llm::content_chunks("abcdefg", std::nullopt, 3) == V{"abc", "def", "g"});
  CHECK(mock_llm::content_chunks("ab", std::nullopt, 10) == V{"ab"});
  CHECK(mock_llm::content_chunks("", std::nullopt, 2) == V{""});
  // A chunk that would end inside "é" takes the whole character.
  CHECK(mock_llm::content_chunks("a\xC3\xA9z", std::nullopt, 2) == V{"a\xC3\xA9", "z"});
}
