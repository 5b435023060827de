// The syntax tree of a prompt template (a minijinja subset): what compiler/syntax/
// template_parser.cpp builds from a raw string's content, what sema/template_check.cpp checks
// against a function's parameters, and what ir/template_json.cpp hands to the runtime, which
// renders it. Every node and expression carries its span in the `.baml` file. Text is kept
// verbatim (not dedented) and whitespace control is kept as written on each tag: the runtime
// dedents and trims at render time, as BAML does (docs/ir-templates.md has the rules).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/base/source.h"

namespace bamlc::ast {

// ---- Expressions ----

enum class TemplateExprKind : std::uint8_t {
  Variable,     // `text` names it
  String,       // `text` holds the decoded value
  Int,          // `int_value`
  Float,        // `float_value`
  Bool,         // `bool_value`
  None,         // none / None / null; `text` is the spelling (null is written as a variable)
  List,         // operands are the items
  Tuple,        // operands are the items
  Dict,         // operands are key0, value0, key1, value1, ...
  Attribute,    // operands[0] `.` member
  Index,        // operands[0] `[` operands[1] `]`
  Slice,        // operands[0] `[` operands[1] `:` operands[2] `:` operands[3] `]`, bounds may be Omitted
  Call,         // operands[0] `(` args `)`
  Filter,       // operands[0] `|` member `(` args `)`
  Test,         // operands[0] `is` [`not`] member [args]; `negated` says `not`
  Unary,        // unary_op operands[0]
  Binary,       // operands[0] binary_op operands[1]
  Conditional,  // operands[0] `if` operands[1] [`else` operands[2]]
  Omitted,      // an absent slice bound
  Invalid,      // a syntax error, already reported; checkers skip it
};

enum class UnaryOp : std::uint8_t { Not, Negate, Plus };

enum class BinaryOp : std::uint8_t {
  Or,
  And,
  Equal,
  NotEqual,
  Less,
  LessEqual,
  Greater,
  GreaterEqual,
  In,
  NotIn,
  Add,
  Subtract,
  Concat,
  Multiply,
  Divide,
  FloorDivide,
  Modulo,
  Power,
};

struct TemplateArg;

struct TemplateExpr {
  TemplateExprKind kind = TemplateExprKind::Invalid;
  bool bool_value = false;
  bool negated = false;  // Test: `is not`
  UnaryOp unary_op = UnaryOp::Not;
  BinaryOp binary_op = BinaryOp::Or;
  Span span;
  std::string text;  // Variable: the name; String: the decoded value; Int/Float/None: as written
  std::int64_t int_value = 0;
  double float_value = 0;
  Name member;                         // Attribute: the attribute; Filter/Test: the filter or test name
  std::vector<TemplateExpr> operands;  // see TemplateExprKind
  std::vector<TemplateArg> args;       // Call, Filter, Test
};

// A call argument: positional when `keyword.text` is empty, `keyword=value` otherwise.
struct TemplateArg {
  Name keyword;
  TemplateExpr value;
  Span span;
};

// ---- Nodes ----

// Whitespace control written on one side of a tag: `-` (`{{-`, `-%}`) strips all the whitespace
// next to the tag on that side; `+` (`{%+`, `+%}`) turns BAML's lstrip_blocks/trim_blocks off
// for that side.
enum class WhitespaceControl : std::uint8_t { Default, Trim, Keep };

struct TagWhitespace {
  WhitespaceControl before = WhitespaceControl::Default;  // the opening `{{`/`{%`/`{#`
  WhitespaceControl after = WhitespaceControl::Default;   // the closing `}}`/`%}`/`#}`
};

enum class TemplateNodeKind : std::uint8_t {
  Text,      // `text`, verbatim
  Raw,       // {% raw %}text{% endraw %}: `text` is output as is
  Comment,   // {# text #}
  Output,    // {{ expr }}
  If,        // branches: if, elif..., else (condition Omitted)
  For,       // for targets in expr [if filter] [recursive]: body, else_body
  Set,       // set target = expr
  SetBlock,  // set target %} body {% endset
  Break,     // {% break %}
  Continue,  // {% continue %}
};

// A value held by pointer with value semantics (copies copy it), so that a node that has none
// stays small: a long prompt is millions of text and output nodes. Reading an empty box sees a
// default T, as a plain member would; writing through it makes one.
template <typename T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(T value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT: implicit, like T
  Boxed(const Boxed& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  Boxed& operator=(T value) {
    value_ = std::make_unique<T>(std::move(value));
    return *this;
  }
  ~Boxed() = default;

  const T& operator*() const { return value_ ? *value_ : empty(); }
  const T* operator->() const { return &**this; }
  T& operator*() {
    if (!value_) value_ = std::make_unique<T>();
    return *value_;
  }
  T* operator->() { return &**this; }

 private:
  static const T& empty() {
    static const T value{};
    return value;
  }
  std::unique_ptr<T> value_;
};

struct TemplateNode;

struct IfBranch {
  TemplateExpr condition;  // Omitted for `else`
  std::vector<TemplateNode> body;
  TagWhitespace whitespace;  // of the if/elif/else tag
  Span span;                 // of that tag
};

struct TemplateNode {
  TemplateNodeKind kind = TemplateNodeKind::Text;
  bool recursive = false;         // For
  bool unpack = false;            // Set: `targets` are names a sequence is unpacked into
  TagWhitespace whitespace;       // of the (opening) tag
  TagWhitespace else_whitespace;  // For: of `{% else %}`
  TagWhitespace end_whitespace;   // of endif/endfor/endset/endraw
  Span span;                      // the whole node: for blocks, from the opening tag to the closing one
  std::string text;
  Boxed<TemplateExpr> expr;             // Output: the value; For: the iterable; Set: the value
  Boxed<TemplateExpr> filter;           // For: the `if` filter, Omitted when absent
  std::vector<Name> targets;            // For: one or more loop variables; Set/SetBlock: the name, then an attribute
  std::vector<IfBranch> branches;       // If
  std::vector<TemplateNode> body;       // For, SetBlock
  std::vector<TemplateNode> else_body;  // For: rendered when the iterable is empty
};

struct Template {
  std::vector<TemplateNode> nodes;
  Span span;  // the template's text (a raw string's content)
  // BAML dedents a prompt before rendering it: the fewest leading whitespace characters (code
  // points) of any line that is not blank, removed from the start of every line.
  std::uint32_t dedent = 0;
};

std::string_view template_expr_kind_name(TemplateExprKind kind);
std::string_view binary_op_spelling(BinaryOp op);  // "==", "not in", "//", ...
std::string_view unary_op_spelling(UnaryOp op);    // "not", "-", "+"

}  // namespace bamlc::ast
