// The names a project declares, across all of its files. Lookups go through one table per kind
// of reference (types, callables, clients, retry policies, tests, generators), but BAML gives
// classes, enums, type aliases, functions, template_strings, clients and retry policies one
// namespace for uniqueness (baml-cli: "cannot be re-defined"), so `class Primary` next to
// `client<llm> Primary` is a duplicate too; tests and generators only clash among themselves.
// Collecting reports duplicates (with both spans) and reserved names; lookups offer did-you-mean
// suggestions.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"

namespace bamlc::sema {

// Tests are not here: their names are unique per function, which sema/tests.cpp checks.
enum class Namespace { Types, Functions, Clients, RetryPolicies, Generators };

struct Symbol {
  std::string_view name;
  Span span;  // of the declared name
  const ast::Declaration* decl = nullptr;
};

class SymbolTable {
 public:
  void collect(const std::vector<ast::File>& files, DiagnosticSink& diags);

  const Symbol* find(Namespace ns, std::string_view name) const;
  // All names of a namespace, in declaration order, for suggestions.
  std::vector<std::string_view> names(Namespace ns) const;

  // Reports `what `name` does not exist` at `at`, with a did-you-mean from the namespace.
  void report_unknown(Namespace ns, std::string_view what, std::string_view name, Span at, DiagKind kind,
                      DiagnosticSink& diags) const;

 private:
  void declare(Namespace ns, const ast::Name& name, const ast::Declaration& decl, DiagnosticSink& diags);

  struct Table {
    std::unordered_map<std::string_view, Symbol> by_name;
    std::vector<std::string_view> order;
  };
  Table tables_[6];
  // Every name of the shared top-level namespace (all but tests and generators), first
  // declaration wins; only consulted for uniqueness.
  std::unordered_map<std::string_view, Symbol> top_level_;
};

// Names a declaration may not take: primitive type names and the names prompts reserve.
bool is_reserved_type_name(std::string_view name);

// Warning W0301 when `name` (of a `kind`: "class", "enum value", ...) does not start with an
// uppercase letter: bamlc accepts it, baml-cli 0.226 does not (tests and generators excepted).
void warn_unless_capitalized(std::string_view kind, const ast::Name& name, DiagnosticSink& diags);

}  // namespace bamlc::sema
