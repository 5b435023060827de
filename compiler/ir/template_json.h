// The IR form of prompt templates and check expressions: the template AST as JSON, which the
// runtime evaluates (it never parses Jinja). The schema is docs/ir-templates.md.
#pragma once

#include <nlohmann/json.hpp>

#include "compiler/ast/template_ast.h"

namespace bamlc::ir {

// {"dedent": N, "nodes": [...]}
nlohmann::json template_to_json(const ast::Template& tmpl);
// One expression, e.g. a @check's: {"kind": "binary", "op": ">", ...}
nlohmann::json template_expr_to_json(const ast::TemplateExpr& expr);

}  // namespace bamlc::ir
