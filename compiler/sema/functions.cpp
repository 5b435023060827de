// The checks of `function` declarations and their translation into model::Function. The client
// reference is resolved by sema/clients.cpp (a declared client or a "provider/model" shorthand);
// types by sema/types.cpp; the prompt is only required to be a string here.
#include "compiler/sema/functions.h"

#include <algorithm>
#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/base/spelling.h"
#include "compiler/sema/attributes.h"
#include "compiler/sema/checked_parameters.h"
#include "compiler/sema/clients.h"
#include "compiler/sema/types.h"

namespace bamlc::sema {
namespace {

constexpr std::array<std::string_view, 2> kBodyKeys = {"client", "prompt"};

class FunctionChecker {
 public:
  FunctionChecker(Context& ctx, const CheckedTypes& checked, const ast::FunctionDecl& decl)
      : ctx_(ctx), checked_(checked), decl_(decl) {}

  model::Function check() {
    out_.name = decl_.name.text;
    out_.doc = decl_.doc;
    out_.span = decl_.span;
    for (const ast::Parameter& parameter : decl_.parameters) check_parameter(parameter);
    out_.return_type = resolve_type(ctx_, decl_.return_type);
    check_body();
    return std::move(out_);
  }

 private:
  void check_parameter(const ast::Parameter& parameter) {
    if (parameter.name.text.empty()) return;  // the parser reported it
    auto first = std::find_if(out_.parameters.begin(), out_.parameters.end(),
                              [&](const model::Parameter& p) { return p.name == parameter.name.text; });
    if (first != out_.parameters.end()) {
      ctx_.diags
          .report(DiagKind::DuplicateParameter, parameter.name.span,
                  "parameter `" + parameter.name.text + "` is declared twice in function `" + decl_.name.text + "`")
          .with_hint("rename one of them")
          .with_note(first->span, "first declared here");
      return;
    }
    model::Parameter p;
    p.name = parameter.name.text;
    p.type = resolve_type(ctx_, parameter.type);
    p.checks = check_attributes(ctx_, AttributeSite::Parameter, parameter.attributes).checks;
    p.span = parameter.name.span;
    check_parameter_type_unchecked(ctx_, checked_, p, parameter.type.span, "function `" + decl_.name.text + "`");
    out_.parameters.push_back(std::move(p));
  }

  void check_body() {
    const ast::MapEntry* client = nullptr;
    const ast::MapEntry* prompt = nullptr;
    for (const ast::MapEntry& entry : decl_.body) {
      const std::string& key = entry.key.text;
      if (key == "client" || key == "prompt") {
        const ast::MapEntry*& slot = key == "client" ? client : prompt;
        if (slot != nullptr) {
          ctx_.diags
              .report(DiagKind::DuplicateEntry, entry.key.span,
                      "`" + key + "` is given twice in function `" + decl_.name.text + "`")
              .with_hint("keep one of them")
              .with_note(slot->key.span, "first given here");
          continue;
        }
        slot = &entry;
        continue;
      }
      Diagnostic& d = ctx_.diags.report(DiagKind::UnknownEntry, entry.key.span,
                                        "unknown entry `" + key + "` in function `" + decl_.name.text + "`");
      if (auto guess = closest_match(key, std::span<const std::string_view>(kBodyKeys))) {
        d.with_hint("did you mean `" + *guess + "`?");
      } else {
        d.with_hint("a function's body holds only `client` and `prompt`; model settings go in a client's `options`");
      }
    }
    check_client(client);
    check_prompt(prompt);
    for (const ast::Attribute& attribute : decl_.entry_attributes) {
      ctx_.diags
          .report(DiagKind::IgnoredAttribute, attribute.span,
                  "bamlc ignores `@" + attribute.name.text + "` after an entry of function `" + decl_.name.text +
                      "`, which baml-cli accepts")
          .with_hint("remove it: `client` and `prompt` take no attributes (attributes belong on class fields, enum "
                     "values, parameters and types)");
    }
  }

  void check_client(const ast::MapEntry* client) {
    if (client == nullptr) {
      const std::vector<std::string_view> declared = ctx_.symbols.names(Namespace::Clients);
      ctx_.diags
          .report(DiagKind::MissingFunctionClient, decl_.name.span,
                  "function `" + decl_.name.text + "` has no `client`")
          .with_hint(declared.empty() ? "add `client \"openai/gpt-4o\"` (provider/model), or declare a `client<llm>`"
                                      : "add `client " + std::string(declared.front()) +
                                            "`, or another client, or a shorthand such as `client \"openai/gpt-4o\"`");
      return;
    }
    if (!client->value) return;  // the parser reported the missing value
    if (auto name = resolve_client_reference(ctx_, *client->value)) out_.client = std::move(*name);
  }

  void check_prompt(const ast::MapEntry* prompt) {
    if (prompt == nullptr) {
      ctx_.diags
          .report(DiagKind::MissingFunctionPrompt, decl_.name.span,
                  "function `" + decl_.name.text + "` has no `prompt`")
          .with_hint("add `prompt #\"...\"#` with the template to send to the model");
      return;
    }
    if (!prompt->value) return;
    const ast::Value& value = *prompt->value;
    switch (value.kind) {
      case ast::ValueKind::RawString:
      case ast::ValueKind::String:
        out_.prompt = value.text;
        out_.prompt_span = value.content_span;
        return;
      case ast::ValueKind::Invalid: return;  // already reported
      case ast::ValueKind::Int:
      case ast::ValueKind::Float:
      case ast::ValueKind::Duration:
      case ast::ValueKind::Word:
      case ast::ValueKind::EnvRef:
      case ast::ValueKind::Map:
      case ast::ValueKind::List:
      case ast::ValueKind::JinjaExpr: break;
    }
    ctx_.diags
        .report(DiagKind::InvalidPrompt, value.span,
                "the prompt must be a string, not " + std::string(ast::value_kind_name(value.kind)))
        .with_hint("write the template as a raw string: `prompt #\"...\"#`");
  }

  Context& ctx_;
  const CheckedTypes& checked_;
  const ast::FunctionDecl& decl_;
  model::Function out_;
};

}  // namespace

void check_functions(Context& ctx) {
  const CheckedTypes checked(ctx.program);
  ctx.for_each<ast::FunctionDecl>([&](const ast::FunctionDecl& decl) {
    const Symbol* symbol = ctx.symbols.find(Namespace::Functions, decl.name.text);
    if (symbol == nullptr || std::get_if<ast::FunctionDecl>(symbol->decl) != &decl) return;  // a duplicate
    ctx.program.functions.push_back(FunctionChecker(ctx, checked, decl).check());
  });
}

}  // namespace bamlc::sema
