// ANTLR indexes the input by code point; spans are byte offsets. For the common all-ASCII
// file the two agree and no table is built.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace bamlc::syntax {

class TokenOffsets {
 public:
  explicit TokenOffsets(std::string_view utf8);
  // The byte offset of the code point with this index (one past the end is allowed). An index
  // past the end (a token ANTLR's error recovery conjured has index -1) clamps to the end, so
  // no caller can read outside the table.
  std::uint32_t byte_offset(std::size_t code_point_index) const {
    if (byte_offsets_.empty()) return static_cast<std::uint32_t>(std::min<std::size_t>(code_point_index, size_));
    return byte_offsets_[std::min(code_point_index, byte_offsets_.size() - 1)];
  }

 private:
  std::size_t size_ = 0;                     // bytes of the text
  std::vector<std::uint32_t> byte_offsets_;  // empty when the text is ASCII
};

}  // namespace bamlc::syntax
