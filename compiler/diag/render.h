// Renders diagnostics for people (rustc/clang style: location, source line, caret underline,
// help and note lines) and for tools (one JSON object per diagnostic). Long source lines are
// shown as a window around the caret and long messages are cut, so no input prints megabytes.
#pragma once

#include <ostream>
#include <string>

#include "compiler/base/source.h"
#include "compiler/diag/diagnostic.h"

namespace bamlc {

// A flood of diagnostics (one mistake repeated 100,000 times, or a cascade) is cut after this
// many, in printing order, with a line counting the rest, as clang stops after 20 errors.
// JSON, read by tools, gets more. Error counts and exit codes still count every diagnostic.
inline constexpr std::size_t kMaxTextDiagnostics = 20;
inline constexpr std::size_t kMaxJsonDiagnostics = 100;

void render_text(std::ostream& out, const Diagnostic& diagnostic, const SourceManager& sources);
// One line of JSON, no trailing newline.
std::string render_json(const Diagnostic& diagnostic, const SourceManager& sources);

// Every diagnostic of `diags` in file and position order, up to the limits above; then (if
// some were left out) a line saying how many: text `bamlc: N more diagnostics not shown ...`,
// JSON one last object `{"severity":"note","message":"...","not_shown":N}`.
void render_text(std::ostream& out, const DiagnosticSink& diags, const SourceManager& sources);
void render_json(std::ostream& out, const DiagnosticSink& diags, const SourceManager& sources);

}  // namespace bamlc
