#include "compiler/sema/symbols.h"

#include <array>
#include <cctype>

#include "compiler/base/spelling.h"

namespace bamlc::sema {
namespace {

std::string_view kind_word(const ast::Declaration& decl) {
  struct Visitor {
    std::string_view operator()(const ast::ClassDecl&) const { return "class"; }
    std::string_view operator()(const ast::EnumDecl&) const { return "enum"; }
    std::string_view operator()(const ast::FunctionDecl&) const { return "function"; }
    std::string_view operator()(const ast::ClientDecl&) const { return "client"; }
    std::string_view operator()(const ast::RetryPolicyDecl&) const { return "retry_policy"; }
    std::string_view operator()(const ast::TemplateStringDecl&) const { return "template_string"; }
    std::string_view operator()(const ast::TestDecl&) const { return "test"; }
    std::string_view operator()(const ast::GeneratorDecl&) const { return "generator"; }
    std::string_view operator()(const ast::TypeAliasDecl&) const { return "type alias"; }
  };
  return std::visit(Visitor{}, decl);
}

}  // namespace

void warn_unless_capitalized(std::string_view kind, const ast::Name& name, DiagnosticSink& diags) {
  if (name.text.empty() || std::isupper(static_cast<unsigned char>(name.text[0]))) return;
  std::string fixed = name.text;
  while (!fixed.empty() && fixed[0] == '_') fixed.erase(0, 1);
  Diagnostic& d = diags.report(DiagKind::LowercaseName, name.span,
                               "baml-cli rejects " + std::string(kind) + " `" + name.text +
                                   "`: its name must start with an uppercase letter");
  if (!fixed.empty() && std::isalpha(static_cast<unsigned char>(fixed[0]))) {
    fixed[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(fixed[0])));
    d.with_hint("write `" + fixed + "`, which bamlc and BAML both accept");
  } else {
    d.with_hint("start the name with an uppercase letter; bamlc accepts it as written");
  }
}

bool is_reserved_type_name(std::string_view name) {
  static constexpr std::array<std::string_view, 17> kReserved = {
      "string", "int", "float", "bool", "null", "duration", "image", "audio", "pdf", "video",
      "map", "Json", "env", "ctx", "_", "this", "true"};
  for (std::string_view r : kReserved) {
    if (name == r) return true;
  }
  return name == "false";
}

void SymbolTable::collect(const std::vector<ast::File>& files, DiagnosticSink& diags) {
  for (const ast::File& file : files) {
    for (const ast::Declaration& decl : file.declarations) {
      std::visit(
          [&](const auto& d) {
            using T = std::decay_t<decltype(d)>;
            if constexpr (std::is_same_v<T, ast::ClassDecl> || std::is_same_v<T, ast::EnumDecl> ||
                          std::is_same_v<T, ast::TypeAliasDecl>) {
              declare(Namespace::Types, d.name, decl, diags);
            } else if constexpr (std::is_same_v<T, ast::FunctionDecl> || std::is_same_v<T, ast::TemplateStringDecl>) {
              declare(Namespace::Functions, d.name, decl, diags);
            } else if constexpr (std::is_same_v<T, ast::ClientDecl>) {
              declare(Namespace::Clients, d.name, decl, diags);
            } else if constexpr (std::is_same_v<T, ast::RetryPolicyDecl>) {
              declare(Namespace::RetryPolicies, d.name, decl, diags);
            } else if constexpr (std::is_same_v<T, ast::GeneratorDecl>) {
              declare(Namespace::Generators, d.name, decl, diags);
            }
          },
          decl);
    }
  }
}

void SymbolTable::declare(Namespace ns, const ast::Name& name, const ast::Declaration& decl, DiagnosticSink& diags) {
  if (name.text.empty()) return;  // a declaration whose name did not parse
  if (ns == Namespace::Types && is_reserved_type_name(name.text)) {
    diags.report(DiagKind::ReservedName, name.span, "`" + name.text + "` is a reserved name and cannot be declared")
        .with_hint("choose another name, e.g. `My" + std::string(1, static_cast<char>(std::toupper(static_cast<unsigned char>(name.text[0])))) + name.text.substr(1) + "`");
    return;
  }
  // Generators have a namespace of their own in BAML; every other kind here shares one.
  const bool shared = ns != Namespace::Generators;
  if (shared) warn_unless_capitalized(kind_word(decl), name, diags);
  const Symbol symbol{name.text, name.span, &decl};
  const Symbol* first = nullptr;
  if (shared) {
    auto [it, inserted] = top_level_.try_emplace(name.text, symbol);
    if (!inserted) first = &it->second;
  }
  Table& table = tables_[static_cast<int>(ns)];
  auto [it, inserted] = table.by_name.try_emplace(name.text, symbol);
  if (inserted) {
    table.order.push_back(name.text);
  } else if (first == nullptr) {
    first = &it->second;
  }
  if (first == nullptr) return;
  // A clash across kinds still leaves the later declaration in its own table, so references to
  // it resolve and the duplicate is the only error reported.
  const std::string kind(kind_word(decl));
  const std::string first_kind(kind_word(*first->decl));
  if (kind == first_kind) {
    diags.report(DiagKind::DuplicateDefinition, name.span, kind + " `" + name.text + "` is defined more than once")
        .with_hint("rename one of them; names must be unique across all files of a project")
        .with_note(first->span, "the first definition (" + first_kind + ") is here");
    return;
  }
  diags.report(DiagKind::DuplicateDefinition, name.span,
               kind + " `" + name.text + "` has the same name as " + first_kind + " `" + name.text + "`")
      .with_hint("rename one of them; classes, enums, type aliases, functions, template_strings, clients and "
                 "retry_policies share one namespace")
      .with_note(first->span, "the " + first_kind + " `" + name.text + "` is defined here");
}

const Symbol* SymbolTable::find(Namespace ns, std::string_view name) const {
  const Table& table = tables_[static_cast<int>(ns)];
  auto it = table.by_name.find(name);
  return it == table.by_name.end() ? nullptr : &it->second;
}

std::vector<std::string_view> SymbolTable::names(Namespace ns) const { return tables_[static_cast<int>(ns)].order; }

void SymbolTable::report_unknown(Namespace ns, std::string_view what, std::string_view name, Span at, DiagKind kind,
                                 DiagnosticSink& diags) const {
  Diagnostic& d = diags.report(kind, at, std::string(what) + " `" + std::string(name) + "` does not exist");
  const std::vector<std::string_view> candidates = names(ns);
  if (auto guess = closest_match(name, std::span<const std::string_view>(candidates))) {
    d.with_hint("did you mean `" + *guess + "`?");
  } else if (!candidates.empty() && candidates.size() <= 6) {
    d.with_hint("declared " + std::string(what) + "s: " + quoted_list(std::span<const std::string_view>(candidates), "and"));
  } else if (candidates.empty()) {
    d.with_hint("this project declares no " + std::string(what) + " yet");
  }
}

}  // namespace bamlc::sema
