// W0702: a prompt's `_.role("critic")` names a role that a client the function calls does not
// allow. BAML sends such a message under the client's default role without a word; the checker
// says so where it can see it: a role written as a string literal, and each leaf client under the
// function's client (through fallback and round-robin) with its allowed_roles and default_role
// options or the provider's defaults.
#pragma once

#include "compiler/sema/context.h"

namespace bamlc::sema {

// Runs after check_templates (it reads the parsed prompts) and check_composites.
void check_prompt_roles(Context& ctx);

}  // namespace bamlc::sema
