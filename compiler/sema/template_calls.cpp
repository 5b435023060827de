// The calls BAML gives a meaning of its own, matched against what they accept: a
// template_string's parameters, `_.role`'s one role, `ctx.output_format`'s named options
// (template_builtins.h has the table) and the filters whose arguments are required. A value
// that is not a literal cannot be judged here and is let through.
#include "compiler/sema/template_calls.h"

#include <algorithm>
#include <cctype>
#include <span>
#include <string>
#include <vector>

#include "compiler/base/spelling.h"
#include "compiler/sema/template_builtins.h"

namespace bamlc::sema {
namespace {

using Kind = ast::TemplateExprKind;

bool contains(std::span<const std::string_view> names, std::string_view name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string did_you_mean(std::string_view word, std::span<const std::string_view> candidates) {
  if (auto guess = closest_match(word, candidates)) return "did you mean `" + *guess + "`?";
  return {};
}

const ast::TemplateArg* keyword_arg(const ast::TemplateExpr& e, std::string_view name) {
  for (const ast::TemplateArg& arg : e.args) {
    if (arg.keyword.text == name) return &arg;
  }
  return nullptr;
}

std::size_t positional_count(const ast::TemplateExpr& e) {
  return static_cast<std::size_t>(
      std::count_if(e.args.begin(), e.args.end(), [](const ast::TemplateArg& a) { return a.keyword.text.empty(); }));
}

std::vector<std::string_view> option_names() {
  std::vector<std::string_view> names;
  for (const OutputFormatOption& option : kOutputFormatOptions) names.push_back(option.name);
  return names;
}

bool is_literal(const ast::TemplateExpr& e) {
  switch (e.kind) {
    case Kind::String:
    case Kind::Int:
    case Kind::Float:
    case Kind::Bool:
    case Kind::None:
    case Kind::List:
    case Kind::Tuple:
    case Kind::Dict: return true;
    case Kind::Variable:
    case Kind::Attribute:
    case Kind::Index:
    case Kind::Slice:
    case Kind::Call:
    case Kind::Filter:
    case Kind::Test:
    case Kind::Unary:
    case Kind::Binary:
    case Kind::Conditional:
    case Kind::Omitted:
    case Kind::Invalid: return false;
  }
  return false;
}

// What the option accepts, for the message; empty when `value` is acceptable.
std::string expected_for(OutputFormatValue accepts, const ast::TemplateExpr& value) {
  switch (accepts) {
    // BAML prints any scalar given where it wants text (`prefix=1` is the prefix "1",
    // `or_splitter=none` the text "none"), so only lists and maps are wrong here.
    case OutputFormatValue::String:
    case OutputFormatValue::StringOrNone:
      return value.kind == Kind::List || value.kind == Kind::Tuple || value.kind == Kind::Dict ? "a string" : "";
    case OutputFormatValue::Bool: return value.kind == Kind::Bool ? "" : "`true` or `false`";
    case OutputFormatValue::HoistClasses: {
      if (value.kind == Kind::Bool || (value.kind == Kind::String && value.text == "auto")) return "";
      const bool names = (value.kind == Kind::List || value.kind == Kind::Tuple) &&
                         std::all_of(value.operands.begin(), value.operands.end(),
                                     [](const ast::TemplateExpr& item) { return item.kind == Kind::String; });
      return names ? "" : "`true`, `false`, `\"auto\"` or a list of class names";
    }
    case OutputFormatValue::MapStyle:
      return value.kind == Kind::String && (value.text == "angle" || value.text == "object")
                 ? ""
                 : "`\"angle\"` or `\"object\"`";
  }
  return "";
}

void check_format_filter(const ast::TemplateExpr& e, DiagnosticSink& diags) {
  const ast::TemplateArg* type = keyword_arg(e, "type");
  if (type == nullptr) type = keyword_arg(e, "format");
  if (type == nullptr) {
    diags.report(DiagKind::TemplateCallArguments, e.member.span, "the `format` filter needs `type=`")
        .with_hint("write `value | format(type=\"yaml\")`; the types are `json`, `toon` and `yaml`");
    return;
  }
  if (type->value.kind != Kind::String) return;
  std::string lowered = type->value.text;
  for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (contains(kFormatFilterTypes, lowered)) return;
  std::string hint = did_you_mean(lowered, kFormatFilterTypes);
  diags
      .report(DiagKind::TemplateCallArguments, type->value.span,
              "the `format` filter has no type `" + type->value.text + "`")
      .with_hint(hint.empty() ? "the types are `json`, `toon` and `yaml`" : hint);
}

}  // namespace

void check_template_string_call(const model::TemplateString& callee, const ast::TemplateExpr& e,
                                DiagnosticSink& diags) {
  std::vector<bool> given(callee.parameters.size(), false);
  std::size_t position = 0;
  for (const ast::TemplateArg& arg : e.args) {
    if (arg.keyword.text.empty()) {
      if (position < given.size()) given[position] = true;
      ++position;
      continue;
    }
    auto it = std::find_if(callee.parameters.begin(), callee.parameters.end(),
                           [&](const model::Parameter& p) { return p.name == arg.keyword.text; });
    if (it == callee.parameters.end()) {
      std::vector<std::string_view> names;
      for (const model::Parameter& p : callee.parameters) names.push_back(p.name);
      std::string hint = did_you_mean(arg.keyword.text, names);
      diags
          .report(DiagKind::TemplateCallArguments, arg.keyword.span,
                  "template_string `" + callee.name + "` has no parameter `" + arg.keyword.text + "`")
          .with_hint(hint.empty()
                         ? (names.empty() ? "it takes no arguments" : "its parameters are " + quoted_list(names))
                         : hint);
      return;
    }
    const auto at = static_cast<std::size_t>(it - callee.parameters.begin());
    if (given[at]) {
      diags.report(DiagKind::TemplateCallArguments, arg.span, "`" + arg.keyword.text + "` is given twice");
      return;
    }
    given[at] = true;
  }
  const std::size_t count = e.args.size();
  const bool complete = std::all_of(given.begin(), given.end(), [](bool g) { return g; });
  if (position <= given.size() && complete) return;
  std::string parameters;
  for (const model::Parameter& p : callee.parameters) parameters += (parameters.empty() ? "" : ", ") + p.name;
  const std::size_t expected = callee.parameters.size();
  diags
      .report(DiagKind::TemplateCallArguments, e.span,
              "template_string `" + callee.name + "` takes " + std::to_string(expected) +
                  (expected == 1 ? " argument" : " arguments") + ", but " + std::to_string(count) +
                  (count == 1 ? " is" : " are") + " given")
      .with_hint("call it as `" + callee.name + "(" + parameters + ")`");
}

void check_role_call(const ast::TemplateExpr& e, DiagnosticSink& diags) {
  const std::size_t positional = positional_count(e);
  const ast::TemplateArg* named = keyword_arg(e, "role");
  if (positional == 0 && named == nullptr) {
    diags.report(DiagKind::TemplateCallArguments, e.span, "`_.role` needs the role of the message")
        .with_hint("write `_.role(\"user\")`, `_.role(\"system\")` or `_.role(\"assistant\")`");
  } else if (positional + (named != nullptr ? 1 : 0) > 1) {
    diags.report(DiagKind::TemplateCallArguments, e.span, "`_.role` takes one role")
        .with_hint("pass metadata by name, e.g. `_.role(\"user\", cache_control={\"type\": \"ephemeral\"})`");
  }
}

void check_output_format_call(const ast::TemplateExpr& call, DiagnosticSink& diags) {
  const std::vector<std::string_view> names = option_names();
  for (const ast::TemplateArg& arg : call.args) {
    if (arg.keyword.text.empty()) {
      diags.report(DiagKind::InvalidOutputFormatOption, arg.span, "`ctx.output_format` takes only named options")
          .with_hint("name the option, e.g. `ctx.output_format(prefix=\"Answer with \")`");
      continue;
    }
    auto option = std::find_if(std::begin(kOutputFormatOptions), std::end(kOutputFormatOptions),
                               [&](const OutputFormatOption& o) { return o.name == arg.keyword.text; });
    if (option == std::end(kOutputFormatOptions)) {
      Diagnostic& d = diags.report(DiagKind::InvalidOutputFormatOption, arg.keyword.span,
                                   "`ctx.output_format` has no option `" + arg.keyword.text + "`");
      if (auto guess = closest_match(arg.keyword.text, std::span<const std::string_view>(names))) {
        d.with_hint("did you mean `" + *guess + "`?");
      } else {
        d.with_hint("its options are " + quoted_list(names));
      }
      continue;
    }
    if (!is_literal(arg.value)) continue;
    const std::string expected = expected_for(option->value, arg.value);
    if (!expected.empty()) {
      diags.report(DiagKind::InvalidOutputFormatOption, arg.value.span,
                   "the option `" + arg.keyword.text + "` takes " + expected);
    }
  }
}

void check_filter_arguments(const ast::TemplateExpr& filter, DiagnosticSink& diags) {
  if (filter.member.text == "format") check_format_filter(filter, diags);
  if (filter.member.text == "regex_match" && filter.args.size() != 1) {
    diags.report(DiagKind::TemplateCallArguments, filter.member.span, "the `regex_match` filter takes one pattern")
        .with_hint("write `value | regex_match(\"^[a-z]+$\")`");
  }
}

}  // namespace bamlc::sema
