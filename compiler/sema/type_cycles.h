// Recursion in types. An alias may refer back to itself only through a list or a map (an empty
// list or map ends the value); a class may require itself only through an optional field, a
// list, a map or a union with a way out. Anything else describes no finite value, and BAML
// rejects it ("These aliases/classes form a dependency cycle"); so do we, printing the cycle.
#pragma once

#include "compiler/sema/context.h"

namespace bamlc::sema {

// Reports each alias cycle not broken by a list or a map, once, and sets the targets of the
// aliases in it to TypeKind::Error so later passes never expand them. Needs ctx.program.aliases.
void check_alias_cycles(Context& ctx);

// Reports each group of classes whose required fields need one another. Needs
// ctx.program.classes and ctx.program.aliases.
void check_class_cycles(Context& ctx);

}  // namespace bamlc::sema
