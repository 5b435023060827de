// The request body's JSON writer: append_json_string and dump_json are byte for byte what
// nlohmann::json::dump writes (strings near and across the 16-byte blocks the escaper tests at
// once, every byte that needs escaping, multi-byte UTF-8, invalid UTF-8), and dump_json_with
// writes its raw members where their placeholders stand.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "providers/provider.h"

namespace baml {
namespace {

using nlohmann::json;

std::string escaped(std::string_view text) {
  std::string out;
  wire::append_json_string(out, text);
  return out;
}

TEST_CASE("append_json_string escapes as nlohmann's dump does, wherever the special bytes fall") {
  const std::string specials[] = {"\"", "\\", "\n", "\t", "\r", "\b", "\f", std::string(1, '\0'), "\x01", "\x1f",
                                  "\x7f", "/", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
  for (const std::string& special : specials) {
    for (std::size_t before = 0; before < 40; ++before) {
      for (std::size_t after : {0, 1, 15, 16, 17, 33}) {
        const std::string text = std::string(before, 'a') + special + std::string(after, 'b');
        CHECK_MESSAGE(escaped(text) == json(text).dump(), before, " ", after);
      }
    }
  }
  std::mt19937 rng(16);
  const std::string alphabet = std::string("ab \"\\\n\t\x01\x1f") + "\xC3\xA9" + "\xE2\x82\xAC";
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const std::size_t length = rng() % 80;
    while (text.size() < length) {
      // Whole UTF-8 sequences only: pick a starting point that is not a continuation byte.
      std::size_t i = rng() % alphabet.size();
      while ((static_cast<unsigned char>(alphabet[i]) & 0xC0) == 0x80) --i;
      std::size_t n = 1;
      while (i + n < alphabet.size() && (static_cast<unsigned char>(alphabet[i + n]) & 0xC0) == 0x80) ++n;
      text.append(alphabet, i, n);
    }
    CHECK(escaped(text) == json(text).dump());
  }
  std::string out = "x";
  wire::append_json_string(out, "");
  CHECK(out == "x\"\"");
}

TEST_CASE("append_json_string throws nlohmann's error for text that is not UTF-8, wherever it is") {
  for (const std::string& text : {std::string("\xC3"), std::string(20, 'a') + "\xFF" + std::string(20, 'b'), std::string("\xED\xA0\x80")}) {
    CHECK_THROWS_AS(escaped(text), json::type_error);
  }
}

TEST_CASE("dump_json_with writes raw members at their placeholders, in the dump's key order") {
  const json body = {{"model", "gpt-4o"}, {"messages", nullptr}, {"temperature", 0.5}, {"a", {1, "x\n"}}};
  const std::string messages = R"([{"content":"hi","role":"user"}])";
  json expected = body;
  expected["messages"] = json::parse(messages);
  CHECK(wire::dump_json_with(body, {{"messages", messages}}) == expected.dump());
  CHECK(wire::dump_json_with(body, {}) == body.dump());
  CHECK(wire::dump_json(body) == body.dump());
}

}  // namespace
}  // namespace baml
