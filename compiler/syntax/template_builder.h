// Turns a template's flat parse tree (text, comments, `{{ }}` and `{% %}` tags in order) into
// the nested ast::Template: it matches `if`/`elif`/`else`/`endif`, `for`/`else`/`endfor` and
// `set`/`endset`, reports a block left open at its opening tag and a closing tag with nothing
// to close at itself, and names the statements BAML prompts do not support.
#pragma once

#include <memory>

#include "JinjaParser.h"
#include "compiler/ast/template_ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/syntax/template_tokens.h"

namespace bamlc::syntax {

std::shared_ptr<ast::Template> build_template(gen::JinjaParser::DocumentContext& tree, const TemplateTokenSpans& spans,
                                              DiagnosticSink& diags);

}  // namespace bamlc::syntax
