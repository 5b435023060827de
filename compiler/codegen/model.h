// What the C++ generators work from: the IR's types, enums, aliases and functions with their C++
// names given (names.h), unions normalized (nulls pulled out into std::optional, nested unions
// flattened, all-literal unions made enums of their own), and the order and boxing that let the
// structs compile: the declarations form a graph, its strongly connected components are emitted
// dependencies first, and inside a cycle every by-value reference to a struct of the cycle goes
// through baml::Box (a list's element excepted: std::vector takes an incomplete type).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace bamlc::codegen {

struct Type {
  enum class Kind { Int, Float, String, Bool, Duration, Image, Audio, Pdf, Video, Class, Enum, Alias, Union, Literal, List, Optional, Map };
  Kind kind = Kind::String;
  int ref = -1;                // Class, Enum, Alias, Union (index in Model::unions), Literal (Model::literals)
  std::vector<Type> children;  // List: item; Optional: inner; Map: key, value
};

struct Named {
  std::string baml;
  std::string cpp;
};

struct LiteralEnum {
  std::string cpp;
  struct Value {
    std::string cpp;
    nlohmann::json value;  // string, integer or boolean
  };
  std::vector<Value> values;
};

struct Union {
  std::string cpp;
  std::vector<Type> arms;
  int alias = -1;  // the alias this union is the whole type of (it is named after it), or -1
};

struct Field : Named {
  Type type;
  std::vector<std::string> checks;  // names of its @check (not @assert): a baml::Checked<T> member
  bool stream_done = false;
  bool stream_not_null = false;
  bool stream_with_state = false;
};

struct Class : Named {
  std::vector<Field> fields;
};

struct Enum : Named {
  std::vector<Named> values;
};

struct Alias : Named {
  Type type;
  bool recursive = false;  // refers to itself through aliases: a struct with one member `value`
};

struct Param : Named {
  Type type;
};

struct Function : Named {
  std::vector<Param> params;
  Type result;
};

// A declaration of types.hpp that depends on others: a class, an alias or a union.
struct Node {
  enum class Kind { Class, Alias, Union } kind;
  int index;
  friend bool operator==(const Node& a, const Node& b) { return a.kind == b.kind && a.index == b.index; }
};

struct Model {
  std::string ns;  // "hr" or "a::b"
  std::vector<Class> classes;
  std::vector<Enum> enums;
  std::vector<Alias> aliases;
  std::vector<Union> unions;
  std::vector<LiteralEnum> literals;
  std::vector<Function> functions;

  // The structs and usings of types.hpp in the order they are emitted.
  std::vector<Node> order;
  // Per node id (see node_id), its component and whether that component is a cycle.
  std::vector<int> component;
  std::vector<bool> cyclic;
  int node_id(Node n) const;
  // Whether a reference from `owner` to `target` must be boxed (not counting the list exception).
  bool boxed(Node owner, Node target) const;
  // An alias that is a union or a literal enum by another name emits nothing of its own.
  bool alias_is_literal(int alias) const;
};

// Reads an IR document (docs/ir.md). Throws std::runtime_error on a type it does not know.
Model build_model(const nlohmann::json& ir, const std::string& ns);

}  // namespace bamlc::codegen
