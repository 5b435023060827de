#include "compiler/sema/duplicate_keys.h"

#include <string>
#include <unordered_map>

namespace bamlc::sema {

void report_duplicate_keys(DiagnosticSink& diags, const std::vector<ast::MapEntry>& entries, std::string_view where) {
  std::unordered_map<std::string_view, const ast::MapEntry*> first;
  for (const ast::MapEntry& entry : entries) {
    if (entry.key.text.empty()) continue;  // a key that did not parse
    auto [it, inserted] = first.try_emplace(entry.key.text, &entry);
    if (inserted) continue;
    diags
        .report(DiagKind::DuplicateEntry, entry.key.span,
                "`" + entry.key.text + "` is given twice in " + std::string(where))
        .with_hint("keep one of them")
        .with_note(it->second->key.span, "first given here");
  }
}

}  // namespace bamlc::sema
