// The template parse driver, two-stage like parse_file(): SLL prediction with a bail-out
// strategy first, then full LL with the friendly error strategy only when SLL fails, so the
// common well-formed prompt never pays for error recovery and diagnostics always come from LL.
#include "compiler/syntax/template_parser.h"

#include <algorithm>
#include <optional>
#include <string>

#include "JinjaLexer.h"
#include "JinjaParser.h"
#include "antlr4-runtime.h"
#include "compiler/base/nesting.h"
#include "compiler/syntax/nesting_scan.h"
#include "compiler/syntax/simple_tags.h"
#include "compiler/syntax/template_builder.h"
#include "compiler/syntax/template_expr_builder.h"
#include "compiler/syntax/template_syntax_errors.h"
#include "compiler/syntax/template_tokens.h"
#include "compiler/syntax/token_offsets.h"

namespace bamlc {
namespace {

using syntax::gen::JinjaLexer;
using syntax::gen::JinjaParser;

std::string hint_for_stray(std::string_view run) {
  if (run.starts_with("&&")) return "Jinja writes `and`";
  if (run.starts_with("!")) return "Jinja writes `not x`; `!=` compares";
  if (run.starts_with("?")) return "Jinja writes a conditional as `a if condition else b`";
  if (run.starts_with("`")) return "quote strings with `\"` or `'`";
  return "this character has no meaning in a template expression";
}

// Characters the tag mode could not use were routed to a channel of their own; report each run
// of them once. Strings missing their closing quote are reported here too, wherever the parser
// happens to meet them.
void report_bad_tokens(antlr4::CommonTokenStream& tokens, const syntax::TemplateTokenSpans& spans,
                       DiagnosticSink& diags, std::size_t stop_at_errors = SIZE_MAX) {
  const auto& all = tokens.getTokens();
  for (std::size_t i = 0; i < all.size() && diags.error_count() < stop_at_errors; ++i) {
    if (all[i]->getType() == JinjaLexer::UNTERMINATED_STRING) {
      const std::string quote(1, all[i]->getText().front());
      diags.report(DiagKind::TemplateSyntax, spans.of(all[i]), "this string is never closed")
          .with_hint("close it with `" + quote + "` on the same line");
      continue;
    }
    if (all[i]->getType() != JinjaLexer::TAG_ERROR_CHAR) continue;
    std::size_t j = i;
    std::string run = all[i]->getText();
    while (j + 1 < all.size() && all[j + 1]->getType() == JinjaLexer::TAG_ERROR_CHAR &&
           all[j + 1]->getStartIndex() == all[j]->getStopIndex() + 1) {
      run += all[++j]->getText();
    }
    diags
        .report(DiagKind::TemplateSyntax, spans.of(all[i]).merge(spans.of(all[j])),
                "unexpected `" + run + "` in a template expression")
        .with_hint(hint_for_stray(run));
    i = j;
  }
}

// One piece of a template's tokens, handed to a parser as if it were the whole template: its
// tokens, then an end-of-input token right after the last of them.
class PieceTokenSource : public antlr4::TokenSource {
 public:
  PieceTokenSource(std::vector<std::unique_ptr<antlr4::Token>> tokens, antlr4::Lexer& lexer)
      : tokens_(std::move(tokens)), lexer_(lexer) {}

  std::unique_ptr<antlr4::Token> nextToken() override {
    if (next_ < tokens_.size()) return std::move(tokens_[next_++]);
    const antlr4::Token* last = tokens_.empty() ? nullptr : tokens_.back().get();
    const std::size_t start = last != nullptr ? last->getStopIndex() + 1 : 0;
    auto eof = std::make_unique<antlr4::CommonToken>(std::make_pair(this, lexer_.getInputStream()),
                                                     antlr4::Token::EOF, antlr4::Token::DEFAULT_CHANNEL, start,
                                                     start - 1);
    eof->setText("<EOF>");
    return eof;
  }
  std::size_t getLine() const override { return lexer_.getLine(); }
  std::size_t getCharPositionInLine() override { return lexer_.getCharPositionInLine(); }
  antlr4::CharStream* getInputStream() override { return lexer_.getInputStream(); }
  std::string getSourceName() override { return lexer_.getSourceName(); }
  antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override { return lexer_.getTokenFactory(); }

 private:
  std::vector<std::unique_ptr<antlr4::Token>> tokens_;
  std::size_t next_ = 0;
  antlr4::Lexer& lexer_;
};

// A template expression deeper than the parser may recurse: reported where the limit was
// passed, and the template (or expression) is not parsed.
void report_too_deep(const antlr4::Token& token, const syntax::TemplateTokenSpans& spans, DiagnosticSink& diags) {
  diags
      .report(DiagKind::TemplateTooDeep, spans.of(&token),
              "this expression nests deeper than " + std::to_string(kMaxNestingDepth) +
                  " levels (each bracket and each operator counts one), the most bamlc reads; the rest of it is not checked")
      .with_hint("split it: give inner parts names with `{% set part = ... %}` and combine those");
}

// Rust's char::is_whitespace, which BAML's dedent uses: ASCII and Unicode White_Space.
bool is_whitespace(char32_t c) {
  return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

// Decodes the code point at `text[i]` (valid UTF-8: the file was checked) and advances `i`.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  const std::size_t length = lead < 0x80 ? 1 : (lead >> 5) == 0x6 ? 2 : (lead >> 4) == 0xE ? 3 : 4;
  char32_t c = length == 1 ? lead : lead & (0x3F >> (length - 1));
  for (std::size_t k = 1; k < length && i + k < text.size(); ++k)
    c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  i += length;
  return c;
}

std::uint32_t dedent_width(std::string_view text) {
  std::optional<std::uint32_t> width;
  std::size_t i = 0;
  while (i <= text.size()) {
    std::uint32_t leading = 0;
    bool blank = true;
    while (i < text.size() && text[i] != '\n') {
      const char32_t c = next_code_point(text, i);
      if (blank && is_whitespace(c)) {
        ++leading;
      } else {
        blank = false;
      }
    }
    if (!blank) width = std::min(width.value_or(leading), leading);
    ++i;  // past the newline (or the end)
  }
  return width.value_or(0);
}

// Runs `rule` on a fresh parser over `tokens`: SLL first, LL with diagnostics if that fails.
template <typename Rule>
auto parse_two_stage(antlr4::CommonTokenStream& tokens, const syntax::TemplateTokenSpans& spans, DiagnosticSink& diags,
                     std::string where, bool standalone, Rule rule, std::size_t stop_at_errors = SIZE_MAX) {
  JinjaParser parser(&tokens);
  parser.removeErrorListeners();
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  try {
    return rule(parser);
  } catch (const antlr4::ParseCancellationException&) {
    tokens.seek(0);
    parser.reset();
    parser.setErrorHandler(syntax::make_template_error_strategy(spans, diags, std::move(where), standalone, stop_at_errors));
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
    return rule(parser);
  }
}

// The expression of a simple output tag: a variable, or attributes of one, with the spans the
// expression builder would give them.
ast::TemplateExpr simple_path(std::string_view text, Span content, const syntax::SimpleItem& item) {
  const auto at = [&](std::size_t byte) { return content.begin + static_cast<std::uint32_t>(byte); };
  const auto& [first_begin, first_end] = item.path.front();
  ast::TemplateExpr expr;
  expr.kind = ast::TemplateExprKind::Variable;
  expr.span = Span{content.file, at(first_begin), at(first_end)};
  expr.text = std::string(text.substr(first_begin, first_end - first_begin));
  for (std::size_t k = 1; k < item.path.size(); ++k) {
    const auto& [begin, end] = item.path[k];
    ast::TemplateExpr attribute;
    attribute.kind = ast::TemplateExprKind::Attribute;
    attribute.span = Span{content.file, at(first_begin), at(end)};
    attribute.member = ast::Name{std::string(text.substr(begin, end - begin)), Span{content.file, at(begin), at(end)}};
    attribute.operands.push_back(std::move(expr));
    expr = std::move(attribute);
  }
  return expr;
}

}  // namespace

std::shared_ptr<ast::Template> parse_template(std::string_view text, Span content, DiagnosticSink& diags,
                                              bool simple_tags) {
  const syntax::TokenOffsets offsets(text);
  const syntax::TemplateTokenSpans spans(content, offsets);
  antlr4::ANTLRInputStream input{std::string(text)};
  JinjaLexer lexer(&input);
  lexer.removeErrorListeners();  // every character becomes a token: the lexer cannot fail
  syntax::TemplateBuilder builder(spans, diags);
  builder.reserve(2 * syntax::count_tags(text) + 1);
  syntax::TemplateNestingScan nesting;
  // The template is parsed in pieces of about kPieceTokens tokens, each cut where the lexer is
  // back in text mode, between two tags: no tag spans two pieces, so each piece parses (and
  // recovers from errors) on its own, and time and memory stay linear in the template however
  // long it is. The builder matches blocks across pieces.
  constexpr std::size_t kPieceTokens = 512;
  // Between two tags, text and simple output tags are read without the lexer and the parser
  // (syntax/simple_tags.h), this many at a time.
  constexpr std::size_t kSimpleItems = 4096;
  // A template with this many syntax errors is not read further: the first are what to fix,
  // and recovering from 100,000 more is what would take the time.
  constexpr std::size_t kMaxErrors = 50;
  const std::size_t stop_at_errors = diags.error_count() + kMaxErrors;
  std::vector<std::unique_ptr<antlr4::Token>> piece;
  // Parses the tokens gathered so far; false once the template is not read further.
  const auto parse_piece = [&](bool end) {
    PieceTokenSource source(std::move(piece), lexer);
    piece.clear();
    antlr4::CommonTokenStream tokens(&source);
    tokens.fill();
    report_bad_tokens(tokens, spans, diags, stop_at_errors);
    // The parse tree is owned by the parser, which lives inside parse_two_stage: build the AST
    // there, before the tree goes away.
    try {
      parse_two_stage(
          tokens, spans, diags, "in the template", false,
          [&](JinjaParser& parser) {
            builder.add(*parser.document());
            return 0;
          },
          stop_at_errors);
    } catch (const antlr4::ParseCancellationException&) {
      // The parse stopped at its error limit where it stood; nothing after it is read.
    }
    if (diags.error_count() >= stop_at_errors && !(end && tokens.LA(1) == antlr4::Token::EOF)) {
      diags.report(DiagKind::TemplateSyntax, spans.of(tokens.LT(1)),
                   "too many syntax errors in this template; the rest of it is not checked")
          .with_hint("fix the errors above and check again");
      return false;
    }
    return !builder.too_deep();
  };
  for (bool end = false; !end;) {
    if (simple_tags && lexer.mode == antlr4::Lexer::DEFAULT_MODE && lexer.modeStack.empty()) {
      const std::size_t at_point = input.index();
      const syntax::SimpleScan scan = syntax::scan_simple(text, offsets.byte_offset(at_point), at_point, kSimpleItems);
      if (scan.has_output) {
        if (!piece.empty() && !parse_piece(false)) break;
        for (const syntax::SimpleItem& item : scan.items) {
          const Span span{content.file, content.begin + static_cast<std::uint32_t>(item.begin),
                          content.begin + static_cast<std::uint32_t>(item.end)};
          if (item.kind == syntax::SimpleItem::Kind::Text) {
            builder.add_text(span, text.substr(item.begin, item.end - item.begin));
          } else {
            builder.add_output(span, {syntax::whitespace_control(item.open_control), syntax::whitespace_control(item.close_control)},
                               simple_path(text, content, item));
          }
        }
        if (builder.too_deep()) break;
        input.seek(scan.stop_points);
        continue;
      }
    }
    std::unique_ptr<antlr4::Token> token = lexer.nextToken();
    end = token->getType() == antlr4::Token::EOF;
    if (nesting.too_deep(*token)) {
      report_too_deep(*token, spans, diags);
      break;
    }
    piece.push_back(std::move(token));
    if (!end && (piece.size() < kPieceTokens || lexer.mode != antlr4::Lexer::DEFAULT_MODE)) continue;
    if (!parse_piece(end)) break;
  }
  std::shared_ptr<ast::Template> tmpl = builder.finish();
  tmpl->dedent = dedent_width(text);
  return tmpl;
}

std::shared_ptr<ast::Template> parse_template(const SourceFile& file, Span content, DiagnosticSink& diags) {
  return parse_template(file.slice(content), content, diags);
}

std::optional<ast::TemplateExpr> parse_template_expression(std::string_view text, Span content, DiagnosticSink& diags) {
  const syntax::TokenOffsets offsets(text);
  const syntax::TemplateTokenSpans spans(content, offsets);
  antlr4::ANTLRInputStream input{std::string(text)};
  JinjaLexer lexer(&input);
  lexer.removeErrorListeners();
  lexer.pushMode(JinjaLexer::TAG);  // no delimiters: the text is what a `{{ }}` holds
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  syntax::TemplateNestingScan nesting;
  for (antlr4::Token* token : tokens.getTokens()) {
    if (nesting.too_deep(*token)) {
      report_too_deep(*token, spans, diags);
      return std::nullopt;
    }
  }
  const std::size_t errors_before = diags.error_count();
  report_bad_tokens(tokens, spans, diags);
  ast::TemplateExpr expr = parse_two_stage(tokens, spans, diags, "in the expression", true, [&](JinjaParser& parser) {
    return syntax::TemplateExprBuilder(spans, diags).expression(parser.standaloneExpression()->expression());
  });
  if (diags.error_count() != errors_before) return std::nullopt;
  return expr;
}

std::optional<ast::TemplateExpr> parse_template_expression(const SourceFile& file, Span content,
                                                           DiagnosticSink& diags) {
  return parse_template_expression(file.slice(content), content, diags);
}

}  // namespace bamlc
