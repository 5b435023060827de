// Friendly syntax errors. ANTLR's DefaultErrorStrategy decides how to recover (single-token
// insertion and deletion, then resynchronising on the follow sets); this subclass only changes
// what is reported, plus one recovery rule of our own: at the top level, skip to the next
// declaration keyword at the start of a line, so that one broken declaration costs one error.
#include "compiler/syntax/syntax_errors.h"

#include <set>
#include <string>
#include <vector>

#include "BamlLexer.h"
#include "BamlParser.h"
#include "antlr4-runtime.h"
#include "compiler/syntax/error_words.h"
#include "compiler/base/spelling.h"
#include "compiler/syntax/literals.h"

namespace bamlc::syntax {
namespace {

using gen::BamlLexer;
using gen::BamlParser;

bool is_declaration_keyword(std::size_t type) {
  switch (type) {
    case BamlLexer::CLASS: case BamlLexer::ENUM: case BamlLexer::FUNCTION: case BamlLexer::CLIENT:
    case BamlLexer::RETRY_POLICY: case BamlLexer::TEMPLATE_STRING: case BamlLexer::TEST:
    case BamlLexer::GENERATOR: case BamlLexer::TYPE:
      return true;
    default:
      return false;
  }
}

bool swallowed_by_open_raw_string(antlr4::Token* previous) {
  if (previous == nullptr) return false;
  switch (previous->getType()) {
    case BamlLexer::RAW_STRING_1: case BamlLexer::RAW_STRING_2: case BamlLexer::RAW_STRING_3:
    case BamlLexer::RAW_STRING_4: case BamlLexer::RAW_STRING_5:
      return !split_raw_string(previous->getText()).terminated;
    default:
      return false;
  }
}

bool is_name_token(std::size_t type) {
  return type == BamlLexer::WORD || is_declaration_keyword(type) || type == BamlLexer::DYNAMIC;
}

// How a token kind is named in a message.
std::string describe_expected(std::size_t type) {
  switch (type) {
    case BamlLexer::STRING: return "a string";
    case BamlLexer::NUMBER: return "a number";
    case BamlLexer::NUMBER_WITH_SUFFIX: return "a duration";
    case BamlLexer::RAW_STRING_1: case BamlLexer::RAW_STRING_2: case BamlLexer::RAW_STRING_3:
    case BamlLexer::RAW_STRING_4: case BamlLexer::RAW_STRING_5:
      return "a raw string `#\"...\"#`";
    case BamlLexer::JINJA_EXPR: return "a Jinja expression `{{ ... }}`";
    case BamlLexer::ARROW: return "`->`";
    case BamlLexer::ATAT: return "`@@`";
    case BamlLexer::AT: return "`@`";
    case BamlLexer::LBRACE: return "`{`";
    case BamlLexer::RBRACE: return "`}`";
    case BamlLexer::LBRACK: return "`[`";
    case BamlLexer::RBRACK: return "`]`";
    case BamlLexer::LPAREN: return "`(`";
    case BamlLexer::RPAREN: return "`)`";
    case BamlLexer::LT: return "`<`";
    case BamlLexer::GT: return "`>`";
    case BamlLexer::COMMA: return "`,`";
    case BamlLexer::COLON: return "`:`";
    case BamlLexer::PIPE: return "`|`";
    case BamlLexer::QUESTION: return "`?`";
    case BamlLexer::EQUALS: return "`=`";
    case antlr4::Token::EOF: return "the end of the file";
    default: return is_name_token(type) ? "a name" : "something else";
  }
}

// The declaration (and the construct inside it) the parser is in, for "in class `Foo`".
std::string describe_context(antlr4::ParserRuleContext* ctx) {
  std::string inner;
  for (; ctx != nullptr; ctx = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent)) {
    auto name_of = [](antlr4::ParserRuleContext* c) -> std::string {
      for (auto* child : c->children) {
        if (auto* id = dynamic_cast<BamlParser::IdentifierContext*>(child)) return "`" + id->getText() + "`";
      }
      return "";
    };
    auto decl = [&](const char* what) {
      std::string name = name_of(ctx);
      std::string where = std::string("in ") + what + (name.empty() ? "" : " " + name);
      return inner.empty() ? where : inner + " " + where;
    };
    switch (ctx->getRuleIndex()) {
      case BamlParser::RuleClassDecl: return decl("class");
      case BamlParser::RuleEnumDecl: return decl("enum");
      case BamlParser::RuleFunctionDecl: return decl("function");
      case BamlParser::RuleClientDecl: {
        auto* client = static_cast<BamlParser::ClientDeclContext*>(ctx);
        std::string name = client->identifier().empty() ? "" : "`" + client->identifier().back()->getText() + "`";
        std::string where = "in client" + (name.empty() ? "" : " " + name);
        return inner.empty() ? where : inner + " " + where;
      }
      case BamlParser::RuleRetryPolicyDecl: return decl("retry_policy");
      case BamlParser::RuleTemplateStringDecl: return decl("template_string");
      case BamlParser::RuleTestDecl: return decl("test");
      case BamlParser::RuleGeneratorDecl: return decl("generator");
      case BamlParser::RuleTypeAliasDecl: return decl("type alias");
      case BamlParser::RuleTypeBuilderBlock: if (inner.empty()) inner = "in a type_builder block"; break;
      case BamlParser::RuleListValue: if (inner.empty()) inner = "in a list"; break;
      case BamlParser::RuleMapValue: if (inner.empty()) inner = "in a block"; break;
      case BamlParser::RuleAttributeArgs: if (inner.empty()) inner = "in attribute arguments"; break;
      case BamlParser::RuleParameterList: case BamlParser::RuleParameter:
        if (inner.empty()) inner = "in the parameter list";
        break;
      case BamlParser::RuleTypeExpr: case BamlParser::RuleMapType:
        if (inner.empty()) inner = "in a type";
        break;
      default: break;
    }
  }
  return inner.empty() ? "at the top level" : inner;
}

// Collapses an expected-token set into a short phrase.
std::string describe_expected_set(const antlr4::misc::IntervalSet& expected, std::size_t rule) {
  if (rule == BamlParser::RuleProject || rule == BamlParser::RuleDeclaration) {
    return "a declaration (`class`, `enum`, `function`, `client<llm>`, `retry_policy`, `template_string`, `test`, "
           "`generator` or `type`)";
  }
  std::vector<std::string> items;
  std::set<std::string> seen;
  const bool value_expected = expected.contains(static_cast<std::size_t>(BamlLexer::STRING)) && expected.contains(static_cast<std::size_t>(BamlLexer::NUMBER)) &&
                              expected.contains(static_cast<std::size_t>(BamlLexer::LBRACK));
  if (value_expected) {
    items.push_back("a value");
    seen.insert("a string");
    seen.insert("a number");
    seen.insert("a duration");
    seen.insert("a name");
    seen.insert("a raw string `#\"...\"#`");
    seen.insert("`{`");
    seen.insert("`[`");
  }
  for (std::size_t type : expected.toList()) {
    if (type == BamlLexer::UNTERMINATED_STRING) continue;
    std::string phrase = describe_expected(type);
    if (phrase == "something else") continue;
    if (seen.insert(phrase).second) items.push_back(phrase);
  }
  if (items.size() > 6) items.resize(6);
  return items.empty() ? "something else" : join_alternatives(items);
}

// A token ANTLR's single-token insertion made up; it stands nowhere in the file.
bool is_conjured(const antlr4::Token* token) {
  return token->getStartIndex() == INVALID_INDEX || token->getTokenIndex() == INVALID_INDEX;
}

class FriendlyErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  FriendlyErrorStrategy(FileId file, const TokenOffsets& offsets, DiagnosticSink& diags)
      : file_(file), offsets_(offsets), diags_(diags) {}

 protected:
  void reportNoViableAlternative(antlr4::Parser* recognizer, const antlr4::NoViableAltException& e) override {
    report_unexpected(recognizer, e.getOffendingToken(), recognizer->getExpectedTokens());
  }

  void reportInputMismatch(antlr4::Parser* recognizer, const antlr4::InputMismatchException& e) override {
    report_unexpected(recognizer, e.getOffendingToken(), e.getExpectedTokens());
  }

  void reportFailedPredicate(antlr4::Parser* recognizer, const antlr4::FailedPredicateException& e) override {
    report_unexpected(recognizer, e.getOffendingToken(), recognizer->getExpectedTokens());
  }

  void reportUnwantedToken(antlr4::Parser* recognizer) override {
    if (inErrorRecoveryMode(recognizer)) return;
    beginErrorCondition(recognizer);
    antlr4::Token* token = recognizer->getCurrentToken();
    report_unexpected_now(recognizer, token, getExpectedTokens(recognizer));
  }

  void reportMissingToken(antlr4::Parser* recognizer) override {
    if (inErrorRecoveryMode(recognizer)) return;
    beginErrorCondition(recognizer);
    antlr4::Token* token = recognizer->getCurrentToken();
    antlr4::misc::IntervalSet expected = getExpectedTokens(recognizer);
    if (report_unclosed_block(recognizer, token, expected)) return;
    // Point just after the previous token: that is where the missing piece belongs.
    antlr4::Token* previous = recognizer->getTokenStream()->LT(-1);
    Span at = previous != nullptr ? span_after(previous) : span_of(token);
    std::string message = "expected " + describe_expected_set(expected, recognizer->getContext()->getRuleIndex()) +
                          " " + describe_context(recognizer->getContext()) + ", found " + describe_found(token, "file");
    diags_.report(DiagKind::UnexpectedToken, at, std::move(message));
  }

  // Top-level recovery: skip to the next declaration keyword at the start of a line.
  void recover(antlr4::Parser* recognizer, std::exception_ptr e) override {
    const std::size_t rule = recognizer->getContext()->getRuleIndex();
    if (rule != BamlParser::RuleProject && rule != BamlParser::RuleDeclaration) {
      DefaultErrorStrategy::recover(recognizer, e);
      return;
    }
    antlr4::TokenStream* input = recognizer->getTokenStream();
    recognizer->consume();
    while (input->LA(1) != antlr4::Token::EOF) {
      antlr4::Token* t = input->LT(1);
      if (t->getCharPositionInLine() == 0 && (is_declaration_keyword(t->getType()) || t->getType() == BamlLexer::DYNAMIC)) break;
      recognizer->consume();
    }
  }

 private:
  Span span_of(antlr4::Token* token) const {
    if (token->getType() == antlr4::Token::EOF) {
      const std::uint32_t end = offsets_.byte_offset(token->getStartIndex());
      return Span{file_, end, end};
    }
    return Span{file_, offsets_.byte_offset(token->getStartIndex()), offsets_.byte_offset(token->getStopIndex() + 1)};
  }

  Span span_after(antlr4::Token* token) const {
    const std::uint32_t end = offsets_.byte_offset(token->getStopIndex() + 1);
    return Span{file_, end, end};
  }

  // A `{//` that nothing closes is a `{` and a line comment (as in BAML); where that `{` is out of
  // place, it was meant to open a block comment.
  bool report_unclosed_block_comment(antlr4::Token* token) {
    if (token->getType() != BamlLexer::LBRACE) return false;
    antlr4::CharStream* input = token->getInputStream();
    const std::size_t after = token->getStopIndex() + 1;
    if (input == nullptr || after + 1 >= input->size() ||
        input->getText(antlr4::misc::Interval(after, after + 1)) != "//")
      return false;
    const std::uint32_t begin = offsets_.byte_offset(token->getStartIndex());
    diags_.report(DiagKind::UnterminatedBlockComment, Span{file_, begin, begin + 3}, "this block comment is never closed")
        .with_hint("end it with `//}`; without one, `{//` is a `{` followed by a line comment");
    return true;
  }

  void report_unexpected(antlr4::Parser* recognizer, antlr4::Token* token, const antlr4::misc::IntervalSet& expected) {
    report_unexpected_now(recognizer, token, expected);
  }

  void report_unexpected_now(antlr4::Parser* recognizer, antlr4::Token* token, const antlr4::misc::IntervalSet& expected) {
    if (report_unclosed_list(recognizer, token)) return;
    if (report_unclosed_block(recognizer, token, expected)) return;
    if (report_unclosed_block_comment(token)) return;
    const std::size_t rule = recognizer->getContext()->getRuleIndex();
    std::string message = "unexpected " + describe_found(token, "file") + " " + describe_context(recognizer->getContext()) +
                          "; expected " + describe_expected_set(expected, rule);
    Diagnostic& d = diags_.report(DiagKind::UnexpectedToken, span_of(token), std::move(message));
    if (rule == BamlParser::RuleProject || rule == BamlParser::RuleDeclaration) {
      static constexpr std::string_view kKeywords[] = {"class", "enum", "function", "client", "retry_policy",
                                                       "template_string", "test", "generator", "type"};
      if (auto guess = closest_match(token->getText(), std::span<const std::string_view>(kKeywords))) {
        d.with_hint("did you mean `" + *guess + "`?");
      }
    }
    if (token->getType() == BamlLexer::UNTERMINATED_STRING) d.with_hint("close the string with `\"` on the same line");
    if (token->getType() == BamlLexer::STRING && (rule == BamlParser::RuleField || rule == BamlParser::RuleClassMember)) {
      d.with_hint("field names are written without quotes");
    }
  }

  // A list that runs into the `}` of its block (or the end of the file, or the next declaration)
  // was never closed: say so at its `[`, which may be lines above, rather than at the `}`.
  bool report_unclosed_list(antlr4::Parser* recognizer, antlr4::Token* token) {
    antlr4::ParserRuleContext* ctx = recognizer->getContext();
    if (ctx == nullptr || ctx->getRuleIndex() != BamlParser::RuleListValue) return false;
    const bool at_eof = token->getType() == antlr4::Token::EOF;
    const bool at_declaration = token->getCharPositionInLine() == 0 && is_declaration_keyword(token->getType());
    if (token->getType() != BamlLexer::RBRACE && !at_eof && !at_declaration) return false;
    antlr4::tree::TerminalNode* open = nullptr;
    for (auto* child : ctx->children) {
      auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(child);
      if (terminal == nullptr) continue;
      if (terminal->getSymbol()->getType() == BamlLexer::LBRACK) open = terminal;
      if (terminal->getSymbol()->getType() == BamlLexer::RBRACK) return false;
    }
    if (open == nullptr) return false;
    if (is_conjured(open->getSymbol())) return true;  // the missing `[` itself was reported
    const std::string where = describe_context(dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent));
    const char* reached = at_eof ? "the file ends here" : at_declaration ? "the next declaration starts here"
                                                                         : "the block ends here, with the list still open";
    diags_.report(DiagKind::UnclosedBlock, span_of(open->getSymbol()), "this `[` " + where + " is never closed")
        .with_hint("add `]` after the list's last item")
        .with_note(span_of(token), reached);
    return true;
  }

  // A block that reaches the end of the file, or the next declaration, was never closed: say
  // so at its opening brace rather than blaming the token that happens to follow.
  bool report_unclosed_block(antlr4::Parser* recognizer, antlr4::Token* token, const antlr4::misc::IntervalSet& expected) {
    if (!expected.contains(static_cast<std::size_t>(BamlLexer::RBRACE))) return false;
    const bool at_eof = token->getType() == antlr4::Token::EOF;
    const bool at_declaration = token->getCharPositionInLine() == 0 && is_declaration_keyword(token->getType());
    if (!at_eof && !at_declaration) return false;
    // A raw string left open swallows the rest of the file, braces included; the AST builder
    // reports that, and the block it hides is not a second mistake.
    if (at_eof && swallowed_by_open_raw_string(recognizer->getTokenStream()->LT(-1))) return true;
    for (antlr4::ParserRuleContext* ctx = recognizer->getContext(); ctx != nullptr;
         ctx = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent)) {
      antlr4::tree::TerminalNode* open = nullptr;
      bool closed = false;
      for (auto* child : ctx->children) {
        auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(child);
        if (terminal == nullptr) continue;
        if (terminal->getSymbol()->getType() == BamlLexer::LBRACE) open = terminal;
        if (terminal->getSymbol()->getType() == BamlLexer::RBRACE) closed = true;
      }
      if (open == nullptr || closed) continue;
      // Recovery invented this `{` (`class A x`): its absence was reported, and it has no
      // place in the file to point at.
      if (is_conjured(open->getSymbol())) return true;
      std::string what = describe_context(ctx);
      if (what.rfind("in ", 0) == 0) what = what.substr(3);
      diags_.report(DiagKind::UnclosedBlock, span_of(open->getSymbol()), "this `{` of " + what + " is never closed")
          .with_hint(at_eof ? "add `}` at the end of the block" : "add `}` before the next declaration")
          .with_note(span_of(token), at_eof ? "the file ends here" : "the next declaration starts here");
      return true;
    }
    return false;
  }

  FileId file_;
  const TokenOffsets& offsets_;
  DiagnosticSink& diags_;
};

}  // namespace

std::shared_ptr<antlr4::ANTLRErrorStrategy> make_friendly_error_strategy(FileId file, const TokenOffsets& offsets,
                                                                          DiagnosticSink& diags) {
  return std::make_shared<FriendlyErrorStrategy>(file, offsets, diags);
}

}  // namespace bamlc::syntax
