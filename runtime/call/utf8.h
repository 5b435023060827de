// Text from a server is bytes: it need not be UTF-8 (a binary body, a broken proxy, a character
// cut in two). The runtime keeps those bytes as they came (answers, partial text, error bodies)
// and checks them only where a form it produces must be UTF-8: its JSON (nlohmann's dump() throws
// on anything else) and what it shows on a terminal (<baml/printable.h>).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace baml {

// The length of the well-formed UTF-8 sequence (RFC 3629, as nlohmann checks it) starting at the
// non-ASCII byte `*p`, or 0 if it is not one.
inline std::size_t utf8_sequence_length(const char* p, const char* end) {
  const auto byte = [p](std::ptrdiff_t i) { return static_cast<unsigned char>(p[i]); };
  const auto in = [](unsigned char b, unsigned char lo, unsigned char hi) { return b >= lo && b <= hi; };
  const std::ptrdiff_t left = end - p;
  const unsigned char c = byte(0);
  if (in(c, 0xC2, 0xDF)) return left >= 2 && in(byte(1), 0x80, 0xBF) ? 2 : 0;
  if (in(c, 0xE0, 0xEF)) {
    if (left < 3) return 0;
    const unsigned char lo = c == 0xE0 ? 0xA0 : 0x80;
    const unsigned char hi = c == 0xED ? 0x9F : 0xBF;
    return in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) ? 3 : 0;
  }
  if (in(c, 0xF0, 0xF4)) {
    if (left < 4) return 0;
    const unsigned char lo = c == 0xF0 ? 0x90 : 0x80;
    const unsigned char hi = c == 0xF4 ? 0x8F : 0xBF;
    return in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF) ? 4 : 0;
  }
  return 0;
}

// Whether `text` is UTF-8 throughout.
bool is_utf8(std::string_view text);

// `text` with every byte that does not belong to a well-formed sequence replaced by U+FFFD, as
// nlohmann's error_handler_t::replace writes it.
std::string to_utf8(std::string_view text);

// The same for every string (and key) inside `value`, which can then always be dumped.
void make_utf8(nlohmann::json& value);

}  // namespace baml
