// Two-stage parsing: SLL prediction with a bail-out strategy first (fast, and enough for
// almost every real file), then full LL with error reporting and recovery only when SLL
// fails. SLL either yields the tree LL would or fails, so diagnostics always come from the LL
// pass.
#include "compiler/syntax/parser.h"

#include <algorithm>
#include <vector>

#include "BamlLexer.h"
#include "BamlParser.h"
#include "antlr4-runtime.h"
#include "compiler/base/nesting.h"
#include "compiler/base/utf8.h"
#include "compiler/syntax/nesting_scan.h"
#include "compiler/syntax/ast_builder.h"
#include "compiler/syntax/syntax_errors.h"
#include "compiler/syntax/token_offsets.h"

namespace bamlc {

namespace {

// Characters the lexer could not use were routed to a channel of their own; report each run
// of them once.
// Characters inside an unquoted string are part of it (`x $5 & 10% off`), not stray.
void report_stray_characters(antlr4::CommonTokenStream& tokens, const SourceFile& file,
                             const syntax::TokenOffsets& offsets, const std::vector<Span>& unquoted_text,
                             DiagnosticSink& diags) {
  std::size_t last_stop = SIZE_MAX;
  auto inside = unquoted_text.begin();
  for (antlr4::Token* token : tokens.getTokens()) {
    if (token->getType() == syntax::gen::BamlLexer::BLOCK_COMMENT) continue;  // closed: a comment
    if (token->getType() != syntax::gen::BamlLexer::ERROR_CHAR) continue;
    const std::uint32_t at_byte = offsets.byte_offset(token->getStartIndex());
    while (inside != unquoted_text.end() && inside->end <= at_byte) ++inside;
    if (inside != unquoted_text.end() && inside->begin <= at_byte) continue;
    const bool continues_run = last_stop != SIZE_MAX && token->getStartIndex() == last_stop + 1;
    last_stop = token->getStopIndex();
    if (continues_run) continue;
    const Span at{file.id(), offsets.byte_offset(token->getStartIndex()), offsets.byte_offset(token->getStopIndex() + 1)};
    diags.report(DiagKind::UnexpectedCharacter, at, "unexpected character `" + token->getText() + "`")
        .with_hint("BAML has no such symbol here; quote it if it is part of a string");
  }
}

// The most tokens one line may hold (documented in docs/language.md, "Limits").
constexpr std::size_t kMaxTokensPerLine = 2000;

// The first token past kMaxTokensPerLine on one line, or nullptr.
const antlr4::Token* crowded_line(const std::vector<antlr4::Token*>& tokens) {
  std::size_t line = 0;
  std::size_t count = 0;
  for (const antlr4::Token* t : tokens) {
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    count = t->getLine() == line ? count + 1 : 1;
    line = t->getLine();
    if (count > kMaxTokensPerLine) return t;
  }
  return nullptr;
}

}  // namespace

ast::File parse_file(const SourceFile& file, DiagnosticSink& diags) {
  using syntax::gen::BamlLexer;
  using syntax::gen::BamlParser;

  // ANTLR's input stream throws on malformed UTF-8: report the first bad sequence instead.
  if (const std::optional<Utf8Error> bad = first_invalid_utf8(file.text())) {
    const auto at = static_cast<std::uint32_t>(bad->offset);
    diags.report(DiagKind::InvalidUtf8, Span{file.id(), at, at + static_cast<std::uint32_t>(bad->length)},
                 "this file is not valid UTF-8" + (bad->what.empty() ? "" : ": " + std::string(bad->what) + " here"))
        .with_hint("save the file as UTF-8");
    return ast::File{file.id(), {}};
  }
  const syntax::TokenOffsets offsets(file.text());
  antlr4::ANTLRInputStream input(file.text());
  BamlLexer lexer(&input);
  lexer.removeErrorListeners();  // every character becomes a token: the lexer cannot fail
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  if (const antlr4::Token* deep = syntax::baml_nesting_too_deep(tokens.getTokens())) {
    report_stray_characters(tokens, file, offsets, {}, diags);
    // The recursive-descent parser would run out of stack on this file: read none of it.
    const Span at{file.id(), offsets.byte_offset(deep->getStartIndex()), offsets.byte_offset(deep->getStopIndex() + 1)};
    diags.report(DiagKind::NestingTooDeep, at,
                 "this `" + deep->getText() + "` nests deeper than " + std::to_string(kMaxNestingDepth) +
                     " levels, the most bamlc reads; the rest of this file is not checked")
        .with_hint("flatten it: give an inner part a name (a type alias, a class, a separate value) and refer to it");
    return ast::File{file.id(), {}};
  }
  if (const antlr4::Token* crowded = crowded_line(tokens.getTokens())) {
    // An unquoted string runs to the end of its line, and the parser's look-ahead over one grows
    // with its length: a line of thousands of words is data, not BAML, so it is not read.
    report_stray_characters(tokens, file, offsets, {}, diags);
    const Span at{file.id(), offsets.byte_offset(crowded->getStartIndex()), offsets.byte_offset(crowded->getStopIndex() + 1)};
    diags.report(DiagKind::LineTooLong, at,
                 "this line holds more than " + std::to_string(kMaxTokensPerLine) +
                     " tokens, the most bamlc reads on one line; the rest of this file is not checked")
        .with_hint("break the line, or put long text in a quoted or raw string (`#\"...\"#`)");
    return ast::File{file.id(), {}};
  }

  BamlParser parser(&tokens);
  parser.removeErrorListeners();
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);

  BamlParser::ProjectContext* tree = nullptr;
  try {
    tree = parser.project();
  } catch (const antlr4::ParseCancellationException&) {
    tokens.seek(0);
    parser.reset();
    parser.setErrorHandler(syntax::make_friendly_error_strategy(file.id(), offsets, diags));
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
    tree = parser.project();
  }
  std::vector<Span> unquoted_text;
  ast::File out = syntax::build_ast(*tree, tokens, file, offsets, diags, unquoted_text);
  std::sort(unquoted_text.begin(), unquoted_text.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  report_stray_characters(tokens, file, offsets, unquoted_text, diags);
  return out;
}

}  // namespace bamlc
