// UTF-8 decoding, and case through runtime/text (see unicode.h).
#include "template/unicode.h"

#include "text/unicode_text.h"
#include "text/whitespace.h"

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

bool is_upper(char32_t c) { return text::is_uppercase(c); }
bool is_lower(char32_t c) { return text::is_lowercase(c); }
bool is_alpha(char32_t c) {
  auto in = [c](char32_t lo, char32_t hi) { return c >= lo && c <= hi; };
  return in('a', 'z') || in('A', 'Z') || (c >= 0xAA && c != 0xD7 && c != 0xF7 && !text::is_whitespace(c) &&
                                          !in(0x2000, 0x2BFF) && !in(0x3000, 0x303F));
}

std::string upper(std::string_view s) { return text::uppercase(s); }
std::string lower(std::string_view s) { return text::lowercase(s); }

}  // namespace baml::tmpl
