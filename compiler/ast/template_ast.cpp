// Names of template AST enumerators, shared by messages and the IR writer so that both spell
// an operator the way the template does.
#include "compiler/ast/template_ast.h"

namespace bamlc::ast {

std::string_view template_expr_kind_name(TemplateExprKind kind) {
  switch (kind) {
    case TemplateExprKind::Variable: return "variable";
    case TemplateExprKind::String: return "string";
    case TemplateExprKind::Int: return "int";
    case TemplateExprKind::Float: return "float";
    case TemplateExprKind::Bool: return "bool";
    case TemplateExprKind::None: return "none";
    case TemplateExprKind::List: return "list";
    case TemplateExprKind::Tuple: return "tuple";
    case TemplateExprKind::Dict: return "dict";
    case TemplateExprKind::Attribute: return "attribute";
    case TemplateExprKind::Index: return "index";
    case TemplateExprKind::Slice: return "slice";
    case TemplateExprKind::Call: return "call";
    case TemplateExprKind::Filter: return "filter";
    case TemplateExprKind::Test: return "test";
    case TemplateExprKind::Unary: return "unary";
    case TemplateExprKind::Binary: return "binary";
    case TemplateExprKind::Conditional: return "conditional";
    case TemplateExprKind::Omitted: return "omitted";
    case TemplateExprKind::Invalid: return "invalid";
  }
  return "invalid";
}

std::string_view binary_op_spelling(BinaryOp op) {
  switch (op) {
    case BinaryOp::Or: return "or";
    case BinaryOp::And: return "and";
    case BinaryOp::Equal: return "==";
    case BinaryOp::NotEqual: return "!=";
    case BinaryOp::Less: return "<";
    case BinaryOp::LessEqual: return "<=";
    case BinaryOp::Greater: return ">";
    case BinaryOp::GreaterEqual: return ">=";
    case BinaryOp::In: return "in";
    case BinaryOp::NotIn: return "not in";
    case BinaryOp::Add: return "+";
    case BinaryOp::Subtract: return "-";
    case BinaryOp::Concat: return "~";
    case BinaryOp::Multiply: return "*";
    case BinaryOp::Divide: return "/";
    case BinaryOp::FloorDivide: return "//";
    case BinaryOp::Modulo: return "%";
    case BinaryOp::Power: return "**";
  }
  return "?";
}

std::string_view unary_op_spelling(UnaryOp op) {
  switch (op) {
    case UnaryOp::Not: return "not";
    case UnaryOp::Negate: return "-";
    case UnaryOp::Plus: return "+";
  }
  return "?";
}

}  // namespace bamlc::ast
