// Field names baml-cli refuses. BAML 0.226.2 rejects a class field named after one of its own
// words or a keyword of a language it generates ("Field name cannot be a BAML language keyword");
// bamlc accepts them (its C++ generator escapes what C++ reserves) and warns (W0302).
#pragma once

#include <string_view>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"

namespace bamlc::sema {

// Whether baml-cli 0.226.2 refuses `name` as a class field's name.
bool baml_cli_rejects_field_name(std::string_view name);

// Warning W0302 for a field `name` of class `owner` that baml-cli refuses, with the rename that
// keeps the model's key (`@alias`).
void warn_if_keyword_field(std::string_view owner, const ast::Name& name, bool has_alias, DiagnosticSink& diags);

}  // namespace bamlc::sema
