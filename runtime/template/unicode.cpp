// UTF-8 decoding, Unicode whitespace and a small case mapping (see unicode.h).
#include "template/unicode.h"

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

namespace {
// Latin-1 Supplement, Latin Extended-A, Greek and Cyrillic have regular case offsets.
bool in(char32_t c, char32_t lo, char32_t hi) { return c >= lo && c <= hi; }
}  // namespace

char32_t to_upper(char32_t c) {
  if (in(c, 'a', 'z')) return c - 32;
  if (c < 0x80) return c;
  if ((in(c, 0xE0, 0xFE) && c != 0xF7)) return c - 32;
  if (in(c, 0x100, 0x17F) && (c & 1) && c != 0x131 && c != 0x138 && c != 0x149 && !in(c, 0x139, 0x148) &&
      !in(c, 0x179, 0x17E)) {
    return c - 1;
  }
  if ((in(c, 0x139, 0x148) || in(c, 0x179, 0x17E)) && !(c & 1)) return c - 1;
  if (in(c, 0x3B1, 0x3C9) && c != 0x3C2) return c - 32;
  if (in(c, 0x430, 0x44F)) return c - 32;
  if (in(c, 0x450, 0x45F)) return c - 80;
  return c;
}

char32_t to_lower(char32_t c) {
  if (in(c, 'A', 'Z')) return c + 32;
  if (c < 0x80) return c;
  if (in(c, 0xC0, 0xDE) && c != 0xD7) return c + 32;
  if (in(c, 0x100, 0x17F) && !(c & 1) && c != 0x130 && c != 0x138 && !in(c, 0x139, 0x148) && !in(c, 0x179, 0x17E)) {
    return c + 1;
  }
  if ((in(c, 0x139, 0x148) || in(c, 0x179, 0x17E)) && (c & 1)) return c + 1;
  if (in(c, 0x391, 0x3A9) && c != 0x3A2) return c + 32;
  if (in(c, 0x410, 0x42F)) return c + 32;
  if (in(c, 0x400, 0x40F)) return c + 80;
  return c;
}

bool is_upper(char32_t c) { return to_lower(c) != c; }
bool is_lower(char32_t c) { return to_upper(c) != c || c == 0xDF; }
bool is_alpha(char32_t c) {
  return in(c, 'a', 'z') || in(c, 'A', 'Z') || (c >= 0xAA && c != 0xD7 && c != 0xF7 && !is_unicode_space(c) &&
                                                 !in(c, 0x2000, 0x2BFF) && !in(c, 0x3000, 0x303F));
}

std::string upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) append_utf8(out, to_upper(next_code_point(s, i)));
  return out;
}

std::string lower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) append_utf8(out, to_lower(next_code_point(s, i)));
  return out;
}

}  // namespace baml::tmpl
