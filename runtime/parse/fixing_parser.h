// The fixing parser (BAML's jsonish fixing_parser): reads JSON the way models break it —
// unquoted keys and values, single-quoted, back-ticked and triple-quoted strings, badly escaped
// quotes, missing or trailing commas, `//` and `/* */` comments, and brackets or strings left
// open at the end (closed, and marked incomplete for streaming). Text around values at the top
// level becomes string values; when objects or arrays are among them, only those are kept.
//
// The decisions follow BAML's state machine (when a quote closes a string, where an unquoted
// value ends), so that the same broken text yields the same reading.
#pragma once

#include <memory>
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

// The fixing parser kept between the deltas of a stream. The text only grows: each call passes
// all of it, of which the first `stable` bytes will never change again (`final`: none of it will).
// `advance` reads as far as it can without a decision that depends on what is not stable yet
// (a lookahead reaching it); `snapshot` is fixing_parse(text), computed from the kept state by
// reading only the rest, on a copy of the open frames. What a container finished is shared, not
// copied, and is `stable` (JValue): the same node at the same address in every later snapshot.
class IncrementalFixer {
 public:
  IncrementalFixer();
  ~IncrementalFixer();
  IncrementalFixer(const IncrementalFixer&) = delete;
  IncrementalFixer& operator=(const IncrementalFixer&) = delete;

  void advance(std::string_view text, std::size_t stable, bool final);  // throws NestingTooDeep
  std::vector<JValue> snapshot(std::string_view text) const;            // throws NestingTooDeep
  std::size_t position() const;  // the kept state has read everything before this index
  void reset();                  // back to nothing read (for another text)

 private:
  struct Kept;
  std::unique_ptr<Kept> kept_;
};

}  // namespace baml::parse
