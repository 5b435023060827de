// Template AST to JSON, one object per node or expression, each with a "kind". Absent parts
// (a slice bound, an `else`, a loop filter) are null rather than missing, so the runtime reads
// every key of a kind unconditionally. Spans are not written: the runtime reports render
// errors by function name, and the checker has already located every mistake it could find.
#include "compiler/ir/template_json.h"

#include <utility>

namespace bamlc::ir {
namespace {

using nlohmann::json;
using Kind = ast::TemplateExprKind;

std::string_view control_name(ast::WhitespaceControl control) {
  switch (control) {
    case ast::WhitespaceControl::Default: return "default";
    case ast::WhitespaceControl::Trim: return "trim";
    case ast::WhitespaceControl::Keep: return "keep";
  }
  return "default";
}

json whitespace(const ast::TagWhitespace& ws) {
  return {{"before", control_name(ws.before)}, {"after", control_name(ws.after)}};
}

json optional_expr(const ast::TemplateExpr& e) {
  return e.kind == Kind::Omitted ? json(nullptr) : template_expr_to_json(e);
}

json exprs(const std::vector<ast::TemplateExpr>& list, std::size_t from = 0) {
  json out = json::array();
  for (std::size_t i = from; i < list.size(); ++i) out.push_back(template_expr_to_json(list[i]));
  return out;
}

json args(const std::vector<ast::TemplateArg>& list) {
  json out = json::array();
  for (const ast::TemplateArg& a : list) {
    out.push_back({{"name", a.keyword.text.empty() ? json(nullptr) : json(a.keyword.text)},
                   {"value", template_expr_to_json(a.value)}});
  }
  return out;
}

json nodes(const std::vector<ast::TemplateNode>& list);

json node(const ast::TemplateNode& n) {
  using NodeKind = ast::TemplateNodeKind;
  switch (n.kind) {
    case NodeKind::Text: return {{"kind", "text"}, {"text", n.text}};
    case NodeKind::Raw:
      return {{"kind", "raw"},
              {"text", n.text},
              {"ws", whitespace(n.whitespace)},
              {"end_ws", whitespace(n.end_whitespace)}};
    case NodeKind::Comment: return {{"kind", "comment"}, {"ws", whitespace(n.whitespace)}};
    case NodeKind::Output:
      return {{"kind", "output"}, {"expr", template_expr_to_json(*n.expr)}, {"ws", whitespace(n.whitespace)}};
    case NodeKind::If: {
      json branches = json::array();
      for (const ast::IfBranch& b : n.branches) {
        branches.push_back(
            {{"condition", optional_expr(b.condition)}, {"body", nodes(b.body)}, {"ws", whitespace(b.whitespace)}});
      }
      return {{"kind", "if"}, {"branches", std::move(branches)}, {"end_ws", whitespace(n.end_whitespace)}};
    }
    case NodeKind::For: {
      json targets = json::array();
      for (const ast::Name& t : n.targets) targets.push_back(t.text);
      return {{"kind", "for"},
              {"targets", std::move(targets)},
              {"iterable", template_expr_to_json(*n.expr)},
              {"filter", optional_expr(*n.filter)},
              {"recursive", n.recursive},
              {"body", nodes(n.body)},
              {"else_body", nodes(n.else_body)},
              {"ws", whitespace(n.whitespace)},
              {"else_ws", whitespace(n.else_whitespace)},
              {"end_ws", whitespace(n.end_whitespace)}};
    }
    case NodeKind::Set: {
      json unpack = nullptr;
      if (n.unpack) {
        unpack = json::array();
        for (const ast::Name& name : n.targets) unpack.push_back(name.text);
      }
      return {{"kind", "set"},
              {"target", n.targets.empty() ? "" : n.targets[0].text},
              {"attribute", n.targets.size() > 1 && !n.unpack ? json(n.targets[1].text) : json(nullptr)},
              {"targets", std::move(unpack)},
              {"value", template_expr_to_json(*n.expr)},
              {"ws", whitespace(n.whitespace)}};
    }
    case NodeKind::SetBlock:
      return {{"kind", "set_block"},
              {"target", n.targets.empty() ? "" : n.targets[0].text},
              {"body", nodes(n.body)},
              {"ws", whitespace(n.whitespace)},
              {"end_ws", whitespace(n.end_whitespace)}};
    case NodeKind::Break: return {{"kind", "break"}, {"ws", whitespace(n.whitespace)}};
    case NodeKind::Continue: return {{"kind", "continue"}, {"ws", whitespace(n.whitespace)}};
  }
  return {};
}

json nodes(const std::vector<ast::TemplateNode>& list) {
  json out = json::array();
  for (const ast::TemplateNode& n : list) out.push_back(node(n));
  return out;
}

}  // namespace

json template_expr_to_json(const ast::TemplateExpr& e) {
  switch (e.kind) {
    case Kind::Variable: return {{"kind", "var"}, {"name", e.text}};
    case Kind::String: return {{"kind", "string"}, {"value", e.text}};
    case Kind::Int: return {{"kind", "int"}, {"value", e.int_value}};
    case Kind::Float: return {{"kind", "float"}, {"value", e.float_value}};
    case Kind::Bool: return {{"kind", "bool"}, {"value", e.bool_value}};
    // BAML's minijinja has no `null` literal: `null` is an undefined variable (it prints
    // nothing, `null is none` is false), and consumers such as ctx.output_format take it as none.
    case Kind::None:
      if (e.text == "null") return {{"kind", "var"}, {"name", "null"}};
      return {{"kind", "none"}};
    case Kind::List: return {{"kind", "list"}, {"items", exprs(e.operands)}};
    case Kind::Tuple: return {{"kind", "tuple"}, {"items", exprs(e.operands)}};
    case Kind::Dict: {
      json entries = json::array();
      for (std::size_t i = 0; i + 1 < e.operands.size(); i += 2) {
        entries.push_back(
            json::array({template_expr_to_json(e.operands[i]), template_expr_to_json(e.operands[i + 1])}));
      }
      return {{"kind", "dict"}, {"entries", std::move(entries)}};
    }
    case Kind::Attribute:
      return {{"kind", "attr"}, {"object", template_expr_to_json(e.operands[0])}, {"name", e.member.text}};
    case Kind::Index:
      return {{"kind", "index"},
              {"object", template_expr_to_json(e.operands[0])},
              {"index", template_expr_to_json(e.operands[1])}};
    case Kind::Slice:
      return {{"kind", "slice"},
              {"object", template_expr_to_json(e.operands[0])},
              {"start", optional_expr(e.operands[1])},
              {"stop", optional_expr(e.operands[2])},
              {"step", optional_expr(e.operands[3])}};
    case Kind::Call:
      return {{"kind", "call"}, {"callee", template_expr_to_json(e.operands[0])}, {"args", args(e.args)}};
    case Kind::Filter:
      return {{"kind", "filter"},
              {"value", template_expr_to_json(e.operands[0])},
              {"name", e.member.text},
              {"args", args(e.args)}};
    case Kind::Test:
      return {{"kind", "test"},
              {"value", template_expr_to_json(e.operands[0])},
              {"name", e.member.text},
              {"negated", e.negated},
              {"args", args(e.args)}};
    case Kind::Unary:
      return {{"kind", "unary"},
              {"op", ast::unary_op_spelling(e.unary_op)},
              {"operand", template_expr_to_json(e.operands[0])}};
    case Kind::Binary:
      return {{"kind", "binary"},
              {"op", ast::binary_op_spelling(e.binary_op)},
              {"left", template_expr_to_json(e.operands[0])},
              {"right", template_expr_to_json(e.operands[1])}};
    case Kind::Conditional:
      return {{"kind", "cond"},
              {"then", template_expr_to_json(e.operands[0])},
              {"condition", template_expr_to_json(e.operands[1])},
              {"else", e.operands.size() > 2 ? template_expr_to_json(e.operands[2]) : json(nullptr)}};
    case Kind::Omitted: return nullptr;
    case Kind::Invalid: return {{"kind", "invalid"}};
  }
  return nullptr;
}

json template_to_json(const ast::Template& tmpl) {
  return {{"dedent", tmpl.dedent}, {"nodes", nodes(tmpl.nodes)}};
}

}  // namespace bamlc::ir
