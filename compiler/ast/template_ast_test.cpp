// Boxed<T>, which keeps template nodes small: an empty box reads as a default T (as the plain
// member it replaced did), writing through it fills it, and copies are deep.
#include "compiler/ast/template_ast.h"

#include <doctest/doctest.h>

#include <utility>

using bamlc::ast::Boxed;
using bamlc::ast::TemplateExpr;
using bamlc::ast::TemplateExprKind;
using bamlc::ast::TemplateNode;

TEST_CASE("Boxed reads empty as a default value, fills on write, and copies deeply") {
  Boxed<TemplateExpr> empty;
  CHECK(empty->kind == TemplateExprKind::Invalid);
  CHECK((*empty).text.empty());

  Boxed<TemplateExpr> box;
  box->kind = TemplateExprKind::Variable;  // writing makes one
  box->text = "x";
  Boxed<TemplateExpr> copy = box;
  copy->text = "y";
  CHECK(box->text == "x");
  CHECK(copy->text == "y");

  TemplateExpr e;
  e.kind = TemplateExprKind::Int;
  e.int_value = 7;
  box = e;
  CHECK(box->int_value == 7);
  Boxed<TemplateExpr> moved = std::move(box);
  CHECK(moved->int_value == 7);

  const Boxed<TemplateExpr> still_empty;
  CHECK(still_empty->kind == TemplateExprKind::Invalid);  // const reads never allocate

  TemplateNode text_node;
  CHECK(text_node.expr->kind == TemplateExprKind::Invalid);
  CHECK(sizeof(TemplateNode) <= 176);  // a long prompt is millions of these
}
