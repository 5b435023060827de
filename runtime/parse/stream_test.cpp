// StreamParser: the same answers fed in 1-byte, 4-byte and random chunks; after every delta the
// partial value equals the non-incremental partial parse of the text so far, feed() reports a
// change exactly when that value changed, and finish() equals the whole parse. The streaming
// parser reads most answers incrementally (stream_parser.cpp); the texts below go through each
// shape it knows and each way out of it. (runtime/parse/stream_golden_test.py does the same for
// every answer of tests/parse_golden, and for random variations of them.)
#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include <baml/errors.h>

#include "parse/test_support.h"

using namespace baml::parse;
using namespace baml::parse::testing;

namespace {

const std::vector<std::pair<const char*, std::string>>& answers() {
  static const std::vector<std::pair<const char*, std::string>> a = {
      {"FS", R"({"a": "hello world", "b": "bee", "c": "sea", "d": 123, "e": "RED", "f": ["x", "yy"]})"},
      {"FResume", "Here you go:\n```json\n{name: \"Ann\", experience: [{title: \"Eng\", years: 3},\n {title: 'Lead', years: 10},], skills: [c++, go]}\n```\nAnything else?"},
      {"FPersonList", R"([{"name": "A", "fullName": "B", "age": 3}, {name: C, fullName: D E, age: 4}])"},
      {"FTree", R"({"v": 1, "children": [{"v": 2, "children": []}, {"v": 3}]})"},
      {"FPet", R"(Sure! {"kind": "cat", "meow": "purr"})"},
      {"FJson", R"({"a": [1, "x", {"b": 2.5}], "c": "d", "e": {"f": [true, null]}})"},
      {"FEnumList", "```json\n[\"RED\", \"verde\", \"BLUE\"]\n```"},
  };
  return a;
}

std::optional<ParseResult> partial_of(std::string_view text, const baml::ir::Type& t) {
  try {
    return parse_answer(text, t, types(), true);
  } catch (const baml::ValidationError&) {
    return std::nullopt;
  }
}

bool same(const ParseResult& a, const ParseResult& b) {
  if (!(a.value == b.value) || a.states.size() != b.states.size()) return false;
  for (std::size_t i = 0; i < a.states.size(); ++i)
    if (a.states[i].path != b.states[i].path || a.states[i].state != b.states[i].state) return false;
  return true;
}

void stream_in_chunks(const char* function, const std::string& text, const std::vector<std::size_t>& sizes) {
  baml::ir::Type t = fn(function);
  StreamParser sp(t, types());
  std::optional<ParseResult> last;
  std::size_t pos = 0, k = 0;
  while (pos < text.size()) {
    std::size_t n = std::min(sizes[k++ % sizes.size()], text.size() - pos);
    bool changed = sp.feed(std::string_view(text).substr(pos, n));
    pos += n;
    auto expected = partial_of(std::string_view(text).substr(0, pos), t);
    INFO(function << " after " << pos << " bytes of " << text);
    if (changed) {
      REQUIRE(expected.has_value());
      CHECK(same(sp.current(), *expected));
      if (last) CHECK(!same(*last, *expected));  // emitted only when it changed
      last = sp.current();
    } else if (expected && last) {
      CHECK(same(*last, *expected));
    } else {
      CHECK(!(expected && !last));
    }
  }
  CHECK(finish_matches_whole(sp, text, t));
}

// Each text in chunks of 1, 2, 3, 5 and 16 bytes, and of random sizes.
void stream_every_way(const std::vector<std::pair<const char*, std::string>>& texts, unsigned seed) {
  std::mt19937 rng(seed);
  for (const auto& [f, text] : texts) {
    for (std::size_t n : {1, 2, 3, 5, 16}) stream_in_chunks(f, text, {n});
    std::vector<std::size_t> sizes;
    for (int i = 0; i < 32; ++i) sizes.push_back(1 + rng() % 9);
    stream_in_chunks(f, text, sizes);
  }
}

}  // namespace

TEST_CASE("streaming in 1-byte chunks") {
  for (const auto& [f, text] : answers()) stream_in_chunks(f, text, {1});
}

TEST_CASE("streaming in 4-byte chunks") {
  for (const auto& [f, text] : answers()) stream_in_chunks(f, text, {4});
}

TEST_CASE("streaming in random chunks") {
  std::mt19937 rng(42);
  for (int round = 0; round < 5; ++round) {
    std::vector<std::size_t> sizes;
    for (int i = 0; i < 64; ++i) sizes.push_back(1 + rng() % 13);
    for (const auto& [f, text] : answers()) stream_in_chunks(f, text, sizes);
  }
}

TEST_CASE("incremental streaming equals re-parsing every prefix") {
  const std::vector<std::pair<const char*, std::string>> texts = {
      // JSON, alone, after prose, followed by prose or whitespace; strict JSON once complete
      {"FS", R"({"a": "x", "b": "y", "c": "z", "d": 1, "e": "RED", "f": ["p", "q"]})"},
      {"FS", "  \n{\"a\": \"x\", \"b\": \"y\", \"d\": 12}\n\n"},
      {"FS", "{\"a\": \"x\", \"b\": \"y\", \"d\": 12}  and that is all."},
      {"FPerson", "Sure! Here it is: {\"name\": \"Ann\", \"age\": 41, \"fullName\": \"Ann Lee\"}\nAnything else?"},
      {"FPerson", R"({"name":"A","age":3,"fullName":"B"})"},
      {"FPersonList", R"([{"name": "A", "fullName": "B", "age": 3}, {name: C, fullName: D E, age: 4}, {'name': 'F', fullName: `G`}])"},
      {"FIntList", "  [1, 2, 3, 40, -5.5e1]  "},
      {"FStrListList", R"([["a", "b,c"], [], ["d\"e", "f\u00e9\ud83d\ude00"], ["g\/h"]])"},
      {"FJson", R"({"a": [1, "x", {"b": 2.5, "c": null, "d": true}], "e": {"f": [[], {}]}, "g": "}"})"},
      {"FTree", R"({"v": 1, "children": [{"v": 2, "children": [{"v": 3, "children": []}]}, {"v": 4}]})"},
      // brackets inside strings: the fragment ends early, or strict JSON completes first
      {"FJson", R"({"a": "{"} )"},
      {"FJson", R"({"a": "x}", "b": [1, 2]})"},
      {"FPerson", R"({"name": "A [1]", "fullName": "B"} and [2])"},
      // repairs: unquoted values and their lookahead, comments, quotes of every kind
      {"FPerson", "{name: Ann Lee, age: 4, fullName: A, B, C}"},
      {"FPerson", "{name: Ann, \n fullName: \"x\" // note\n, age: 1 /* c */}"},
      {"FPerson", "{\"name\": \"say \"hi\" now\", \"fullName\": \"\"\"triple\"\"\"}"},
      {"FResume", "{name: \"Ann\", experience: [{title: \"Eng\", years: 3},\n {title: 'Lead', years: 10},], skills: [c++, go, \"rust\"]}"},
      // fenced blocks: closed, unclosed, whitespace and backticks before the fence, text after
      {"FResume", "Here you go:\n```json\n{name: \"Ann\", experience: [{title: \"Eng\", years: 3}], skills: [c++, go]}\n```\nAnything else?"},
      {"FResume", "```\n{\"name\": \"Ann\", \"skills\": [\"a\"]}   \n   \n```"},
      {"FResume", "```json\n{\"name\": \"An``n\", \"skills\": [\"a`\", \"```b\"]}\n````\n```\nok"},
      {"FResume", "```json \n  {\"name\": \"Ann\"} trailing note\n```\n"},
      {"FEnumList", "```json\n[\"RED\", \"verde\", \"BLUE\"]\n```"},
      {"FInt", "```\n12\n```"},
      {"FIntList", "```json\n[1, 2]\n```\n```json\n[3]\n```"},
      {"FIntList", "```json\nnot json [1, 2]\n```"},
      // shapes the incremental reading leaves to parse_answer
      {"FIntList", R"({"a": 1} {"b": 2} [3, 4])"},
      {"FIntList", "a ] b [1, 2]"},
      {"FString", R"({"a": "hello"})"},
      {"FEnum", "The answer is RED, not BLUE."},
      {"FPerson", R"("{\"name\": \"A\"}")"},
      {"FJson", std::string(300, '[') + std::string(300, ']')},
      {"FPet", R"(Sure! {"kind": "cat", "meow": "purr"} and {"kind": "dog")"},
      // a list where one value is wanted: the best of its items, folded over the finished ones
      {"FOne", R"({"value": [[1, 2], [3, [4, 5]], 6, "7"]})"},
      {"FOne", R"([[[{"value": 1}, [2]], 3]])"},
      {"FInt", "[[\"a\"], [12, 3], 4]"},
      {"FFloat", "[[], [1.5, [2]], \"x\"]"},
      {"FBool", "[[\"maybe\"], [true, false]]"},
  };
  stream_every_way(texts, 7);
}

TEST_CASE("invalid UTF-8 is read incrementally, each invalid sequence as one U+FFFD") {
  // As to_valid_utf8 writes it: a byte that cannot start or continue a character, then every
  // continuation byte after it, which may arrive in later deltas.
  const std::vector<std::pair<const char*, std::string>> texts = {
      {"FPerson", "{\"name\": \"A\xff\xfe B\", \"fullName\": \"C\"}"},
      {"FPerson", "{\"name\": \"Zo\xc3\xab \xf0\x9f\x8e\x89 \xe2\x82\xac\", \"fullName\": \"\xe2\x98\x83\"}"},
      {"FPerson", "\x80\x80 {\"name\": \"\xe2\x82" "A\xf0\x9f\x8e\", \"fullName\": \"\xed\xa0\x80 \xc0\xaf\"}"},
      {"FResume", "Here:\n```json\n{\"name\": \"\xf4\x90\x80\x80x\", \"skills\": [\"\xe0\x80\xbf\", \"\xff\"]}\n```\n"},
      {"FIntList", "[1, 2\xff, \x85 3, 4]"},
      {"FPerson", "{\"name\": \"cut \xe2\x82"},
  };
  stream_every_way(texts, 11);
}

TEST_CASE("Unicode whitespace between tokens is skipped, also when a delta cuts it") {
  // U+00A0, U+3000 and U+2003 where JSON has whitespace: BAML 0.226.2 skips them (Rust's
  // char::is_whitespace), and so must every delta split of them.
  const std::vector<std::pair<const char*, std::string>> texts = {
      {"FPerson", "{\"name\":\xc2\xa0\"A\", \"fullName\": \"B\"}"},
      {"FPerson", "{\"name\": \"A\",\xe3\x80\x80\"fullName\":\xe2\x80\x83\"B\"}"},
      {"FPerson", "{name:\xc2\xa0" "A\xc2\xa0, fullName: B}"},
      {"FIntList", "[1,\xc2\xa0" "2,\xe2\x80\xaf" "3]"},
  };
  stream_every_way(texts, 11);
  CHECK(matches_oracle("{\"name\":\xc2\xa0\"A\", \"fullName\": \"B\"}", "FPerson", R"({"name": "A", "age": null, "full_name": "B"})"));
  CHECK(matches_oracle("{\"name\": \"A\",\xc2\xa0\"fullName\": \"B\"}", "FPerson", R"({"name": "A", "age": null, "full_name": "B"})"));
  CHECK(matches_oracle("{name:\xc2\xa0" "A\xc2\xa0, fullName: B}", "FPerson", R"({"name": "A", "age": null, "full_name": "B"})"));
  CHECK(matches_oracle("{\"name\": \"A\xc2\xa0" "B\", \"fullName\": \"C\"}", "FPerson", R"({"name": "A\u00a0B", "age": null, "full_name": "C"})"));
}

TEST_CASE("@stream.with_state reports Pending, Incomplete, Complete") {
  // BAML 0.226.2 parseStream: {"c": {"state": "Incomplete", "value": "sea"}} etc.
  CHECK(matches_oracle(R"({"b": "", "c":)", "FS",
                       R"({"a": null, "b": "", "c": {"state": "Pending", "value": null}, "d": null, "e": null, "f": []})", true));
  CHECK(matches_oracle(R"({"b": "", "c": "sea)", "FS",
                       R"({"a": null, "b": "", "c": {"state": "Incomplete", "value": "sea"}, "d": null, "e": null, "f": []})", true));
  CHECK(matches_oracle(R"({"b": "", "c": "sea shell")", "FS",
                       R"({"a": null, "b": "", "c": {"state": "Complete", "value": "sea shell"}, "d": null, "e": null, "f": []})", true));
}

TEST_CASE("@stream.not_null holds the object back; @stream.done holds the field back") {
  // BAML 0.226.2: no partial value until "b" exists; "a" null until its string is closed.
  CHECK(matches_oracle(R"({"a": "hello world", "b")", "FS", "ERR", true));
  CHECK(matches_oracle(R"({"b": "", "a": "hello )", "FS",
                       R"({"a": null, "b": "", "c": {"state": "Pending", "value": null}, "d": null, "e": null, "f": []})", true));
}
