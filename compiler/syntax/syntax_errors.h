// Turns ANTLR's recognition errors into diagnostics in the language's own words: "expected a
// type after `->` in function `F`" rather than token names. Used only by the second (LL) parse
// pass; the first pass bails out silently.
#pragma once

#include <memory>

#include "compiler/base/source.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/syntax/token_offsets.h"

namespace antlr4 {
class ANTLRErrorStrategy;
}

namespace bamlc::syntax {

std::shared_ptr<antlr4::ANTLRErrorStrategy> make_friendly_error_strategy(FileId file, const TokenOffsets& offsets,
                                                                          DiagnosticSink& diags);

}  // namespace bamlc::syntax
