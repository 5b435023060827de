// The `@@check` / `@@assert` expressions of a `test` block (TESTING.md, "Check expressions"),
// compiled once from the IR's test `checks` and evaluated on a function's result by the same
// template evaluator as prompts. An expression sees `this` and `_.result` (the value),
// `_.checks.NAME` (whether the value's own @check NAME held, then each test @@check evaluated
// before it) and `_.latency_ms` (the call's duration). Every @@check is evaluated before the
// @@asserts, so an assert may name any check of its test.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <baml/functions.h>
#include <baml/value.h>

namespace baml {

struct TestCheckOutcome {
  std::string name;        // may be empty for an unnamed @@assert
  std::string expression;  // as written between {{ }}
  bool is_assert = false;
  bool passed = false;
  std::string error;  // why the expression could not be evaluated (it then counts as failed)
  // The operands of the comparisons in the expression and what they evaluated to (JSON text), so
  // a failure reads `this.name == "Ann"` with `this.name = "Bob"`.
  std::vector<std::pair<std::string, std::string>> operands;
};

class TestChecks {
 public:
  TestChecks() = default;
  // `checks`: a test's `checks` array from the IR (docs/ir.md), each with its `expression_ast`.
  // Throws ConfigError when one is not an expression of the IR.
  static TestChecks compile(const Program& program, const nlohmann::json& checks);

  bool empty() const;
  // In declaration order.
  std::vector<TestCheckOutcome> evaluate(const Value& result, const std::vector<CheckResult>& value_checks,
                                         std::chrono::milliseconds latency) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace baml
