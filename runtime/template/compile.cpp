// IR JSON (docs/ir-templates.md) to the compiled AST (ast.h), then BAML's whitespace rules
// applied once to the text nodes: dedent, trim of the whole, `-` trims, lstrip_blocks and
// trim_blocks. Render then only copies text.
#include <nlohmann/json.hpp>

#include <baml/errors.h>

#include "template/ast.h"
#include "template/builtins.h"
#include "template/template.h"
#include "template/whitespace.h"

namespace baml::tmpl {
namespace {

using nlohmann::json;

using ast::TagWs;
using ast::Ws;

class Compiler {
 public:
  explicit Compiler(const std::string& where) : where_(where) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw_config_error(where_ + ": malformed template IR: " + what);
  }

  const json& key(const json& j, const char* name) const {
    if (!j.is_object()) fail(std::string("expected an object with \"") + name + "\"");
    auto it = j.find(name);
    if (it == j.end()) fail(std::string("missing \"") + name + "\"");
    return *it;
  }
  std::string str(const json& j, const char* name) const {
    const json& v = key(j, name);
    if (!v.is_string()) fail(std::string("\"") + name + "\" is not a string");
    return v.get<std::string>();
  }
  const json& array(const json& j, const char* name) const {
    const json& v = key(j, name);
    if (!v.is_array()) fail(std::string("\"") + name + "\" is not an array");
    return v;
  }

  TagWs ws(const json& j, const char* name) const {
    const json& w = key(j, name);
    return TagWs{control(key(w, "before")), control(key(w, "after"))};
  }
  Ws control(const json& c) const {
    if (c == "default") return Ws::Default;
    if (c == "trim") return Ws::Trim;
    if (c == "keep") return Ws::Keep;
    fail("bad whitespace control " + c.dump());
  }

  ast::Expr expr(const json& j, int depth = 0) const;
  ast::Expr optional_expr(const json& j, int depth) const {
    if (j.is_null()) return ast::Expr{};
    return expr(j, depth);
  }
  std::vector<ast::Arg> args(const json& j, int depth) const;
  std::vector<ast::Node> nodes(const json& j, int depth) const;
  ast::Node node(const json& j, int depth) const;

 private:
  const std::string& where_;
};

constexpr int kMaxDepth = 400;

ast::BinaryOp binary_op(const Compiler& c, const std::string& op) {
  using B = ast::BinaryOp;
  static const std::pair<std::string_view, B> kOps[] = {
      {"or", B::Or},   {"and", B::And},  {"==", B::Eq},         {"!=", B::Ne},       {"<", B::Lt},
      {"<=", B::Le},   {">", B::Gt},     {">=", B::Ge},         {"in", B::In},       {"not in", B::NotIn},
      {"+", B::Add},   {"-", B::Sub},    {"~", B::Concat},      {"*", B::Mul},       {"/", B::Div},
      {"//", B::FloorDiv}, {"%", B::Mod}, {"**", B::Pow},
  };
  for (const auto& [s, o] : kOps) {
    if (s == op) return o;
  }
  c.fail("unknown binary operator \"" + op + "\"");
}

std::vector<ast::Arg> Compiler::args(const json& j, int depth) const {
  std::vector<ast::Arg> out;
  if (!j.is_array()) fail("\"args\" is not an array");
  out.reserve(j.size());
  for (const json& a : j) {
    const json& n = key(a, "name");
    ast::Arg arg;
    if (n.is_string()) {
      arg.name = n.get<std::string>();
    } else if (!n.is_null()) {
      fail("an argument name is neither a string nor null");
    }
    arg.value = expr(key(a, "value"), depth + 1);
    out.push_back(std::move(arg));
  }
  return out;
}

ast::Expr Compiler::expr(const json& j, int depth) const {
  if (depth > kMaxDepth) fail("expression nested too deeply");
  using K = ast::ExprKind;
  ast::Expr e;
  const std::string kind = str(j, "kind");
  auto child = [&](const char* name) { e.children.push_back(expr(key(j, name), depth + 1)); };
  auto optional_child = [&](const char* name) { e.children.push_back(optional_expr(key(j, name), depth + 1)); };
  if (kind == "var") {
    e.kind = K::Var;
    e.name = str(j, "name");
  } else if (kind == "string") {
    e.kind = K::Const;
    e.constant = JValue::string(str(j, "value"));
  } else if (kind == "int") {
    const json& v = key(j, "value");
    if (!v.is_number_integer()) fail("an int constant is not an integer");
    e.kind = K::Const;
    e.constant = v.is_number_unsigned() && v.get<std::uint64_t>() > INT64_MAX
                     ? JValue::floating(v.get<double>())
                     : JValue::integer(v.get<std::int64_t>());
  } else if (kind == "float") {
    const json& v = key(j, "value");
    if (!v.is_number()) fail("a float constant is not a number");
    e.kind = K::Const;
    e.constant = JValue::floating(v.get<double>());
  } else if (kind == "bool") {
    const json& v = key(j, "value");
    if (!v.is_boolean()) fail("a bool constant is not a boolean");
    e.kind = K::Const;
    e.constant = JValue::boolean(v.get<bool>());
  } else if (kind == "none") {
    e.kind = K::Const;
    e.constant = JValue::none();
  } else if (kind == "list" || kind == "tuple") {
    e.kind = kind == "list" ? K::List : K::Tuple;
    for (const json& item : array(j, "items")) e.children.push_back(expr(item, depth + 1));
  } else if (kind == "dict") {
    e.kind = K::Dict;
    for (const json& entry : array(j, "entries")) {
      if (!entry.is_array() || entry.size() != 2) fail("a dict entry is not a [key, value] pair");
      e.children.push_back(expr(entry[0], depth + 1));
      e.children.push_back(expr(entry[1], depth + 1));
    }
  } else if (kind == "attr") {
    e.kind = K::Attr;
    child("object");
    e.name = str(j, "name");
  } else if (kind == "index") {
    e.kind = K::Index;
    child("object");
    child("index");
  } else if (kind == "slice") {
    e.kind = K::Slice;
    child("object");
    optional_child("start");
    optional_child("stop");
    optional_child("step");
  } else if (kind == "call") {
    e.kind = K::Call;
    child("callee");
    e.args = args(key(j, "args"), depth);
  } else if (kind == "filter") {
    e.kind = K::Filter;
    child("value");
    e.name = str(j, "name");
    e.id = find_filter(e.name);
    e.args = args(key(j, "args"), depth);
  } else if (kind == "test") {
    e.kind = K::Test;
    child("value");
    e.name = str(j, "name");
    e.id = find_test(e.name);
    const json& neg = key(j, "negated");
    if (!neg.is_boolean()) fail("\"negated\" is not a boolean");
    e.negated = neg.get<bool>();
    e.args = args(key(j, "args"), depth);
  } else if (kind == "unary") {
    e.kind = K::Unary;
    const std::string op = str(j, "op");
    if (op == "not") {
      e.unary = ast::UnaryOp::Not;
    } else if (op == "-") {
      e.unary = ast::UnaryOp::Neg;
    } else if (op == "+") {
      e.unary = ast::UnaryOp::Pos;
    } else {
      fail("unknown unary operator \"" + op + "\"");
    }
    child("operand");
  } else if (kind == "binary") {
    e.kind = K::Binary;
    e.binary = binary_op(*this, str(j, "op"));
    child("left");
    child("right");
  } else if (kind == "cond") {
    e.kind = K::Cond;
    child("then");
    child("condition");
    optional_child("else");
  } else {
    fail("unknown expression kind \"" + kind + "\"");
  }
  return e;
}

std::vector<ast::Node> Compiler::nodes(const json& j, int depth) const {
  if (!j.is_array()) fail("a node list is not an array");
  if (depth > kMaxDepth) fail("blocks nested too deeply");
  std::vector<ast::Node> out;
  out.reserve(j.size());
  for (const json& n : j) out.push_back(node(n, depth + 1));
  return out;
}

ast::Node Compiler::node(const json& j, int depth) const {
  using N = ast::NodeKind;
  ast::Node n;
  const std::string kind = str(j, "kind");
  if (kind == "text") {
    n.kind = N::Text;
    n.text = str(j, "text");
  } else if (kind == "raw") {
    n.kind = N::Text;
    n.text = str(j, "text");
    n.origin = ast::TextOrigin::Raw;
    n.ws = ws(j, "ws");
    n.end_ws = ws(j, "end_ws");
  } else if (kind == "comment") {
    n.kind = N::Text;  // no text; dropped after whitespace handling
    n.origin = ast::TextOrigin::Comment;
    n.ws = ws(j, "ws");
  } else if (kind == "output") {
    n.kind = N::Output;
    n.expr = expr(key(j, "expr"));
    n.ws = ws(j, "ws");
  } else if (kind == "if") {
    n.kind = N::If;
    for (const json& b : array(j, "branches")) {
      ast::Branch branch;
      branch.condition = optional_expr(key(b, "condition"), 0);
      branch.ws = ws(b, "ws");
      branch.body = nodes(key(b, "body"), depth);
      n.branches.push_back(std::move(branch));
    }
    n.end_ws = ws(j, "end_ws");
  } else if (kind == "for") {
    n.kind = N::For;
    for (const json& t : array(j, "targets")) {
      if (!t.is_string()) fail("a loop target is not a string");
      n.targets.push_back(t.get<std::string>());
    }
    if (n.targets.empty()) fail("a for loop has no target");
    n.expr = expr(key(j, "iterable"));
    n.filter = optional_expr(key(j, "filter"), 0);
    const json& rec = key(j, "recursive");
    if (!rec.is_boolean()) fail("\"recursive\" is not a boolean");
    n.recursive = rec.get<bool>();
    n.ws = ws(j, "ws");
    n.body = nodes(key(j, "body"), depth);
    n.else_ws = ws(j, "else_ws");
    const json& else_body = array(j, "else_body");
    // An `{% else %}` with default whitespace and no body changes nothing: treat it as absent.
    n.has_else_tag = !else_body.empty() || n.else_ws.before != Ws::Default || n.else_ws.after != Ws::Default;
    n.else_body = nodes(else_body, depth);
    n.end_ws = ws(j, "end_ws");
  } else if (kind == "set") {
    n.text = str(j, "target");
    const json& attr = key(j, "attribute");
    auto unpack = j.find("targets");
    if (unpack != j.end() && unpack->is_array()) {
      n.kind = N::SetUnpack;
      for (const json& t : *unpack) {
        if (!t.is_string()) fail("a set target is not a name");
        n.targets.push_back(t.get<std::string>());
      }
    } else if (attr.is_string()) {
      n.kind = N::SetAttribute;
      n.attribute = attr.get<std::string>();
    } else {
      n.kind = N::Set;
    }
    n.expr = expr(key(j, "value"));
    n.ws = ws(j, "ws");
  } else if (kind == "set_block") {
    n.kind = N::SetBlock;
    n.text = str(j, "target");
    n.ws = ws(j, "ws");
    n.body = nodes(key(j, "body"), depth);
    n.end_ws = ws(j, "end_ws");
  } else if (kind == "break" || kind == "continue") {
    n.kind = kind == "break" ? N::Break : N::Continue;
    n.ws = ws(j, "ws");
  } else {
    fail("unknown node kind \"" + kind + "\"");
  }
  return n;
}

}  // namespace
}  // namespace baml::tmpl

namespace baml::tmpl {

std::shared_ptr<const Template> compile_template(const nlohmann::json& ir_template, const std::string& where,
                                                 TemplateRole role) {
  Compiler c(where);
  const nlohmann::json& dedent = c.key(ir_template, "dedent");
  if (!dedent.is_number_integer() || dedent.get<std::int64_t>() < 0) c.fail("\"dedent\" is not a non-negative integer");
  auto t = std::make_shared<Template>();
  t->nodes = c.nodes(c.key(ir_template, "nodes"), 0);
  apply_whitespace(t->nodes, dedent.get<std::size_t>(), role == TemplateRole::TemplateString);
  return t;
}

std::shared_ptr<const Expression> compile_expression(const nlohmann::json& ir_expression, const std::string& where) {
  Compiler c(where);
  auto e = std::make_shared<Expression>();
  e->expr = c.expr(ir_expression);
  return e;
}

}  // namespace baml::tmpl
