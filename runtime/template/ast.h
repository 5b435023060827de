// The compiled form of a template or expression: what compile.cpp builds once from the IR's JSON
// (docs/ir-templates.md) and the evaluator walks for every render. Whitespace control,
// dedent, trim, lstrip_blocks and trim_blocks are static, so they are applied while compiling:
// text nodes hold exactly the text to output. Names of filters and tests are resolved to ids.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "template/jvalue.h"

namespace baml::tmpl::ast {

enum class ExprKind : std::uint8_t {
  Omitted,  // an absent slice bound or `else`
  Var, Const, List, Tuple, Dict, Attr, Index, Slice, Call, Filter, Test, Unary, Binary, Cond,
};

enum class BinaryOp : std::uint8_t {
  Or, And, Eq, Ne, Lt, Le, Gt, Ge, In, NotIn, Add, Sub, Concat, Mul, Div, FloorDiv, Mod, Pow,
};

enum class UnaryOp : std::uint8_t { Not, Neg, Pos };

struct Arg;

// One expression. Children by kind:
//   List, Tuple: the items;  Dict: key0, value0, key1, value1, ...
//   Attr: object (name: the attribute);  Index: object, index;  Slice: object, start, stop, step
//   Call: callee (args);  Filter, Test: value (name, args, id);  Unary: operand;
//   Binary: left, right;  Cond: then, condition, else (Omitted when absent)
struct Expr {
  ExprKind kind = ExprKind::Omitted;
  BinaryOp binary = BinaryOp::Or;
  UnaryOp unary = UnaryOp::Not;
  bool negated = false;  // Test
  int id = -1;           // Filter, Test: the builtin's id; -1 when unknown (an error at render)
  std::string name;      // Var, Attr, Filter, Test
  JValue constant;       // Const
  std::vector<Expr> children;
  std::vector<Arg> args;  // Call, Filter, Test
};

struct Arg {
  std::string name;  // empty: positional
  Expr value;
};

enum class NodeKind : std::uint8_t { Text, Output, If, For, Set, SetAttribute, SetUnpack, SetBlock, Break, Continue };

// Whitespace control written on a tag (`-`: Trim, `+`: Keep); compile.cpp uses it, render does not.
enum class Ws : std::uint8_t { Default, Trim, Keep };
struct TagWs {
  Ws before = Ws::Default;
  Ws after = Ws::Default;
};
// Where a text node came from: plain text, the body of `{% raw %}`, or a comment (no text).
enum class TextOrigin : std::uint8_t { Plain, Raw, Comment };

struct Node;

struct Branch {
  Expr condition;  // Omitted: `else`
  std::vector<Node> body;
  TagWs ws;
};

struct Node {
  NodeKind kind = NodeKind::Text;
  std::string text;                  // Text: the output; Set, SetAttribute, SetBlock: the target
  std::string attribute;             // SetAttribute
  Expr expr;                         // Output; Set/SetAttribute: the value; For: the iterable
  Expr filter;                       // For: `if` filter or Omitted
  std::vector<std::string> targets;  // For, SetUnpack
  bool recursive = false;            // For
  std::vector<Node> body;            // For, SetBlock
  std::vector<Node> else_body;       // For
  std::vector<Branch> branches;      // If
  TextOrigin origin = TextOrigin::Plain;  // Text
  TagWs ws, else_ws, end_ws;              // the node's tags
  bool has_else_tag = false;              // For
};

}  // namespace baml::tmpl::ast

namespace baml::tmpl {

class Template {
 public:
  std::vector<ast::Node> nodes;
};

class Expression {
 public:
  ast::Expr expr;
};

}  // namespace baml::tmpl
