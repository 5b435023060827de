#include "compiler/sema/checked_parameters.h"

#include <set>
#include <string>

namespace bamlc::sema {
namespace {

struct CarriedCheck {
  const model::Check* check = nullptr;
  std::string where;  // "alias `Positive`", "field `Resume.email`"
};

const model::Check* first_check(const std::vector<model::Check>& checks) {
  for (const model::Check& check : checks) {
    if (!check.is_assert) return &check;
  }
  return nullptr;
}

// `seen` holds the classes and aliases already searched: recursive classes end there.
CarriedCheck find_check(const model::Program& program, const model::Type& type, std::set<std::string>& seen) {
  if (type.kind == model::TypeKind::Alias || type.kind == model::TypeKind::Class) {
    if (!seen.insert(type.name).second) return {};
  }
  if (type.kind == model::TypeKind::Alias) {
    const model::TypeAlias* alias = program.find_alias(type.name);
    if (alias == nullptr) return {};
    if (const model::Check* check = first_check(alias->checks)) return {check, "alias `" + alias->name + "`"};
    return find_check(program, alias->target, seen);
  }
  if (type.kind == model::TypeKind::Class) {
    const model::Class* cls = program.find_class(type.name);
    if (cls == nullptr) return {};
    // A class-level `@@check` does not count: BAML only looks at the fields (a project BAML
    // accepts must stay valid).
    for (const model::Field& field : cls->fields) {
      if (const model::Check* check = first_check(field.checks)) {
        return {check, "field `" + cls->name + "." + field.name + "`"};
      }
    }
    for (const model::Field& field : cls->fields) {
      CarriedCheck found = find_check(program, field.type, seen);
      if (found.check != nullptr) return found;
    }
    return {};
  }
  for (const model::Type& child : type.children) {
    CarriedCheck found = find_check(program, child, seen);
    if (found.check != nullptr) return found;
  }
  return {};
}

}  // namespace

void check_parameter_type_unchecked(Context& ctx, const model::Parameter& parameter, Span type_span, std::string_view owner) {
  std::set<std::string> seen;
  const CarriedCheck found = find_check(ctx.program, parameter.type, seen);
  if (found.check == nullptr) return;
  ctx.diags
      .report(DiagKind::CheckedParameter, type_span,
              "parameter `" + parameter.name + "` of " + std::string(owner) + " has type `" +
                  model::to_string(parameter.type) + "`, which carries a `@check` (on " + found.where +
                  "); types with checks cannot be parameters")
      .with_hint("use a type without `@check` here, or make the check on " + found.where + " an `@assert`")
      .with_note(found.check->span, "the check is here");
}

}  // namespace bamlc::sema
