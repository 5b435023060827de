// Bad input ends in a value or a clear ValidationError, within bounded time and memory: binary,
// invalid UTF-8, 10 MB of `[`, a million nested brackets, huge numbers, unbalanced everything.
#include <chrono>
#include <random>
#include <string>

#include <doctest/doctest.h>

#include <baml/errors.h>

#include "parse/test_support.h"

using namespace baml::parse;
using namespace baml::parse::testing;

TEST_CASE("10 MB of [ is refused with the nesting limit") {
  std::string text(10'000'000, '[');
  std::string err = parse_error(text, fn("FIntList"));
  CHECK(err.find("nests deeper than 256") != std::string::npos);
}

TEST_CASE("a million nested objects is refused; a string target still gets the text") {
  std::string text;
  for (int i = 0; i < 1'000'000; ++i) text += "{\"a\":";
  text += "1";
  text += std::string(1'000'000, '}');
  CHECK(parse_error(text, fn("FJson")).find("nests deeper") != std::string::npos);
  CHECK(parse_value(text, fn("FString")).has_value());
}

TEST_CASE("stray closing brackets cost linear time and memory") {
  // Found by fuzzing (parse_fuzz's slow units): every stray top-level `}` read the whole text
  // before it again, so 32 KB of `}` took 5 s and 3 GB in a release build; 50,000 would take
  // minutes and more memory than a CI machine has.
  for (const std::string& text : {std::string(50'000, '}'), std::string(50'000, ']'), [] {
         std::string t;
         for (int i = 0; i < 25'000; ++i) t += "x}";
         return t;
       }()}) {
    const auto start = std::chrono::steady_clock::now();
    CHECK(parse_value(text, fn("FString")).has_value());
    (void)parse_value(text, fn("FPerson"));
    (void)parse_value(text, fn("FJson"), true);
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));  // ~50 ms (release), ~1 s (ASan)
  }
  // A few stray brackets still read again from the last opening one, as in BAML.
  CHECK(parse_json("{\"name\": \"Ada\", \"fullName\": \"A L\"}}", fn("FPerson")) == parse_json("{\"name\": \"Ada\", \"fullName\": \"A L\"}", fn("FPerson")));
}

TEST_CASE("nesting up to the limit parses") {
  std::string text = std::string(200, '[') + "1" + std::string(200, ']');
  CHECK(parse_value(text, fn("FJson")).has_value());
}

TEST_CASE("binary and invalid UTF-8 never crash") {
  std::mt19937 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::string text;
    for (int i = 0; i < 20000; ++i) text += static_cast<char>(rng() & 0xFF);
    for (const char* f : {"FPerson", "FString", "FIntList", "FJson", "FEnum", "FS", "FMap"}) {
      (void)parse_value(text, fn(f));
      (void)parse_value(text, fn(f), true);
    }
  }
  // A string target gets the text with each invalid sequence replaced by U+FFFD.
  auto v = parse_value("ab\xff\xfe" "c", fn("FString"));
  REQUIRE(v);
  CHECK(*v == "ab\xEF\xBF\xBD\xEF\xBF\xBD" "c");
}

TEST_CASE("huge numbers saturate or stay floats") {
  // BAML 0.226.2: 99999999999999999999 → 9223372036854775807 for an int (Rust's saturating cast).
  CHECK(matches_oracle("99999999999999999999", "FInt", "9223372036854775807"));
  CHECK(parse_value(std::string(5000, '9'), fn("FFloat")).has_value());
  CHECK(parse_value("1e400", fn("FInt")).has_value());
}

TEST_CASE("unbalanced and odd texts") {
  for (const char* t : {"}", "]]]", "{\"a\": [}", "```", "```json", "\"", "'", "`", "/*", "//", "\"\"\"", "{:}", "[,,,]",
                        "{\"a\":}", "{{{{", "\\", "\\u12", "\"\\u\"", ",", ":"}) {
    for (const char* f : {"FPerson", "FString", "FIntList", "FJson", "FS"}) {
      (void)parse_value(t, fn(f));
      (void)parse_value(t, fn(f), true);
    }
  }
}

TEST_CASE("a large answer streamed byte by byte stays correct") {
  std::string text = "[";
  for (int i = 0; i < 300; ++i) text += (i ? ", " : "") + std::string("{\"title\": \"t") + std::to_string(i) + "\", \"years\": " + std::to_string(i) + "}";
  text += "]";
  baml::ir::Type t = list(cls("Job"));
  StreamParser sp(t, types());
  for (char c : text) sp.feed(std::string_view(&c, 1));
  CHECK(sp.finish().value.items().size() == 300);
  CHECK(sp.current().value.items().size() == 300);
}

TEST_CASE("a text the incremental reading cannot follow, streamed a byte at a time, is parsed O(log n) times past 1 KB") {
  // Found by fuzzing (parse_fuzz's slow unit, 10 KB in 1-byte chunks: 22 s under ASan): stray `}`
  // leave the stream to parse_answer, which read the whole text at every delta.
  std::string text = "\"b\"itle\": \"Weekly rep-ort\", \"itemed\": ";
  text += std::string(40, '\xff');
  text += std::string(40, 'l');
  while (text.size() < 65'536) text += "}] x";
  const baml::ir::Type t = fn("FIntList");
  StreamParser sp(t, types());
  std::size_t late = 0;
  for (std::size_t at = 0; at < text.size(); ++at)
    if (sp.feed(std::string_view(text).substr(at, 1)) && at >= 1024) ++late;
  // 1 KB to 64 KB by sixteenths: ln(64) / ln(17/16) < 69 parses, so at most as many partials.
  CHECK(late <= 69);
  CHECK(finish_matches_whole(sp, text, t));
}

TEST_CASE("prose, invalid UTF-8, a stray fence and 80 open lists, streamed a byte at a time") {
  // Found by fuzzing (parse_fuzz's slow unit: 846 bytes for `class One { value int }` in 1-byte
  // chunks, 16 s under ASan): every delta was parsed whole, and each parse read the int from the
  // nested lists once per level above them.
  std::string text = "Here is the json\n{\"name\"\"Acme\xf4\xff\",\n  \"``" + std::string(30, '\0') +
                     "`\": 62},\n```\n" + std::string(80, '[') + "{\"id\": 1, \"title\": \"Run\r```n";
  for (int i = 0; i < 10; ++i) text += "{y report\", \"trues\": [\"alpha\", \"beta\"], nrF\"eP FResume: \"Weekly\", ";
  const baml::ir::Type t = fn("FOne");
  StreamParser sp(t, types());
  for (std::size_t at = 0; at < text.size(); ++at) sp.feed(std::string_view(text).substr(at, 1));
  CHECK(finish_matches_whole(sp, text, t));
}

TEST_CASE("a long list where one value is wanted streams in linear time") {
  // `{"value": [[0, 1, 2, ...` for `class One { value int }`: the best item of the open list is
  // folded over its finished items once, not once per delta (4.2 s for 47 KB before).
  std::string text = "{\"value\": [[";
  for (int i = 0; i < 20'000; ++i) text += (i ? ", " : "") + std::to_string(i);
  const baml::ir::Type t = fn("FOne");
  StreamParser sp(t, types());
  for (std::size_t at = 0; at < text.size(); at += 4) sp.feed(std::string_view(text).substr(at, 4));
  CHECK(sp.current().value == parse_answer(text, t, types(), true).value);
  CHECK(finish_matches_whole(sp, text, t));
}

TEST_CASE("lists nested to the limit under a one-field class are read once per parse") {
  // Each level offers its items to the class and reads its field from the whole list below it:
  // without keeping the inner lists' readings, depth times the text (312 ms for 130 KB).
  std::string text(200, '[');
  for (int i = 0; i < 20'000; ++i) text += (i ? ", " : "") + std::to_string(i);
  const auto whole = parse_value(text, fn("FOne"));
  REQUIRE(whole.has_value());
  CHECK((*whole)["value"] == 0);
}

TEST_CASE("a recursive union over lists nested 150 deep is cast once per node") {
  // Found by fuzzing (parse_fuzz's slow units, JsonV = int | string | JsonV[] | map<...>): each
  // level tried `int` on the lists below it and try_cast them, and so did every level above
  // (71 KB of strings nested 200 deep: 237 ms, 48 ms now).
  std::string text(150, '[');
  for (int i = 0; i < 8'000; ++i) text += (i ? ", \"s" : "\"s") + std::to_string(i) + "\"";
  const auto value = parse_value(text, fn("FJson"));
  REQUIRE(value.has_value());
  const nlohmann::json* inner = &*value;
  for (int depth = 1; depth < 150 && inner->is_array() && inner->size() == 1; ++depth) inner = &(*inner)[0];
  REQUIRE(inner->is_array());
  REQUIRE(inner->size() == 8'000);
  CHECK((*inner)[7'999] == "s7999");
}

TEST_CASE("a plain string target streams as its text, invalid UTF-8 included") {
  const baml::ir::Type t = fn("FString");
  StreamParser sp(t, types());
  const std::string text = "Dear team, \xE2\x82\xAC 5 and \xFF then {\"a\": 1} \xE2\x82";
  baml::Value last;
  for (std::size_t at = 0; at < text.size(); ++at) {
    bool changed = sp.feed(std::string_view(text).substr(at, 1));
    const baml::Value expected = parse_answer(std::string_view(text).substr(0, at + 1), t, types(), true).value;
    // A character cut short reads as U+FFFD until it completes: its second byte changes nothing.
    CHECK(changed == (at == 0 || !(expected == last)));
    CHECK(sp.current().value == expected);
    last = expected;
  }
}
