// What ctx.output_format describes for one return type, seen as BAML 0.226.2 sees it:
//  * aliases are expanded, except recursive ones (`type J = int | J[]`), which stay by name and
//    get a definition line of their own;
//  * unions are flat, with null last (`(null | int) | string` is `int or string or null`);
//  * the enums and classes the type reaches are listed in the order BAML's own walk meets them:
//    a depth-first walk with a stack, so the LAST field of a class is met first. That order is
//    the order of the hoisted enum and class definitions ("deterministic but not declaration
//    order");
//  * recursive classes (a cycle through any field, @skip fields and optionals included) are
//    always hoisted, each cycle in the order BAML's Tarjan search reports it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "output_format/cycles.h"
#include "value/types.h"

namespace baml::output_format {

// Alias expansion and union flattening over a TypeSystem.
class TypeView {
 public:
  explicit TypeView(const ir::TypeSystem& types) : types_(types) {}

  const ir::TypeSystem& types() const { return types_; }

  // `type` with non-recursive aliases followed; a recursive alias (or an unknown name) stays.
  const ir::Type& expand(const ir::Type& type) const;
  bool is_recursive_alias(std::string_view name) const;
  // The cycle of recursive aliases `name` belongs to, in BAML's order; empty when not recursive.
  std::vector<const ir::Alias*> alias_cycle(std::string_view name) const;

  // Whether `type` (expanded) is a union: a union, an optional or null itself.
  bool is_union(const ir::Type& type) const;
  // The members of a union-like type, flattened through nested unions, optionals and aliases,
  // nulls left out (each expanded); returns whether null is a member.
  bool union_members(const ir::Type& type, std::vector<const ir::Type*>& out) const;

  std::size_t class_id(const ir::Class& c) const { return static_cast<std::size_t>(&c - types_.classes().data()); }

 private:
  void ensure_alias_cycles() const;

  const ir::TypeSystem& types_;
  mutable std::optional<Cycles> alias_cycles_;
  mutable std::vector<int> alias_cycle_of_;  // per alias id: index into alias_cycles_, or -1
};

// The enums, classes and recursive aliases one return type reaches, in BAML's orders.
struct Reachable {
  std::vector<const ir::Enum*> enums;       // in the order met
  std::vector<const ir::Class*> classes;    // in the order met
  std::vector<const ir::Class*> recursive;  // classes in a cycle: always hoisted, in this order
  std::vector<const ir::Alias*> recursive_aliases;  // in the order their definitions are written

  bool reaches_class(std::string_view name) const;
};

Reachable find_reachable(const TypeView& view, const ir::Type& target);

}  // namespace baml::output_format
