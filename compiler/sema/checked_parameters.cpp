#include "compiler/sema/checked_parameters.h"

#include <deque>
#include <vector>

namespace bamlc::sema {
namespace {

const model::Check* first_check(const std::vector<model::Check>& checks) {
  for (const model::Check& check : checks) {
    if (!check.is_assert) return &check;
  }
  return nullptr;
}

// The class and alias names a type mentions, without following them.
void mentioned_names(const model::Type& type, std::vector<const std::string*>& out) {
  if (type.kind == model::TypeKind::Class || type.kind == model::TypeKind::Alias) out.push_back(&type.name);
  for (const model::Type& child : type.children) mentioned_names(child, out);
}

}  // namespace

CheckedTypes::CheckedTypes(const model::Program& program) {
  // Names that carry a check of their own, then everything that mentions a carrier, breadth
  // first over "is mentioned by" edges: linear in the size of the declarations, and recursive
  // types need no special care.
  std::unordered_map<std::string, std::vector<std::string>> mentioned_by;
  std::deque<std::string> queue;
  std::vector<const std::string*> names;
  for (const model::TypeAlias& alias : program.aliases) {
    if (const model::Check* check = first_check(alias.checks)) {
      if (carriers_.try_emplace(alias.name, CarriedCheck{check, "alias `" + alias.name + "`"}).second) {
        queue.push_back(alias.name);
      }
    }
    names.clear();
    mentioned_names(alias.target, names);
    for (const std::string* name : names) mentioned_by[*name].push_back(alias.name);
  }
  for (const model::Class& cls : program.classes) {
    for (const model::Field& field : cls.fields) {
      const model::Check* check = first_check(field.checks);
      if (check == nullptr) continue;
      if (carriers_.try_emplace(cls.name, CarriedCheck{check, "field `" + cls.name + "." + field.name + "`"}).second) {
        queue.push_back(cls.name);
      }
      break;
    }
    for (const model::Field& field : cls.fields) {
      names.clear();
      mentioned_names(field.type, names);
      for (const std::string* name : names) mentioned_by[*name].push_back(cls.name);
    }
  }
  while (!queue.empty()) {
    const std::string name = std::move(queue.front());
    queue.pop_front();
    auto users = mentioned_by.find(name);
    if (users == mentioned_by.end()) continue;
    const CarriedCheck carried = carriers_.at(name);
    for (const std::string& user : users->second) {
      if (carriers_.try_emplace(user, carried).second) queue.push_back(user);
    }
  }
}

const CarriedCheck* CheckedTypes::find(const model::Type& type) const {
  if (type.kind == model::TypeKind::Class || type.kind == model::TypeKind::Alias) {
    auto it = carriers_.find(type.name);
    return it == carriers_.end() ? nullptr : &it->second;
  }
  for (const model::Type& child : type.children) {
    if (const CarriedCheck* found = find(child)) return found;
  }
  return nullptr;
}

void check_parameter_type_unchecked(Context& ctx, const CheckedTypes& checked, const model::Parameter& parameter,
                                    Span type_span, std::string_view owner) {
  const CarriedCheck* found = checked.find(parameter.type);
  if (found == nullptr) return;
  ctx.diags
      .report(DiagKind::CheckedParameter, type_span,
              "parameter `" + parameter.name + "` of " + std::string(owner) + " has type `" +
                  model::to_string(parameter.type) + "`, which carries a `@check` (on " + found->where +
                  "); types with checks cannot be parameters")
      .with_hint("use a type without `@check` here, or make the check on " + found->where + " an `@assert`")
      .with_note(found->check->span, "the check is here");
}

}  // namespace bamlc::sema
