// UTF-8 validation by the rules of Unicode (table 3-7): the byte structure, and also no
// overlong encodings, no surrogates (U+D800..U+DFFF) and nothing above U+10FFFF. ANTLR's input
// stream throws on those, so every text is checked here before it reaches the lexer.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace bamlc {

struct Utf8Error {
  std::size_t offset = 0;  // of the first byte of the bad sequence
  std::size_t length = 1;  // bytes of it worth underlining (at least 1)
  std::string_view what;   // "an overlong encoding", ...; empty for bytes that are simply not UTF-8
};

// The first invalid sequence in `text`, or nothing when all of it is valid UTF-8.
std::optional<Utf8Error> first_invalid_utf8(std::string_view text);

}  // namespace bamlc
