// Composite clients (`fallback`, `round-robin`): their strategy lists resolved to clients
// (declared names or provider/model shorthands), duplicates, `start`, and cycles through
// composites, reported with the whole cycle.
#pragma once

#include "compiler/sema/context.h"

namespace bamlc::sema {

// Runs after check_clients(): every declared client exists in ctx.program.
void check_composites(Context& ctx);

}  // namespace bamlc::sema
