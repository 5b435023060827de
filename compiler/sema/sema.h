// Semantic analysis: the checks that need more than one declaration's syntax, producing the
// checked program (compiler/model/program.h). Its whole API is analyze(); each concern (names,
// types, clients, retry policies, composites, templates, functions, tests, generators) lives in
// a file of its own.
#pragma once

#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/model/program.h"

namespace bamlc {

// Never throws for bad input: problems are diagnostics, and what could be checked is returned.
model::Program analyze(const std::vector<ast::File>& files, DiagnosticSink& diags);

}  // namespace bamlc
