// Reading numbers out of text the way BAML does: Rust's number syntax, fractions ("1/3"), and a
// single number found inside words, with thousands separators and currency ("$1,234.50",
// "50%", "about 42 people"); two numbers in one text are ambiguous and read as none.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace baml::parse {

std::optional<std::int64_t> rust_int(std::string_view s);   // "+42", "-7"
std::optional<double> rust_float(std::string_view s);       // "1e3", ".5", "5."
std::optional<double> fraction(std::string_view s);         // "1/2"
std::optional<double> number_in_text(std::string_view s);   // "$1,234.5", "50%", "the answer is 42"
// f64 → i64 as Rust's `as` does after rounding half away from zero: saturating, NaN → 0.
std::int64_t round_to_int(double d);
// A finite f64 as serde_json (ryu) prints it: the shortest digits that read back the same,
// `1000.0`, `0.001234`, `1e-6`, `1e21`, `1.2345678901234569e23`.
std::string serde_float_text(double d);
// A JSON number's text as BAML prints it once parsed: an i64 as is, anything else as an f64
// (`3.50` → `3.5`, `1E3` → `1000.0`); text that is no number is returned unchanged.
std::string serde_number_text(std::string_view text);

}  // namespace baml::parse
