// Argument checks of the calls BAML gives meaning to in templates: template_strings, `_.role`,
// `ctx.output_format` and the filters that require arguments (`format`, `regex_match`). A call
// BAML would reject at render time is a compile-time error here.
#pragma once

#include "compiler/ast/template_ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/model/program.h"

namespace bamlc::sema {

// Each takes the Call (or Filter) expression and reports what is wrong with its arguments.
void check_template_string_call(const model::TemplateString& callee, const ast::TemplateExpr& call,
                                DiagnosticSink& diags);
void check_role_call(const ast::TemplateExpr& call, DiagnosticSink& diags);
void check_output_format_call(const ast::TemplateExpr& call, DiagnosticSink& diags);
void check_filter_arguments(const ast::TemplateExpr& filter, DiagnosticSink& diags);

}  // namespace bamlc::sema
