#include "compiler/base/utf8.h"

#include <doctest/doctest.h>

#include <string>

namespace bamlc {
namespace {

std::optional<std::size_t> bad_at(const std::string& text) {
  const auto error = first_invalid_utf8(text);
  return error ? std::optional<std::size_t>(error->offset) : std::nullopt;
}

TEST_CASE("valid UTF-8 of every length passes") {
  CHECK_FALSE(bad_at("plain ascii"));
  CHECK_FALSE(bad_at("caf\xC3\xA9"));                // é
  CHECK_FALSE(bad_at("\xE2\x82\xAC"));               // €
  CHECK_FALSE(bad_at("\xED\x9F\xBF"));               // U+D7FF, just below the surrogates
  CHECK_FALSE(bad_at("\xF0\x9F\x98\x80"));           // 😀
  CHECK_FALSE(bad_at("\xF4\x8F\xBF\xBF"));           // U+10FFFF, the last code point
  CHECK_FALSE(bad_at(""));
}

TEST_CASE("malformed byte structure is found at its first byte") {
  CHECK(bad_at("ab\xE9 x") == 2u);                   // Latin-1 é
  CHECK(bad_at("a\x80") == 1u);                      // a lone continuation byte
  CHECK(bad_at("a\xC3") == 1u);                      // cut off at the end
  CHECK(bad_at("a\xE2\x82") == 1u);
  CHECK(first_invalid_utf8("a\xE2\x82")->length == 2u);
}

TEST_CASE("overlongs, surrogates and code points past U+10FFFF are rejected") {
  CHECK(bad_at("x\xC0\xAF") == 1u);                  // overlong `/`
  CHECK(first_invalid_utf8("x\xC0\xAF")->what == "an overlong encoding");
  CHECK(bad_at("\xE0\x80\xAF") == 0u);               // overlong in three bytes
  CHECK(bad_at("\xF0\x80\x80\xAF") == 0u);           // overlong in four bytes
  CHECK(bad_at("\xED\xA0\x80") == 0u);               // U+D800, a lone surrogate
  CHECK(first_invalid_utf8("\xED\xA0\x80")->what.starts_with("a surrogate"));
  CHECK(bad_at("\xF4\x90\x80\x80") == 0u);           // U+110000
  CHECK(bad_at("\xF5\x80\x80\x80") == 0u);           // lead bytes F5 to F7 start nothing
  CHECK(bad_at("\xF7\xBF\xBF\xBF") == 0u);
  CHECK(first_invalid_utf8("\xF5\x80\x80\x80")->what == "a code point above U+10FFFF");
}

}  // namespace
}  // namespace bamlc
