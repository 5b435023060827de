// The syntax tree of a BAML project: the compiler's own types, built from the parse tree in one
// step (compiler/syntax/ast_builder.cpp) and owning all their text. Every node carries the span
// it came from. Nothing here knows about ANTLR; nothing here is resolved or checked yet.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "compiler/base/source.h"

namespace bamlc::ast {

struct Name {
  std::string text;
  Span span;
};

// ---- Values: the right-hand side of `key value` entries, attribute arguments, test args ----

enum class ValueKind {
  String,      // "quoted", escapes decoded
  RawString,   // #"..."#, kept verbatim (prompts are dedented later, by the template layer)
  Int,         // 42, -1
  Float,       // 0.25
  Duration,    // 4s, 1m30s: `duration` holds the milliseconds
  Word,        // a bare word: a name, true/false/null/none, or an unquoted string (gpt-4o)
  EnvRef,      // env.NAME: `text` holds NAME
  Map,         // { key value ... }
  List,        // [a, b]
  JinjaExpr,   // {{ expr }} in an attribute: `text` holds what is between the braces
  Invalid,     // a literal already reported as an error; later passes skip it
};

struct MapEntry;

struct Value {
  ValueKind kind = ValueKind::Invalid;
  Span span;
  std::string text;  // decoded string, raw text, number text, word, env var name
  std::int64_t int_value = 0;
  double float_value = 0;
  std::chrono::milliseconds duration{0};
  std::vector<MapEntry> entries;  // Map
  std::vector<Value> items;       // List
  int raw_hashes = 0;             // RawString: how many '#' delimit it
  Span content_span;              // String/RawString: the span of the text inside the quotes
};

struct MapEntry {
  Name key;
  bool key_quoted = false;
  std::optional<Value> value;  // absent when the source gave none (already reported)
  Span span;
};

// ---- Attributes ----

struct Attribute {
  bool block = false;  // @@name rather than @name
  Name name;           // without the @ signs, e.g. "stream.done"
  std::vector<Value> args;
  Span span;
};

// ---- Types ----

enum class TypeKind {
  Named,     // int, string, duration, image, a class, an enum or an alias: `name`
  Optional,  // T?
  List,      // T[]
  Map,       // map<K, V>
  Union,     // A | B
  Literal,   // "a", 1, true: `literal` holds the value
  Invalid,   // already reported
};

struct TypeExpr {
  TypeKind kind = TypeKind::Invalid;
  Span span;
  Name name;                          // Named; for Map the `map` keyword
  std::vector<TypeExpr> children;     // Optional/List: 1, Map: 2 (key, value), Union: n
  std::optional<Value> literal;       // Literal
  std::vector<Attribute> attributes;  // on a grouped type: (T @stream.done)
};

// ---- Declarations ----

struct Field {
  Name name;
  std::optional<TypeExpr> type;  // absent when missing (already reported)
  std::vector<Attribute> attributes;
  std::string doc;  // from /// comments
  Span span;
};

struct ClassDecl {
  Name name;
  bool dynamic = false;  // `dynamic class` inside a test's type_builder
  std::vector<Field> fields;
  std::vector<Attribute> block_attributes;
  std::string doc;
  Span span;
};

struct EnumValue {
  Name name;
  std::vector<Attribute> attributes;
  std::string doc;
  Span span;
};

struct EnumDecl {
  Name name;
  bool dynamic = false;
  std::vector<EnumValue> values;
  std::vector<Attribute> block_attributes;
  std::string doc;
  Span span;
};

struct Parameter {
  Name name;
  TypeExpr type;
  std::vector<Attribute> attributes;
  Span span;
};

struct FunctionDecl {
  Name name;
  std::vector<Parameter> parameters;
  TypeExpr return_type;
  std::vector<MapEntry> body;  // client, prompt
  // Attributes written after a body entry (`client "openai/gpt-4o" @description("x")`), which
  // baml-cli accepts and ignores.
  std::vector<Attribute> entry_attributes;
  std::string doc;
  Span span;
};

// client<llm> Name { provider ... options { ... } }
struct ClientDecl {
  Name kind;  // `llm` in client<llm>; empty name when written as plain `client`
  Name name;
  std::vector<MapEntry> body;
  std::string doc;
  Span span;
};

struct RetryPolicyDecl {
  Name name;
  std::vector<MapEntry> body;
  std::string doc;
  Span span;
};

struct TemplateStringDecl {
  Name name;
  std::vector<Parameter> parameters;
  Value body;  // a RawString
  std::string doc;
  Span span;
};

struct TypeAliasDecl {
  Name name;
  TypeExpr type;
  std::vector<Attribute> attributes;
  std::string doc;
  Span span;
};

struct TypeBuilderBlock {
  std::vector<ClassDecl> classes;
  std::vector<EnumDecl> enums;
  std::vector<TypeAliasDecl> aliases;
  Span span;
};

struct TestDecl {
  Name name;
  std::vector<MapEntry> body;  // functions, args
  std::vector<Attribute> block_attributes;
  std::optional<TypeBuilderBlock> type_builder;
  std::string doc;
  Span span;
};

struct GeneratorDecl {
  Name name;
  std::vector<MapEntry> body;
  Span span;
};

using Declaration = std::variant<ClassDecl, EnumDecl, FunctionDecl, ClientDecl, RetryPolicyDecl,
                                 TemplateStringDecl, TestDecl, GeneratorDecl, TypeAliasDecl>;

struct File {
  FileId id = kNoFile;
  std::vector<Declaration> declarations;
};

// Helpers shared by every pass that reads bodies.
const MapEntry* find_entry(const std::vector<MapEntry>& entries, std::string_view key);
std::string_view value_kind_name(ValueKind kind);

}  // namespace bamlc::ast
