// Template expressions, parse tree to AST. ANTLR leaves a context's children missing where it
// recovered from an error; every accessor result is therefore checked, and a missing piece
// becomes Invalid (its error was reported when the parser met it).
#include "compiler/syntax/template_expr_builder.h"

#include <charconv>
#include <cstdlib>
#include <optional>

namespace bamlc::syntax {
namespace {

using gen::JinjaParser;

void append_utf8(std::string& out, std::uint32_t code_point) {
  if (code_point < 0x80) {
    out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    out += static_cast<char>(0xC0 | (code_point >> 6));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else if (code_point < 0x10000) {
    out += static_cast<char>(0xE0 | (code_point >> 12));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code_point >> 18));
    out += static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

std::string without_underscores(std::string_view digits) {
  std::string out;
  for (char c : digits) {
    if (c != '_') out += c;
  }
  return out;
}

bool is_terminal(antlr4::tree::TerminalNode* node) {
  // A token the parser conjured while recovering is an error node with no source text.
  return node != nullptr && dynamic_cast<antlr4::tree::ErrorNode*>(node) == nullptr;
}

}  // namespace

std::string decode_jinja_string(std::string_view token, std::string* bad_escape) {
  if (token.empty()) return {};
  const char quote = token.front();
  std::string_view body = token.substr(1);
  if (!body.empty() && body.back() == quote) body.remove_suffix(1);
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 == body.size()) {
      out += body[i];
      continue;
    }
    const char c = body[++i];
    switch (c) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case '\\':
      case '"':
      case '\'':
      case '/': out += c; break;
      case 'u': {
        // Four hex digits after `\u` at `at`, or nothing.
        const auto hex4 = [&](std::size_t at) -> std::optional<std::uint32_t> {
          std::uint32_t value = 0;
          const std::string_view hex = body.substr(at, 4);
          auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
          if (hex.size() != 4 || ec != std::errc() || ptr != hex.data() + 4) return std::nullopt;
          return value;
        };
        const std::optional<std::uint32_t> unit = hex4(i + 1);
        if (!unit) {
          out += "\\u";
          break;
        }
        std::uint32_t code_point = *unit;
        std::size_t length = 4;
        if (code_point >= 0xD800 && code_point <= 0xDBFF && body.substr(i + 5, 2) == "\\u") {
          // A UTF-16 surrogate pair written as two escapes is one character, as in minijinja.
          const std::optional<std::uint32_t> low = hex4(i + 7);
          if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
            code_point = 0x10000 + ((code_point - 0xD800) << 10) + (*low - 0xDC00);
            length = 10;
          }
        }
        if (code_point >= 0xD800 && code_point <= 0xDFFF) {
          // Half a pair is no character (minijinja refuses it as a bad escape); its UTF-8 form
          // would not be UTF-8, which every later step assumes. Kept as written, for the caller
          // to report.
          if (bad_escape && bad_escape->empty()) *bad_escape = std::string(body.substr(i - 1, 6));
          out += body.substr(i - 1, 6);
          i += 4;
          break;
        }
        append_utf8(out, code_point);
        i += length;
        break;
      }
      default:
        out += '\\';
        out += c;
        break;
    }
  }
  return out;
}

ast::TemplateExpr TemplateExprBuilder::make(ast::TemplateExprKind kind, antlr4::ParserRuleContext* ctx) const {
  ast::TemplateExpr e;
  e.kind = kind;
  e.span = spans_.of(ctx);
  return e;
}

ast::TemplateExpr TemplateExprBuilder::invalid(antlr4::ParserRuleContext* ctx) const {
  ast::TemplateExpr e;
  e.kind = ast::TemplateExprKind::Invalid;
  e.span = ctx != nullptr ? spans_.of(ctx) : Span{spans_.content().file, spans_.content().end, spans_.content().end};
  return e;
}

ast::Name TemplateExprBuilder::name(JinjaParser::NameContext* ctx) const {
  if (ctx == nullptr) return {};
  return ast::Name{ctx->getText(), spans_.of(ctx)};
}

ast::Name TemplateExprBuilder::name(antlr4::tree::TerminalNode* token) const {
  if (!is_terminal(token)) return {};
  return ast::Name{token->getText(), spans_.of(token->getSymbol())};
}

ast::TemplateExpr TemplateExprBuilder::expression(JinjaParser::ExpressionContext* ctx) {
  if (ctx == nullptr) return invalid(nullptr);
  auto operations = ctx->operation();
  if (operations.empty()) return invalid(ctx);
  if (ctx->IF() == nullptr) return operation(operations[0]);
  // value if condition [else alternative]
  ast::TemplateExpr e = make(ast::TemplateExprKind::Conditional, ctx);
  e.operands.push_back(operation(operations[0]));
  e.operands.push_back(operations.size() > 1 ? operation(operations[1]) : invalid(ctx));
  if (ctx->ELSE() != nullptr) e.operands.push_back(expression(ctx->expression()));
  return e;
}

ast::TemplateExpr TemplateExprBuilder::operation(JinjaParser::OperationContext* ctx) {
  using Kind = ast::TemplateExprKind;
  if (ctx == nullptr) return invalid(nullptr);
  if (auto* p = dynamic_cast<JinjaParser::PrimaryOperationContext*>(ctx)) return primary(p->primary());
  if (auto* a = dynamic_cast<JinjaParser::AttributeOperationContext*>(ctx)) {
    ast::TemplateExpr e = make(Kind::Attribute, ctx);
    e.operands.push_back(operation(a->operation()));
    e.member = a->name() != nullptr ? name(a->name()) : name(a->INT());
    if (e.member.text.empty()) return invalid(ctx);
    return e;
  }
  if (auto* i = dynamic_cast<JinjaParser::IndexOperationContext*>(ctx)) {
    ast::TemplateExpr index = subscript(i->subscript());
    if (index.kind == Kind::Slice) {
      // The slice node stands for the whole `a[b:c]`: its first operand is the sliced value.
      index.span = spans_.of(ctx);
      index.operands.insert(index.operands.begin(), operation(i->operation()));
      return index;
    }
    ast::TemplateExpr e = make(Kind::Index, ctx);
    e.operands.push_back(operation(i->operation()));
    e.operands.push_back(std::move(index));
    return e;
  }
  if (auto* c = dynamic_cast<JinjaParser::CallOperationContext*>(ctx)) {
    ast::TemplateExpr e = make(Kind::Call, ctx);
    e.operands.push_back(operation(c->operation()));
    e.args = arguments(c->arguments());
    return e;
  }
  if (auto* f = dynamic_cast<JinjaParser::FilterOperationContext*>(ctx)) {
    ast::TemplateExpr e = make(Kind::Filter, ctx);
    e.operands.push_back(operation(f->operation()));
    e.member = name(f->name());
    e.args = arguments(f->arguments());
    if (e.member.text.empty()) return invalid(ctx);
    return e;
  }
  if (auto* t = dynamic_cast<JinjaParser::TestOperationContext*>(ctx)) {
    ast::TemplateExpr e = make(Kind::Test, ctx);
    e.operands.push_back(operation(t->operation()));
    e.member = name(t->name());
    e.negated = t->NOT() != nullptr;
    e.args = arguments(t->arguments());
    if (auto* arg = t->testArgument()) {
      ast::TemplateArg a;
      a.span = spans_.of(arg);
      if (arg->literal() != nullptr) {
        a.value = literal(arg->literal());
      } else if (arg->primary() != nullptr) {
        a.value = primary(arg->primary());
      } else {
        a.value = make(Kind::Variable, arg);
        a.value.text = arg->getText();
      }
      e.args.push_back(std::move(a));
    }
    if (e.member.text.empty()) return invalid(ctx);
    return e;
  }
  if (auto* u = dynamic_cast<JinjaParser::UnaryOperationContext*>(ctx)) {
    if (u->op == nullptr) return invalid(ctx);
    ast::TemplateExpr e = make(Kind::Unary, ctx);
    switch (u->op->getType()) {
      case JinjaParser::NOT: e.unary_op = ast::UnaryOp::Not; break;
      case JinjaParser::MINUS: e.unary_op = ast::UnaryOp::Negate; break;
      default: e.unary_op = ast::UnaryOp::Plus; break;
    }
    e.operands.push_back(operation(u->operation()));
    return e;
  }
  if (auto* b = dynamic_cast<JinjaParser::BinaryOperationContext*>(ctx)) {
    auto sides = b->operation();
    if (b->op == nullptr || sides.size() != 2) return invalid(ctx);
    ast::TemplateExpr e = make(Kind::Binary, ctx);
    using Op = ast::BinaryOp;
    switch (b->op->getType()) {
      case JinjaParser::OR: e.binary_op = Op::Or; break;
      case JinjaParser::AND: e.binary_op = Op::And; break;
      case JinjaParser::EQ: e.binary_op = Op::Equal; break;
      case JinjaParser::NE: e.binary_op = Op::NotEqual; break;
      case JinjaParser::LT: e.binary_op = Op::Less; break;
      case JinjaParser::LE: e.binary_op = Op::LessEqual; break;
      case JinjaParser::GT: e.binary_op = Op::Greater; break;
      case JinjaParser::GE: e.binary_op = Op::GreaterEqual; break;
      case JinjaParser::IN: e.binary_op = b->negated != nullptr ? Op::NotIn : Op::In; break;
      case JinjaParser::PLUS: e.binary_op = Op::Add; break;
      case JinjaParser::MINUS: e.binary_op = Op::Subtract; break;
      case JinjaParser::TILDE: e.binary_op = Op::Concat; break;
      case JinjaParser::STAR: e.binary_op = Op::Multiply; break;
      case JinjaParser::SLASH: e.binary_op = Op::Divide; break;
      case JinjaParser::FLOOR_DIV: e.binary_op = Op::FloorDivide; break;
      case JinjaParser::PERCENT: e.binary_op = Op::Modulo; break;
      case JinjaParser::POWER: e.binary_op = Op::Power; break;
      default: return invalid(ctx);
    }
    e.operands.push_back(operation(sides[0]));
    e.operands.push_back(operation(sides[1]));
    return e;
  }
  return invalid(ctx);
}

ast::TemplateExpr TemplateExprBuilder::primary(JinjaParser::PrimaryContext* ctx) {
  using Kind = ast::TemplateExprKind;
  if (ctx == nullptr) return invalid(nullptr);
  if (auto* l = dynamic_cast<JinjaParser::LiteralPrimaryContext*>(ctx)) return literal(l->literal());
  if (auto* n = dynamic_cast<JinjaParser::NamePrimaryContext*>(ctx)) {
    if (!is_terminal(n->NAME())) return invalid(ctx);
    ast::TemplateExpr e = make(Kind::Variable, ctx);
    e.text = n->NAME()->getText();
    return e;
  }
  if (auto* p = dynamic_cast<JinjaParser::ParenPrimaryContext*>(ctx)) {
    ast::TemplateExpr inner = expression(p->expression());
    return inner;
  }
  if (auto* t = dynamic_cast<JinjaParser::TuplePrimaryContext*>(ctx)) {
    ast::TemplateExpr e = make(Kind::Tuple, ctx);
    for (auto* item : t->expression()) e.operands.push_back(expression(item));
    return e;
  }
  if (auto* l = dynamic_cast<JinjaParser::ListPrimaryContext*>(ctx)) {
    ast::TemplateExpr e = make(Kind::List, ctx);
    for (auto* item : l->expression()) e.operands.push_back(expression(item));
    return e;
  }
  if (auto* d = dynamic_cast<JinjaParser::DictPrimaryContext*>(ctx)) {
    ast::TemplateExpr e = make(Kind::Dict, ctx);
    for (auto* entry : d->dictEntry()) {
      auto sides = entry->expression();
      e.operands.push_back(!sides.empty() ? expression(sides[0]) : invalid(entry));
      e.operands.push_back(sides.size() > 1 ? expression(sides[1]) : invalid(entry));
    }
    return e;
  }
  return invalid(ctx);
}

ast::TemplateExpr TemplateExprBuilder::literal(JinjaParser::LiteralContext* ctx) {
  using Kind = ast::TemplateExprKind;
  if (ctx == nullptr) return invalid(nullptr);
  if (!ctx->STRING().empty()) {
    // Adjacent strings are one, as in Python: "a" "b" is "ab".
    ast::TemplateExpr e = make(Kind::String, ctx);
    std::string bad_escape;
    for (auto* part : ctx->STRING()) e.text += decode_jinja_string(part->getText(), &bad_escape);
    if (!bad_escape.empty()) {
      diags_.report(DiagKind::TemplateSyntax, e.span, "`" + bad_escape + "` is half of a UTF-16 surrogate pair, not a character")
          .with_hint("write the character itself, or both halves of the pair (`\\ud83d\\ude00` for U+1F600)");
      return invalid(ctx);
    }
    return e;
  }
  if (ctx->UNTERMINATED_STRING() != nullptr) return invalid(ctx);  // reported with the tokens
  if (auto* number = ctx->INT()) {
    ast::TemplateExpr e = make(Kind::Int, ctx);
    e.text = number->getText();
    const std::string digits = without_underscores(e.text);
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), e.int_value);
    if (ec != std::errc() || ptr != digits.data() + digits.size()) {
      diags_.report(DiagKind::TemplateSyntax, e.span, "the integer `" + e.text + "` is too large")
          .with_hint("integers must fit in 64 bits");
      return invalid(ctx);
    }
    return e;
  }
  if (auto* number = ctx->FLOAT()) {
    ast::TemplateExpr e = make(Kind::Float, ctx);
    e.text = number->getText();
    e.float_value = std::strtod(without_underscores(e.text).c_str(), nullptr);
    return e;
  }
  if (ctx->TRUE() != nullptr || ctx->FALSE() != nullptr) {
    ast::TemplateExpr e = make(Kind::Bool, ctx);
    e.bool_value = ctx->TRUE() != nullptr;
    return e;
  }
  if (auto* none = ctx->NONE()) {
    // `null` is no keyword in BAML's minijinja but an undefined variable; the IR writer keeps
    // it one (docs/ir-templates.md). The checks take it as none, as its consumers do.
    ast::TemplateExpr e = make(Kind::None, ctx);
    e.text = none->getText();
    return e;
  }
  return invalid(ctx);
}

ast::TemplateExpr TemplateExprBuilder::subscript(JinjaParser::SubscriptContext* ctx) {
  if (ctx == nullptr) return invalid(nullptr);
  if (auto* index = dynamic_cast<JinjaParser::IndexSubscriptContext*>(ctx)) return expression(index->expression());
  auto* slice = dynamic_cast<JinjaParser::SliceSubscriptContext*>(ctx);
  if (slice == nullptr) return invalid(ctx);
  ast::TemplateExpr e = make(ast::TemplateExprKind::Slice, ctx);
  for (JinjaParser::ExpressionContext* bound : {slice->start, slice->stop, slice->step}) {
    if (bound != nullptr) {
      e.operands.push_back(expression(bound));
    } else {
      ast::TemplateExpr omitted = make(ast::TemplateExprKind::Omitted, ctx);
      omitted.span = Span{omitted.span.file, omitted.span.begin, omitted.span.begin};
      e.operands.push_back(std::move(omitted));
    }
  }
  return e;
}

std::vector<ast::TemplateArg> TemplateExprBuilder::arguments(JinjaParser::ArgumentsContext* ctx) {
  std::vector<ast::TemplateArg> out;
  if (ctx == nullptr) return out;
  for (auto* arg : ctx->argument()) {
    ast::TemplateArg a;
    a.span = spans_.of(arg);
    if (arg->name() != nullptr) a.keyword = name(arg->name());
    a.value = expression(arg->expression());
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace bamlc::syntax
