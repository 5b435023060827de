// Decoding of literal tokens (strings, raw strings, numbers) into AST values. Pure functions
// over token text, so they are unit-tested without a parser.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bamlc::syntax {

// The text between the quotes of a "..." token, with escapes decoded. Unknown escapes are kept
// as written (BAML does the same).
std::string decode_quoted_string(std::string_view token);

// A raw string token #"..."# split into its delimiter and content.
struct RawStringParts {
  int hashes = 0;
  bool terminated = false;
  std::string_view content;  // between the quotes
};
RawStringParts split_raw_string(std::string_view token);

// Why a number glued to letters is not a number BAML accepts, when it is not a duration
// attempt at all (30_000, 1e3, 0x10). Empty when the token should be read as a duration.
struct NumberProblem {
  std::string message;
  std::string hint;
};
std::optional<NumberProblem> non_duration_number_problem(std::string_view token);

}  // namespace bamlc::syntax
