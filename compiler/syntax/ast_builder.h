// The one translation step from ANTLR's parse tree to the compiler's AST. Internal to
// compiler/syntax/; callers use parser.h.
#pragma once

#include "BamlParser.h"
#include "antlr4-runtime.h"
#include "compiler/ast/ast.h"
#include "compiler/base/source.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/syntax/token_offsets.h"

#include <vector>

namespace bamlc::syntax {

// `unquoted_text` receives where the file's unquoted strings are: the characters the lexer has no
// token for are part of them there, not stray.
ast::File build_ast(gen::BamlParser::ProjectContext& tree, antlr4::CommonTokenStream& tokens, const SourceFile& file,
                    const TokenOffsets& offsets, DiagnosticSink& diags, std::vector<Span>& unquoted_text);

}  // namespace bamlc::syntax
