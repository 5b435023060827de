// Durations, the one library the compiler and the runtime share (LANGUAGE.md, "Duration
// literals"): reading the literal syntax (`500ms`, `1.5s`, `1m30s`) and writing it back. It
// depends on the standard library only. Parsing is a pure function of the text, so every rule
// and every error message is unit-tested without a parser; the compiler turns a DurationError
// into a diagnostic on the literal's span, the runtime into a message.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace baml {

// The largest duration, in milliseconds: 2^53 - 1, the largest integer a JSON number (a double)
// holds exactly, since the IR and the wire carry durations as integer milliseconds. One more is
// an overflow.
inline constexpr std::int64_t kMaxDurationMs = (std::int64_t{1} << 53) - 1;

enum class DurationErrorKind {
  UnknownUnit,     // `4min`, `3d`
  UnitOrder,       // `30s1m`, `1s2s`
  SubMillisecond,  // `1.0005s`
  Overflow,        // past kMaxDurationMs
  Sign,            // `-5s`, `+5s`
  Malformed,       // anything else: no number, no unit, `1..5s`
};

struct DurationError {
  DurationErrorKind kind;
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

// Parses one whole literal such as "1m30s", "1.5s", "-5s", "4min", "30s1m". The value is
// computed exactly from the digits (no floating point), so `0.1s` is 100ms and `1.0005s` is an
// error. Each segment must be a whole number of milliseconds on its own.
DurationParse parse_duration(std::string_view text);

// True when the text is shaped like a number immediately followed by letters (a duration
// attempt), as the .baml lexer's NUMBER_WITH_SUFFIX token gives it:
// [+-]? [0-9] [0-9_.]* [a-zA-Z_µ] [a-zA-Z0-9_.µ]*
bool is_duration_shaped(std::string_view text);

// The canonical literal for a duration: the largest units first, zero segments left out, the
// remainder in ms: 90000ms -> `1m30s`, 1500ms -> `1s500ms`, 0 -> `0s`. parse_duration reads it
// back to the same value. A negative value (never produced by a literal) gets a `-`.
std::string format_duration(std::chrono::milliseconds value);

// A measured elapsed time, rounded to what matters: whole milliseconds below one second
// (`812ms`), tenths of a second below a minute (`10.1s`), whole seconds above, in literal syntax
// (`2m5s`). A negative time prints as `0ms`.
std::string format_elapsed(std::chrono::nanoseconds elapsed);

}  // namespace baml
