// Unicode whitespace as Rust's char::is_whitespace (whitespace.h).
#include <doctest/doctest.h>

#include <string>

#include "text/whitespace.h"

using namespace baml::text;

TEST_CASE("is_whitespace is Rust's White_Space set") {
  for (char32_t c : {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2005, 0x200A, 0x2028,
                     0x2029, 0x202F, 0x205F, 0x3000}) {
    CHECK(is_whitespace(c));
  }
  for (char32_t c : {0x00, 0x1C, 0x41, 0x180E, 0x200B, 0x2060, 0xFEFF}) CHECK_FALSE(is_whitespace(c));
}

TEST_CASE("non_ascii_whitespace_length reads the UTF-8 of each character, and waits on a cut one") {
  CHECK(non_ascii_whitespace_length(0xC2, 0xA0, 0) == 2);           // NBSP
  CHECK(non_ascii_whitespace_length(0xE3, 0x80, 0x80) == 3);        // ideographic space
  CHECK(non_ascii_whitespace_length(0xE2, 0x80, 0x8B) == 0);        // U+200B, zero width: not a space
  CHECK(non_ascii_whitespace_length(0xE2, 0x80, 0) == 0);           // cut after two bytes
  CHECK(non_ascii_whitespace_length('a', 0, 0) == 0);
}

TEST_CASE("trim, trim_start and trim_end take Unicode whitespace off, and nothing else") {
  const std::string nbsp = "\xC2\xA0", ideo = "\xE3\x80\x80";
  CHECK(trim(" \t" + nbsp + "x y" + ideo + "\n") == "x y");
  CHECK(trim_start(nbsp + " x ") == "x ");
  CHECK(trim_end(" x " + ideo) == " x");
  CHECK(trim(nbsp + ideo).empty());
  CHECK(trim("\xA0x\xA0") == "\xA0x\xA0");  // stray continuation bytes are not spaces
  CHECK(trim("\xE3\x80") == "\xE3\x80");    // nor is a cut character
  CHECK(trim("") == "");
}
