// Turns a template's flat parse tree (text, comments, `{{ }}` and `{% %}` tags in order) into
// the nested ast::Template: it matches `if`/`elif`/`else`/`endif`, `for`/`else`/`endfor` and
// `set`/`endset`, reports a block left open at its opening tag and a closing tag with nothing
// to close at itself, and names the statements BAML prompts do not support. Blocks nest at most
// kMaxNestingDepth deep.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "JinjaParser.h"
#include "compiler/ast/template_ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/syntax/template_tokens.h"

namespace bamlc::syntax {

// The whitespace control a tag's `-` (trim) or `+` (keep) marker asks for; Default for any other.
ast::WhitespaceControl whitespace_control(char marker);

// A template is parsed in pieces (template_parser.cpp), so blocks are matched across them: the
// builder keeps its stack of open blocks from one piece to the next.
class TemplateBuilder {
 public:
  TemplateBuilder(const TemplateTokenSpans& spans, DiagnosticSink& diags);
  ~TemplateBuilder();

  // Adds the elements of the next piece of the template.
  void add(gen::JinjaParser::DocumentContext& piece);
  // Room for this many nodes at the top level (a template of n tags has at most 2n + 1 there), so
  // that a long prompt's nodes are not moved and held twice while their vector grows.
  void reserve(std::size_t top_level_nodes);
  // Adds text, or an output tag, that the parser never saw (syntax/simple_tags.h).
  void add_text(Span span, std::string_view text);
  void add_output(Span span, ast::TagWhitespace whitespace, ast::TemplateExpr expr);
  // True once blocks nested deeper than kMaxNestingDepth (reported): the rest is not read.
  bool too_deep() const;
  // Reports the blocks still open and returns the template; an empty one when too_deep().
  std::shared_ptr<ast::Template> finish();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bamlc::syntax
