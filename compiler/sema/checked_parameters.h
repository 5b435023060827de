// Parameter types that carry a `@check`. BAML rejects them ("Types with checks are not allowed as
// function parameters"): a check records a result beside the value, which a caller passing the
// value in could never supply or read back. A type carries a check through an alias declared
// with one, or through a class with a checked field, at any depth (optional, list, map, union,
// nested classes), as BAML's has_checks_nested. `@assert` is fine: it only rejects values; so is
// a class-level `@@check`, which BAML does not look at.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "compiler/model/program.h"
#include "compiler/sema/context.h"

namespace bamlc::sema {

struct CarriedCheck {
  const model::Check* check = nullptr;
  std::string where;  // "alias `Positive`", "field `Resume.email`"
};

// Which classes and aliases carry a check, computed once for the whole program (a search per
// parameter through nested classes would make checking quadratic in the number of classes).
class CheckedTypes {
 public:
  explicit CheckedTypes(const model::Program& program);

  // The check `type` carries, or nullptr.
  const CarriedCheck* find(const model::Type& type) const;

 private:
  std::unordered_map<std::string, CarriedCheck> carriers_;  // by class or alias name
};

// Reports E0817 at `type_span` when `parameter`'s type carries a `@check`, with a note at the
// check. `owner` names the declaration, e.g. "function `Summarize`".
void check_parameter_type_unchecked(Context& ctx, const CheckedTypes& checked, const model::Parameter& parameter,
                                    Span type_span, std::string_view owner);

}  // namespace bamlc::sema
