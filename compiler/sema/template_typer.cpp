// The template checker's walk. Scoping follows minijinja: `{% if %}` opens no scope (a `set` in
// a branch is visible after the `endif`), a `{% for %}` does (its targets, `loop` and what is
// `set` inside end with the loop). What a value is and which attributes it has is
// template_types.cpp's business; the arguments of the calls BAML gives meaning to
// (template_strings, `_.role`, `ctx.output_format`, some filters) are template_calls.cpp's.
#include "compiler/sema/template_typer.h"

#include <algorithm>
#include <span>

#include "compiler/base/spelling.h"
#include "compiler/sema/template_builtins.h"
#include "compiler/sema/template_calls.h"

namespace bamlc::sema {
namespace {

using Kind = ast::TemplateExprKind;
using model::TypeKind;

bool contains(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  if (auto guess = closest_match(word, candidates)) return "did you mean `" + *guess + "`?";
  return {};
}

}  // namespace

std::string expression_path(const ast::TemplateExpr& e) {
  switch (e.kind) {
    case Kind::Variable: return e.text;
    case Kind::Attribute: return expression_path(e.operands[0]) + "." + e.member.text;
    case Kind::Index:
    case Kind::Slice: return expression_path(e.operands[0]) + "[...]";
    case Kind::Call: return expression_path(e.operands[0]) + "(...)";
    case Kind::Filter: return expression_path(e.operands[0]) + " | " + e.member.text;
    case Kind::String:
    case Kind::Int:
    case Kind::Float:
    case Kind::Bool:
    case Kind::None:
    case Kind::List:
    case Kind::Tuple:
    case Kind::Dict:
    case Kind::Test:
    case Kind::Unary:
    case Kind::Binary:
    case Kind::Conditional:
    case Kind::Omitted:
    case Kind::Invalid: return "(...)";
  }
  return "(...)";
}

TemplateTyper::TemplateTyper(const model::Program& program, DiagnosticSink& diags)
    : program_(program), diags_(diags), types_(program) {
  for (std::string_view name : kTemplateGlobals) {
    global_names_.emplace(name, TemplateValue::of(TemplateValueKind::Global, std::string(name)));
  }
  for (const model::Enum& en : program.enums) {
    program_names_.emplace(en.name, TemplateValue::of(TemplateValueKind::EnumType, en.name));
  }
  for (const model::TemplateString& ts : program.template_strings) {
    program_names_.emplace(ts.name, TemplateValue::of(TemplateValueKind::TemplateString, ts.name));
  }
}

void TemplateTyper::start(std::vector<TemplateRoot> roots, TemplateScope scope) {
  scope_ = scope;
  frames_.assign(1, {});
  ended_.clear();
  for (TemplateRoot& root : roots) frames_[0].push_back(Variable{std::move(root.name), std::move(root.value), {}});
}

void TemplateTyper::check(const ast::Template& tmpl, std::vector<TemplateRoot> roots, TemplateScope scope) {
  start(std::move(roots), scope);
  nodes(tmpl.nodes);
}

void TemplateTyper::check(const ast::TemplateExpr& e, std::vector<TemplateRoot> roots, TemplateScope scope) {
  start(std::move(roots), scope);
  expr(e);
}

void TemplateTyper::nodes(const std::vector<ast::TemplateNode>& list) {
  for (const ast::TemplateNode& n : list) node(n);
}

void TemplateTyper::node(const ast::TemplateNode& n) {
  switch (n.kind) {
    case ast::TemplateNodeKind::Text:
    case ast::TemplateNodeKind::Raw:
    case ast::TemplateNodeKind::Comment:
    case ast::TemplateNodeKind::Break:
    case ast::TemplateNodeKind::Continue: return;
    case ast::TemplateNodeKind::Output: {
      const TemplateValue value = expr(*n.expr);
      if (n.expr->kind == Kind::Variable && value.kind == TemplateValueKind::TemplateString) {
        const model::TemplateString* callee = types_.find_template_string(value.name);
        const bool takes_none = callee != nullptr && callee->parameters.empty();
        diags_
            .report(DiagKind::TemplateStringNotCalled, n.expr->span,
                    "`" + value.name + "` is a template_string, and is rendered only when called")
            .with_hint(takes_none ? "write `{{ " + value.name + "() }}`"
                                  : "call it with its arguments: `{{ " + value.name + "(...) }}`");
      }
      return;
    }
    case ast::TemplateNodeKind::If:
      for (const ast::IfBranch& branch : n.branches) {
        expr(branch.condition);
        nodes(branch.body);
      }
      return;
    case ast::TemplateNodeKind::For: for_loop(n); return;
    case ast::TemplateNodeKind::Set: {
      TemplateValue value = expr(*n.expr);
      if (n.unpack) {
        for (const ast::Name& target : n.targets) define(target, TemplateValue::unknown(), true);
      } else if (n.targets.size() == 1) {
        define(n.targets[0], std::move(value), true);
      } else if (!n.targets.empty() && find(n.targets[0].text) == nullptr) {
        // `set ns.attr = ...` writes into a namespace that must exist.
        ast::TemplateExpr target;
        target.kind = Kind::Variable;
        target.text = n.targets[0].text;
        target.span = n.targets[0].span;
        report_unknown_variable(target, false);
      }
      return;
    }
    case ast::TemplateNodeKind::SetBlock:
      nodes(n.body);
      if (!n.targets.empty()) define(n.targets[0], TemplateValue::primitive(TypeKind::String), true);
      return;
  }
}

void TemplateTyper::for_loop(const ast::TemplateNode& n) {
  const TemplateValue iterable = expr(*n.expr);
  frames_.emplace_back();
  if (n.targets.size() == 1) {
    TemplateValue item =
        iterable.kind == TemplateValueKind::Data ? types_.item(iterable.type) : TemplateValue::unknown();
    define(n.targets[0], std::move(item), false);
  } else {
    // `for k, v in m.items()`: the pairs of a map; anything else unpacks into unknowns.
    std::optional<std::pair<model::Type, model::Type>> pair;
    if (iterable.kind == TemplateValueKind::MapItems) pair = types_.map_types(iterable.type);
    for (std::size_t i = 0; i < n.targets.size(); ++i) {
      TemplateValue value = TemplateValue::unknown();
      if (pair && n.targets.size() == 2) value = TemplateValue::data(i == 0 ? pair->first : pair->second);
      define(n.targets[i], std::move(value), false);
    }
  }
  ast::Name loop{"loop", {}};
  define(loop, TemplateValue::of(TemplateValueKind::Loop), false);
  expr(*n.filter);
  nodes(n.body);
  for (const Variable& v : frames_.back()) {
    if (v.defined_at.valid()) ended_.emplace(v.name, v.defined_at);
  }
  frames_.pop_back();
  nodes(n.else_body);  // runs outside the loop's scope
}

void TemplateTyper::define(const ast::Name& name, TemplateValue value, bool from_set) {
  if (name.text.empty()) return;
  std::vector<Variable>& frame = frames_.back();
  auto it = std::find_if(frame.begin(), frame.end(), [&](const Variable& v) { return v.name == name.text; });
  Variable v{name.text, std::move(value), from_set ? name.span : Span{}};
  if (it != frame.end()) {
    *it = std::move(v);
  } else {
    frame.push_back(std::move(v));
  }
}

const TemplateValue* TemplateTyper::find(std::string_view name) const {
  for (auto frame = frames_.rbegin(); frame != frames_.rend(); ++frame) {
    for (const Variable& v : *frame) {
      if (v.name == name) return &v.value;
    }
  }
  if (scope_ == TemplateScope::Prompt) {
    if (auto it = program_names_.find(name); it != program_names_.end()) return &it->second;
  }
  auto it = global_names_.find(name);
  return it == global_names_.end() ? nullptr : &it->second;
}

TemplateValue TemplateTyper::expr(const ast::TemplateExpr& e) {
  switch (e.kind) {
    case Kind::Variable: return variable(e);
    case Kind::String: return TemplateValue::primitive(TypeKind::String);
    case Kind::Int: return TemplateValue::primitive(TypeKind::Int);
    case Kind::Float: return TemplateValue::primitive(TypeKind::Float);
    case Kind::Bool: return TemplateValue::primitive(TypeKind::Bool);
    case Kind::None:
    case Kind::Omitted:
    case Kind::Invalid: return TemplateValue::unknown();
    case Kind::List:
    case Kind::Tuple:
    case Kind::Dict:
      for (const ast::TemplateExpr& operand : e.operands) expr(operand);
      return TemplateValue::unknown();
    case Kind::Attribute: return attribute(expr(e.operands[0]), e, false);
    case Kind::Index: return index(e);
    case Kind::Slice: {
      TemplateValue sliced = expr(e.operands[0]);
      for (std::size_t i = 1; i < e.operands.size(); ++i) expr(e.operands[i]);
      return sliced.kind == TemplateValueKind::Data ? sliced : TemplateValue::unknown();
    }
    case Kind::Call: return call(e);
    case Kind::Filter: return filter(e);
    case Kind::Test: return test(e);
    case Kind::Unary:
      expr(e.operands[0]);
      return e.unary_op == ast::UnaryOp::Not ? TemplateValue::primitive(TypeKind::Bool) : TemplateValue::unknown();
    case Kind::Binary: {
      expr(e.operands[0]);
      expr(e.operands[1]);
      switch (e.binary_op) {
        case ast::BinaryOp::Equal:
        case ast::BinaryOp::NotEqual:
        case ast::BinaryOp::Less:
        case ast::BinaryOp::LessEqual:
        case ast::BinaryOp::Greater:
        case ast::BinaryOp::GreaterEqual:
        case ast::BinaryOp::In:
        case ast::BinaryOp::NotIn: return TemplateValue::primitive(TypeKind::Bool);
        case ast::BinaryOp::Concat: return TemplateValue::primitive(TypeKind::String);
        case ast::BinaryOp::Or:
        case ast::BinaryOp::And:
        case ast::BinaryOp::Add:
        case ast::BinaryOp::Subtract:
        case ast::BinaryOp::Multiply:
        case ast::BinaryOp::Divide:
        case ast::BinaryOp::FloorDivide:
        case ast::BinaryOp::Modulo:
        case ast::BinaryOp::Power: return TemplateValue::unknown();
      }
      return TemplateValue::unknown();
    }
    case Kind::Conditional:
      for (const ast::TemplateExpr& operand : e.operands) expr(operand);
      return TemplateValue::unknown();
  }
  return TemplateValue::unknown();
}

TemplateValue TemplateTyper::variable(const ast::TemplateExpr& e, bool called) {
  if (const TemplateValue* v = find(e.text)) return *v;
  report_unknown_variable(e, reads_undefined(called));
  return TemplateValue::unknown();
}

void TemplateTyper::report_unknown_variable(const ast::TemplateExpr& e, bool read) {
  const DiagKind kind = read ? DiagKind::TemplateReadsUndefined : DiagKind::UnknownTemplateVariable;
  const std::string renders = read ? "; it renders as nothing" : "";
  if (program_.find_function(e.text) != nullptr) {
    diags_.report(kind, e.span, "`" + e.text + "` is a function, not a template_string" + renders)
        .with_hint("templates can call template_strings; declare one to share template text");
    return;
  }
  Diagnostic& d = diags_.report(kind, e.span, "unknown variable `" + e.text + "`" + renders);
  if (auto ended = ended_.find(e.text); ended != ended_.end()) {
    d.with_note(ended->second, "`" + e.text + "` is set here, inside a `{% for %}` loop")
        .with_hint(
            "what a loop sets ends with the loop; to carry a value out, set an attribute of a "
            "`namespace()` made before it");
    return;
  }
  // Suggest among every visible name; list only the template's own (not every enum and global).
  std::vector<std::string_view> all, suggested;
  for (const auto& frame : frames_) {
    for (const Variable& v : frame) {
      all.push_back(v.name);
      suggested.push_back(v.name);
    }
  }
  if (scope_ == TemplateScope::Prompt) {
    for (const auto& [name, value] : program_names_) all.push_back(name);
  }
  for (const auto& [name, value] : global_names_) all.push_back(name);
  std::sort(all.begin() + static_cast<std::ptrdiff_t>(suggested.size()), all.end());  // hash order is not stable
  if (auto guess = closest_match(e.text, std::span<const std::string_view>(all))) {
    d.with_hint("did you mean `" + *guess + "`?");
  } else if (!suggested.empty()) {
    std::sort(suggested.begin(), suggested.end());
    suggested.erase(std::unique(suggested.begin(), suggested.end()), suggested.end());
    d.with_hint("the names in scope here are " + quoted_list(suggested));
  }
}

TemplateValue TemplateTyper::lookup_in(std::span<const std::string_view> names, const ast::Name& member,
                                       std::string_view owner, TemplateValue result) {
  if (contains(names, member.text)) return result;
  std::string hint = did_you_mean(member.text, names);
  if (hint.empty()) hint = "it has " + quoted_list(names);
  diags_
      .report(DiagKind::InvalidTemplateAttribute, member.span,
              std::string(owner) + " has no attribute `" + member.text + "`")
      .with_hint(hint);
  return TemplateValue::unknown();
}

TemplateValue TemplateTyper::attribute(const TemplateValue& object, const ast::TemplateExpr& e, bool called) {
  const ast::Name& member = e.member;
  switch (object.kind) {
    case TemplateValueKind::Unknown:
    case TemplateValueKind::Namespace:
    case TemplateValueKind::Global:
    case TemplateValueKind::MapItems:
    case TemplateValueKind::Method: return TemplateValue::unknown();
    case TemplateValueKind::Data: {
      AttributeLookup found = types_.attribute(object.type, member.text, called, expression_path(e.operands[0]));
      if (found.problem && scope_ == TemplateScope::Check && !called) {
        // baml-cli accepts a field that does not exist in a check (BAML's own validation tests
        // have `this.string` on a class without it): the check reads undefined there.
        diags_.report(DiagKind::CheckReadsUndefined, member.span, found.problem->message + "; the check reads it as undefined")
            .with_hint(found.problem->hint);
      } else if (found.problem && reads_undefined(called)) {
        diags_.report(DiagKind::TemplateReadsUndefined, member.span, found.problem->message + "; it renders as nothing")
            .with_hint(found.problem->hint);
      } else if (found.problem) {
        diags_.report(found.problem->kind, member.span, found.problem->message).with_hint(found.problem->hint);
      }
      return found.value;
    }
    case TemplateValueKind::Ctx:
      if (member.text == "client") return TemplateValue::of(TemplateValueKind::CtxClient);
      if (member.text == "output_format") return TemplateValue::of(TemplateValueKind::OutputFormat);
      return lookup_in(kCtxAttributes, member, "`ctx`", TemplateValue::unknown());
    case TemplateValueKind::CtxClient: {
      const bool text = member.text == "name" || member.text == "provider" || member.text == "default_role";
      return lookup_in(kCtxClientAttributes, member, "`ctx.client`",
                       text ? TemplateValue::primitive(TypeKind::String) : TemplateValue::unknown());
    }
    case TemplateValueKind::OutputFormat:
      diags_.report(DiagKind::InvalidTemplateAttribute, member.span, "`ctx.output_format` has no attributes")
          .with_hint(
              "render it with `{{ ctx.output_format }}`, or pass options: `{{ ctx.output_format(prefix=\"...\") }}`");
      return TemplateValue::unknown();
    case TemplateValueKind::RoleHelper:
      return lookup_in(kRoleHelperAttributes, member, "`_`", TemplateValue::of(TemplateValueKind::Method, "_.role"));
    case TemplateValueKind::TestHelper:
      if (member.text == "result") return TemplateValue::data(object.type);
      if (member.text == "checks") return TemplateValue{TemplateValueKind::TestChecks, {}, {}, object.check_names};
      return lookup_in(kTestHelperAttributes, member, "`_`", TemplateValue::primitive(TypeKind::Int));
    case TemplateValueKind::TestChecks: {
      std::vector<std::string_view> names(object.check_names.begin(), object.check_names.end());
      if (contains(names, member.text)) return TemplateValue::primitive(TypeKind::Bool);
      Diagnostic& d = diags_.report(DiagKind::InvalidTemplateAttribute, member.span,
                                    "no check named `" + member.text + "` comes before this one");
      if (auto guess = closest_match(member.text, std::span<const std::string_view>(names))) {
        d.with_hint("did you mean `" + *guess + "`?");
      } else {
        d.with_hint(names.empty() ? "`_.checks` holds the named checks written before this one, and there are none"
                                  : "the checks before this one are " + quoted_list(names));
      }
      return TemplateValue::unknown();
    }
    case TemplateValueKind::Loop: {
      const bool number = member.text.starts_with("index") || member.text.starts_with("revindex") ||
                          member.text.starts_with("depth") || member.text == "length";
      const bool flag = member.text == "first" || member.text == "last";
      return lookup_in(kLoopAttributes, member, "`loop`",
                       number ? TemplateValue::primitive(TypeKind::Int)
                       : flag ? TemplateValue::primitive(TypeKind::Bool)
                              : TemplateValue::unknown());
    }
    case TemplateValueKind::TemplateString:
      diags_
          .report(DiagKind::InvalidTemplateAttribute, member.span,
                  "template_string `" + object.name + "` has no attributes")
          .with_hint("call it: `" + object.name + "(...)`");
      return TemplateValue::unknown();
    case TemplateValueKind::EnumType: {
      const model::Enum* en = types_.find_enum(object.name);
      if (en == nullptr) return TemplateValue::unknown();
      std::vector<std::string_view> names;
      for (const model::EnumValue& value : en->values) {
        if (value.name == member.text) {
          model::Type type;
          type.kind = TypeKind::Enum;
          type.name = en->name;
          return TemplateValue::data(std::move(type));
        }
        names.push_back(value.name);
      }
      if (en->dynamic) return TemplateValue::unknown();
      std::string hint = did_you_mean(member.text, names);
      const bool read = reads_undefined(called);
      diags_
          .report(read ? DiagKind::TemplateReadsUndefined : DiagKind::UnknownTemplateField, member.span,
                  "enum `" + en->name + "` has no value `" + member.text + "`" + (read ? "; it renders as nothing" : ""))
          .with_hint(hint.empty() ? "its values are " + quoted_list(names) : hint);
      return TemplateValue::unknown();
    }
  }
  return TemplateValue::unknown();
}

TemplateValue TemplateTyper::index(const ast::TemplateExpr& e) {
  const TemplateValue object = expr(e.operands[0]);
  expr(e.operands[1]);
  if (object.kind != TemplateValueKind::Data) return TemplateValue::unknown();
  // `p["name"]` reads a field like `p.name` does.
  if (e.operands[1].kind == Kind::String && types_.strip(object.type).kind == TypeKind::Class) {
    ast::TemplateExpr as_attribute = e;
    as_attribute.member = ast::Name{e.operands[1].text, e.operands[1].span};
    return attribute(object, as_attribute, false);
  }
  return types_.element(object.type);
}

void TemplateTyper::arguments(const std::vector<ast::TemplateArg>& args) {
  for (const ast::TemplateArg& arg : args) expr(arg.value);
}

TemplateValue TemplateTyper::call(const ast::TemplateExpr& e) {
  const ast::TemplateExpr& callee = e.operands[0];
  TemplateValue target;
  if (callee.kind == Kind::Attribute) {
    const TemplateValue object = expr(callee.operands[0]);
    target = attribute(object, callee, true);
    // A method of a declared value: the lookup already answered for the call.
    if (object.kind == TemplateValueKind::Data) {
      arguments(e.args);
      return target;
    }
  } else if (callee.kind == Kind::Variable) {
    target = variable(callee, true);  // calling what does not exist fails every render
  } else {
    target = expr(callee);
  }
  arguments(e.args);
  switch (target.kind) {
    case TemplateValueKind::Unknown:
    case TemplateValueKind::Loop:
    case TemplateValueKind::MapItems:
    case TemplateValueKind::Namespace: return TemplateValue::unknown();
    case TemplateValueKind::TemplateString:
      if (const model::TemplateString* ts = types_.find_template_string(target.name)) {
        check_template_string_call(*ts, e, diags_);
      }
      return TemplateValue::primitive(TypeKind::String);
    case TemplateValueKind::Global:
      return target.name == "namespace" ? TemplateValue::of(TemplateValueKind::Namespace) : TemplateValue::unknown();
    case TemplateValueKind::OutputFormat:
      check_output_format_call(e, diags_);
      return TemplateValue::primitive(TypeKind::String);
    case TemplateValueKind::Method:
      if (target.name == "_.role") check_role_call(e, diags_);
      return TemplateValue::unknown();
    case TemplateValueKind::Data:
    case TemplateValueKind::Ctx:
    case TemplateValueKind::CtxClient:
    case TemplateValueKind::RoleHelper:
    case TemplateValueKind::TestHelper:
    case TemplateValueKind::TestChecks:
    case TemplateValueKind::EnumType:
      diags_.report(DiagKind::TemplateNotCallable, callee.span, "`" + expression_path(callee) + "` cannot be called")
          .with_hint((target.kind == TemplateValueKind::Data ? "it is " + describe(target) + "; " : std::string()) +
                     "templates call template_strings, methods such as `lower()`, and `range`, `dict` or `namespace`");
      return TemplateValue::unknown();
  }
  return TemplateValue::unknown();
}

TemplateValue TemplateTyper::filter(const ast::TemplateExpr& e) {
  TemplateValue value = expr(e.operands[0]);
  arguments(e.args);
  const std::string& name = e.member.text;
  if (!contains(kTemplateFilters, name)) {
    std::string hint = did_you_mean(name, kTemplateFilters);
    diags_.report(DiagKind::UnknownTemplateFilter, e.member.span, "unknown filter `" + name + "`")
        .with_hint(hint.empty() ? "see docs/ir-templates.md for the filters templates can use" : hint);
    return TemplateValue::unknown();
  }
  check_filter_arguments(e, diags_);
  static constexpr std::string_view kToString[] = {"capitalize", "e",      "escape", "format",  "indent",   "join",
                                                   "json",       "lower",  "pprint", "replace", "safe",     "string",
                                                   "title",      "tojson", "trim",   "upper",   "urlencode"};
  if (contains(kToString, name)) return TemplateValue::primitive(TypeKind::String);
  if (name == "length" || name == "count" || name == "int") return TemplateValue::primitive(TypeKind::Int);
  if (name == "float") return TemplateValue::primitive(TypeKind::Float);
  if (name == "bool" || name == "regex_match") return TemplateValue::primitive(TypeKind::Bool);
  if (value.kind != TemplateValueKind::Data) return TemplateValue::unknown();
  if (name == "first" || name == "last") return types_.element(value.type);
  if (name == "default" || name == "d" || name == "sort" || name == "unique" || name == "reverse") return value;
  if ((name == "items" || name == "dictsort") && types_.map_types(value.type)) {
    return TemplateValue{TemplateValueKind::MapItems, value.type, {}, {}};
  }
  return TemplateValue::unknown();
}

TemplateValue TemplateTyper::test(const ast::TemplateExpr& e) {
  expr(e.operands[0]);
  // `x is divisibleby 3`: a bare name after the test is a value, and must exist like any other.
  arguments(e.args);
  if (!contains(kTemplateTests, e.member.text)) {
    std::string hint = did_you_mean(e.member.text, kTemplateTests);
    diags_.report(DiagKind::UnknownTemplateTest, e.member.span, "unknown test `" + e.member.text + "`")
        .with_hint(hint.empty() ? "tests include `defined`, `none`, `string`, `number` and `in`" : hint);
  }
  return TemplateValue::primitive(TypeKind::Bool);
}

}  // namespace bamlc::sema
