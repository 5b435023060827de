// Prompt templates and check expressions: Jinja text in, template AST and E07xx syntax
// diagnostics out. A template is parsed from a raw string's content where it stands in its
// `.baml` file, so every span in the result is a position in that file. Like parse_file(), this
// never throws for bad input: each error is reported, the parser recovers, and what could be
// read is returned.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "compiler/ast/template_ast.h"
#include "compiler/base/source.h"
#include "compiler/diag/diagnostic.h"

namespace bamlc {

// Parses a whole template (a prompt, a template_string body). `content` is the span of the
// template's text in `file`.
std::shared_ptr<ast::Template> parse_template(const SourceFile& file, Span content, DiagnosticSink& diags);
// The same, for callers that hold the text but not the file: `text` is what `content` spans.
// `simple_tags` false sends every tag through ANTLR (tests compare the two ways).
std::shared_ptr<ast::Template> parse_template(std::string_view text, Span content, DiagnosticSink& diags,
                                              bool simple_tags = true);

// Parses one expression without delimiters: what stands between `{{` and `}}` in
// `@check(name, {{ this > 0 }})`. Nothing when it has a syntax error (already reported).
std::optional<ast::TemplateExpr> parse_template_expression(const SourceFile& file, Span content, DiagnosticSink& diags);
std::optional<ast::TemplateExpr> parse_template_expression(std::string_view text, Span content, DiagnosticSink& diags);

}  // namespace bamlc
