// The fixing parser (BAML's jsonish fixing_parser): reads JSON the way models break it —
// unquoted keys and values, single-quoted, back-ticked and triple-quoted strings, badly escaped
// quotes, missing or trailing commas, `//` and `/* */` comments, and brackets or strings left
// open at the end (closed, and marked incomplete for streaming). Text around values at the top
// level becomes string values; when objects or arrays are among them, only those are kept.
//
// The decisions follow BAML's state machine (when a quote closes a string, where an unquoted
// value ends), so that the same broken text yields the same reading.
#pragma once

#include <stdexcept>
#include <string_view>
#include <vector>

#include "parse/jvalue.h"

namespace baml::parse {

// Nesting deeper than this is refused (a clear error instead of unbounded memory or recursion).
inline constexpr std::size_t kMaxNesting = 256;

struct NestingTooDeep : std::runtime_error {
  NestingTooDeep() : std::runtime_error("the answer nests deeper than 256 levels") {}
};

// The values found, in order; empty when none. Throws NestingTooDeep.
std::vector<JValue> fixing_parse(std::string_view text);

}  // namespace baml::parse
