// A test's `type_builder { ... }` block: the types a test adds at run time. A plain `class` or
// `enum` there is new and must not reuse a project type's name; `dynamic class X` and
// `dynamic enum X` add fields or values to a project type X, which must be declared
// `@@dynamic`. Names declared in the block are visible only inside it.
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/sema/context.h"

namespace bamlc::sema {

// Checks the block; its types are not added to ctx.program (they exist only while the test runs).
void check_type_builder(Context& ctx, const ast::TypeBuilderBlock& block);

}  // namespace bamlc::sema
