// What the template checker knows about a value: a declared type (a parameter, a field, a
// loop item), one of BAML's helper objects (`ctx`, `_`, `loop`, ...), a callable, or nothing
// at all. Unknown is the generous case: whatever BAML would let pass unchecked (a filter's
// result, a dict literal, an image) is Unknown, and nothing about an Unknown value is an error.
// This file answers the questions about declared types: which fields, which methods, what an
// element or an iteration yields.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/model/program.h"

namespace bamlc::sema {

enum class TemplateValueKind {
  Unknown,         // anything; never an error
  Data,            // a value of `type`
  Ctx,             // `ctx` in a prompt
  CtxClient,       // `ctx.client`
  OutputFormat,    // `ctx.output_format`, rendered or called with options
  RoleHelper,      // `_` in a prompt
  TestHelper,      // `_` in a test's check
  TestChecks,      // `_.checks`: the checks declared before this one, by name
  Loop,            // `loop` inside a `{% for %}`
  TemplateString,  // a template_string: `name`, called with its parameters
  Global,          // range, dict, namespace, ...: `name`
  Namespace,       // what namespace() returns: attributes come and go
  EnumType,        // an enum's name as a value, `Color.RED`: `name`
  MapItems,        // `m.items()`, `m | items`: (key, value) pairs of the map `type`
  Method,          // `x.lower` before it is called: `name` on a receiver of `type`
};

struct TemplateValue {
  TemplateValueKind kind = TemplateValueKind::Unknown;
  model::Type type;
  std::string name;
  std::vector<std::string> check_names;  // TestChecks

  static TemplateValue unknown() { return {}; }
  static TemplateValue of(TemplateValueKind kind, std::string name = {}) { return {kind, {}, std::move(name), {}}; }
  static TemplateValue data(model::Type type) { return {TemplateValueKind::Data, std::move(type), {}, {}}; }
  static TemplateValue primitive(model::TypeKind kind) { return data(model::Type::primitive(kind)); }
};

// What is wrong with an attribute, when something is.
struct TemplateProblem {
  DiagKind kind;
  std::string message;
  std::string hint;
};

struct AttributeLookup {
  TemplateValue value;
  std::optional<TemplateProblem> problem;
};

class TemplateTypes {
 public:
  // Indexes the program's classes, enums, aliases and template_strings; the program must not
  // gain or lose any of them while this lives.
  explicit TemplateTypes(const model::Program& program);

  const model::Class* find_class(std::string_view name) const { return find(classes_, name); }
  const model::Enum* find_enum(std::string_view name) const { return find(enums_, name); }
  const model::TypeAlias* find_alias(std::string_view name) const { return find(aliases_, name); }
  const model::TemplateString* find_template_string(std::string_view name) const {
    return find(template_strings_, name);
  }

  // The type with aliases resolved and `?` removed: `p.name` on `Person?` is checked as on
  // `Person` (BAML users guard with `{% if p %}`, and a missing value renders as nothing).
  model::Type strip(const model::Type& type) const;

  // `receiver.member`, where the receiver is a value of `type`; `called` when it is
  // `receiver.member(...)`, which also allows methods. `receiver` names the receiver in messages.
  AttributeLookup attribute(const model::Type& type, std::string_view member, bool called,
                            std::string_view receiver) const;

  // `value[index]` and `for item in value`. Unknown when the checker cannot tell.
  TemplateValue element(const model::Type& type) const;
  TemplateValue item(const model::Type& type) const;
  // The map's key and value types when `type` is a map (through aliases and `?`).
  std::optional<std::pair<model::Type, model::Type>> map_types(const model::Type& type) const;

 private:
  AttributeLookup member_of(const model::Type& stripped, std::string_view member, bool called,
                            std::string_view receiver) const;

  template <typename T>
  using Index = std::unordered_map<std::string_view, const T*>;
  template <typename T>
  static const T* find(const Index<T>& index, std::string_view name) {
    auto it = index.find(name);
    return it == index.end() ? nullptr : it->second;
  }

  // The model's find_* scan; a project's every template looks names up, so index them once.
  Index<model::Class> classes_;
  Index<model::Enum> enums_;
  Index<model::TypeAlias> aliases_;
  Index<model::TemplateString> template_strings_;
};

// How a value is named in a message: "a `string`", "class `Person`", "`ctx`".
std::string describe(const TemplateValue& value);

}  // namespace bamlc::sema
