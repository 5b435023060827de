// UTF-8 decoding, Unicode whitespace, and case through runtime/text (see unicode.h).
#include "template/unicode.h"

#include "text/unicode_text.h"

namespace baml::tmpl {

char32_t next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](std::size_t k) -> int {
    if (i + k >= s.size()) return -1;
    const auto b = static_cast<unsigned char>(s[i + k]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  int len = 0;
  char32_t c = 0;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    c = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    c = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    c = b0 & 0x07;
  } else {
    ++i;
    return b0;
  }
  for (int k = 1; k < len; ++k) {
    const int bits = cont(static_cast<std::size_t>(k));
    if (bits < 0) {
      ++i;
      return b0;
    }
    c = (c << 6) | static_cast<char32_t>(bits);
  }
  i += static_cast<std::size_t>(len);
  return c;
}

bool is_unicode_space(char32_t c) {
  switch (c) {
    case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x20: case 0x85: case 0xA0:
    case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000: return true;
    default: return c >= 0x2000 && c <= 0x200A;
  }
}

std::string_view trim_unicode_start(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    if (!is_unicode_space(next_code_point(s, j))) break;
    i = j;
  }
  return s.substr(i);
}

std::string_view trim_unicode_end(std::string_view s) {
  // Walk forward remembering where the trailing run of spaces began.
  std::size_t i = 0, end = 0;
  while (i < s.size()) {
    const char32_t c = next_code_point(s, i);
    if (!is_unicode_space(c)) end = i;
  }
  return s.substr(0, end);
}

std::string_view trim_unicode(std::string_view s) { return trim_unicode_end(trim_unicode_start(s)); }

bool is_upper(char32_t c) { return text::is_uppercase(c); }
bool is_lower(char32_t c) { return text::is_lowercase(c); }
bool is_alpha(char32_t c) {
  auto in = [c](char32_t lo, char32_t hi) { return c >= lo && c <= hi; };
  return in('a', 'z') || in('A', 'Z') || (c >= 0xAA && c != 0xD7 && c != 0xF7 && !is_unicode_space(c) &&
                                          !in(0x2000, 0x2BFF) && !in(0x3000, 0x303F));
}

std::string upper(std::string_view s) { return text::uppercase(s); }
std::string lower(std::string_view s) { return text::lowercase(s); }

}  // namespace baml::tmpl
