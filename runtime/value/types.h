// The type part of the IR as the runtime holds it (docs/ir.md, "Types", "Classes, enums,
// aliases"): what arguments are checked against, what ctx.output_format describes and what the
// model's answer is parsed into. Read once per program; lookups by name are O(log n).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <baml/value.h>

namespace baml::ir {

// A @check / @assert (docs/ir-templates.md): its parsed expression stays JSON until the
// evaluator compiles it.
struct Check {
  std::string name;
  bool is_assert = false;
  std::string expression;
  std::shared_ptr<const nlohmann::json> expression_ast;  // null when it did not parse
};

struct Type {
  enum class Kind {
    Int, Float, String, Bool, Null, Duration, Image, Audio, Pdf, Video,
    Class, Enum, Alias,  // `name`
    List,                // children[0]: items
    Optional,            // children[0]: inner
    Map,                 // children[0]: key, children[1]: value
    Union,               // children: members, in source order
    Literal,             // `literal`: a string, int or bool Value
  };
  Kind kind = Kind::Null;
  std::string name;
  std::vector<Type> children;
  Value literal;
  // A grouped type's attributes (`(Step @stream.done)[]`, `-> int @check(...)`): "done",
  // "not_null", "with_state"; and checks on every value of this type.
  std::vector<std::string> stream;
  std::vector<Check> checks;

  bool has_stream(std::string_view what) const;

  const Type& items() const { return children.at(0); }
  const Type& inner() const { return children.at(0); }
  const Type& key() const { return children.at(0); }
  const Type& value() const { return children.at(1); }
};

struct Field {
  std::string name;
  std::optional<std::string> alias;
  std::optional<std::string> description;
  Type type;
  bool skip = false;
  std::vector<Check> checks;
  std::vector<std::string> stream;  // "done", "not_null", "with_state"

  // The name the model sees: the alias if any.
  const std::string& rendered_name() const { return alias ? *alias : name; }
};

struct Class {
  std::string name;
  std::optional<std::string> alias;
  std::optional<std::string> description;
  bool dynamic = false;
  std::vector<Field> fields;
  std::vector<Check> checks;
  std::vector<std::string> stream;  // `@@stream.done`: "done"; `@@stream.not_null`: "not_null"

  bool has_stream(std::string_view what) const;
  const Field* find_field(std::string_view field_name) const;
};

struct EnumValue {
  std::string name;
  std::optional<std::string> alias;
  std::optional<std::string> description;
  bool skip = false;

  const std::string& rendered_name() const { return alias ? *alias : name; }
};

struct Enum {
  std::string name;
  std::optional<std::string> alias;
  bool dynamic = false;
  std::vector<EnumValue> values;

  const EnumValue* find_value(std::string_view value_name) const;
};

struct Alias {
  std::string name;
  Type type;
  std::vector<Check> checks;  // `type Positive = int @check(...)`: on every value of the alias
};

// A parameter of a function or template_string.
struct Parameter {
  std::string name;
  Type type;
  std::vector<Check> checks;
};

// Every class, enum and alias of a program.
class TypeSystem {
 public:
  TypeSystem() = default;
  TypeSystem(std::vector<Class> classes, std::vector<Enum> enums, std::vector<Alias> aliases);

  const std::vector<Class>& classes() const { return classes_; }
  const std::vector<Enum>& enums() const { return enums_; }
  const std::vector<Alias>& aliases() const { return aliases_; }

  const Class* find_class(std::string_view name) const;
  const Enum* find_enum(std::string_view name) const;
  const Alias* find_alias(std::string_view name) const;

  // `type` with aliases followed until it is not an alias (a cycle of aliases through nothing
  // but aliases cannot check, so this ends). Unknown names are returned as they are.
  const Type& resolve(const Type& type) const;

 private:
  std::vector<Class> classes_;
  std::vector<Enum> enums_;
  std::vector<Alias> aliases_;
  std::map<std::string, std::size_t, std::less<>> class_index_, enum_index_, alias_index_;
};

// Reads a type (`{"kind": ...}`); throws ConfigError naming `where` (a JSON path) when malformed.
Type read_type(const nlohmann::json& json, const std::string& where);
std::vector<Check> read_checks(const nlohmann::json& json, const std::string& where);
std::vector<Parameter> read_parameters(const nlohmann::json& json, const std::string& where);
// Reads `classes`, `enums` and `aliases` of an IR document.
TypeSystem read_type_system(const nlohmann::json& ir);

// The type as BAML writes it, for messages: `int`, `Resume`, `string[]`, `map<string, int>`,
// `int | string`, `"a"`, `Person?`.
std::string describe(const Type& type);

// Whether `type` admits null (null, an optional, a union with a null member, through aliases).
bool accepts_null(const Type& type, const TypeSystem& types);

}  // namespace baml::ir
