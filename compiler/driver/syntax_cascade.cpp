// Dropping the semantic diagnostics of declarations the parser had to guess at (see
// syntax_cascade.h).
#include "compiler/driver/syntax_cascade.h"

#include <variant>

namespace bamlc {

namespace {

// The parser's recoveries: what follows them in the same declaration may be misread.
bool is_recovery(DiagKind kind) {
  return kind == DiagKind::UnexpectedToken || kind == DiagKind::UnclosedBlock;
}

bool inside(const Span& outer, const Span& inner) {
  return outer.file == inner.file && outer.begin <= inner.begin && inner.begin <= outer.end;
}

}  // namespace

void drop_syntax_cascades(const std::vector<ast::File>& files, DiagnosticSink& diags, std::size_t first_semantic) {
  std::vector<Span> guessed;  // declarations holding a recovery
  const std::vector<Diagnostic>& all = diags.all();
  for (const ast::File& file : files) {
    for (const ast::Declaration& declaration : file.declarations) {
      const Span span = std::visit([](const auto& d) { return d.span; }, declaration);
      for (std::size_t i = 0; i < first_semantic && i < all.size(); ++i) {
        if (is_recovery(all[i].kind) && inside(span, all[i].span)) {
          guessed.push_back(span);
          break;
        }
      }
    }
  }
  if (guessed.empty()) return;
  diags.drop_from(first_semantic, [&guessed](const Diagnostic& d) {
    for (const Span& span : guessed) {
      if (inside(span, d.span)) return true;
    }
    return false;
  });
}

}  // namespace bamlc
