// Where a template's tokens are in the `.baml` file. A template is lexed from a raw string's
// content, so ANTLR's code-point indexes are relative to that content: this maps them to byte
// spans in the file. Shared by the template parser's error strategy and its AST builder.
#pragma once

#include <cstdint>

#include "antlr4-runtime.h"
#include "compiler/base/source.h"
#include "compiler/syntax/token_offsets.h"

namespace bamlc::syntax {

class TemplateTokenSpans {
 public:
  TemplateTokenSpans(Span content, const TokenOffsets& offsets) : content_(content), offsets_(offsets) {}

  Span content() const { return content_; }

  // A conjured token (error recovery) and EOF have no text: they map to an empty span where
  // the parser stood, or at the end of the content.
  Span of(const antlr4::Token* token) const {
    const bool conjured = token == nullptr || token->getStartIndex() == INVALID_INDEX;
    if (conjured || token->getType() == antlr4::Token::EOF) return Span{content_.file, content_.end, content_.end};
    return Span{content_.file, at_index(token->getStartIndex()), at_index(token->getStopIndex() + 1)};
  }

  Span after(const antlr4::Token* token) const {
    const Span s = of(token);
    return Span{s.file, s.end, s.end};
  }

  Span of(antlr4::ParserRuleContext* ctx) const {
    const Span first = of(ctx->getStart());
    const antlr4::Token* stop = ctx->getStop();
    // An empty rule (or one cut short by an error) may stop before it starts.
    if (stop == nullptr || stop->getTokenIndex() < ctx->getStart()->getTokenIndex()) return first;
    const Span last = of(stop);
    return Span{first.file, first.begin, last.end < first.begin ? first.begin : last.end};
  }

 private:
  std::uint32_t at_index(std::size_t code_point_index) const {
    return content_.begin + offsets_.byte_offset(code_point_index);
  }

  Span content_;
  const TokenOffsets& offsets_;
};

}  // namespace bamlc::syntax
