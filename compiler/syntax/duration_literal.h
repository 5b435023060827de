// Duration literals (LANGUAGE.md, "Duration literals"): `500ms`, `4s`, `1.5s`, `1m30s`. Parsing
// is a pure function of the token text so every rule and every error message is unit-tested
// without a parser; the AST builder turns a DurationError into a diagnostic on the literal's span.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "compiler/diag/diagnostic.h"

namespace bamlc {

// The largest duration, in milliseconds: 2^53 - 1, the largest integer a JSON number (a double)
// holds exactly, since the IR and the wire carry durations as integer milliseconds. One more is
// an overflow.
inline constexpr std::int64_t kMaxDurationMs = (std::int64_t{1} << 53) - 1;

struct DurationError {
  DiagKind kind;         // one of the Duration* kinds
  std::string message;   // what is wrong
  std::string hint;      // what to write instead, with the fixed literal when there is one
  std::uint32_t offset;  // the part of the literal at fault, relative to the literal's start
  std::uint32_t length;
};

// Exactly one of the two is set.
struct DurationParse {
  std::optional<std::chrono::milliseconds> value;
  std::optional<DurationError> error;
};

// Parses one whole literal token such as "1m30s", "1.5s", "-5s", "4min", "30s1m". The value is
// computed exactly from the digits (no floating point), so `0.1s` is 100ms and `1.0005s` is an
// error. Each segment must be a whole number of milliseconds on its own.
DurationParse parse_duration_literal(std::string_view text);

// True when the text is shaped like a number immediately followed by letters (a duration
// attempt), as the lexer's NUMBER_WITH_SUFFIX token gives it:
// [+-]? [0-9] [0-9_.]* [a-zA-Z_µ] [a-zA-Z0-9_.µ]*
bool is_duration_shaped(std::string_view text);

// The canonical literal for a duration: the largest units first, zero segments left out, the
// remainder in ms: 90000ms -> `1m30s`, 1500ms -> `1s500ms`, 0 -> `0s`. parse_duration_literal
// reads it back to the same value. A negative value (never produced by a literal) gets a `-`.
std::string format_duration(std::chrono::milliseconds value);

}  // namespace bamlc
