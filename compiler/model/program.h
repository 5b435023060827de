// The checked program: what semantic analysis produces and what the IR writer, codegen and
// `bamlc explain` read. Unlike the AST it is resolved (names point at declarations), normalized
// (durations are milliseconds, BAML's `_ms` spellings are folded in, defaults from stdlib/ are
// applied with their provenance) and valid (composites are acyclic). Spans are kept for
// messages that later phases print.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/base/source.h"

namespace bamlc::ast {
struct Template;      // compiler/ast/template_ast.h
struct TemplateExpr;  // compiler/ast/template_ast.h
}

namespace bamlc::model {

using Milliseconds = std::chrono::milliseconds;

// ---- Types ----

struct Check {
  std::string name;        // empty for an unnamed @assert
  bool is_assert = false;  // @assert throws, @check records
  std::string expression;  // the Jinja expression text
  Span span;               // of the expression text, between `{{` and `}}`
  std::shared_ptr<const ast::TemplateExpr> parsed;  // by sema/template_check.cpp; null if it does not parse
};

enum class TypeKind {
  Int, Float, String, Bool, Null, Duration,
  Image, Audio, Pdf, Video,
  Class, Enum, Alias,  // `name` says which
  List, Map, Optional, Union,
  LiteralString, LiteralInt, LiteralBool,
  Error,  // could not be resolved (already reported); checks involving it are skipped
};

struct Type {
  TypeKind kind = TypeKind::Error;
  std::string name;             // Class, Enum, Alias
  std::vector<Type> children;   // List/Optional: 1, Map: key and value, Union: members
  std::string literal;          // Literal*: the value as written ("a", 1, true)
  std::vector<std::string> stream_attributes;  // @stream.* on a grouped type
  Span span;
  std::vector<Check> checks;  // @check / @assert on a grouped type: `-> int @check(...)`, `(T @assert(...))[]`

  static Type primitive(TypeKind kind, Span span = {}) { return Type{kind, {}, {}, {}, {}, span, {}}; }
};

std::string to_string(const Type& type);  // as BAML writes it: `map<string, int[]>?`

// ---- Data declarations ----

struct Field {
  std::string name;
  std::optional<std::string> alias;
  std::optional<std::string> description;
  Type type;
  bool skip = false;
  std::vector<Check> checks;
  std::vector<std::string> stream_attributes;  // done, not_null, with_state
  std::string doc;
  Span span;
};

struct Class {
  std::string name;
  std::vector<Field> fields;
  bool dynamic = false;
  std::optional<std::string> alias;
  std::optional<std::string> description;
  std::vector<Check> checks;
  std::vector<std::string> stream_attributes;  // @@stream.done: "done"
  std::string doc;
  Span span;
};

struct EnumValue {
  std::string name;
  std::optional<std::string> alias;
  std::optional<std::string> description;
  bool skip = false;
  std::string doc;
  Span span;
};

struct Enum {
  std::string name;
  std::vector<EnumValue> values;
  bool dynamic = false;
  std::optional<std::string> alias;
  std::optional<std::string> description;
  std::string doc;
  Span span;
};

struct TypeAlias {
  std::string name;
  Type target;  // Error when the alias is part of a cycle not broken by a list or a map
  std::vector<Check> checks;  // `type Positive = int @assert(...)`
  Span span;
};

// ---- Functions and templates ----

struct Parameter {
  std::string name;
  Type type;
  std::vector<Check> checks;
  Span span;
};

struct TemplateString {
  std::string name;
  std::vector<Parameter> parameters;
  std::string body;  // raw template text
  Span body_span;
  std::shared_ptr<const ast::Template> body_template;  // parsed by sema/template_check.cpp
  Span span;
};

struct Function {
  std::string name;
  std::vector<Parameter> parameters;
  Type return_type;
  std::string client;  // a declared client's name, or the name of a shorthand client
  std::string prompt;  // raw template text
  Span prompt_span;    // the span of the prompt text inside the source
  std::shared_ptr<const ast::Template> prompt_template;  // parsed by sema/template_check.cpp
  std::string doc;
  Span span;
};

// ---- Clients ----

enum class ClientKind { Leaf, Fallback, RoundRobin };

enum class LimitKind { Connect, TimeToFirstToken, Idle, Request, Total };
inline constexpr LimitKind kAllLimitKinds[] = {LimitKind::Connect, LimitKind::TimeToFirstToken, LimitKind::Idle,
                                               LimitKind::Request, LimitKind::Total};

// Where an effective limit came from, for `bamlc explain` and the IR.
enum class LimitSource { Declared, Default, Unset };

struct Limit {
  std::optional<Milliseconds> value;  // nullopt: no limit
  LimitSource source = LimitSource::Unset;
  Span span;  // the declaration, when Declared
};

struct Limits {
  Limit connect, time_to_first_token, idle, request, total;
  Limit& operator[](LimitKind kind);
  const Limit& operator[](LimitKind kind) const;
};

std::string_view limit_field_name(LimitKind kind);  // connect_timeout, ...
std::string_view limit_ir_key(LimitKind kind);      // connect_ms, ...

// An option value as the runtime needs it: JSON-like, with env references kept symbolic.
struct OptionValue {
  enum class Kind { String, Int, Float, Bool, Null, Env, List, Map };
  // Out of line (program.cpp): an OptionValue holds pairs of OptionValues, complete only after
  // the class (clang's libstdc++ checks instantiate the pair's destructor eagerly otherwise), as
  // for the runtime's parse/jvalue.h.
  OptionValue();
  OptionValue(const OptionValue&);
  OptionValue(OptionValue&&) noexcept;
  OptionValue& operator=(const OptionValue&);
  OptionValue& operator=(OptionValue&&) noexcept;
  ~OptionValue();

  Kind kind = Kind::Null;
  std::string text;  // String, Env (the variable name)
  std::int64_t int_value = 0;
  double float_value = 0;
  bool bool_value = false;
  std::vector<OptionValue> items;
  std::vector<std::pair<std::string, OptionValue>> entries;  // Map, in source order
};

struct Client {
  std::string name;
  std::string provider;  // canonical (legacy aliases mapped), e.g. "openai", "fallback"
  ClientKind kind = ClientKind::Leaf;
  bool shorthand = false;  // made from "provider/model"
  // Everything but http/strategy/start, headers included, with the provider's defaults for
  // api_key and base_url filled in.
  std::vector<std::pair<std::string, OptionValue>> options;
  Limits limits;
  std::optional<std::string> retry_policy;
  std::vector<std::string> strategy;  // composites: children, resolved names
  std::vector<Span> strategy_spans;
  std::optional<std::int64_t> start;  // round-robin
  std::optional<std::string> deadline_header;  // http { deadline_header "..." }
  Span span;
};

// ---- Retry policies ----

enum class BackoffKind { ConstantDelay, ExponentialBackoff };
enum class Jitter { None, Full };
enum class RetryClass { Connect, Timeout, RateLimit, Server };

// The spelling of a class of failure in `retry_on [...]` and in the IR: `connect`, `rate_limit`.
std::string_view retry_class_name(RetryClass c);

struct RetryPolicy {
  std::string name;
  std::int64_t max_retries = 0;
  BackoffKind backoff = BackoffKind::ConstantDelay;
  Milliseconds delay{0};
  double multiplier = 1;
  Milliseconds max_delay{0};
  Jitter jitter = Jitter::None;
  std::vector<RetryClass> retry_on;
  Span span;
};

// ---- Tests and generators ----

struct Test {
  std::string name;
  std::vector<std::string> functions;
  std::vector<ast::MapEntry> args;  // checked against the functions' parameters
  std::vector<Check> checks;
  Span span;
};

struct Generator {
  std::string name;
  std::string output_type;
  std::string output_dir;
  Span span;
};

// Name -> position in one of the Program's vectors, so that a lookup is a map search instead
// of a scan (a scan inside a pass over every client made a fallback chain cubic). Sema only
// appends to the vectors, so the index catches up with the new tail on each lookup; it holds
// positions, not pointers, so copying or moving the Program keeps it right.
class NameIndex {
 public:
  template <typename T>
  const T* find(const std::vector<T>& items, std::string_view name) const {
    if (indexed_ > items.size()) {
      positions_.clear();
      indexed_ = 0;
    }
    for (; indexed_ < items.size(); ++indexed_) positions_.emplace(items[indexed_].name, indexed_);  // first wins
    auto it = positions_.find(name);
    if (it == positions_.end() || items[it->second].name != name) return nullptr;
    return &items[it->second];
  }

 private:
  mutable std::map<std::string, std::size_t, std::less<>> positions_;
  mutable std::size_t indexed_ = 0;
};

struct Program {
  std::vector<Class> classes;
  std::vector<Enum> enums;
  std::vector<TypeAlias> aliases;
  std::vector<Function> functions;
  std::vector<TemplateString> template_strings;
  std::vector<Client> clients;  // declared clients, then shorthand clients in first-use order
  std::vector<RetryPolicy> retry_policies;
  std::vector<Test> tests;
  std::vector<Generator> generators;

  const Client* find_client(std::string_view name) const;
  const RetryPolicy* find_retry_policy(std::string_view name) const;
  const Class* find_class(std::string_view name) const;
  const Enum* find_enum(std::string_view name) const;
  const TypeAlias* find_alias(std::string_view name) const;
  const Function* find_function(std::string_view name) const;
  const TemplateString* find_template_string(std::string_view name) const;

 private:
  NameIndex class_index_, enum_index_, alias_index_, function_index_, template_string_index_, client_index_,
      retry_policy_index_;
};

}  // namespace bamlc::model
