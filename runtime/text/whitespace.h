// Rust's char::is_whitespace, which BAML applies everywhere it trims: its parser skips it
// between JSON tokens and trims values with it, its templates dedent and trim with it. One
// definition for parse/ and template/.
#pragma once

#include <cstddef>
#include <string_view>

namespace baml::text {

// The White_Space property: U+0009-000D, U+0020, U+0085, U+00A0, U+1680, U+2000-200A, U+2028,
// U+2029, U+202F, U+205F, U+3000.
bool is_whitespace(char32_t c);

// The length in bytes (2 or 3) of the non-ASCII whitespace character whose UTF-8 begins with
// `b0 b1 b2`, or 0. Bytes past the end of a text are given as 0, so a reader that has only part
// of a character sees 0 and can wait for the rest.
std::size_t non_ascii_whitespace_length(unsigned char b0, unsigned char b1, unsigned char b2);

// `s` without the whitespace at its start, its end, or both (Rust's str::trim_start, trim_end,
// trim). Bytes that are not UTF-8 are not whitespace.
std::string_view trim_start(std::string_view s);
std::string_view trim_end(std::string_view s);
std::string_view trim(std::string_view s);

}  // namespace baml::text
