// UTF-8 encoding of one code point, shared by every reader of JSON escapes (\uXXXX) and the
// template filters that change case.
#pragma once

#include <string>

namespace baml {

// Appends `c` encoded as UTF-8 (1 to 4 bytes).
void append_utf8(std::string& out, char32_t c);

}  // namespace baml
