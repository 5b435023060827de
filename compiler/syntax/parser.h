// The syntax phase's whole API: source text in, AST and syntax diagnostics out. ANTLR is an
// implementation detail of this folder; no header outside compiler/syntax/ includes it.
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/base/source.h"
#include "compiler/diag/diagnostic.h"

namespace bamlc {

// Parses one `.baml` file. Never throws for bad input: every syntax error is reported and the
// parser recovers, so the returned AST holds every declaration that could be read.
ast::File parse_file(const SourceFile& file, DiagnosticSink& diags);

}  // namespace bamlc
