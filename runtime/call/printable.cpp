// Escaping what a terminal must not see raw (see <baml/printable.h>).
#include <baml/printable.h>

#include "call/utf8.h"

namespace baml {

std::string printable(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  const auto escape = [&out](unsigned char byte) {
    out += "\\x";
    out += kHex[byte >> 4];
    out += kHex[byte & 15];
  };
  const char* p = text.data();
  const char* const end = p + text.size();
  while (p != end) {
    const auto lead = static_cast<unsigned char>(*p);
    if (lead < 0x80) {
      if ((lead < 0x20 && lead != '\n' && lead != '\t') || lead == 0x7F) {
        escape(lead);
      } else {
        out += static_cast<char>(lead);
      }
      ++p;
      continue;
    }
    const std::size_t n = utf8_sequence_length(p, end);
    // U+0080 to U+009F, the C1 controls (0x9B starts a terminal sequence as ESC [ does).
    const bool c1 = n == 2 && lead == 0xC2 && static_cast<unsigned char>(p[1]) < 0xA0;
    if (n == 0 || c1) {
      for (std::size_t i = 0; i < (n == 0 ? 1 : n); ++i) escape(static_cast<unsigned char>(p[i]));
      p += n == 0 ? 1 : n;
      continue;
    }
    out.append(p, n);
    p += n;
  }
  return out;
}

}  // namespace baml
