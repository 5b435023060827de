// BAML's whitespace rules, applied once to a compiled template's text nodes
// (docs/ir-templates.md, "Rendering", steps 1-2): dedent, trim of the whole, `-` trims,
// lstrip_blocks and trim_blocks. Empty text nodes are removed afterwards.
#pragma once

#include <cstddef>
#include <vector>

#include "template/ast.h"

namespace baml::tmpl {

void apply_whitespace(std::vector<ast::Node>& nodes, std::size_t dedent);

}  // namespace baml::tmpl
