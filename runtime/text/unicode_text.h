// Unicode text operations the runtime shares (runtime/text/, below parse/ and template/): case
// mapping as Rust's (which BAML's minijinja and its parser use), and the accent fold BAML's
// enum matching applies. UTF-8 in, UTF-8 out; bytes that are not valid UTF-8 pass through
// unchanged. The tables are written at build time from Python's unicodedata.
#pragma once

#include <string>
#include <string_view>

namespace baml::text {

// "Crème Brûlée" → "Creme Brulee", "Straße" → "Strasse", "ﬁle" → "file", "Ｆｕｌｌ" → "Full".
std::string fold_accents(std::string_view text);

// Rust's str::to_lowercase: full mappings ("İ" → "i̇"), a word's last Σ as ς.
std::string lowercase(std::string_view text);
// Rust's str::to_uppercase: full mappings ("Straße" → "STRASSE", "ﬁ" → "FI").
std::string uppercase(std::string_view text);
// One code point's full lowercase / uppercase (Rust's char::to_lowercase / to_uppercase),
// appended to `out`.
void append_lowercase(char32_t c, std::string& out);
void append_uppercase(char32_t c, std::string& out);

// Rust's char::is_lowercase / is_uppercase.
bool is_lowercase(char32_t c);
bool is_uppercase(char32_t c);

// Whether Rust's Debug of a string writes `c` as `\u{...}`: a grapheme extender (a combining
// mark, U+FE0F) or a character core::unicode calls unprintable (controls, format characters,
// private use, unassigned, separators other than the space: U+00A0, U+200B, U+2028).
bool debug_escaped(char32_t c);

}  // namespace baml::text
