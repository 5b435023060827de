// Type-checks one template or one check expression against the names it can see: variables
// must exist (or be set before, in scope), fields must exist on the classes they are read from,
// filters and tests must be known, template_strings get the right arguments, `ctx`, `_` and
// `loop` are used as BAML defines them. Every problem is reported at the exact span of the
// offending name; what the checker cannot know is let through.
#pragma once

#include <map>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "compiler/ast/template_ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/model/program.h"
#include "compiler/sema/template_types.h"

namespace bamlc::sema {

// A name a template sees from outside: a parameter, `ctx`, `_`, `this`.
struct TemplateRoot {
  std::string name;
  TemplateValue value;
};

// What a template sees besides its roots: prompts and template_string bodies also see the
// project's template_strings and enums (BAML makes them globals); check expressions do not.
enum class TemplateScope { Prompt, Check };

class TemplateTyper {
 public:
  // The program's template_strings must all be in it: their names are indexed here.
  TemplateTyper(const model::Program& program, DiagnosticSink& diags);

  void check(const ast::Template& tmpl, std::vector<TemplateRoot> roots, TemplateScope scope);
  void check(const ast::TemplateExpr& expr, std::vector<TemplateRoot> roots, TemplateScope scope);

 private:
  struct Variable {
    std::string name;
    TemplateValue value;
    Span defined_at;  // of a `set`; invalid for roots and loop variables
  };

  void start(std::vector<TemplateRoot> roots, TemplateScope scope);
  void nodes(const std::vector<ast::TemplateNode>& list);
  void node(const ast::TemplateNode& node);
  void for_loop(const ast::TemplateNode& node);

  TemplateValue expr(const ast::TemplateExpr& e);
  TemplateValue variable(const ast::TemplateExpr& e, bool called = false);
  TemplateValue attribute(const TemplateValue& object, const ast::TemplateExpr& e, bool called);
  TemplateValue index(const ast::TemplateExpr& e);
  TemplateValue call(const ast::TemplateExpr& e);
  TemplateValue filter(const ast::TemplateExpr& e);
  TemplateValue test(const ast::TemplateExpr& e);
  void arguments(const std::vector<ast::TemplateArg>& args);

  TemplateValue lookup_in(std::span<const std::string_view> names, const ast::Name& member, std::string_view owner,
                          TemplateValue result);

  void define(const ast::Name& name, TemplateValue value, bool from_set);
  const TemplateValue* find(std::string_view name) const;
  // `read`: the name is only read (not called, not set into), which renders as nothing in a
  // prompt, so it is warning W0704 there rather than error E0711.
  void report_unknown_variable(const ast::TemplateExpr& e, bool read);
  // Whether a missing name or attribute read here only warns (W0704): in a prompt, BAML renders
  // an undefined value as nothing and baml-cli only warns; what fails at every render (a call,
  // a method, a filter) stays an error.
  bool reads_undefined(bool called) const { return scope_ == TemplateScope::Prompt && !called; }

  const model::Program& program_;
  DiagnosticSink& diags_;
  TemplateTypes types_;
  std::unordered_map<std::string_view, TemplateValue> program_names_;  // template_strings, enums
  std::unordered_map<std::string_view, TemplateValue> global_names_;   // range, dict, namespace, ...
  TemplateScope scope_ = TemplateScope::Prompt;
  std::vector<std::vector<Variable>> frames_;  // [0]: the roots; one more per open `for`
  std::map<std::string, Span> ended_;          // set inside a loop that has ended
};

// `p.address.city`, `xs[...]`: how an expression is named in a message.
std::string expression_path(const ast::TemplateExpr& e);

}  // namespace bamlc::sema
