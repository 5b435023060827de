// A client's `http { ... }` block: the five limits in either spelling, BAML's
// enable_connection_pooling, and bamlc's deadline_header. Leaf clients start from the stdlib
// defaults; composites take only total_timeout (and deadline_header) and get no defaults.
#pragma once

#include "compiler/ast/ast.h"
#include "compiler/model/program.h"
#include "compiler/sema/context.h"

namespace bamlc::sema {

// Fills client.limits (and deadline_header) from the block; `http` may be null (no block).
void read_http_block(Context& ctx, const ast::MapEntry* http, model::Client& client);

}  // namespace bamlc::sema
