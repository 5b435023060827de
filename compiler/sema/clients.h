// `client<llm>` declarations: providers and their option schemas (from stdlib/), the `http`
// block's timeouts folded into effective limits with their provenance, and client references
// (a declared name, or a "provider/model" shorthand that creates an anonymous client).
#pragma once

#include <optional>
#include <string>

#include "compiler/ast/ast.h"
#include "compiler/sema/context.h"

namespace bamlc::sema {

// Checks every client declaration and adds it to ctx.program.clients.
void check_clients(Context& ctx);

// Resolves a reference to a client written as a value (`client Fast`, `client "openai/gpt-4o"`,
// or an entry of a composite's strategy). Reports what is wrong and returns nothing when it
// cannot be resolved; returns the client's name in ctx.program otherwise (creating the
// shorthand client on first use).
std::optional<std::string> resolve_client_reference(Context& ctx, const ast::Value& reference);

}  // namespace bamlc::sema
