#include "compiler/diag/render.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace bamlc {
namespace {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
  }
  return "error";
}

// `  7 |     connect_timeout 4min` and the underline below it. Multi-line spans are underlined
// to the end of their first line.
void render_snippet(std::ostream& out, const SourceFile& file, const Span& span) {
  const LineCol start = file.line_col(span.begin);
  std::string line(file.line_text(start.line));
  std::replace(line.begin(), line.end(), '\t', ' ');
  const std::string number = std::to_string(start.line);
  const std::string gutter(number.size(), ' ');
  const std::size_t col = start.column - 1;
  std::size_t width = span.end > span.begin ? span.end - span.begin : 1;
  if (col >= line.size()) width = 1;
  else width = std::min(width, line.size() - col);
  out << ' ' << number << " | " << line << '\n';
  out << ' ' << gutter << " | " << std::string(col, ' ') << '^' << std::string(width > 0 ? width - 1 : 0, '~') << '\n';
}

void render_location(std::ostream& out, const SourceManager& sources, const Span& span) {
  const SourceFile& file = sources.file(span.file);
  const LineCol at = file.line_col(span.begin);
  out << file.path() << ':' << at.line << ':' << at.column << ": ";
}

}  // namespace

void render_text(std::ostream& out, const Diagnostic& d, const SourceManager& sources) {
  if (d.span.valid()) render_location(out, sources, d.span);
  out << severity_name(d.severity()) << '[' << d.code() << "]: " << d.message << '\n';
  if (d.span.valid()) render_snippet(out, sources.file(d.span.file), d.span);
  if (!d.hint.empty()) out << "  help: " << d.hint << '\n';
  for (const Label& note : d.notes) {
    if (note.span.valid()) render_location(out, sources, note.span);
    out << "note: " << note.message << '\n';
    if (note.span.valid()) render_snippet(out, sources.file(note.span.file), note.span);
  }
}

std::string render_json(const Diagnostic& d, const SourceManager& sources) {
  auto place = [&](nlohmann::json& j, const Span& span) {
    if (!span.valid()) return;
    const SourceFile& file = sources.file(span.file);
    const LineCol begin = file.line_col(span.begin);
    const LineCol end = file.line_col(span.end);
    j["file"] = file.path();
    j["line"] = begin.line;
    j["column"] = begin.column;
    j["end_line"] = end.line;
    j["end_column"] = end.column;
    j["offset"] = span.begin;
    j["length"] = span.size();
  };
  nlohmann::json j;
  j["severity"] = severity_name(d.severity());
  j["code"] = d.code();
  j["message"] = d.message;
  place(j, d.span);
  if (!d.hint.empty()) j["hint"] = d.hint;
  if (!d.notes.empty()) {
    j["notes"] = nlohmann::json::array();
    for (const Label& note : d.notes) {
      nlohmann::json n;
      n["message"] = note.message;
      place(n, note.span);
      j["notes"].push_back(std::move(n));
    }
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace bamlc
