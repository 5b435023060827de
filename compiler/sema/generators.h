// `generator` blocks: bamlc generates C++ (`output_type "cpp"`); BAML's other targets are
// accepted with a warning, so a BAML project still checks clean of errors.
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"

namespace bamlc::sema {

void check_generator(const ast::GeneratorDecl& generator, DiagnosticSink& diags);

}  // namespace bamlc::sema
