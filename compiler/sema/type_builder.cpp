// The checks of a test's type_builder block. New types are resolved in a scope made of the
// block's own names on top of the project's; extensions are checked against the declaration
// they extend, which must be @@dynamic (BAML's TypeBuilder can only touch dynamic types).
#include "compiler/sema/type_builder.h"

#include <algorithm>
#include <string>
#include <unordered_map>

#include "compiler/sema/attributes.h"
#include "compiler/sema/types.h"

namespace bamlc::sema {
namespace {

class TypeBuilderChecker {
 public:
  TypeBuilderChecker(Context& ctx, const ast::TypeBuilderBlock& block) : ctx_(ctx), block_(block) {}

  void check() {
    reject_dynamic_attributes();
    for (const ast::ClassDecl& c : block_.classes) {
      if (!c.dynamic) declare(c.name, model::TypeKind::Class, "class");
    }
    for (const ast::EnumDecl& e : block_.enums) {
      if (!e.dynamic) declare(e.name, model::TypeKind::Enum, "enum");
    }
    for (const ast::TypeAliasDecl& a : block_.aliases) declare(a.name, model::TypeKind::Alias, "type alias");
    for (const ast::ClassDecl& c : block_.classes) {
      if (c.dynamic) {
        extend_class(c);
      } else if (declared_here(c.name)) {
        resolve_class(ctx_, c, &local_);
      }
    }
    for (const ast::EnumDecl& e : block_.enums) {
      if (e.dynamic) {
        extend_enum(e);
      } else if (declared_here(e.name)) {
        resolve_enum(ctx_, e);
      }
    }
    for (const ast::TypeAliasDecl& a : block_.aliases) {
      if (!declared_here(a.name)) continue;
      resolve_type(ctx_, a.type, &local_);
      check_attributes(ctx_, AttributeSite::TypeAlias, a.attributes);
    }
  }

 private:
  // BAML: "The `@@dynamic` attribute is not allowed in type_builder blocks": a type declared
  // here is already built at run time, and an extension extends a type that is dynamic.
  void reject_dynamic_attributes() {
    auto check = [&](const std::vector<ast::Attribute>& attributes, bool extension) {
      for (const ast::Attribute& attribute : attributes) {
        if (!attribute.block || attribute.name.text != "dynamic") continue;
        ctx_.diags
            .report(DiagKind::MisplacedAttribute, attribute.span, "`@@dynamic` cannot be used in a type_builder block")
            .with_hint(extension ? "remove it: the type this extends is already `@@dynamic`"
                                 : "remove it: a type declared in a test is built at run time anyway");
      }
    };
    for (const ast::ClassDecl& c : block_.classes) check(c.block_attributes, c.dynamic);
    for (const ast::EnumDecl& e : block_.enums) check(e.block_attributes, e.dynamic);
  }

  // BAML: "Multiple dynamic definitions for type `X`".
  bool first_extension(const ast::Name& name) {
    auto [it, inserted] = extended_.try_emplace(name.text, name.span);
    if (inserted) return true;
    ctx_.diags
        .report(DiagKind::DuplicateDefinition, name.span, "`" + name.text + "` is extended twice in this type_builder")
        .with_hint("merge the two `dynamic` blocks into one")
        .with_note(it->second, "first extended here");
    return false;
  }

  void declare(const ast::Name& name, model::TypeKind kind, const std::string& what) {
    if (name.text.empty()) return;
    if (is_reserved_type_name(name.text)) {
      ctx_.diags
          .report(DiagKind::ReservedName, name.span, "`" + name.text + "` is a reserved name and cannot be declared")
          .with_hint("choose another name, e.g. `My" + name.text + "`");
      return;
    }
    if (const Symbol* existing = ctx_.symbols.find(Namespace::Types, name.text)) {
      const std::string extend = kind == model::TypeKind::Enum ? "dynamic enum " : "dynamic class ";
      ctx_.diags
          .report(DiagKind::DuplicateDefinition, name.span,
                  what + " `" + name.text + "` is already defined in the project")
          .with_hint(kind == model::TypeKind::Alias
                         ? "choose another name"
                         : "write `" + extend + name.text + "` to add to the project's type, or choose another name")
          .with_note(existing->span, "the project's definition is here");
      return;
    }
    auto [it, inserted] = spans_.try_emplace(name.text, name.span);
    if (!inserted) {
      ctx_.diags
          .report(DiagKind::DuplicateDefinition, name.span,
                  what + " `" + name.text + "` is defined twice in this type_builder")
          .with_hint("rename or remove one of them")
          .with_note(it->second, "the first definition is here");
      return;
    }
    local_.names.emplace(name.text, kind);
  }

  bool declared_here(const ast::Name& name) const {
    auto it = spans_.find(name.text);
    return it != spans_.end() && it->second.begin == name.span.begin && it->second.file == name.span.file;
  }

  // The project declaration a `dynamic class/enum NAME` extends, or nothing (reported).
  const Symbol* dynamic_target(const ast::Name& name, bool want_class) {
    if (name.text.empty()) return nullptr;
    const Symbol* symbol = ctx_.symbols.find(Namespace::Types, name.text);
    const std::string wanted = want_class ? "class" : "enum";
    if (symbol == nullptr) {
      ctx_.symbols.report_unknown(Namespace::Types, wanted, name.text, name.span, DiagKind::UnknownType, ctx_.diags);
      return nullptr;
    }
    const bool is_class = std::holds_alternative<ast::ClassDecl>(*symbol->decl);
    const bool is_enum = std::holds_alternative<ast::EnumDecl>(*symbol->decl);
    if ((want_class && !is_class) || (!want_class && !is_enum)) {
      const std::string actual = is_class ? "class" : is_enum ? "enum" : "type alias";
      ctx_.diags
          .report(DiagKind::InvalidDynamicType, name.span,
                  "`" + name.text + "` is " + (actual == "enum" ? "an " : "a ") + actual + ", not " +
                      (want_class ? "a class" : "an enum"))
          .with_hint(is_class || is_enum ? "write `dynamic " + actual + " " + name.text + "`"
                                         : "only classes and enums can be extended by a test")
          .with_note(symbol->span, "declared here");
      return nullptr;
    }
    const bool dynamic =
        want_class ? ctx_.program.find_class(name.text) != nullptr && ctx_.program.find_class(name.text)->dynamic
                   : ctx_.program.find_enum(name.text) != nullptr && ctx_.program.find_enum(name.text)->dynamic;
    if (!dynamic) {
      ctx_.diags
          .report(DiagKind::InvalidDynamicType, name.span,
                  wanted + " `" + name.text + "` is not `@@dynamic`, so a test cannot extend it")
          .with_hint("add `@@dynamic` inside " + wanted + " `" + name.text + "`")
          .with_note(symbol->span, "declared here");
      return nullptr;
    }
    return symbol;
  }

  void extend_class(const ast::ClassDecl& decl) {
    if (dynamic_target(decl.name, /*want_class=*/true) == nullptr || !first_extension(decl.name)) return;
    resolve_class(ctx_, decl, &local_);
    const auto& original = std::get<ast::ClassDecl>(*ctx_.symbols.find(Namespace::Types, decl.name.text)->decl);
    for (const ast::Field& added : decl.fields) {
      auto existing = std::find_if(original.fields.begin(), original.fields.end(),
                                   [&](const ast::Field& f) { return f.name.text == added.name.text; });
      if (existing == original.fields.end()) continue;
      ctx_.diags
          .report(DiagKind::DuplicateField, added.name.span,
                  "class `" + decl.name.text + "` already has a field `" + added.name.text + "`")
          .with_hint("a dynamic class can only add new fields; rename this one")
          .with_note(existing->name.span, "declared here");
    }
  }

  void extend_enum(const ast::EnumDecl& decl) {
    if (dynamic_target(decl.name, /*want_class=*/false) == nullptr || !first_extension(decl.name)) return;
    resolve_enum(ctx_, decl);
    const auto& original = std::get<ast::EnumDecl>(*ctx_.symbols.find(Namespace::Types, decl.name.text)->decl);
    for (const ast::EnumValue& added : decl.values) {
      auto existing = std::find_if(original.values.begin(), original.values.end(),
                                   [&](const ast::EnumValue& v) { return v.name.text == added.name.text; });
      if (existing == original.values.end()) continue;
      ctx_.diags
          .report(DiagKind::DuplicateEnumValue, added.name.span,
                  "enum `" + decl.name.text + "` already has a value `" + added.name.text + "`")
          .with_hint("a dynamic enum can only add new values; remove this one")
          .with_note(existing->name.span, "declared here");
    }
  }

  Context& ctx_;
  const ast::TypeBuilderBlock& block_;
  LocalTypes local_;
  std::unordered_map<std::string_view, Span> spans_;     // names declared in the block
  std::unordered_map<std::string_view, Span> extended_;  // names extended by `dynamic` blocks
};

}  // namespace

void check_type_builder(Context& ctx, const ast::TypeBuilderBlock& block) {
  TypeBuilderChecker(ctx, block).check();
}

}  // namespace bamlc::sema
