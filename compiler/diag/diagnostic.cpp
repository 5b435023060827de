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
  if (info(kind).severity == Severity::Error) ++errors_;
  return diagnostics_.back();
}

void DiagnosticSink::append(DiagnosticSink&& other) {
  diagnostics_.insert(diagnostics_.end(), std::make_move_iterator(other.diagnostics_.begin()),
                      std::make_move_iterator(other.diagnostics_.end()));
  errors_ += other.errors_;
  other.diagnostics_.clear();
  other.errors_ = 0;
}

std::size_t DiagnosticSink::error_count() const { return errors_; }

void DiagnosticSink::recount() {
  errors_ = static_cast<std::size_t>(std::count_if(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& d) {
    return d.severity() == Severity::Error;
  }));
}

std::size_t DiagnosticSink::warning_count() const { return diagnostics_.size() - error_count(); }

std::vector<Diagnostic> DiagnosticSink::sorted(const SourceManager& sources, std::size_t limit) const {
  static const std::string kEmpty;
  auto key = [&](std::size_t i) {
    const Diagnostic& d = diagnostics_[i];
    const std::string& path = d.span.valid() ? sources.file(d.span.file).path() : kEmpty;
    // The index last keeps equal positions in the order they were reported.
    return std::make_tuple(std::cref(path), d.span.begin, d.code(), i);
  };
  std::vector<std::size_t> order(diagnostics_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const std::size_t shown = std::min(limit, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(shown), order.end(),
                    [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  std::vector<Diagnostic> out;
  out.reserve(shown);
  for (std::size_t i = 0; i < shown; ++i) out.push_back(diagnostics_[order[i]]);
  return out;
}

}  // namespace bamlc
