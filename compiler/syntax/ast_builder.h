// The one translation step from ANTLR's parse tree to the compiler's AST. Internal to
// compiler/syntax/; callers use parser.h.
#pragma once

#include "BamlParser.h"
#include "antlr4-runtime.h"
#include "compiler/ast/ast.h"
#include "compiler/base/source.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/syntax/token_offsets.h"

namespace bamlc::syntax {

ast::File build_ast(gen::BamlParser::ProjectContext& tree, antlr4::CommonTokenStream& tokens, const SourceFile& file,
                    const TokenOffsets& offsets, DiagnosticSink& diags);

}  // namespace bamlc::syntax
