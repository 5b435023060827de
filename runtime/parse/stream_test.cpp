// StreamParser: the same answers fed in 1-byte, 4-byte and random chunks; after every delta the
// partial value equals the non-incremental partial parse of the text so far, feed() reports a
// change exactly when that value changed, and finish() equals the whole parse.
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
    INFO(function << " after " << pos << " bytes");
    if (changed) {
      REQUIRE(expected.has_value());
      CHECK(same(sp.current(), *expected));
      last = sp.current();
    } else if (expected && last) {
      CHECK(same(*last, *expected));
    } else {
      CHECK(!(expected && !last));
    }
  }
  auto whole = parse_answer(text, t, types(), false);
  CHECK(sp.finish().value == whole.value);
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
