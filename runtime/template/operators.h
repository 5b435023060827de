// Jinja's operators on JValues with minijinja's semantics: equality (numbers across int and
// float, an enum value equal to the string of its name), ordering, `in`, arithmetic (`/` always
// float, `//` and `%` floored like Python, `**` of ints stays an int), and truthiness.
#pragma once

#include "template/ast.h"
#include "template/jvalue.h"

namespace baml::tmpl {

class Evaluator;

bool values_equal(const JValue& a, const JValue& b);
// Negative, zero or positive. Values of different kinds order by kind.
int compare_values(const JValue& a, const JValue& b);
bool contains(Evaluator& ev, const JValue& container, const JValue& item);
// Every binary operator but `and` and `or` (evaluate short-circuits those).
JValue binary_op(Evaluator& ev, ast::BinaryOp op, const JValue& a, const JValue& b);
bool is_truthy(const JValue& v);

}  // namespace baml::tmpl
