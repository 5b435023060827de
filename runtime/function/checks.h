// @check / @assert: each check's expression compiled once, and the checks of a value evaluated
// by walking it along its type (fields, classes, list items, map values, the union member the
// value is), with `this` bound to the checked value. A check whose expression fails to evaluate
// counts as failed.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <baml/functions.h>

#include "template/template.h"
#include "value/types.h"

namespace baml::fn {

// The compiled expression of every check of a program, by the check it belongs to.
using CompiledChecks = std::map<const ir::Check*, std::shared_ptr<const tmpl::Expression>>;

// Compiles every check of the classes, fields and aliases of `types` and of `parameters`,
// including the checks on the types they are declared with.
void compile_checks(const ir::TypeSystem& types, CompiledChecks& out);
void compile_checks(const std::vector<ir::Parameter>& parameters, CompiledChecks& out);
// Compiles the checks of `type` and of the types inside it (a function's return type). The
// type must outlive `out`: checks are keyed by address.
void compile_checks(const ir::Type& type, CompiledChecks& out, const std::string& where);

// The results of every check on `value`, in the order of a walk of the value. `partial`: the
// value of a stream so far (fields not yet arrived are not checked, field @asserts wait for the
// final answer).
std::vector<CheckResult> evaluate_checks(const Value& value, const ir::Type& type, const ir::TypeSystem& types,
                                         const CompiledChecks& compiled, bool partial = false);

// Throws ValidationError naming the first failed @assert of `results`.
void throw_failed_assert(const std::vector<CheckResult>& results, const std::string& raw_text);

// The parameters' @check/@assert on the arguments; a failed @assert is an InvalidArgumentError.
void check_parameters(const Args& args, const std::vector<ir::Parameter>& parameters, const ir::TypeSystem& types,
                      const CompiledChecks& compiled);

}  // namespace baml::fn
