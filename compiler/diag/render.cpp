#include "compiler/diag/render.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "compiler/base/utf8.h"

namespace bamlc {
namespace {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
  }
  return "error";
}

// A source line longer than this is shown as a window around the caret, so a minified or
// generated file prints a readable excerpt instead of megabytes per diagnostic.
constexpr std::size_t kMaxExcerpt = 160;
constexpr std::size_t kContextBefore = 80;
// Messages, hints and notes quote what the user wrote; a name of a megabyte is cut to this.
constexpr std::size_t kMaxMessage = 400;
// Second places per diagnostic (a duplicate definition noted at each earlier one, ...).
constexpr std::size_t kMaxNotes = 5;

bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// `text` cut to about `max` bytes at a character boundary, with `...` where it was cut.
std::string clipped(std::string_view text, std::size_t max = kMaxMessage) {
  if (text.size() <= max) return std::string(text);
  std::size_t cut = max;
  while (cut > 0 && is_continuation(text[cut])) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

// `  7 |     connect_timeout 4min` and the underline below it. Multi-line spans are underlined
// to the end of their first line.
void render_snippet(std::ostream& out, const SourceFile& file, const Span& span) {
  // A span past the end (it should never be) is shown at the end rather than as a column of
  // four billion spaces.
  const auto size = static_cast<std::uint32_t>(file.text().size());
  const std::uint32_t begin = std::min(span.begin, size);
  const LineCol start = file.line_col(begin);
  const std::string_view full = file.line_text(start.line);
  std::size_t col = std::min<std::size_t>(start.column > 0 ? start.column - 1 : 0, full.size());
  std::size_t width = span.end > begin ? std::min(span.end, size) - begin : 1;
  if (col >= full.size()) width = 1;
  else width = std::min<std::size_t>(std::max<std::size_t>(width, 1), full.size() - col);

  std::size_t from = 0;
  std::size_t to = full.size();
  if (full.size() > kMaxExcerpt) {
    from = col > kContextBefore ? col - kContextBefore : 0;
    while (from < col && is_continuation(full[from])) ++from;
    to = std::min(full.size(), from + kMaxExcerpt);
    while (to > col + 1 && to < full.size() && is_continuation(full[to])) --to;
    width = std::min(width, to > col ? to - col : 1);
  }
  std::string line(full.substr(from, to - from));
  std::replace(line.begin(), line.end(), '\t', ' ');
  // The line of an E0109 holds bytes that are not UTF-8: print `?` for each, keeping columns.
  for (std::size_t at = 0; const std::optional<Utf8Error> bad = first_invalid_utf8(std::string_view(line).substr(at));) {
    line.replace(at + bad->offset, bad->length, std::string(bad->length, '?'));
    at += bad->offset + bad->length;
  }
  const std::string lead = from > 0 ? "..." : "";
  const std::string trail = to < full.size() ? "..." : "";
  const std::string number = std::to_string(start.line);
  const std::string gutter(number.size(), ' ');
  out << ' ' << number << " | " << lead << line << trail << '\n';
  out << ' ' << gutter << " | " << std::string(lead.size() + col - from, ' ') << '^'
      << std::string(width > 0 ? width - 1 : 0, '~') << '\n';
}

void render_location(std::ostream& out, const SourceManager& sources, const Span& span) {
  const SourceFile& file = sources.file(span.file);
  const LineCol at = file.line_col(span.begin);
  out << file.path() << ':' << at.line << ':' << at.column << ": ";
}

}  // namespace

void render_text(std::ostream& out, const Diagnostic& d, const SourceManager& sources) {
  if (d.span.valid()) render_location(out, sources, d.span);
  out << severity_name(d.severity()) << '[' << d.code() << "]: " << clipped(d.message) << '\n';
  if (d.span.valid()) render_snippet(out, sources.file(d.span.file), d.span);
  if (!d.hint.empty()) out << "  help: " << clipped(d.hint) << '\n';
  for (std::size_t i = 0; i < d.notes.size() && i < kMaxNotes; ++i) {
    const Label& note = d.notes[i];
    if (note.span.valid()) render_location(out, sources, note.span);
    out << "note: " << clipped(note.message) << '\n';
    if (note.span.valid()) render_snippet(out, sources.file(note.span.file), note.span);
  }
  if (d.notes.size() > kMaxNotes) out << "note: and " << d.notes.size() - kMaxNotes << " more places\n";
}

std::string render_json(const Diagnostic& d, const SourceManager& sources) {
  auto place = [&](nlohmann::json& j, const Span& span) {
    if (!span.valid()) return;
    const SourceFile& file = sources.file(span.file);
    const auto size = static_cast<std::uint32_t>(file.text().size());
    const LineCol begin = file.line_col(std::min(span.begin, size));
    const LineCol end = file.line_col(std::min(span.end, size));
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
  j["message"] = clipped(d.message);
  place(j, d.span);
  if (!d.hint.empty()) j["hint"] = clipped(d.hint);
  if (!d.notes.empty()) {
    j["notes"] = nlohmann::json::array();
    for (std::size_t i = 0; i < d.notes.size() && i < kMaxNotes; ++i) {
      const Label& note = d.notes[i];
      nlohmann::json n;
      n["message"] = clipped(note.message);
      place(n, note.span);
      j["notes"].push_back(std::move(n));
    }
  }
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace bamlc

namespace bamlc {

void render_text(std::ostream& out, const DiagnosticSink& diags, const SourceManager& sources) {
  for (const Diagnostic& d : diags.sorted(sources, kMaxTextDiagnostics)) render_text(out, d, sources);
  if (diags.all().size() > kMaxTextDiagnostics) {
    const std::size_t rest = diags.all().size() - kMaxTextDiagnostics;
    out << "bamlc: " << rest << " more diagnostic" << (rest == 1 ? "" : "s")
        << " not shown (the first " << kMaxTextDiagnostics << " are above); fix those and check again\n";
  }
}

void render_json(std::ostream& out, const DiagnosticSink& diags, const SourceManager& sources) {
  for (const Diagnostic& d : diags.sorted(sources, kMaxJsonDiagnostics)) out << render_json(d, sources) << '\n';
  if (diags.all().size() > kMaxJsonDiagnostics) {
    const std::size_t rest = diags.all().size() - kMaxJsonDiagnostics;
    nlohmann::json j;
    j["severity"] = "note";
    j["message"] = std::to_string(rest) + " more diagnostics not shown";
    j["not_shown"] = rest;
    out << j.dump() << '\n';
  }
}

}  // namespace bamlc
