// BAML's whitespace rules, applied once to a compiled template's text nodes
// (docs/ir-templates.md, "Rendering", steps 1-2): dedent, trim of the whole, `-` trims,
// lstrip_blocks and trim_blocks. Empty text nodes are removed afterwards.
#pragma once

#include <cstddef>
#include <vector>

#include "template/ast.h"

namespace baml::tmpl {

// `keep_first_indent`: a template_string's body, which BAML trims of its leading blank lines but
// not of the indentation its first line has beyond `dedent` (a prompt loses both).
void apply_whitespace(std::vector<ast::Node>& nodes, std::size_t dedent, bool keep_first_indent = false);

}  // namespace baml::tmpl
