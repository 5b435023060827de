// Renders diagnostics for people (rustc/clang style: location, source line, caret underline,
// help and note lines) and for tools (one JSON object per diagnostic).
#pragma once

#include <ostream>
#include <string>

#include "compiler/base/source.h"
#include "compiler/diag/diagnostic.h"

namespace bamlc {

void render_text(std::ostream& out, const Diagnostic& diagnostic, const SourceManager& sources);
// One line of JSON, no trailing newline.
std::string render_json(const Diagnostic& diagnostic, const SourceManager& sources);

}  // namespace bamlc
