// The generators of codegen.cpp, one per declaration kind, and the type spellings they share.
#pragma once

#include <optional>
#include <string>

#include "compiler/codegen/codegen.h"
#include "compiler/codegen/model.h"
#include "compiler/codegen/printer.h"

namespace bamlc::codegen {

// How types are spelled in generated code: every name fully qualified.
class Spell {
 public:
  explicit Spell(const Model& m) : m_(m), q_("::" + m.ns + "::") {}
  // The C++ type of `t` as written inside declaration `owner` (nullopt: outside every struct,
  // e.g. a function's parameter), partial or not.
  std::string full(const Type& t, std::optional<Node> owner = std::nullopt, bool in_list = false) const;
  std::string partial(const Type& t, std::optional<Node> owner = std::nullopt, bool in_list = false) const;
  // A member's type in a struct: with baml::Checked<T> for a field with checks.
  std::string field(const Field& f, Node owner) const;
  std::string partial_field(const Field& f, Node owner) const;
  const std::string& q() const { return q_; }  // "::hr::"
  std::string qp() const { return q_ + "partial::"; }
  // Scalars get a `{}` initializer in a struct.
  bool scalar(const Type& t) const;

 private:
  std::string named(const Type& t, std::optional<Node> owner, bool in_list, bool partial) const;
  std::string spell(const Type& t, std::optional<Node> owner, bool in_list, bool partial) const;
  const Model& m_;
  std::string q_;
};

// `lit` of a literal enum as the text to_string gives ("active", "200", "true").
std::string literal_text(const nlohmann::json& value);
// A C++ string literal for `text`.
std::string cpp_string(const std::string& text);
std::string banner(const CodegenOptions& options, const std::string& what);

// Enums and literal enums: enum classes with to_string / from_string (types.hpp).
void generate_enums(Printer& p, const Model& m);
// Their conversions to and from baml::Value (client.cpp).
void generate_enum_conversions(Printer& p, const Model& m, const Spell& s);
// Classes, aliases, unions, full and partial (types.hpp).
void generate_type_declarations(Printer& p, const Model& m, const Spell& s);
// Their operator== (the static members the hidden friends call; client.cpp).
void generate_equalities(Printer& p, const Model& m, const Spell& s);
// Their conversions (client.cpp).
void generate_type_conversions(Printer& p, const Model& m, const Spell& s);
// The client class (client.hpp) and its functions (client.cpp).
void generate_client_class(Printer& p, const Model& m, const Spell& s);
void generate_client_functions(Printer& p, const Model& m, const Spell& s);

}  // namespace bamlc::codegen
