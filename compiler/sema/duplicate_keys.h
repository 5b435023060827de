// Keys given twice in one configuration block (a client's body, its `options`, its `http`, a
// retry_policy and its `strategy`, a generator). BAML resolves such repeats inconsistently (sometimes the
// first wins, sometimes the last), so bamlc rejects them in every block through this one check
// rather than letting each reader pick one silently.
#pragma once

#include <initializer_list>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"

namespace bamlc::sema {

// Reports each key repeated in `entries` (E0813, with the first occurrence as a note). `where`
// completes "`model` is given twice in ...", e.g. "the options of client `Primary`".
void report_duplicate_keys(DiagnosticSink& diags, const std::vector<ast::MapEntry>& entries, std::string_view where);

// The same inside every map nested in the values of `entries`, at any depth and inside lists
// (a client's `headers`, a pass-through option such as `response_format { ... }`): "`X-Trace` is
// given twice in `headers` in the options of client `Primary`". Keys in `checked_elsewhere` have
// a reader of their own that reports their block (a client's `http`) and are skipped.
void report_nested_duplicate_keys(DiagnosticSink& diags, const std::vector<ast::MapEntry>& entries,
                                  std::string_view where, std::initializer_list<std::string_view> checked_elsewhere);

}  // namespace bamlc::sema
