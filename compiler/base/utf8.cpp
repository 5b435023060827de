#include "compiler/base/utf8.h"

namespace bamlc {
namespace {

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

}  // namespace

std::optional<Utf8Error> first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    // The length a lead byte announces, and the range its first continuation byte must lie in:
    // the narrower ranges are what exclude overlongs (E0, F0), surrogates (ED) and code points
    // past U+10FFFF (F4).
    std::size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    std::string_view what;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      if (lead == 0xE0) low = 0xA0;
      if (lead == 0xED) high = 0x9F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      if (lead == 0xF0) low = 0x90;
      if (lead == 0xF4) high = 0x8F;
    } else if (lead == 0xC0 || lead == 0xC1) {
      return Utf8Error{i, 1, "an overlong encoding"};
    } else if (lead >= 0xF5 && lead <= 0xF7) {
      return Utf8Error{i, 1, "a code point above U+10FFFF"};
    }
    if (length == 0) return Utf8Error{i, 1, what};
    if (i + 1 >= text.size() || !is_continuation(static_cast<unsigned char>(text[i + 1]))) {
      return Utf8Error{i, 1, ""};
    }
    const auto second = static_cast<unsigned char>(text[i + 1]);
    if (second < low || second > high) {
      what = lead == 0xED ? "a surrogate code point (U+D800 to U+DFFF)"
             : lead == 0xF4 ? "a code point above U+10FFFF"
                            : "an overlong encoding";
      return Utf8Error{i, 2, what};
    }
    for (std::size_t k = 2; k < length; ++k) {
      if (i + k >= text.size() || !is_continuation(static_cast<unsigned char>(text[i + k]))) {
        return Utf8Error{i, k, ""};
      }
    }
    i += length;
  }
  return std::nullopt;
}

}  // namespace bamlc
