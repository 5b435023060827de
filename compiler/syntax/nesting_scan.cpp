#include "compiler/syntax/nesting_scan.h"

#include "BamlLexer.h"
#include "JinjaLexer.h"
#include "compiler/base/nesting.h"

namespace bamlc::syntax {

const antlr4::Token* baml_nesting_too_deep(const std::vector<antlr4::Token*>& tokens) {
  using gen::BamlLexer;
  std::vector<std::size_t> closers;
  for (const antlr4::Token* token : tokens) {
    if (token->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    switch (token->getType()) {
      case BamlLexer::LPAREN: closers.push_back(BamlLexer::RPAREN); break;
      case BamlLexer::LBRACK: closers.push_back(BamlLexer::RBRACK); break;
      case BamlLexer::LBRACE: closers.push_back(BamlLexer::RBRACE); break;
      case BamlLexer::LT: closers.push_back(BamlLexer::GT); break;
      default:
        if (!closers.empty() && closers.back() == token->getType()) closers.pop_back();
        continue;
    }
    if (closers.size() > kMaxNestingDepth) return token;
  }
  return nullptr;
}

void TemplateNestingScan::reset() {
  closers_.clear();
  operators_.assign(1, 0);
  operator_total_ = 0;
  tag_start_ = true;
}

bool TemplateNestingScan::too_deep(const antlr4::Token& token) {
  using gen::JinjaLexer;
  if (token.getChannel() != antlr4::Token::DEFAULT_CHANNEL) return false;
  const bool first = tag_start_;
  tag_start_ = false;
  switch (token.getType()) {
    // A new tag (or text between tags) starts from nothing: tags do not nest.
    case JinjaLexer::EXPR_OPEN:
    case JinjaLexer::STMT_OPEN:
    case JinjaLexer::EXPR_CLOSE:
    case JinjaLexer::STMT_CLOSE:
    case JinjaLexer::TEXT:
    case JinjaLexer::RAW_BLOCK:
    case JinjaLexer::COMMENT: reset(); return false;
    case JinjaLexer::LPAREN: closers_.push_back(JinjaLexer::RPAREN); break;
    case JinjaLexer::LBRACK: closers_.push_back(JinjaLexer::RBRACK); break;
    case JinjaLexer::LBRACE: closers_.push_back(JinjaLexer::RBRACE); break;
    case JinjaLexer::RPAREN:
    case JinjaLexer::RBRACK:
    case JinjaLexer::RBRACE:
      if (!closers_.empty() && closers_.back() == token.getType()) {
        closers_.pop_back();
        operator_total_ -= operators_.back();
        operators_.pop_back();
      }
      return false;
    case JinjaLexer::COMMA:
    case JinjaLexer::COLON:
      operator_total_ -= operators_.back();
      operators_.back() = 0;
      return false;
    // `if` and `else` open a conditional inside an expression, not at the start of a tag.
    case JinjaLexer::IF:
    case JinjaLexer::ELSE:
      if (first) return false;
      [[fallthrough]];
    case JinjaLexer::AND: case JinjaLexer::OR: case JinjaLexer::NOT: case JinjaLexer::IN: case JinjaLexer::IS:
    case JinjaLexer::FLOOR_DIV: case JinjaLexer::POWER: case JinjaLexer::EQ: case JinjaLexer::NE:
    case JinjaLexer::LE: case JinjaLexer::GE: case JinjaLexer::LT: case JinjaLexer::GT:
    case JinjaLexer::PLUS: case JinjaLexer::MINUS: case JinjaLexer::STAR: case JinjaLexer::SLASH:
    case JinjaLexer::PERCENT: case JinjaLexer::TILDE: case JinjaLexer::PIPE: case JinjaLexer::DOT:
      ++operators_.back();
      ++operator_total_;
      break;
    default: return false;
  }
  if (token.getType() == JinjaLexer::LPAREN || token.getType() == JinjaLexer::LBRACK ||
      token.getType() == JinjaLexer::LBRACE) {
    operators_.push_back(0);
  }
  return closers_.size() + operator_total_ > kMaxNestingDepth;
}

}  // namespace bamlc::syntax
