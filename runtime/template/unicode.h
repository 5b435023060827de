// The bits of Unicode the evaluator needs: UTF-8 stepping for string filters that work per
// character, and case. Whitespace (Rust's char::is_whitespace, which BAML trims and dedents with)
// is runtime/text/whitespace.h, shared with the parser.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <baml/utf8.h>  // append_utf8

namespace baml::tmpl {

// Decodes the code point at `s[i]` and advances `i`; an invalid byte decodes as itself.
char32_t next_code_point(std::string_view s, std::size_t& i);

// Case as Rust's (runtime/text/unicode_text.h): is_upper / is_lower are char::is_uppercase /
// is_lowercase, upper / lower are str::to_uppercase / to_lowercase (full mappings: "ß" → "SS").
bool is_alpha(char32_t c);
bool is_upper(char32_t c);
bool is_lower(char32_t c);

std::string upper(std::string_view s);
std::string lower(std::string_view s);

}  // namespace baml::tmpl
