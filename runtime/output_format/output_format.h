// ctx.output_format: the schema of a function's return type as the prompt shows it to the model,
// byte for byte as BAML 0.226.2 renders it, for every type shape and every option
// (docs/ir-templates.md item 8; ../shared/reference/rendering.md; the oracle's answers are in
// tests/output_format_golden/expected.json).
//
// BAML has no `duration` type; bamlc renders it as `duration (e.g. "90s", "1m30s")`, a form a
// model answers with a string the duration parser reads. Media types cannot be answered: asking
// for one is a TemplateError (BAML itself aborts).
#pragma once

#include <string>

#include <baml/value.h>

#include "output_format/options.h"
#include "value/types.h"

namespace baml::output_format {

// The text for `return_type` with default options (`{{ ctx.output_format }}`), or with the
// named arguments of `ctx.output_format(prefix=..., ...)` as the template gives them; an unknown
// option, a value of the wrong kind, a class in `hoist_classes` the type does not reach or a
// media type is a TemplateError.
std::string render(const ir::Type& return_type, const ir::TypeSystem& types);
std::string render(const ir::Type& return_type, const ir::TypeSystem& types, const Value::Entries& named_options);
std::string render(const ir::Type& return_type, const ir::TypeSystem& types, const Options& options);

}  // namespace baml::output_format
