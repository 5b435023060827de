// Unicode whitespace as Rust's char::is_whitespace (see whitespace.h).
#include "text/whitespace.h"

namespace baml::text {
namespace {

bool is_ascii_whitespace(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

unsigned char byte_at(std::string_view s, std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0; }

}  // namespace

bool is_whitespace(char32_t c) {
  switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: return true;
    default: return c >= 0x2000 && c <= 0x200A;
  }
}

std::size_t non_ascii_whitespace_length(unsigned char b0, unsigned char b1, unsigned char b2) {
  if (b0 == 0xC2) return b1 == 0x85 || b1 == 0xA0 ? 2 : 0;                   // U+0085, U+00A0
  if (b0 == 0xE1) return b1 == 0x9A && b2 == 0x80 ? 3 : 0;                   // U+1680
  if (b0 == 0xE2 && b1 == 0x80) {                                            // U+2000-200A, 2028, 2029, 202F
    return (b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF ? 3 : 0;
  }
  if (b0 == 0xE2 && b1 == 0x81) return b2 == 0x9F ? 3 : 0;                   // U+205F
  if (b0 == 0xE3) return b1 == 0x80 && b2 == 0x80 ? 3 : 0;                   // U+3000
  return 0;
}

std::string_view trim_start(std::string_view s) {
  std::size_t b = 0;
  while (b < s.size()) {
    if (is_ascii_whitespace(byte_at(s, b))) {
      ++b;
    } else if (std::size_t n = non_ascii_whitespace_length(byte_at(s, b), byte_at(s, b + 1), byte_at(s, b + 2));
               n > 0 && b + n <= s.size()) {
      b += n;
    } else {
      break;
    }
  }
  return s.substr(b);
}

std::string_view trim_end(std::string_view s) {
  std::size_t e = s.size();
  while (e > 0) {
    if (is_ascii_whitespace(byte_at(s, e - 1))) {
      --e;
    } else if (e >= 2 && non_ascii_whitespace_length(byte_at(s, e - 2), byte_at(s, e - 1), 0) == 2) {
      e -= 2;
    } else if (e >= 3 && non_ascii_whitespace_length(byte_at(s, e - 3), byte_at(s, e - 2), byte_at(s, e - 1)) == 3) {
      e -= 3;
    } else {
      break;
    }
  }
  return s.substr(0, e);
}

std::string_view trim(std::string_view s) { return trim_end(trim_start(s)); }

}  // namespace baml::text
