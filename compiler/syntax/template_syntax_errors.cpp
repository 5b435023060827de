// ANTLR's DefaultErrorStrategy decides how to recover (single-token insertion and deletion,
// then resynchronising); this subclass changes what is reported. Two rules of our own: a tag
// whose closing `}}`/`%}` never comes is reported at its opening, once, however many tokens
// it swallowed; and the message names the tag the error is in.
#include "compiler/syntax/template_syntax_errors.h"

#include <set>
#include <string>
#include <vector>

#include "JinjaLexer.h"
#include "JinjaParser.h"
#include "compiler/syntax/error_words.h"

namespace bamlc::syntax {
namespace {

using gen::JinjaLexer;
using gen::JinjaParser;

bool is_open(std::size_t type) {
  return type == JinjaLexer::EXPR_OPEN || type == JinjaLexer::STMT_OPEN;
}
bool is_close(std::size_t type) {
  return type == JinjaLexer::EXPR_CLOSE || type == JinjaLexer::STMT_CLOSE;
}
// Tokens only the text mode produces: seeing one means no tag is open.
bool is_text_mode(std::size_t type) {
  return type == JinjaLexer::TEXT || type == JinjaLexer::RAW_BLOCK || type == JinjaLexer::COMMENT;
}

std::string describe_expected_token(std::size_t type, const antlr4::dfa::Vocabulary& vocabulary) {
  switch (type) {
    case JinjaLexer::EXPR_CLOSE: return "`}}`";
    case JinjaLexer::STMT_CLOSE: return "`%}`";
    case JinjaLexer::EXPR_OPEN: return "`{{`";
    case JinjaLexer::STMT_OPEN: return "`{%`";
    case JinjaLexer::NAME: return "a name";
    case JinjaLexer::STRING: return "a string";
    case JinjaLexer::INT:
    case JinjaLexer::FLOAT: return "a number";
    case JinjaLexer::TRUE: return "`true`";
    case JinjaLexer::FALSE: return "`false`";
    case JinjaLexer::NONE: return "`none`";
    case antlr4::Token::EOF: return "the end of the expression";
    case JinjaLexer::UNTERMINATED_STRING:
    case JinjaLexer::TEXT:
    case JinjaLexer::RAW_BLOCK:
    case JinjaLexer::COMMENT: return "";
    default: {
      std::string literal = vocabulary.getLiteralName(type);  // 'and', '(' ...
      if (literal.size() >= 2 && literal.front() == '\'') literal = literal.substr(1, literal.size() - 2);
      return literal.empty() ? "" : "`" + literal + "`";
    }
  }
}

std::string describe_expected_set(const antlr4::misc::IntervalSet& expected,
                                  const antlr4::dfa::Vocabulary& vocabulary) {
  auto has = [&](std::size_t type) { return expected.contains(type); };
  std::vector<std::string> items;
  std::set<std::string> seen;
  // After `.`, `|` or `is`, any word is a name, keywords included; at the start of a tag, the
  // keywords are statements.
  if (has(JinjaLexer::NAME) && has(JinjaLexer::AND) && has(JinjaLexer::ENDFOR) && !has(JinjaLexer::INT)) {
    return "a name";
  }
  if (has(JinjaLexer::IF) && has(JinjaLexer::FOR) && has(JinjaLexer::SET)) {
    return "a statement (`if`, `elif`, `else`, `endif`, `for`, `endfor`, `set`, `endset`, `break` or `continue`)";
  }
  // Every token that can start an operand: say "an expression" once instead of listing them.
  if (has(JinjaLexer::NAME) && has(JinjaLexer::INT) && has(JinjaLexer::LPAREN)) {
    items.push_back("an expression");
    for (std::size_t t : {JinjaLexer::NAME, JinjaLexer::STRING, JinjaLexer::INT, JinjaLexer::FLOAT, JinjaLexer::TRUE,
                          JinjaLexer::FALSE, JinjaLexer::NONE, JinjaLexer::LPAREN, JinjaLexer::LBRACK,
                          JinjaLexer::LBRACE, JinjaLexer::MINUS, JinjaLexer::PLUS, JinjaLexer::NOT}) {
      seen.insert(describe_expected_token(t, vocabulary));
    }
  }
  for (std::size_t type : expected.toList()) {
    std::string phrase = describe_expected_token(type, vocabulary);
    if (phrase.empty()) continue;
    if (seen.insert(phrase).second) items.push_back(phrase);
  }
  if (items.size() > 6) {
    items.resize(5);
    items.push_back("an operator");
  }
  return items.empty() ? "something else" : join_alternatives(items);
}

class TemplateErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  TemplateErrorStrategy(const TemplateTokenSpans& spans, DiagnosticSink& diags, std::string where, bool standalone,
                        std::size_t stop_at_errors)
      : spans_(spans), diags_(diags), where_(std::move(where)), standalone_(standalone), stop_at_errors_(stop_at_errors) {}

 protected:
  void reportNoViableAlternative(antlr4::Parser* recognizer, const antlr4::NoViableAltException& e) override {
    report(recognizer, e.getOffendingToken(), recognizer->getExpectedTokens(), false);
  }

  void reportInputMismatch(antlr4::Parser* recognizer, const antlr4::InputMismatchException& e) override {
    report(recognizer, e.getOffendingToken(), e.getExpectedTokens(), false);
  }

  void reportFailedPredicate(antlr4::Parser* recognizer, const antlr4::FailedPredicateException& e) override {
    report(recognizer, e.getOffendingToken(), recognizer->getExpectedTokens(), false);
  }

  void reportUnwantedToken(antlr4::Parser* recognizer) override {
    if (inErrorRecoveryMode(recognizer)) return;
    beginErrorCondition(recognizer);
    report(recognizer, recognizer->getCurrentToken(), getExpectedTokens(recognizer), false);
  }

  void reportMissingToken(antlr4::Parser* recognizer) override {
    if (inErrorRecoveryMode(recognizer)) return;
    beginErrorCondition(recognizer);
    report(recognizer, recognizer->getCurrentToken(), getExpectedTokens(recognizer), true);
  }

 private:
  // The opening token of the tag `token` is in, or null when it is in no tag.
  antlr4::Token* enclosing_open(antlr4::TokenStream* tokens, const antlr4::Token* token) const {
    for (std::size_t i = token->getTokenIndex(); i-- > 0;) {
      antlr4::Token* t = tokens->get(i);
      if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
      if (is_open(t->getType())) return t;
      if (is_close(t->getType()) || is_text_mode(t->getType())) return nullptr;
    }
    return nullptr;
  }

  // The first token from `token` on that ends the tag, starts another, or ends the template.
  antlr4::Token* tag_end(antlr4::TokenStream* tokens, antlr4::Token* token) const {
    for (std::size_t i = token->getTokenIndex();; ++i) {
      antlr4::Token* t = tokens->get(i);
      if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
      if (t->getType() == antlr4::Token::EOF || is_open(t->getType()) || is_close(t->getType()) ||
          is_text_mode(t->getType())) {
        return t;
      }
    }
  }

  bool has_unterminated_string(antlr4::TokenStream* tokens, const antlr4::Token* open, const antlr4::Token* end) const {
    const std::size_t from = open != nullptr ? open->getTokenIndex() : 0;
    for (std::size_t i = from; i < end->getTokenIndex(); ++i) {
      if (tokens->get(i)->getType() == JinjaLexer::UNTERMINATED_STRING) return true;
    }
    return false;
  }

  std::string describe_tag(antlr4::TokenStream* tokens, const antlr4::Token* open) const {
    if (open->getType() == JinjaLexer::EXPR_OPEN) return "in `{{ ... }}`";
    const antlr4::Token* keyword = tokens->get(open->getTokenIndex() + 1);
    switch (keyword->getType()) {
      case JinjaLexer::IF:
      case JinjaLexer::ELIF:
      case JinjaLexer::FOR:
      case JinjaLexer::SET: return "in `{% " + keyword->getText() + " %}`";
      default: return "in `{% ... %}`";
    }
  }

  void report(antlr4::Parser* recognizer, antlr4::Token* token, const antlr4::misc::IntervalSet& expected,
              bool missing) {
    // One expression has one mistake worth reporting: what recovery makes of the rest is a guess.
    if (standalone_ && reported_) return;
    // A template of nothing but mistakes (`{{` 100,000 times) stops here: the caller reports
    // that the rest is not checked. Recovering from each error is what would cost the time.
    if (diags_.error_count() >= stop_at_errors_) throw antlr4::ParseCancellationException("too many errors");
    reported_ = true;
    antlr4::TokenStream* tokens = recognizer->getTokenStream();
    antlr4::Token* open = enclosing_open(tokens, token);
    antlr4::Token* end = tag_end(tokens, token);
    // A string missing its closing quote runs to the end of its line, taking the tag's closer
    // with it; the parser reported the string, and what follows from it is no second mistake.
    if (has_unterminated_string(tokens, open, end)) return;
    if (open != nullptr && !is_close(end->getType())) {
      report_unclosed(tokens, open, end);
      return;
    }
    const std::string where = open != nullptr ? describe_tag(tokens, open) : where_;
    const antlr4::Token* previous = token->getTokenIndex() > 0 ? tokens->get(token->getTokenIndex() - 1) : nullptr;

    // An empty tag says so rather than listing what an expression may start with.
    if (previous != nullptr && is_open(previous->getType()) && is_close(token->getType())) {
      const bool expr = previous->getType() == JinjaLexer::EXPR_OPEN;
      diags_
          .report(DiagKind::TemplateSyntax, spans_.of(previous).merge(spans_.of(token)),
                  expr ? "this `{{ }}` is empty" : "this `{% %}` is empty")
          .with_hint(expr ? "put an expression between the braces, or write `{{ \"{{\" }}` to output them"
                          : "write a statement such as `{% if x %}`, or remove the tag");
      return;
    }
    const auto& vocabulary = recognizer->getVocabulary();
    if (is_close(token->getType()) && open != nullptr && expected.contains(closer_of(open->getType())) &&
        token->getType() != closer_of(open->getType())) {
      const bool expr = open->getType() == JinjaLexer::EXPR_OPEN;
      diags_
          .report(DiagKind::TemplateSyntax, spans_.of(token),
                  expr ? "`{{` is closed by `}}`, not `%}`" : "`{%` is closed by `%}`, not `}}`")
          .with_note(spans_.of(open), "the tag opens here");
      return;
    }
    std::string message;
    Span at = spans_.of(token);
    if (token->getType() == antlr4::Token::EOF) {
      // Inside a tag the end of the template is an unclosed tag; this is a check expression.
      message = "the expression ends too soon; expected " + describe_expected_set(expected, vocabulary);
    } else if (missing && previous != nullptr) {
      at = spans_.after(previous);
      message = "expected " + describe_expected_set(expected, vocabulary) + " " + where + ", found " +
                describe_found(token, end_name());
    } else {
      message = "unexpected " + describe_found(token, end_name()) + " " + where + "; expected " +
                describe_expected_set(expected, vocabulary);
    }
    Diagnostic& d = diags_.report(DiagKind::TemplateSyntax, at, std::move(message));
    if (token->getType() == JinjaLexer::ASSIGN && open != nullptr && open->getType() == JinjaLexer::EXPR_OPEN) {
      d.with_hint("compare with `==`; to assign, use `{% set name = value %}`");
    } else if (token->getType() == JinjaLexer::IF && previous != nullptr && previous->getType() == JinjaLexer::ELSE) {
      d.with_hint("Jinja writes `else if` as `{% elif ... %}`");
    } else if (token->getType() == JinjaLexer::ASSIGN && previous != nullptr &&
               previous->getType() == JinjaLexer::ASSIGN) {
      d.with_hint("compare with `==`");
    }
  }

  static std::size_t closer_of(std::size_t open_type) {
    return open_type == JinjaLexer::EXPR_OPEN ? JinjaLexer::EXPR_CLOSE : JinjaLexer::STMT_CLOSE;
  }

  void report_unclosed(antlr4::TokenStream* tokens, antlr4::Token* open, antlr4::Token* end) {
    if (!reported_unclosed_.insert(open->getTokenIndex()).second) return;
    const bool expr = open->getType() == JinjaLexer::EXPR_OPEN;
    const bool at_end = end->getType() == antlr4::Token::EOF;
    Diagnostic& d = diags_
                        .report(DiagKind::UnclosedTemplateTag, spans_.of(open),
                                expr ? "this `{{` is never closed" : "this `{%` is never closed")
                        .with_hint(expr ? "close the expression with `}}`" : "close the statement with `%}`")
                        .with_note(spans_.of(end), at_end ? "the template ends here" : "the next tag starts here");
    // `{{ f({) }}`: inside an open `{`, the lexer reads `}}` as two braces (a nested dict may end
    // so), and the tag runs on. Say so when that is what happened.
    for (std::size_t i = open->getTokenIndex() + 1; i + 1 < end->getTokenIndex(); ++i) {
      const antlr4::Token* first = tokens->get(i);
      const antlr4::Token* second = tokens->get(i + 1);
      if (first->getType() == JinjaLexer::RBRACE && second->getType() == JinjaLexer::RBRACE &&
          second->getStartIndex() == first->getStopIndex() + 1) {
        d.with_hint("a `{` inside it is never closed, so this `}}` reads as two `}`")
            .with_note(spans_.of(first).merge(spans_.of(second)), "this `}}` closes braces, not the tag");
        return;
      }
    }
  }

  std::string_view end_name() const { return standalone_ ? "expression" : "template"; }

  const TemplateTokenSpans& spans_;
  DiagnosticSink& diags_;
  std::string where_;
  bool standalone_;
  std::size_t stop_at_errors_;
  bool reported_ = false;
  std::set<std::size_t> reported_unclosed_;
};

}  // namespace

std::shared_ptr<antlr4::ANTLRErrorStrategy> make_template_error_strategy(const TemplateTokenSpans& spans,
                                                                         DiagnosticSink& diags, std::string where,
                                                                         bool standalone, std::size_t stop_at_errors) {
  return std::make_shared<TemplateErrorStrategy>(spans, diags, std::move(where), standalone, stop_at_errors);
}

}  // namespace bamlc::syntax
