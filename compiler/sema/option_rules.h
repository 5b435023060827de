// Rules that tie a leaf client's options to each other, as BAML's client property checks do:
// `default_role` and the keys of `remap_roles` must be allowed roles (the client's
// `allowed_roles`, else the stdlib's default list), `allowed_roles` may not be empty, and options
// of an exclusive group (`finish_reason_allow_list` and `finish_reason_deny_list`) cannot be
// used together; a few options take only certain words (`client_response_type`), fixed at
// compile time. The lists come from stdlib/providers.json. Each option's own type is checked
// before, by option_values.cpp; values read from `env.X` are only known at call time and pass.
#pragma once

#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/sema/context.h"

namespace bamlc::sema {

void check_option_rules(Context& ctx, const std::vector<ast::MapEntry>& options, const std::string& client_name);

}  // namespace bamlc::sema
