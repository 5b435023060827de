// What each template sees. A prompt sees its function's parameters, `ctx`, `_`, the
// template_strings, the enums (BAML adds each as a global) and minijinja's global functions; a
// template_string's body the same with its own parameters; a @check or @assert only `this`
// (and minijinja's globals), as BAML renders those expressions with `this` alone; a test's
// check also `_` (`_.result`, `_.checks.NAME`, `_.latency_ms`).
#include "compiler/sema/template_check.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "compiler/sema/checked_parameters.h"
#include "compiler/sema/template_typer.h"
#include "compiler/sema/types.h"
#include "compiler/syntax/template_parser.h"

namespace bamlc::sema {
namespace {

std::vector<TemplateRoot> prompt_roots(const std::vector<model::Parameter>& parameters) {
  std::vector<TemplateRoot> roots;
  roots.push_back(TemplateRoot{"ctx", TemplateValue::of(TemplateValueKind::Ctx)});
  roots.push_back(TemplateRoot{"_", TemplateValue::of(TemplateValueKind::RoleHelper)});
  // Parameters last: a parameter named like `ctx` hides it, as in BAML.
  for (const model::Parameter& p : parameters) roots.push_back(TemplateRoot{p.name, TemplateValue::data(p.type)});
  return roots;
}

std::vector<TemplateRoot> check_roots(const model::Type& this_type) {
  return {TemplateRoot{"this", TemplateValue::data(this_type)}};
}

model::Type named_type(model::TypeKind kind, const std::string& name, Span span) {
  model::Type type;
  type.kind = kind;
  type.name = name;
  type.span = span;
  return type;
}

class TemplateChecker {
 public:
  explicit TemplateChecker(Context& ctx) : ctx_(ctx) {}

  void run() {
    collect_template_strings();
    typer_.emplace(ctx_.program, ctx_.diags);  // indexes the template_strings just collected
    for (model::TemplateString& ts : ctx_.program.template_strings) {
      if (!ts.body_span.valid()) continue;
      ts.body_template = parse_template(ts.body, ts.body_span, ctx_.diags);
      typer_->check(*ts.body_template, prompt_roots(ts.parameters), TemplateScope::Prompt);
    }
    for (model::Function& function : ctx_.program.functions) {
      if (function.prompt_span.valid()) {
        function.prompt_template = parse_template(function.prompt, function.prompt_span, ctx_.diags);
        typer_->check(*function.prompt_template, prompt_roots(function.parameters), TemplateScope::Prompt);
      }
      for (model::Parameter& p : function.parameters) {
        for (model::Check& check : p.checks) check_expression(check, check_roots(p.type));
        check_type(p.type);
      }
      check_type(function.return_type);
    }
    for (model::TemplateString& ts : ctx_.program.template_strings) {
      for (model::Parameter& p : ts.parameters) check_type(p.type);
    }
    for (model::Class& cls : ctx_.program.classes) {
      for (model::Field& field : cls.fields) {
        for (model::Check& check : field.checks) check_expression(check, check_roots(field.type));
        check_type(field.type);
      }
      const model::Type self = named_type(model::TypeKind::Class, cls.name, cls.span);
      for (model::Check& check : cls.checks) check_expression(check, check_roots(self));
    }
    for (model::TypeAlias& alias : ctx_.program.aliases) {
      for (model::Check& check : alias.checks) check_expression(check, check_roots(alias.target));
      check_type(alias.target);
    }
    for (model::Test& test : ctx_.program.tests) check_test(test);
  }

 private:
  void collect_template_strings() {
    const CheckedTypes checked(ctx_.program);
    ctx_.for_each<ast::TemplateStringDecl>([&](const ast::TemplateStringDecl& decl) {
      if (decl.name.text.empty()) return;
      // A second declaration of the name was reported by the symbol table; keep the first.
      if (ctx_.program.find_template_string(decl.name.text) != nullptr) return;
      model::TemplateString ts;
      ts.name = decl.name.text;
      ts.span = decl.span;
      for (const ast::Parameter& parameter : decl.parameters) {
        if (parameter.name.text.empty()) continue;
        const bool duplicate = std::any_of(ts.parameters.begin(), ts.parameters.end(),
                                           [&](const model::Parameter& p) { return p.name == parameter.name.text; });
        if (duplicate) {
          ctx_.diags
              .report(DiagKind::DuplicateParameter, parameter.name.span,
                      "parameter `" + parameter.name.text + "` is declared twice in template_string `" + ts.name + "`")
              .with_hint("rename one of them");
          continue;
        }
        model::Parameter p;
        p.name = parameter.name.text;
        p.type = resolve_type(ctx_, parameter.type);
        p.span = parameter.name.span;
        check_parameter_type_unchecked(ctx_, checked, p, parameter.type.span, "template_string `" + ts.name + "`");
        ts.parameters.push_back(std::move(p));
      }
      if (decl.body.kind == ast::ValueKind::RawString || decl.body.kind == ast::ValueKind::String) {
        ts.body = decl.body.text;
        ts.body_span = decl.body.content_span;
      }
      ctx_.program.template_strings.push_back(std::move(ts));
    });
  }

  void check_expression(model::Check& check, std::vector<TemplateRoot> roots) {
    if (!check.span.valid()) return;
    std::optional<ast::TemplateExpr> parsed = parse_template_expression(check.expression, check.span, ctx_.diags);
    if (!parsed) return;
    typer_->check(*parsed, std::move(roots), TemplateScope::Check);
    check.parsed = std::make_shared<const ast::TemplateExpr>(std::move(*parsed));
  }

  // The checks of a grouped type (`-> int @check(...)`, `(Item @assert(...))[]`) and of the
  // types inside it; `this` is the type's value.
  void check_type(model::Type& type, int depth = 0) {
    if (depth > 200) return;  // the parser limits nesting well below this
    for (model::Check& check : type.checks) check_expression(check, check_roots(type));
    for (model::Type& child : type.children) check_type(child, depth + 1);
  }

  // `this` and `_.result` are what the test's functions return (they share a signature);
  // `_.checks` holds the named checks written before the one being checked.
  void check_test(model::Test& test) {
    model::Type result;  // Error: unknown, so nothing about it is reported
    for (const std::string& name : test.functions) {
      if (const model::Function* f = ctx_.program.find_function(name)) {
        result = f->return_type;
        break;
      }
    }
    std::vector<std::string> earlier;
    for (model::Check& check : test.checks) {
      std::vector<TemplateRoot> roots = check_roots(result);
      roots.push_back(TemplateRoot{"_", TemplateValue{TemplateValueKind::TestHelper, result, {}, earlier}});
      check_expression(check, std::move(roots));
      if (!check.name.empty()) earlier.push_back(check.name);
    }
  }

  Context& ctx_;
  std::optional<TemplateTyper> typer_;
};

}  // namespace

void check_templates(Context& ctx) {
  TemplateChecker(ctx).run();
}

}  // namespace bamlc::sema
