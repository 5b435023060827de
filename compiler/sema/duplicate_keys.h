// Keys given twice in one configuration block (a client's body, its `options`, its `http`, a
// retry_policy and its `strategy`, a generator). BAML resolves such repeats inconsistently (sometimes the
// first wins, sometimes the last), so bamlc rejects them in every block through this one check
// rather than letting each reader pick one silently.
#pragma once

#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"

namespace bamlc::sema {

// Reports each key repeated in `entries` (E0813, with the first occurrence as a note). `where`
// completes "`model` is given twice in ...", e.g. "the options of client `Primary`".
void report_duplicate_keys(DiagnosticSink& diags, const std::vector<ast::MapEntry>& entries, std::string_view where);

}  // namespace bamlc::sema
