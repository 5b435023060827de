// Reading numbers out of text the way BAML does: Rust's number syntax, fractions ("1/3"), and a
// single number found inside words, with thousands separators and currency ("$1,234.50",
// "50%", "about 42 people"); two numbers in one text are ambiguous and read as none.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace baml::parse {

std::optional<std::int64_t> rust_int(std::string_view s);   // "+42", "-7"
std::optional<double> rust_float(std::string_view s);       // "1e3", ".5", "5."
std::optional<double> fraction(std::string_view s);         // "1/2"
std::optional<double> number_in_text(std::string_view s);   // "$1,234.5", "50%", "the answer is 42"
// f64 → i64 as Rust's `as` does after rounding half away from zero: saturating, NaN → 0.
std::int64_t round_to_int(double d);

}  // namespace baml::parse
