// Keeping one syntax error from turning into several. When the parser recovers from an unexpected
// token or an unclosed block, what it built of the declaration around it is a guess (an unclosed
// `functions [F` swallows the `args { ... }` that follows as list items), and checking that guess
// reports problems the user never wrote. So the semantic diagnostics that fall inside a top-level
// declaration holding such a syntax error are dropped: that declaration is checked again once its
// syntax is fixed. Every other declaration is checked as usual, so independent errors still all
// show in one run.
#pragma once

#include <cstddef>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"

namespace bamlc {

// `first_semantic` is the index in `diags` of the first diagnostic analysis reported (the ones
// before it are the parser's).
void drop_syntax_cascades(const std::vector<ast::File>& files, DiagnosticSink& diags, std::size_t first_semantic);

}  // namespace bamlc
