// Prompt templates and check expressions: parses every function's prompt, every
// template_string's body and every @check/@assert expression (on classes, fields, parameters,
// type aliases and tests), type-checks each against the names it can see, and stores the parsed
// form in ctx.program for the IR. Also adds the template_strings to ctx.program.
#pragma once

#include "compiler/sema/context.h"

namespace bamlc::sema {

// Needs the types and the functions; runs after the tests, whose @@check expressions see the
// functions' return types and the checks declared before them.
void check_templates(Context& ctx);

}  // namespace bamlc::sema
