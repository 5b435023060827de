// Unicode folds for matching a model's words against enum values and string literals, as BAML's
// match_string does: accents taken off (compatibility decomposition without combining marks, and
// ß æ œ ø spelled in ASCII) and lowercase for every script. UTF-8 in, UTF-8 out; bytes that are
// not valid UTF-8 pass through unchanged.
#pragma once

#include <string>
#include <string_view>

namespace baml::parse {

// "Crème Brûlée" → "Creme Brulee", "Straße" → "Strasse", "ﬁle" → "file", "Ｆｕｌｌ" → "Full".
std::string fold_accents(std::string_view text);
// "ÉTÉ" → "été", "ЖУК" → "жук" (one code point to one; ASCII as std::tolower).
std::string fold_case(std::string_view text);

}  // namespace baml::parse
