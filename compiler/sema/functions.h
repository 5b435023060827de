// `function` declarations: parameters (unique names, resolved types, `@assert` only), the return
// type, and the body, which holds exactly a `client` and a `prompt`. The prompt is kept as raw
// text with its span; sema/template_check.cpp parses and type-checks it afterwards.
#pragma once

#include "compiler/sema/context.h"

namespace bamlc::sema {

// Checks every function and adds it to ctx.program.functions (also one with errors, so tests
// that name it are still checked). Needs the types and the clients.
void check_functions(Context& ctx);

}  // namespace bamlc::sema
