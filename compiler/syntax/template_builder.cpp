// Block structure of a template. The grammar reads each tag on its own; here a stack of open
// blocks gives them their nesting. Matching tags here rather than in the grammar is what lets
// an unclosed `{% if %}` be reported at the `{% if %}` (the grammar would only see the end of
// the template) and keeps a stray `{% endfor %}` to one diagnostic.
#include "compiler/syntax/template_builder.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "compiler/base/nesting.h"
#include "compiler/base/spelling.h"
#include "compiler/syntax/template_expr_builder.h"

namespace bamlc::syntax {
namespace {

using gen::JinjaParser;
using Kind = ast::TemplateNodeKind;

bool is_terminal(antlr4::tree::TerminalNode* node) {
  return node != nullptr && dynamic_cast<antlr4::tree::ErrorNode*>(node) == nullptr;
}

// Whether the parser met an error anywhere inside `tree` (and recovered).
bool has_syntax_error(antlr4::tree::ParseTree* tree) {
  if (dynamic_cast<antlr4::tree::ErrorNode*>(tree) != nullptr) return true;
  if (auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(tree); rule != nullptr && rule->exception != nullptr)
    return true;
  return std::any_of(tree->children.begin(), tree->children.end(), has_syntax_error);
}

void set_invalid(ast::TemplateExpr& e) {
  if (e.kind == ast::TemplateExprKind::Omitted) return;
  e.kind = ast::TemplateExprKind::Invalid;
  e.operands.clear();
  e.args.clear();
}

// `{{-` / `{%+`: the character after the two-character opener.
ast::WhitespaceControl opener_control(std::string_view open) {
  return open.size() > 2 ? whitespace_control(open[2]) : ast::WhitespaceControl::Default;
}

// `-}}` / `+%}`: the character before the two-character closer.
ast::WhitespaceControl closer_control(std::string_view close) {
  return close.size() > 2 ? whitespace_control(close[close.size() - 3]) : ast::WhitespaceControl::Default;
}

constexpr std::string_view kStatements[] = {"if",  "elif",   "else",  "endif",    "for", "endfor",
                                            "set", "endset", "break", "continue", "raw", "endraw"};

// Statements minijinja has and bamlc's runtime does not render, with the tag that ends each.
struct Unsupported {
  std::string_view name;
  std::string_view end;
  std::string_view hint;
};
constexpr Unsupported kUnsupported[] = {
    {"macro", "endmacro", "declare a `template_string` and call it instead"},
    {"call", "endcall", "call a `template_string` with `{{ Name(args) }}` instead"},
    {"filter", "endfilter", "apply the filter to an expression instead: `{{ value | filter }}`"},
    {"with", "endwith", "use `{% set name = value %}` instead"},
    {"block", "endblock", "BAML prompts have no template inheritance"},
    {"autoescape", "endautoescape", "BAML prompts are never escaped"},
    {"include", "", "BAML prompts are self-contained; put shared text in a `template_string`"},
    {"import", "", "BAML prompts are self-contained; put shared text in a `template_string`"},
    {"from", "", "BAML prompts are self-contained; put shared text in a `template_string`"},
    {"extends", "", "BAML prompts have no template inheritance"},
    {"do", "", "use `{% set %}` or `{{ ... }}` instead"},
};

std::string_view opening_keyword(Kind kind) {
  switch (kind) {
    case Kind::If: return "if";
    case Kind::For: return "for";
    case Kind::SetBlock: return "set";
    case Kind::Text:
    case Kind::Raw:
    case Kind::Comment:
    case Kind::Output:
    case Kind::Set:
    case Kind::Break:
    case Kind::Continue: return "";
  }
  return "";
}

std::string_view closing_keyword(Kind kind) {
  switch (kind) {
    case Kind::If: return "endif";
    case Kind::For: return "endfor";
    case Kind::SetBlock: return "endset";
    case Kind::Text:
    case Kind::Raw:
    case Kind::Comment:
    case Kind::Output:
    case Kind::Set:
    case Kind::Break:
    case Kind::Continue: return "";
  }
  return "";
}

std::string tag(std::string_view keyword) {
  return "`{% " + std::string(keyword) + " %}`";
}

}  // namespace

class TemplateBuilder::Impl {
 public:
  Impl(const TemplateTokenSpans& spans, DiagnosticSink& diags) : spans_(spans), diags_(diags), exprs_(spans, diags) {}

  void add(JinjaParser::DocumentContext& piece) {
    for (auto* element : piece.element()) {
      if (too_deep_) return;
      add_element(element);
    }
  }

  bool too_deep() const { return too_deep_; }

  std::shared_ptr<ast::Template> finish() {
    if (too_deep_) {
      // What was built is cut off mid-block; an empty template keeps checkers from reporting
      // the cut as mistakes. The nodes are dropped one block at a time, never recursively deep.
      drop_all();
      auto out = std::make_shared<ast::Template>();
      out->span = spans_.content();
      return out;
    }
    const Span end{spans_.content().file, spans_.content().end, spans_.content().end};
    while (!stack_.empty()) {
      const OpenBlock& open = stack_.back();
      // A block whose own tag never closed ran into the end with it: that was reported.
      if (!open.tag_closed) {
        pop_unclosed(end);
        continue;
      }
      diags_
          .report(DiagKind::UnclosedTemplateBlock, open.tag,
                  "this " + tag(opening_keyword(open.node.kind)) + " is never closed")
          .with_hint("add " + tag(closing_keyword(open.node.kind)) + " where the block ends")
          .with_note(end, "the template ends here");
      pop_unclosed(end);
    }
    auto out = std::make_shared<ast::Template>();
    out->nodes = std::move(root_);
    out->span = spans_.content();
    return out;
  }

 private:
  struct OpenBlock {
    ast::TemplateNode node;
    Span tag;                // the opening tag
    bool tag_closed = true;  // false when the opening tag itself lacks its `%}`
    bool in_else = false;
    Span else_tag;
  };

  std::vector<ast::TemplateNode>& current() {
    if (stack_.empty()) return root_;
    OpenBlock& open = stack_.back();
    switch (open.node.kind) {
      case Kind::If: return open.node.branches.back().body;
      case Kind::For: return open.in_else ? open.node.else_body : open.node.body;
      case Kind::SetBlock: return open.node.body;
      case Kind::Text:
      case Kind::Raw:
      case Kind::Comment:
      case Kind::Output:
      case Kind::Set:
      case Kind::Break:
      case Kind::Continue: break;
    }
    return root_;
  }

  void add_element(JinjaParser::ElementContext* element) {
    if (auto* text = dynamic_cast<JinjaParser::TextElementContext*>(element)) return add_text(text->TEXT());
    if (auto* raw = dynamic_cast<JinjaParser::RawElementContext*>(element)) return add_raw(raw->RAW_BLOCK());
    if (auto* comment = dynamic_cast<JinjaParser::CommentElementContext*>(element))
      return add_comment(comment->COMMENT());
    if (auto* output = dynamic_cast<JinjaParser::OutputElementContext*>(element)) {
      ast::TemplateNode node;
      node.kind = Kind::Output;
      node.span = spans_.of(output);
      node.expr = exprs_.expression(output->expression());
      if (has_syntax_error(output)) set_invalid(*node.expr);
      node.whitespace = whitespace(output->EXPR_OPEN(), output->EXPR_CLOSE());
      current().push_back(std::move(node));
      return;
    }
    if (auto* statement = dynamic_cast<JinjaParser::StatementElementContext*>(element)) {
      broken_ = has_syntax_error(statement);
      add_statement(statement->statement(), spans_.of(statement),
                    whitespace(statement->STMT_OPEN(), statement->STMT_CLOSE()));
      const Span at = spans_.of(statement);
      if (!is_terminal(statement->STMT_CLOSE()) && !stack_.empty() && stack_.back().tag.begin == at.begin) {
        stack_.back().tag_closed = false;
      }
    }
    // Anything else is a token left over from a tag that was already reported as broken.
  }

  // A tag with a syntax error keeps its place in the block structure, but what the parser made
  // of its expressions is a guess: checking it would report mistakes the user never wrote.
  ast::TemplateExpr tag_expr(ast::TemplateExpr e) const {
    if (broken_) set_invalid(e);
    return e;
  }

  ast::TagWhitespace whitespace(antlr4::tree::TerminalNode* open, antlr4::tree::TerminalNode* close) const {
    ast::TagWhitespace ws;
    if (is_terminal(open)) ws.before = opener_control(open->getText());
    if (is_terminal(close)) ws.after = closer_control(close->getText());
    return ws;
  }

  void add_text(antlr4::tree::TerminalNode* token) { add_text(spans_.of(token->getSymbol()), token->getText()); }

 public:
  void reserve(std::size_t top_level_nodes) { root_.reserve(top_level_nodes); }

  void add_text(Span span, std::string_view text) {
    if (too_deep_) return;
    auto& nodes = current();
    // The lexer cuts text before a lone `{`; the pieces are one text.
    if (!nodes.empty() && nodes.back().kind == Kind::Text && nodes.back().span.end == span.begin) {
      nodes.back().text += text;
      nodes.back().span = nodes.back().span.merge(span);
      return;
    }
    ast::TemplateNode node;
    node.kind = Kind::Text;
    node.span = span;
    node.text = std::string(text);
    nodes.push_back(std::move(node));
  }

  void add_output(Span span, ast::TagWhitespace whitespace, ast::TemplateExpr expr) {
    if (too_deep_) return;
    ast::TemplateNode node;
    node.kind = Kind::Output;
    node.span = span;
    node.expr = std::move(expr);
    node.whitespace = whitespace;
    current().push_back(std::move(node));
  }

 private:

  void add_comment(antlr4::tree::TerminalNode* token) {
    const std::string text = token->getText();
    ast::TemplateNode node;
    node.kind = Kind::Comment;
    node.span = spans_.of(token->getSymbol());
    const bool closed = text.size() >= 4 && text.ends_with("#}");
    if (!closed) {
      diags_.report(DiagKind::UnclosedTemplateTag, node.span.sub(0, 2), "this `{#` is never closed")
          .with_hint("close the comment with `#}`");
    }
    std::string_view inner = std::string_view(text).substr(2, text.size() - (closed ? 4 : 2));
    node.whitespace.before = !inner.empty() ? whitespace_control(inner.front()) : ast::WhitespaceControl::Default;
    node.whitespace.after = closed && !inner.empty() ? whitespace_control(inner.back()) : ast::WhitespaceControl::Default;
    if (node.whitespace.before != ast::WhitespaceControl::Default) inner.remove_prefix(1);
    if (node.whitespace.after != ast::WhitespaceControl::Default && !inner.empty()) inner.remove_suffix(1);
    node.text = std::string(inner);
    current().push_back(std::move(node));
  }

  // {% raw %}...{% endraw %} is one token; split it into its tags and its verbatim text.
  void add_raw(antlr4::tree::TerminalNode* token) {
    const std::string text = token->getText();
    ast::TemplateNode node;
    node.kind = Kind::Raw;
    node.span = spans_.of(token->getSymbol());
    const std::size_t open_end = text.find("%}") + 2;
    node.whitespace = ast::TagWhitespace{opener_control(text), closer_control(text.substr(0, open_end))};
    const std::size_t end_tag = text.rfind("{%");
    const bool closed = end_tag != std::string::npos && end_tag >= open_end && text.ends_with("%}") &&
                        text.find("endraw", end_tag) != std::string::npos;
    if (!closed) {
      diags_
          .report(DiagKind::UnclosedTemplateTag, node.span.sub(0, static_cast<std::uint32_t>(open_end)),
                  "this `{% raw %}` is never closed")
          .with_hint("end the raw text with `{% endraw %}`");
      node.text = text.substr(open_end);
    } else {
      node.text = text.substr(open_end, end_tag - open_end);
      node.end_whitespace =
          ast::TagWhitespace{opener_control(std::string_view(text).substr(end_tag)), closer_control(text)};
    }
    current().push_back(std::move(node));
  }

  void add_statement(JinjaParser::StatementContext* statement, Span at, ast::TagWhitespace ws) {
    if (statement == nullptr) return;
    if (auto* if_tag = dynamic_cast<JinjaParser::IfStatementContext*>(statement)) {
      OpenBlock open{{}, at, true, false, {}};
      open.node.kind = Kind::If;
      open.node.whitespace = ws;
      open.node.branches.push_back(ast::IfBranch{tag_expr(exprs_.expression(if_tag->expression())), {}, ws, at});
      open_block(std::move(open));
    } else if (auto* elif_tag = dynamic_cast<JinjaParser::ElifStatementContext*>(statement)) {
      add_branch(tag_expr(exprs_.expression(elif_tag->expression())), at, ws, "elif");
    } else if (dynamic_cast<JinjaParser::ElseStatementContext*>(statement) != nullptr) {
      add_else(at, ws);
    } else if (dynamic_cast<JinjaParser::EndifStatementContext*>(statement) != nullptr) {
      close(Kind::If, at, ws);
    } else if (auto* for_tag = dynamic_cast<JinjaParser::ForStatementContext*>(statement)) {
      OpenBlock open{{}, at, true, false, {}};
      open.node.kind = Kind::For;
      open.node.whitespace = ws;
      if (auto* targets = for_tag->loopTargets()) {
        for (auto* name : targets->NAME()) open.node.targets.push_back(exprs_.name(name));
      }
      open.node.expr = tag_expr(exprs_.operation(for_tag->operation()));
      open.node.filter->kind = ast::TemplateExprKind::Omitted;
      if (for_tag->IF() != nullptr) open.node.filter = tag_expr(exprs_.expression(for_tag->expression()));
      open.node.recursive = for_tag->RECURSIVE() != nullptr;
      open_block(std::move(open));
    } else if (dynamic_cast<JinjaParser::EndforStatementContext*>(statement) != nullptr) {
      close(Kind::For, at, ws);
    } else if (auto* set_tag = dynamic_cast<JinjaParser::SetStatementContext*>(statement)) {
      ast::TemplateNode node;
      node.kind = Kind::Set;
      node.span = at;
      node.whitespace = ws;
      if (auto* target = set_tag->assignTarget()) {
        for (auto* name : target->NAME()) node.targets.push_back(exprs_.name(name));
        node.unpack = !target->COMMA().empty() || target->LPAREN() != nullptr;
      }
      node.expr = tag_expr(exprs_.expression(set_tag->expression()));
      current().push_back(std::move(node));
    } else if (auto* set_block_tag = dynamic_cast<JinjaParser::SetBlockStatementContext*>(statement)) {
      OpenBlock open{{}, at, true, false, {}};
      open.node.kind = Kind::SetBlock;
      open.node.whitespace = ws;
      if (auto* target = set_block_tag->assignTarget()) {
        for (auto* name : target->NAME()) open.node.targets.push_back(exprs_.name(name));
      }
      open_block(std::move(open));
    } else if (dynamic_cast<JinjaParser::EndsetStatementContext*>(statement) != nullptr) {
      close(Kind::SetBlock, at, ws);
    } else if (dynamic_cast<JinjaParser::BreakStatementContext*>(statement) != nullptr) {
      add_loop_control(Kind::Break, "break", at, ws);
    } else if (dynamic_cast<JinjaParser::ContinueStatementContext*>(statement) != nullptr) {
      add_loop_control(Kind::Continue, "continue", at, ws);
    } else if (auto* other_tag = dynamic_cast<JinjaParser::OtherStatementContext*>(statement)) {
      add_other(exprs_.name(other_tag->NAME()));
    }
  }

  void add_branch(ast::TemplateExpr condition, Span at, ast::TagWhitespace ws, std::string_view keyword) {
    if (stack_.empty() || stack_.back().node.kind != Kind::If) {
      Diagnostic& d =
          diags_.report(DiagKind::UnmatchedTemplateTag, at, tag(keyword) + " is not inside an `{% if %}` block");
      if (!stack_.empty()) {
        const OpenBlock& open = stack_.back();
        d.with_note(open.tag, "the innermost open block is this " + tag(opening_keyword(open.node.kind)))
            .with_hint("close it with " + tag(closing_keyword(open.node.kind)) + " first");
      }
      return;
    }
    OpenBlock& open = stack_.back();
    if (open.in_else) {
      diags_
          .report(DiagKind::UnmatchedTemplateTag, at, tag(keyword) + " comes after the `{% else %}` of its `{% if %}`")
          .with_note(open.else_tag, "the `{% else %}` is here")
          .with_hint("move this branch before `{% else %}`");
    }
    open.node.branches.push_back(ast::IfBranch{std::move(condition), {}, ws, at});
  }

  void add_else(Span at, ast::TagWhitespace ws) {
    if (!stack_.empty() && stack_.back().in_else &&
        (stack_.back().node.kind == Kind::If || stack_.back().node.kind == Kind::For)) {
      OpenBlock& open = stack_.back();
      diags_
          .report(DiagKind::UnmatchedTemplateTag, at,
                  "a second `{% else %}` in the same " + tag(opening_keyword(open.node.kind)))
          .with_note(open.else_tag, "the first `{% else %}` is here");
      return;
    }
    if (!stack_.empty() && stack_.back().node.kind == Kind::For) {
      OpenBlock& open = stack_.back();
      open.in_else = true;
      open.else_tag = at;
      open.node.else_whitespace = ws;
      return;
    }
    if (!stack_.empty() && stack_.back().node.kind == Kind::If) {
      ast::TemplateExpr none;
      none.kind = ast::TemplateExprKind::Omitted;
      none.span = Span{at.file, at.begin, at.begin};
      add_branch(std::move(none), at, ws, "else");
      stack_.back().in_else = true;
      stack_.back().else_tag = at;
      return;
    }
    add_branch({}, at, ws, "else");  // reports that it is outside an `if`
  }

  void add_loop_control(Kind kind, std::string_view keyword, Span at, ast::TagWhitespace ws) {
    const bool in_loop =
        std::any_of(stack_.begin(), stack_.end(), [](const OpenBlock& b) { return b.node.kind == Kind::For; });
    if (!in_loop) {
      diags_.report(DiagKind::UnmatchedTemplateTag, at, tag(keyword) + " is not inside a `{% for %}` loop");
      return;
    }
    ast::TemplateNode node;
    node.kind = kind;
    node.span = at;
    node.whitespace = ws;
    current().push_back(std::move(node));
  }

  // Closes the innermost open block of `kind`; blocks opened inside it and still open were
  // never closed.
  void close(Kind kind, Span at, ast::TagWhitespace ws) {
    auto it = std::find_if(stack_.rbegin(), stack_.rend(), [&](const OpenBlock& b) { return b.node.kind == kind; });
    if (it == stack_.rend()) {
      Diagnostic& d = diags_.report(DiagKind::UnmatchedTemplateTag, at,
                                    tag(closing_keyword(kind)) + " has no " + tag(opening_keyword(kind)) + " to close");
      if (!stack_.empty()) {
        const OpenBlock& open = stack_.back();
        d.with_note(open.tag, "the innermost open block is this " + tag(opening_keyword(open.node.kind)))
            .with_hint("did you mean " + tag(closing_keyword(open.node.kind)) + "?");
      }
      return;
    }
    const std::size_t index = static_cast<std::size_t>(stack_.rend() - it) - 1;
    while (stack_.size() > index + 1) {
      const OpenBlock& open = stack_.back();
      diags_
          .report(DiagKind::UnclosedTemplateBlock, open.tag,
                  "this " + tag(opening_keyword(open.node.kind)) + " is never closed")
          .with_hint("add " + tag(closing_keyword(open.node.kind)) + " before " + tag(closing_keyword(kind)))
          .with_note(at, tag(closing_keyword(kind)) + " closes the enclosing " + tag(opening_keyword(kind)) + " here");
      pop_unclosed(at);
    }
    OpenBlock open = std::move(stack_.back());
    stack_.pop_back();
    open.node.end_whitespace = ws;
    open.node.span = open.tag.merge(at);
    current().push_back(std::move(open.node));
  }

  void pop_unclosed(Span until) {
    OpenBlock open = std::move(stack_.back());
    stack_.pop_back();
    open.node.span = open.tag.merge(Span{until.file, until.begin, until.begin});
    current().push_back(std::move(open.node));
  }

  void add_other(const ast::Name& name) {
    // A tag the parser could not read is not a statement to name.
    if (name.text.empty() || broken_) return;
    if (name.text == "endraw") {
      diags_.report(DiagKind::UnmatchedTemplateTag, name.span, "`{% endraw %}` has no `{% raw %}` to close");
      return;
    }
    for (const Unsupported& u : kUnsupported) {
      if (name.text == u.end && unsupported_open_[std::string(u.name)] > 0) {
        --unsupported_open_[std::string(u.name)];  // its opening tag was reported already
        return;
      }
      if (name.text == u.name || name.text == u.end) {
        if (name.text == u.name && !u.end.empty()) ++unsupported_open_[std::string(u.name)];
        diags_
            .report(DiagKind::UnsupportedTemplateStatement, name.span,
                    tag(name.text) + " is not supported in BAML prompts")
            .with_hint(std::string(u.hint));
        return;
      }
    }
    Diagnostic& d =
        diags_.report(DiagKind::UnsupportedTemplateStatement, name.span, "unknown statement `" + name.text + "`");
    if (auto guess = closest_match(name.text, std::span<const std::string_view>(kStatements))) {
      d.with_hint("did you mean " + tag(*guess) + "?");
    } else {
      d.with_hint("BAML prompts have `if`, `elif`, `else`, `for`, `set`, `break`, `continue` and `raw`");
    }
  }

  // A block opened when kMaxNestingDepth are open already ends the template's reading.
  void open_block(OpenBlock open) {
    if (stack_.size() >= kMaxNestingDepth) {
      diags_
          .report(DiagKind::TemplateTooDeep, open.tag,
                  "this " + tag(opening_keyword(open.node.kind)) + " is nested " + std::to_string(stack_.size() + 1) +
                      " blocks deep; bamlc reads at most " + std::to_string(kMaxNestingDepth) +
                      ", so the rest of this template is not checked")
          .with_hint("move the inner part into a `template_string` and call it");
      too_deep_ = true;
      return;
    }
    stack_.push_back(std::move(open));
  }

  // Frees the open blocks innermost first, so no node is destroyed with more than one level of
  // blocks below it.
  void drop_all() {
    while (!stack_.empty()) stack_.pop_back();
    root_.clear();
  }

  const TemplateTokenSpans& spans_;
  DiagnosticSink& diags_;
  TemplateExprBuilder exprs_;
  std::vector<ast::TemplateNode> root_;
  std::vector<OpenBlock> stack_;
  std::map<std::string, int> unsupported_open_;
  bool broken_ = false;     // the tag being added has a syntax error
  bool too_deep_ = false;   // blocks nested past the limit: reported, nothing more is read
};

TemplateBuilder::TemplateBuilder(const TemplateTokenSpans& spans, DiagnosticSink& diags)
    : impl_(std::make_unique<Impl>(spans, diags)) {}
TemplateBuilder::~TemplateBuilder() = default;
void TemplateBuilder::add(JinjaParser::DocumentContext& piece) { impl_->add(piece); }
void TemplateBuilder::reserve(std::size_t top_level_nodes) { impl_->reserve(top_level_nodes); }
void TemplateBuilder::add_text(Span span, std::string_view text) { impl_->add_text(span, text); }
void TemplateBuilder::add_output(Span span, ast::TagWhitespace whitespace, ast::TemplateExpr expr) {
  impl_->add_output(span, whitespace, std::move(expr));
}
bool TemplateBuilder::too_deep() const { return impl_->too_deep(); }
std::shared_ptr<ast::Template> TemplateBuilder::finish() { return impl_->finish(); }

ast::WhitespaceControl whitespace_control(char marker) {
  if (marker == '-') return ast::WhitespaceControl::Trim;
  if (marker == '+') return ast::WhitespaceControl::Keep;
  return ast::WhitespaceControl::Default;
}

}  // namespace bamlc::syntax
