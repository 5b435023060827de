// The state of one render or one check evaluation: the Environment, the scopes, the output's
// marker tables and the budget of Limits. Expressions are evaluated in expressions.cpp, nodes
// rendered in render.cpp; filters, tests, methods and globals call back into it.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "template/ast.h"
#include "template/object.h"
#include "template/printing.h"
#include "template/template.h"

namespace baml::tmpl {

class Evaluator {
 public:
  Evaluator(const Environment& env, RenderOutput* output);

  enum class Flow { Normal, Break, Continue };

  // Appends the rendering of `nodes` to `out`.
  Flow render(const std::vector<ast::Node>& nodes, std::string& out);
  JValue eval(const ast::Expr& e);
  CallArgs eval_args(const std::vector<ast::Arg>& args);

  // Names: the innermost scope first, then the environment and the globals.
  JValue lookup(std::string_view name);
  void assign(std::string_view name, JValue value);

  // Runs a `for` loop over `iterable` at `depth` (1 for the loop itself, deeper for
  // `loop(children)` of a recursive loop), appending to `out`.
  void run_loop(const ast::Node& loop, const JValue& iterable, std::size_t depth, std::string& out);
  JValue call_macro(const Macro& macro, std::string_view name, const CallArgs& args);

  // Attribute and item access with BAML's lenient rules.
  JValue get_attr(const JValue& object, std::string_view name);
  JValue get_item(const JValue& object, const JValue& key);

  // Iteration: a sequence's items, a mapping's keys, a string's characters.
  JItems iterate(const JValue& v);

  const Environment& env() const { return env_; }
  const ir::TypeSystem* types() const { return env_.types; }
  JValue borrow(const Value& v) const { return JValue::borrow(v, env_.types); }
  const Printer& printer() const { return printer_; }
  std::string to_string(const JValue& v) const;  // Jinja's str()
  RenderOutput* output() { return output_; }

  // Budget: every node, loop iteration and item a builtin walks is a step; every string built
  // must fit the output limit.
  void step(std::size_t n = 1);
  void check_size(std::size_t bytes) const;
  [[noreturn]] void fail(const std::string& message) const;

  // The value as a baml::Value (role metadata, output_format options, check results).
  Value to_value(const JValue& v) const;

 private:
  struct Binding {
    std::string_view name;
    JValue value;
  };
  using Frame = std::vector<Binding>;

  JValue lookup_global(std::string_view name);
  JValue call(const ast::Expr& e);
  JValue eval_slice(const ast::Expr& e);
  void output_value(const JValue& v, std::string& out);
  void bind_targets(Frame& frame, const std::vector<std::string>& targets, const JValue& item);

  const Environment& env_;
  RenderOutput* output_;
  Printer printer_;
  std::vector<Frame> frames_;
  std::size_t base_ = 0;  // the first frame the current macro body sees
  std::size_t steps_ = 0;
  std::size_t output_bytes_ = 0;
  std::size_t call_depth_ = 0;
  std::size_t expr_depth_ = 0;
  JValue ctx_, role_helper_;
  std::vector<std::pair<std::string_view, JValue>> global_cache_;

  friend struct DepthGuard;
};

}  // namespace baml::tmpl
