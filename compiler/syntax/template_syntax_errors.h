// Friendly syntax errors for prompt templates: "unexpected `)` in `{% if %}`; expected an
// expression" rather than token names, and a tag that never closes reported once, at its `{{`
// or `{%`. Used only by the second (LL) pass of the template parser; the first bails silently.
#pragma once

#include <memory>
#include <string>

#include "compiler/diag/diagnostic.h"
#include "compiler/syntax/template_tokens.h"

namespace bamlc::syntax {

// `where` names what is parsed when the error is not inside a tag, e.g. "in the expression";
// inside a tag the tag itself is named. `standalone`: one expression without delimiters (a
// check), for which only the first error is reported. Once `diags` holds `stop_at_errors` errors,
// the next syntax error ends the parse with antlr4::ParseCancellationException.
std::shared_ptr<antlr4::ANTLRErrorStrategy> make_template_error_strategy(const TemplateTokenSpans& spans,
                                                                         DiagnosticSink& diags, std::string where,
                                                                         bool standalone,
                                                                         std::size_t stop_at_errors = SIZE_MAX);

}  // namespace bamlc::syntax
