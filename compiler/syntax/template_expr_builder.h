// Turns the parse tree of one template expression into ast::TemplateExpr, copying spans and
// decoding literals. A piece the parser could not read (already reported) becomes an Invalid
// expression, so the checker skips it instead of reporting it again.
#pragma once

#include "JinjaParser.h"
#include "compiler/ast/template_ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/syntax/template_tokens.h"

namespace bamlc::syntax {

class TemplateExprBuilder {
 public:
  TemplateExprBuilder(const TemplateTokenSpans& spans, DiagnosticSink& diags) : spans_(spans), diags_(diags) {}

  ast::TemplateExpr expression(gen::JinjaParser::ExpressionContext* ctx);
  ast::TemplateExpr operation(gen::JinjaParser::OperationContext* ctx);
  ast::Name name(gen::JinjaParser::NameContext* ctx) const;
  ast::Name name(antlr4::tree::TerminalNode* token) const;

 private:
  ast::TemplateExpr primary(gen::JinjaParser::PrimaryContext* ctx);
  ast::TemplateExpr literal(gen::JinjaParser::LiteralContext* ctx);
  ast::TemplateExpr subscript(gen::JinjaParser::SubscriptContext* ctx);
  std::vector<ast::TemplateArg> arguments(gen::JinjaParser::ArgumentsContext* ctx);
  ast::TemplateExpr invalid(antlr4::ParserRuleContext* ctx) const;
  ast::TemplateExpr make(ast::TemplateExprKind kind, antlr4::ParserRuleContext* ctx) const;

  const TemplateTokenSpans& spans_;
  DiagnosticSink& diags_;
};

// The value of a Jinja string literal token (quotes included), escapes decoded. Unknown escapes
// are kept as written. A `\uXXXX` that is half of a UTF-16 surrogate pair (a high one not followed
// by its low one, or a low one alone) is kept as written too, and the first is copied to
// `bad_escape` (when given) for the caller to report: decoded, it would not be UTF-8.
std::string decode_jinja_string(std::string_view token, std::string* bad_escape = nullptr);

}  // namespace bamlc::syntax
