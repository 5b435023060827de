#include "compiler/sema/duplicate_keys.h"

#include <algorithm>
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

namespace {

void report_in_value(DiagnosticSink& diags, const ast::Value& value, const std::string& where) {
  if (value.kind == ast::ValueKind::Map) {
    report_duplicate_keys(diags, value.entries, where);
    for (const ast::MapEntry& entry : value.entries) {
      if (entry.value && !entry.key.text.empty()) report_in_value(diags, *entry.value, "`" + entry.key.text + "` in " + where);
    }
  } else if (value.kind == ast::ValueKind::List) {
    for (const ast::Value& item : value.items) report_in_value(diags, item, where);
  }
}

}  // namespace

void report_nested_duplicate_keys(DiagnosticSink& diags, const std::vector<ast::MapEntry>& entries,
                                  std::string_view where, std::initializer_list<std::string_view> checked_elsewhere) {
  for (const ast::MapEntry& entry : entries) {
    if (!entry.value || entry.key.text.empty()) continue;
    if (std::find(checked_elsewhere.begin(), checked_elsewhere.end(), entry.key.text) != checked_elsewhere.end()) continue;
    report_in_value(diags, *entry.value, "`" + entry.key.text + "` in " + std::string(where));
  }
}

}  // namespace bamlc::sema
