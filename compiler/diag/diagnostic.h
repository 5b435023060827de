// Diagnostics as data: what went wrong, where, and what to write instead. Every phase reports
// into a DiagnosticSink; renderers (text, JSON) read the same objects. User mistakes are never
// exceptions.
#pragma once

#include <algorithm>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/source.h"

namespace bamlc {

enum class Severity { Error, Warning };

enum class DiagKind : std::uint16_t {
#define DIAG(name, code, severity) name,
#include "compiler/diag/diagnostic_kinds.def"
};

struct DiagKindInfo {
  DiagKind kind;
  std::string_view name;
  std::string_view code;
  Severity severity;
};

const DiagKindInfo& info(DiagKind kind);
std::span<const DiagKindInfo> all_diag_kinds();

// A second place in the source that explains the first, e.g. "first defined here".
struct Label {
  Span span;
  std::string message;
};

struct Diagnostic {
  DiagKind kind{};
  Span span;
  std::string message;
  std::string hint;  // "help:" text; empty when there is nothing better to suggest
  std::vector<Label> notes;

  Severity severity() const { return info(kind).severity; }
  std::string_view code() const { return info(kind).code; }

  Diagnostic& with_hint(std::string text) {
    hint = std::move(text);
    return *this;
  }
  Diagnostic& with_note(Span where, std::string text) {
    notes.push_back(Label{where, std::move(text)});
    return *this;
  }
};

// Collects the diagnostics of one compilation (or one file, merged later).
class DiagnosticSink {
 public:
  // The returned reference is valid until the next report().
  Diagnostic& report(DiagKind kind, Span span, std::string message);
  void append(DiagnosticSink&& other);

  std::size_t error_count() const;
  std::size_t warning_count() const;
  bool has_errors() const { return error_count() != 0; }
  const std::vector<Diagnostic>& all() const { return diagnostics_; }
  // Drops the diagnostics from index `first` on for which `drop` is true.
  template <typename Pred>
  void drop_from(std::size_t first, Pred drop) {
    if (first >= diagnostics_.size()) return;
    diagnostics_.erase(std::remove_if(diagnostics_.begin() + static_cast<std::ptrdiff_t>(first), diagnostics_.end(), drop),
                       diagnostics_.end());
    recount();
  }
  // Sorted by file path, then position, then code: the order they are printed in. With a
  // `limit`, only the first `limit` of that order (a flood is never printed whole, so never
  // copied whole either).
  std::vector<Diagnostic> sorted(const SourceManager& sources, std::size_t limit = SIZE_MAX) const;

 private:
  void recount();

  std::vector<Diagnostic> diagnostics_;
  std::size_t errors_ = 0;  // kept as diagnostics come, so counting is free however many there are
};

}  // namespace bamlc
