// Attributes (`@alias("x")`, `@@dynamic`, `@check(name, {{ expr }})`, ...): which ones may appear
// on which kind of declaration, what arguments each takes, and what they mean once checked.
// The rules live in one table (attributes.cpp) so that a misplaced or misspelled attribute gets
// the same kind of message wherever it is written.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/model/program.h"
#include "compiler/sema/context.h"

namespace bamlc::sema {

// Where an attribute is written. Block sites take `@@name`, the others `@name`.
enum class AttributeSite {
  Field,        // a class field: `name string @alias("n")`
  EnumValue,    // an enum value: `RED @skip`
  ClassBlock,   // inside a class: `@@dynamic`
  EnumBlock,    // inside an enum: `@@alias("Color")`
  Parameter,    // a function parameter: `x: int @assert(...)`
  TestBlock,    // inside a test: `@@check(...)`
  TypeAlias,    // after an alias's type: `type Positive = int @assert(...)`
  GroupedType,  // inside parentheses in a type: `(Item @stream.done)[]`
};

// What the valid attributes of one site say. Invalid ones were reported and are left out.
struct CheckedAttributes {
  std::optional<std::string> alias;
  std::optional<std::string> description;
  bool skip = false;
  bool dynamic = false;
  std::vector<model::Check> checks;            // @check and @assert, in source order
  std::vector<std::string> stream_attributes;  // "done", "not_null", "with_state"
  Span skip_span;                              // of `@skip`, when skip is set
};

// Checks every attribute of one site: known, allowed there, given once, with the right
// arguments. Reports each problem and returns what the valid ones say.
CheckedAttributes check_attributes(Context& ctx, AttributeSite site, std::span<const ast::Attribute> attributes);

// The text of a string-like attribute or option value: a quoted string as decoded, a raw
// string dedented and without its first and last line break (as BAML prints descriptions).
std::string string_value_text(const ast::Value& value);

}  // namespace bamlc::sema
