#include "compiler/diag/diagnostic.h"

#include <algorithm>
#include <tuple>

namespace bamlc {
namespace {

constexpr DiagKindInfo kKinds[] = {
#define DIAG(name, code, severity) {DiagKind::name, #name, code, Severity::severity},
#include "compiler/diag/diagnostic_kinds.def"
};

}  // namespace

const DiagKindInfo& info(DiagKind kind) { return kKinds[static_cast<std::size_t>(kind)]; }

std::span<const DiagKindInfo> all_diag_kinds() { return kKinds; }

Diagnostic& DiagnosticSink::report(DiagKind kind, Span span, std::string message) {
  diagnostics_.push_back(Diagnostic{kind, span, std::move(message), {}, {}});
  return diagnostics_.back();
}

void DiagnosticSink::append(DiagnosticSink&& other) {
  diagnostics_.insert(diagnostics_.end(), std::make_move_iterator(other.diagnostics_.begin()),
                      std::make_move_iterator(other.diagnostics_.end()));
  other.diagnostics_.clear();
}

std::size_t DiagnosticSink::error_count() const {
  return static_cast<std::size_t>(std::count_if(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& d) {
    return d.severity() == Severity::Error;
  }));
}

std::size_t DiagnosticSink::warning_count() const { return diagnostics_.size() - error_count(); }

std::vector<Diagnostic> DiagnosticSink::sorted(const SourceManager& sources) const {
  std::vector<Diagnostic> out = diagnostics_;
  auto key = [&](const Diagnostic& d) {
    const std::string* path = nullptr;
    static const std::string kEmpty;
    path = d.span.valid() ? &sources.file(d.span.file).path() : &kEmpty;
    return std::make_tuple(std::cref(*path), d.span.begin, d.code());
  };
  std::stable_sort(out.begin(), out.end(), [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  return out;
}

}  // namespace bamlc
