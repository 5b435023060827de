// Declared types seen from a template. minijinja looks attributes up dynamically, so the only
// certain mistakes are a field a class does not declare, an attribute on a value that has
// none (a number, a string that is not called as a method), and a method its receiver lacks;
// everything else (media, maps, unresolved types) is let through.
#include "compiler/sema/template_types.h"

#include <algorithm>
#include <span>

#include "compiler/base/spelling.h"
#include "compiler/sema/template_builtins.h"

namespace bamlc::sema {
namespace {

using model::TypeKind;

bool contains(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates,
                         std::string_view suffix = "") {
  if (auto guess = closest_match(word, std::span<const std::string>(candidates))) {
    return "did you mean `" + *guess + std::string(suffix) + "`?";
  }
  return {};
}

std::vector<std::string> to_strings(std::span<const std::string_view> names) {
  return {names.begin(), names.end()};
}

// A string method's result, where it matters for what follows it (`x.split(",")[0]`).
TemplateValue string_method_result(std::string_view method) {
  static constexpr std::string_view kToString[] = {"capitalize", "format",       "join",         "lower",
                                                   "lstrip",     "removeprefix", "removesuffix", "replace",
                                                   "rstrip",     "strip",        "title",        "upper"};
  if (contains(kToString, method)) return TemplateValue::primitive(TypeKind::String);
  if (method == "split" || method == "splitlines") {
    model::Type list = model::Type::primitive(TypeKind::List);
    list.children.push_back(model::Type::primitive(TypeKind::String));
    return TemplateValue::data(std::move(list));
  }
  return TemplateValue::unknown();
}

std::string type_phrase(const model::Type& type) {
  return "`" + model::to_string(type) + "`";
}

std::string with_article(const model::Type& type) {
  const std::string text = model::to_string(type);
  const bool vowel = !text.empty() && std::string_view("aeiou").find(text.front()) != std::string_view::npos;
  return (vowel ? "an `" : "a `") + text + "`";
}

// `xs.length`, `s.len`: the size of a value is the `length` filter in Jinja.
std::string size_hint(std::string_view receiver, std::string_view member) {
  static constexpr std::string_view kSizeWords[] = {"len", "length", "size"};
  if (!closest_match(member, std::span<const std::string_view>(kSizeWords))) return {};
  return "for its length, write `" + std::string(receiver) + " | length`";
}

}  // namespace

TemplateTypes::TemplateTypes(const model::Program& program) {
  // The first declaration of a name wins, as in the model's own lookups.
  for (const model::Class& c : program.classes) classes_.emplace(c.name, &c);
  for (const model::Enum& e : program.enums) enums_.emplace(e.name, &e);
  for (const model::TypeAlias& a : program.aliases) aliases_.emplace(a.name, &a);
  for (const model::TemplateString& t : program.template_strings) template_strings_.emplace(t.name, &t);
}

model::Type TemplateTypes::strip(const model::Type& type) const {
  model::Type current = type;
  for (int depth = 0; depth < 64; ++depth) {
    if (current.kind == TypeKind::Alias) {
      const model::TypeAlias* alias = find_alias(current.name);
      if (alias == nullptr) return model::Type{};  // Error: reported where the alias was named
      current = alias->target;
    } else if (current.kind == TypeKind::Optional && !current.children.empty()) {
      current = current.children[0];
    } else if (current.kind == TypeKind::Union) {
      std::vector<model::Type> members;
      for (const model::Type& member : current.children) {
        if (member.kind != TypeKind::Null) members.push_back(member);
      }
      if (members.size() != 1) {
        current.children = std::move(members);
        return current;
      }
      current = members[0];
    } else {
      return current;
    }
  }
  return model::Type{};  // an alias cycle, reported by the type checker
}

AttributeLookup TemplateTypes::attribute(const model::Type& type, std::string_view member, bool called,
                                         std::string_view receiver) const {
  return member_of(strip(type), member, called, receiver);
}

AttributeLookup TemplateTypes::member_of(const model::Type& type, std::string_view member, bool called,
                                         std::string_view receiver) const {
  const std::string who = "`" + std::string(receiver) + "`";
  const std::string what = "`" + std::string(member) + "`";
  auto problem = [](DiagKind kind, std::string message, std::string hint) {
    return AttributeLookup{TemplateValue::unknown(), TemplateProblem{kind, std::move(message), std::move(hint)}};
  };
  switch (type.kind) {
    case TypeKind::Class: {
      const model::Class* cls = find_class(type.name);
      if (cls == nullptr) return {};
      for (const model::Field& field : cls->fields) {
        if (field.name == member) return {TemplateValue::data(field.type), std::nullopt};
      }
      if (cls->dynamic) return {};  // @@dynamic: fields may be added at run time
      std::vector<std::string> names;
      for (const model::Field& field : cls->fields) names.push_back(field.name);
      std::string hint = did_you_mean(member, names);
      if (hint.empty() && !names.empty()) {
        std::vector<std::string_view> views(names.begin(), names.end());
        hint = "its fields are " + quoted_list(views);
      }
      return problem(DiagKind::UnknownTemplateField, "class `" + cls->name + "` has no field " + what, hint);
    }
    case TypeKind::Enum: {
      if (member == "value") return {TemplateValue::primitive(TypeKind::String), std::nullopt};
      return problem(DiagKind::InvalidTemplateAttribute,
                     who + " is a value of enum `" + type.name + "`; it has no attribute " + what,
                     "an enum value has only `value`, its name");
    }
    case TypeKind::String:
    case TypeKind::LiteralString: {
      if (contains(kStringMethods, member)) {
        if (called) return {string_method_result(member), std::nullopt};
        return {TemplateValue{TemplateValueKind::Method, type, std::string(member), {}}, std::nullopt};
      }
      std::string hint = called ? did_you_mean(member, to_strings(kStringMethods), "()") : size_hint(receiver, member);
      if (hint.empty()) hint = "a string has methods such as `lower()` and `split(\",\")`, and no fields";
      return problem(DiagKind::InvalidTemplateAttribute,
                     who + " is a `string`; it has no " + (called ? "method " : "attribute ") + what, hint);
    }
    case TypeKind::List: {
      if (all_digits(member)) return {element(type), std::nullopt};  // `xs.0`, as Jinja allows
      if (called && contains(kListMethods, member)) return {};
      std::string hint = called ? did_you_mean(member, to_strings(kListMethods), "()") : size_hint(receiver, member);
      if (hint.empty())
        hint = "a list has no fields; filters work on it, e.g. `" + std::string(receiver) + " | length`";
      return problem(
          DiagKind::InvalidTemplateAttribute,
          who + " is a list (" + type_phrase(type) + "); it has no " + (called ? "method " : "attribute ") + what,
          hint);
    }
    case TypeKind::Map: {
      if (!called) return {TemplateValue::data(type.children.at(1)), std::nullopt};  // `m.key` looks the key up
      if (member == "items") return {TemplateValue{TemplateValueKind::MapItems, type, {}, {}}, std::nullopt};
      if (member == "get") return {TemplateValue::data(type.children.at(1)), std::nullopt};
      if (contains(kMapMethods, member)) return {};
      std::string hint = did_you_mean(member, to_strings(kMapMethods), "()");
      return problem(DiagKind::InvalidTemplateAttribute,
                     who + " is a map (" + type_phrase(type) + "); it has no method " + what,
                     hint.empty() ? "a map has `items()`, `keys()`, `values()` and `get(key)`" : hint);
    }
    case TypeKind::Int:
    case TypeKind::Float:
    case TypeKind::Bool:
    case TypeKind::Duration:
    case TypeKind::LiteralInt:
    case TypeKind::LiteralBool:
      return problem(DiagKind::InvalidTemplateAttribute,
                     who + " is " + with_article(type) + "; it has no " + (called ? "method " : "attribute ") + what,
                     "only classes have fields");
    case TypeKind::Union: {
      // Generous: fine when any member has it, as after `{% if x.kind == "a" %}` narrowing.
      std::vector<std::string> fields;
      bool all_classes = true;
      for (const model::Type& alternative : type.children) {
        const model::Type stripped = strip(alternative);
        AttributeLookup found = member_of(stripped, member, called, receiver);
        if (!found.problem) return {};
        if (const model::Class* cls = stripped.kind == TypeKind::Class ? find_class(stripped.name) : nullptr) {
          for (const model::Field& field : cls->fields) fields.push_back(field.name);
        } else {
          all_classes = false;
        }
      }
      if (all_classes) {
        return problem(DiagKind::UnknownTemplateField,
                       "no class of " + who + " (" + type_phrase(type) + ") has a field " + what,
                       did_you_mean(member, fields));
      }
      return problem(DiagKind::InvalidTemplateAttribute,
                     "no type of " + who + " (" + type_phrase(type) + ") has an attribute " + what, "");
    }
    case TypeKind::Null:
    case TypeKind::Image:
    case TypeKind::Audio:
    case TypeKind::Pdf:
    case TypeKind::Video:
    case TypeKind::Alias:
    case TypeKind::Optional:
    case TypeKind::Error: return {};
  }
  return {};
}

TemplateValue TemplateTypes::element(const model::Type& type) const {
  const model::Type stripped = strip(type);
  if (stripped.kind == TypeKind::List) return TemplateValue::data(stripped.children.at(0));
  if (stripped.kind == TypeKind::Map) return TemplateValue::data(stripped.children.at(1));
  if (stripped.kind == TypeKind::String || stripped.kind == TypeKind::LiteralString) {
    return TemplateValue::primitive(TypeKind::String);
  }
  return TemplateValue::unknown();
}

TemplateValue TemplateTypes::item(const model::Type& type) const {
  const model::Type stripped = strip(type);
  if (stripped.kind == TypeKind::List) return TemplateValue::data(stripped.children.at(0));
  if (stripped.kind == TypeKind::Map) return TemplateValue::data(stripped.children.at(0));  // a map yields its keys
  if (stripped.kind == TypeKind::String || stripped.kind == TypeKind::LiteralString) {
    return TemplateValue::primitive(TypeKind::String);
  }
  return TemplateValue::unknown();
}

std::optional<std::pair<model::Type, model::Type>> TemplateTypes::map_types(const model::Type& type) const {
  const model::Type stripped = strip(type);
  if (stripped.kind != TypeKind::Map || stripped.children.size() != 2) return std::nullopt;
  return std::make_pair(stripped.children[0], stripped.children[1]);
}

std::string describe(const TemplateValue& value) {
  switch (value.kind) {
    case TemplateValueKind::Data:
      return value.type.kind == TypeKind::Class ? "class `" + value.type.name + "`" : with_article(value.type);
    case TemplateValueKind::Ctx: return "`ctx`";
    case TemplateValueKind::CtxClient: return "`ctx.client`";
    case TemplateValueKind::OutputFormat: return "`ctx.output_format`";
    case TemplateValueKind::RoleHelper:
    case TemplateValueKind::TestHelper: return "`_`";
    case TemplateValueKind::TestChecks: return "`_.checks`";
    case TemplateValueKind::Loop: return "`loop`";
    case TemplateValueKind::TemplateString: return "template_string `" + value.name + "`";
    case TemplateValueKind::Global: return "the function `" + value.name + "`";
    case TemplateValueKind::Namespace: return "a namespace";
    case TemplateValueKind::EnumType: return "enum `" + value.name + "`";
    case TemplateValueKind::MapItems: return "the items of a map";
    case TemplateValueKind::Method: return "the method `" + value.name + "`";
    case TemplateValueKind::Unknown: return "a value";
  }
  return "a value";
}

}  // namespace bamlc::sema
