// ANTLR indexes the input by code point; spans are byte offsets. For the common all-ASCII
// file the two agree and no table is built.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace bamlc::syntax {

class TokenOffsets {
 public:
  explicit TokenOffsets(std::string_view utf8);
  // The byte offset of the code point with this index (one past the end is allowed).
  std::uint32_t byte_offset(std::size_t code_point_index) const {
    return byte_offsets_.empty() ? static_cast<std::uint32_t>(code_point_index)
                                 : byte_offsets_[code_point_index];
  }

 private:
  std::vector<std::uint32_t> byte_offsets_;  // empty when the text is ASCII
};

}  // namespace bamlc::syntax
