// The one nesting limit of the compiler. Parsing and every pass over types, values, templates
// and strategies recurse, and a hostile file can nest 100,000 levels (`((((int))))`, a
// fallback chain of 3,000 clients): past this depth bamlc reports an error at the place the
// limit was passed instead of running out of stack. Like protobuf's limit for untrusted input,
// it is far above anything a real project writes (docs/language.md, "Limits").
#pragma once

#include <cstddef>

namespace bamlc {

inline constexpr std::size_t kMaxNestingDepth = 100;

}  // namespace bamlc
