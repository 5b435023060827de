// Resolution of type expressions and the checks of classes, enums and type aliases. Names are
// looked up in the symbol table (sema/symbols.h); a reference stays nominal in the model
// (TypeKind::Class/Enum/Alias with its name) so recursive types need no special case here.
#include "compiler/sema/types.h"

#include <algorithm>
#include <array>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "compiler/base/spelling.h"
#include "compiler/sema/attributes.h"
#include "compiler/sema/field_names.h"
#include "compiler/sema/type_cycles.h"

namespace bamlc::sema {
namespace {

struct Primitive {
  std::string_view name;
  model::TypeKind kind;
};

constexpr std::array<Primitive, 10> kPrimitives = {{
    {"string", model::TypeKind::String},
    {"int", model::TypeKind::Int},
    {"float", model::TypeKind::Float},
    {"bool", model::TypeKind::Bool},
    {"null", model::TypeKind::Null},
    {"duration", model::TypeKind::Duration},
    {"image", model::TypeKind::Image},
    {"audio", model::TypeKind::Audio},
    {"pdf", model::TypeKind::Pdf},
    {"video", model::TypeKind::Video},
}};

// Type names of other languages that people write out of habit, and what BAML spells instead.
struct ForeignSpelling {
  std::string_view word;
  std::string_view hint;
};

constexpr std::array<ForeignSpelling, 27> kForeignSpellings = {{
    {"str", "did you mean `string`?"},
    {"text", "did you mean `string`?"},
    {"char", "did you mean `string`?"},
    {"integer", "did you mean `int`?"},
    {"long", "did you mean `int`?"},
    {"i32", "did you mean `int`?"},
    {"i64", "did you mean `int`?"},
    {"int64", "did you mean `int`?"},
    {"double", "did you mean `float`?"},
    {"number", "did you mean `float` (or `int`)?"},
    {"decimal", "did you mean `float`?"},
    {"f64", "did you mean `float`?"},
    {"boolean", "did you mean `bool`?"},
    {"none", "did you mean `null`?"},
    {"nil", "did you mean `null`?"},
    {"void", "did you mean `null`?"},
    {"timedelta", "did you mean `duration`?"},
    {"interval", "did you mean `duration`?"},
    {"datetime", "BAML has no date type; use `string` (e.g. ISO 8601 text)"},
    {"date", "BAML has no date type; use `string` (e.g. ISO 8601 text)"},
    {"timestamp", "BAML has no date type; use `string` (e.g. ISO 8601 text)"},
    {"list", "a list is written `T[]`, e.g. `string[]`"},
    {"array", "a list is written `T[]`, e.g. `string[]`"},
    {"dict", "a map is written `map<K, V>`, e.g. `map<string, int>`"},
    {"object", "a map is written `map<K, V>`, e.g. `map<string, int>`; or declare a class"},
    {"any",
     "BAML has no `any`; declare a recursive alias, e.g. `type JsonValue = string | int | float | bool | null | "
     "JsonValue[] | map<string, JsonValue>`"},
    {"json",
     "`Json` is reserved, not a type; declare a recursive alias, e.g. `type JsonValue = string | int | float | bool | "
     "null | JsonValue[] | map<string, JsonValue>`"},
}};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && edit_distance(a, b, Case::Insensitive) == 0;
}

void report_unknown_type(Context& ctx, const ast::Name& name, const LocalTypes* local) {
  if (name.text == "map") {
    ctx.diags.report(DiagKind::UnknownType, name.span, "`map` needs a key and a value type")
        .with_hint("write `map<string, V>`, e.g. `map<string, int>`");
    return;
  }
  std::vector<std::string_view> candidates = ctx.symbols.names(Namespace::Types);
  for (const Primitive& p : kPrimitives) candidates.push_back(p.name);
  if (local != nullptr) {
    std::vector<std::string_view> local_names;
    local_names.reserve(local->names.size());
    for (const auto& [local_name, kind] : local->names) local_names.push_back(local_name);
    std::sort(local_names.begin(), local_names.end());  // suggestions must not depend on hash order
    candidates.insert(candidates.end(), local_names.begin(), local_names.end());
  }
  if (auto guess = closest_match(name.text, std::span<const std::string_view>(candidates))) {
    ctx.diags.report(DiagKind::UnknownType, name.span, "type `" + name.text + "` does not exist")
        .with_hint("did you mean `" + *guess + "`?");
    return;
  }
  for (const ForeignSpelling& foreign : kForeignSpellings) {
    if (equals_ignoring_case(name.text, foreign.word)) {
      ctx.diags.report(DiagKind::UnknownType, name.span, "type `" + name.text + "` does not exist")
          .with_hint(std::string(foreign.hint));
      return;
    }
  }
  ctx.symbols.report_unknown(Namespace::Types, "type", name.text, name.span, DiagKind::UnknownType, ctx.diags);
}

// BAML's rule: a map key is `string`, an enum, a string literal, or a union of those. Aliases
// are looked through (bamlc is more lenient than BAML there). Unknown names and alias cycles
// count as valid: they are reported on their own.
bool is_valid_map_key(const Context& ctx, const ast::TypeExpr& key, const LocalTypes* local, int depth) {
  if (depth > 64) return true;
  switch (key.kind) {
    case ast::TypeKind::Named: {
      if (key.name.text == "string") return true;
      for (const Primitive& p : kPrimitives) {
        if (p.name == key.name.text) return false;
      }
      if (key.name.text == "true" || key.name.text == "false") return false;
      if (local != nullptr) {
        auto it = local->names.find(key.name.text);
        if (it != local->names.end()) return it->second != model::TypeKind::Class;
      }
      const Symbol* symbol = ctx.symbols.find(Namespace::Types, key.name.text);
      if (symbol == nullptr) return true;
      if (std::holds_alternative<ast::EnumDecl>(*symbol->decl)) return true;
      if (const auto* alias = std::get_if<ast::TypeAliasDecl>(symbol->decl)) {
        return is_valid_map_key(ctx, alias->type, local, depth + 1);
      }
      return false;
    }
    case ast::TypeKind::Literal: return !key.literal || key.literal->kind == ast::ValueKind::String;
    case ast::TypeKind::Union:
      for (const ast::TypeExpr& member : key.children) {
        if (!is_valid_map_key(ctx, member, local, depth + 1)) return false;
      }
      return true;
    case ast::TypeKind::Optional:
    case ast::TypeKind::List:
    case ast::TypeKind::Map: return false;
    case ast::TypeKind::Invalid: return true;
  }
  return true;
}

void report_invalid_map_key(Context& ctx, const ast::TypeExpr& key, const model::Type& key_type,
                            const model::Type& value_type) {
  const std::string value_text = value_type.kind == model::TypeKind::Error ? "V" : model::to_string(value_type);
  const bool optional_of_valid = key.kind == ast::TypeKind::Optional && !key.children.empty() &&
                                 is_valid_map_key(ctx, key.children[0], nullptr, 0);
  Diagnostic& d = ctx.diags.report(
      DiagKind::InvalidMapKey, key.span,
      "`" + model::to_string(key_type) + "` cannot be a map key: keys are strings, enums or string literals");
  if (optional_of_valid) {
    d.with_hint("a key is never null; write `map<" + model::to_string(key_type.children.at(0)) + ", " + value_text +
                ">`");
  } else {
    d.with_hint("write `map<string, " + value_text +
                ">`, or key it by an enum or by string literals such as `\"a\" | \"b\"`");
  }
}

model::Type resolve_named(Context& ctx, const ast::TypeExpr& type, const LocalTypes* local) {
  const std::string& name = type.name.text;
  for (const Primitive& p : kPrimitives) {
    if (p.name == name) return model::Type::primitive(p.kind, type.span);
  }
  model::Type out;
  out.span = type.span;
  if (name == "true" || name == "false") {
    out.kind = model::TypeKind::LiteralBool;
    out.literal = name;
    return out;
  }
  if (name.empty()) return out;  // a name that did not parse, already reported
  if (local != nullptr) {
    auto it = local->names.find(name);
    if (it != local->names.end()) {
      out.kind = it->second;
      out.name = name;
      return out;
    }
  }
  const Symbol* symbol = ctx.symbols.find(Namespace::Types, name);
  if (symbol == nullptr) {
    report_unknown_type(ctx, type.name, local);
    return out;
  }
  out.name = name;
  if (std::holds_alternative<ast::ClassDecl>(*symbol->decl)) out.kind = model::TypeKind::Class;
  if (std::holds_alternative<ast::EnumDecl>(*symbol->decl)) out.kind = model::TypeKind::Enum;
  if (std::holds_alternative<ast::TypeAliasDecl>(*symbol->decl)) out.kind = model::TypeKind::Alias;
  return out;
}

model::Type resolve_literal(Context& ctx, const ast::TypeExpr& type) {
  model::Type out;
  out.span = type.span;
  if (!type.literal) return out;
  const ast::Value& value = *type.literal;
  switch (value.kind) {
    case ast::ValueKind::String:
      out.kind = model::TypeKind::LiteralString;
      out.literal = value.text;
      return out;
    case ast::ValueKind::Int:
      out.kind = model::TypeKind::LiteralInt;
      out.literal = std::to_string(value.int_value);
      return out;
    case ast::ValueKind::Float:
      ctx.diags.report(DiagKind::UnsupportedLiteralType, type.span, "`" + value.text + "` cannot be a literal type")
          .with_hint("literal types are strings, integers, `true` or `false`; use `float` for any number");
      return out;
    case ast::ValueKind::RawString:
    case ast::ValueKind::Duration:
    case ast::ValueKind::Word:
    case ast::ValueKind::EnvRef:
    case ast::ValueKind::Map:
    case ast::ValueKind::List:
    case ast::ValueKind::JinjaExpr:
    case ast::ValueKind::Invalid: return out;
  }
  return out;
}

// Only the declaration the symbol table kept is checked, so a duplicate (already reported)
// does not put a second entry with the same name into the program.
template <typename T>
bool is_registered(const Context& ctx, const T& decl) {
  const Symbol* symbol = ctx.symbols.find(Namespace::Types, decl.name.text);
  return symbol != nullptr && std::get_if<T>(symbol->decl) == &decl;
}

}  // namespace

model::Type resolve_type(Context& ctx, const ast::TypeExpr& type, const LocalTypes* local) {
  model::Type out;
  out.span = type.span;
  switch (type.kind) {
    case ast::TypeKind::Named: out = resolve_named(ctx, type, local); break;
    case ast::TypeKind::Literal: out = resolve_literal(ctx, type); break;
    case ast::TypeKind::Optional:
    case ast::TypeKind::List:
      if (type.children.size() != 1) break;
      out.kind = type.kind == ast::TypeKind::Optional ? model::TypeKind::Optional : model::TypeKind::List;
      out.children.push_back(resolve_type(ctx, type.children[0], local));
      break;
    case ast::TypeKind::Map: {
      if (type.children.size() != 2) break;  // the parser reported the missing part
      model::Type key = resolve_type(ctx, type.children[0], local);
      model::Type value = resolve_type(ctx, type.children[1], local);
      if (key.kind != model::TypeKind::Error && !is_valid_map_key(ctx, type.children[0], local, 0)) {
        report_invalid_map_key(ctx, type.children[0], key, value);
      }
      out.kind = model::TypeKind::Map;
      out.children.push_back(std::move(key));
      out.children.push_back(std::move(value));
      break;
    }
    case ast::TypeKind::Union:
      out.kind = model::TypeKind::Union;
      for (const ast::TypeExpr& member : type.children) out.children.push_back(resolve_type(ctx, member, local));
      break;
    case ast::TypeKind::Invalid: break;
  }
  out.span = type.span;
  if (!type.attributes.empty()) {
    CheckedAttributes attributes = check_attributes(ctx, AttributeSite::GroupedType, type.attributes);
    out.stream_attributes = std::move(attributes.stream_attributes);
    out.checks = std::move(attributes.checks);  // their expressions are parsed by template_check.cpp
  }
  return out;
}

bool is_optional(const model::Program& program, const model::Type& type) {
  const model::Type* current = &type;
  for (int depth = 0; depth < 64; ++depth) {
    switch (current->kind) {
      case model::TypeKind::Optional:
      case model::TypeKind::Null:
      case model::TypeKind::Error: return true;
      case model::TypeKind::Union:
        for (const model::Type& member : current->children) {
          if (is_optional(program, member)) return true;
        }
        return false;
      case model::TypeKind::Alias: {
        const model::TypeAlias* alias = program.find_alias(current->name);
        if (alias == nullptr) return true;
        current = &alias->target;
        continue;
      }
      case model::TypeKind::Int:
      case model::TypeKind::Float:
      case model::TypeKind::String:
      case model::TypeKind::Bool:
      case model::TypeKind::Duration:
      case model::TypeKind::Image:
      case model::TypeKind::Audio:
      case model::TypeKind::Pdf:
      case model::TypeKind::Video:
      case model::TypeKind::Class:
      case model::TypeKind::Enum:
      case model::TypeKind::List:
      case model::TypeKind::Map:
      case model::TypeKind::LiteralString:
      case model::TypeKind::LiteralInt:
      case model::TypeKind::LiteralBool: return false;
    }
  }
  return true;
}

model::Class resolve_class(Context& ctx, const ast::ClassDecl& decl, const LocalTypes* local) {
  model::Class out;
  out.name = decl.name.text;
  out.doc = decl.doc;
  out.span = decl.span;
  std::map<std::string_view, const ast::Field*> seen;  // a search, not a scan: classes can be long
  for (const ast::Field& field : decl.fields) {
    if (field.name.text.empty()) continue;
    if (auto first = seen.find(field.name.text); first != seen.end()) {
      ctx.diags
          .report(DiagKind::DuplicateField, field.name.span,
                  "field `" + field.name.text + "` is declared twice in class `" + decl.name.text + "`")
          .with_hint("rename or remove one of them")
          .with_note(first->second->name.span, "first declared here");
      continue;
    }
    seen.emplace(field.name.text, &field);
    model::Field f;
    f.name = field.name.text;
    f.doc = field.doc;
    f.span = field.span;
    if (field.type) f.type = resolve_type(ctx, *field.type, local);
    CheckedAttributes attributes = check_attributes(ctx, AttributeSite::Field, field.attributes);
    f.alias = std::move(attributes.alias);
    warn_if_keyword_field(decl.name.text, field.name, f.alias.has_value(), ctx.diags);
    f.description = std::move(attributes.description);
    f.skip = attributes.skip;
    f.checks = std::move(attributes.checks);
    f.stream_attributes = std::move(attributes.stream_attributes);
    if (f.skip && field.type && !is_optional(ctx.program, f.type)) {
      // BAML: "Class field with @skip attribute must be optional."
      const std::string type_text = model::to_string(f.type);
      const bool group = f.type.kind == model::TypeKind::Union;
      ctx.diags
          .report(DiagKind::SkipOnRequiredField, field.type->span,
                  "field `" + f.name + "` has `@skip`, so its type must be optional")
          .with_hint("make it optional: `" + f.name + " " + (group ? "(" + type_text + ")" : type_text) + "?`")
          .with_note(attributes.skip_span, "skipped here: the field is never filled, so it must be able to be null");
    }
    out.fields.push_back(std::move(f));
  }
  CheckedAttributes block = check_attributes(ctx, AttributeSite::ClassBlock, decl.block_attributes);
  out.dynamic = block.dynamic;
  out.alias = std::move(block.alias);
  out.description = std::move(block.description);
  out.checks = std::move(block.checks);
  out.stream_attributes = std::move(block.stream_attributes);
  return out;
}

model::Enum resolve_enum(Context& ctx, const ast::EnumDecl& decl) {
  model::Enum out;
  out.name = decl.name.text;
  out.doc = decl.doc;
  out.span = decl.span;
  std::map<std::string_view, const ast::EnumValue*> seen;  // a search, not a scan: enums can be long
  for (const ast::EnumValue& value : decl.values) {
    if (value.name.text.empty()) continue;
    if (auto first = seen.find(value.name.text); first != seen.end()) {
      ctx.diags
          .report(DiagKind::DuplicateEnumValue, value.name.span,
                  "value `" + value.name.text + "` appears twice in enum `" + decl.name.text + "`")
          .with_hint("remove one of them")
          .with_note(first->second->name.span, "first declared here");
      continue;
    }
    seen.emplace(value.name.text, &value);
    warn_unless_capitalized("enum value", value.name, ctx.diags);
    CheckedAttributes attributes = check_attributes(ctx, AttributeSite::EnumValue, value.attributes);
    out.values.push_back(model::EnumValue{value.name.text, std::move(attributes.alias), std::move(attributes.description),
                                          attributes.skip, value.doc, value.span});
  }
  CheckedAttributes block = check_attributes(ctx, AttributeSite::EnumBlock, decl.block_attributes);
  out.dynamic = block.dynamic;
  out.alias = std::move(block.alias);
  out.description = std::move(block.description);
  return out;
}

void check_types(Context& ctx) {
  // Aliases first: the @skip rule and the cycle checks of classes look through them.
  ctx.for_each<ast::TypeAliasDecl>([&](const ast::TypeAliasDecl& decl) {
    if (!is_registered(ctx, decl)) return;
    model::TypeAlias alias;
    alias.name = decl.name.text;
    alias.target = resolve_type(ctx, decl.type);
    alias.checks = check_attributes(ctx, AttributeSite::TypeAlias, decl.attributes).checks;
    alias.span = decl.span;
    ctx.program.aliases.push_back(std::move(alias));
  });
  check_alias_cycles(ctx);
  ctx.for_each<ast::ClassDecl>([&](const ast::ClassDecl& decl) {
    if (is_registered(ctx, decl)) ctx.program.classes.push_back(resolve_class(ctx, decl));
  });
  ctx.for_each<ast::EnumDecl>([&](const ast::EnumDecl& decl) {
    if (is_registered(ctx, decl)) ctx.program.enums.push_back(resolve_enum(ctx, decl));
  });
  check_class_cycles(ctx);
}

}  // namespace bamlc::sema
