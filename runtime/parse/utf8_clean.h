// Invalid UTF-8 in a model's answer (a cut multi-byte sequence, binary) is replaced by U+FFFD
// before parsing, as BAML's hosts do when they hand it text; valid text passes untouched.
#pragma once

#include <string>
#include <string_view>

namespace baml::parse {

bool is_valid_utf8(std::string_view s);
std::string to_valid_utf8(std::string_view s);

}  // namespace baml::parse
