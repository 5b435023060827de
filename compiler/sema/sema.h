// Semantic analysis: the checks that need more than one declaration's syntax. Its whole API is
// analyze(); each concern (generators, names, types, clients, ...) lives in a file of its own.
#pragma once

#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"

namespace bamlc {

void analyze(const std::vector<ast::File>& files, DiagnosticSink& diags);

}  // namespace bamlc
