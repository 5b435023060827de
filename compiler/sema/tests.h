// `test` blocks: the functions they run (which must exist and share one signature), their
// `args` (names and values checked against the parameters), their `@@check`/`@@assert`
// attributes, and their `type_builder` block (new types, and `dynamic` extensions of types
// declared `@@dynamic`).
#pragma once

#include "compiler/sema/context.h"

namespace bamlc::sema {

// Checks every test and adds it to ctx.program.tests. Runs last: it needs the types and the
// functions.
void check_tests(Context& ctx);

}  // namespace bamlc::sema
