// Types: resolution of every type expression (primitives, classes, enums, aliases, optionals,
// lists, maps, unions, literals) into model::Type, and the checks of the declarations that
// define types — classes, enums and type aliases — into ctx.program. Unknown names get a
// did-you-mean, map keys follow BAML's rule, and field and value attributes are checked where
// they are written (attributes.h).
#pragma once

#include <string_view>
#include <unordered_map>

#include "compiler/ast/ast.h"
#include "compiler/model/program.h"
#include "compiler/sema/context.h"

namespace bamlc::sema {

// Types declared inside one test's `type_builder` block: visible to that block's own
// declarations on top of the project's types. The kind is Class, Enum or Alias.
struct LocalTypes {
  std::unordered_map<std::string_view, model::TypeKind> names;
};

// Checks every class, enum and type alias of the project and adds them to ctx.program, then
// rejects alias cycles not broken by a list or a map, and classes that require themselves.
// Runs first: every later checker resolves types against what it fills.
void check_types(Context& ctx);

// Resolves one type expression written anywhere (a field, a parameter, a return type). Reports
// unknown names, bad map keys and unsupported literals at their exact spans; what cannot be
// resolved becomes TypeKind::Error, which later checks skip.
model::Type resolve_type(Context& ctx, const ast::TypeExpr& type, const LocalTypes* local = nullptr);

// One class or enum declaration, checked (fields, values, attributes, duplicates); shared by
// check_types and by the type_builder blocks of tests.
model::Class resolve_class(Context& ctx, const ast::ClassDecl& decl, const LocalTypes* local = nullptr);
model::Enum resolve_enum(Context& ctx, const ast::EnumDecl& decl);

// True when `null` is a value of the type: T?, null, a union with such a member, or an alias of
// one. An alias the program does not know counts as optional, so nothing is reported twice.
bool is_optional(const model::Program& program, const model::Type& type);

}  // namespace bamlc::sema
