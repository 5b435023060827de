// ctx.output_format: the schema of a function's return type as the prompt shows it to the model,
// byte for byte as BAML 0.226.2 renders it, for every type shape and every option
// (docs/ir-templates.md item 8; ../shared/reference/rendering.md).
#pragma once

#include <string>

#include <baml/value.h>

#include "value/types.h"

namespace baml::output_format {

// The text for `return_type` with default options (`{{ ctx.output_format }}`), or with the
// named arguments of `ctx.output_format(prefix=..., ...)` as the template gives them; an unknown
// option or a value of the wrong kind is a TemplateError.
std::string render(const ir::Type& return_type, const ir::TypeSystem& types);
std::string render(const ir::Type& return_type, const ir::TypeSystem& types, const Value::Entries& named_options);

}  // namespace baml::output_format
