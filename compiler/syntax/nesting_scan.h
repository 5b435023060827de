// How deep a parse will recurse, found before it starts. ANTLR's parsers are recursive
// descent: one level of `(`, `[`, `{` or `<` (and, in a template expression, one operator) is
// a few stack frames, so 100,000 of them overflow the stack before any tree exists to check.
// These scans walk the token stream once, linearly, and name the token at which the nesting
// passes kMaxNestingDepth; the caller reports it and does not parse.
#pragma once

#include <vector>

#include "antlr4-runtime.h"

namespace bamlc::syntax {

// For a `.baml` file's tokens: the first token nested deeper than the limit, or null. A closer
// that does not match the innermost opener closes nothing (recovery may not leave that level
// either), so the depth counted is never less than the parser's.
const antlr4::Token* baml_nesting_too_deep(const std::vector<antlr4::Token*>& tokens);

// The same for template tokens, fed one at a time (a template is lexed and parsed in pieces).
// Inside a tag every bracket counts one level and so does every operator since the last `,`
// or `:` of its bracket: `a ~ b ~ c` is a tree as deep as it is long.
class TemplateNestingScan {
 public:
  // True when `token` passes the limit.
  bool too_deep(const antlr4::Token& token);

 private:
  void reset();

  std::vector<std::size_t> closers_;  // the closer each open bracket awaits
  std::vector<std::size_t> operators_{0};  // per open level: operators since its last `,` or `:`
  std::size_t operator_total_ = 0;
  bool tag_start_ = true;  // the next token is the first of its tag (`if` there is a statement)
};

}  // namespace bamlc::syntax
