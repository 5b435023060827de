#include "compiler/syntax/token_offsets.h"

#include <algorithm>

namespace bamlc::syntax {

TokenOffsets::TokenOffsets(std::string_view utf8) : size_(utf8.size()) {
  const bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return;
  byte_offsets_.reserve(utf8.size() + 1);
  for (std::uint32_t i = 0; i < utf8.size(); ++i) {
    // Continuation bytes (10xxxxxx) do not start a code point.
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) byte_offsets_.push_back(i);
  }
  byte_offsets_.push_back(static_cast<std::uint32_t>(utf8.size()));
}

}  // namespace bamlc::syntax
