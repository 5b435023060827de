// Client option values: checking a value against the type stdlib/providers.json gives an option,
// and converting it into the model's JSON-like form with `env.NAME` kept symbolic.
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/model/program.h"
#include "compiler/sema/context.h"
#include "compiler/sema/stdlib.h"

namespace bamlc::sema {

// Reports a mismatch and returns false.
bool check_option_type(Context& ctx, const ast::MapEntry& entry, OptionType type);

model::OptionValue to_option_value(const ast::Value& value);

}  // namespace bamlc::sema
