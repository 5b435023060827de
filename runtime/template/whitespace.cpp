// The template as a flat sequence of texts and tags in document order, adjusted text by text:
// each text looks at the tag before it (`-%}` trims, trim_blocks eats one newline) and the tag
// after it (`{%-` trims, lstrip_blocks removes the indentation of a block tag on its own line).
#include "template/whitespace.h"

#include <string>
#include <utility>

#include "template/unicode.h"
#include "text/whitespace.h"

namespace baml::tmpl {
namespace {

using ast::TagWs;
using ast::Ws;

struct Event {
  std::string* text = nullptr;  // null: a tag
  TagWs ws;
  bool block = false;  // block tags take part in lstrip_blocks and trim_blocks
};

void events_of(std::vector<ast::Node>& nodes, std::vector<Event>& out);

void events_of(ast::Node& n, std::vector<Event>& out) {
  auto tag = [&](TagWs ws, bool block) { out.push_back(Event{nullptr, ws, block}); };
  switch (n.kind) {
    case ast::NodeKind::Text:
      switch (n.origin) {
        case ast::TextOrigin::Plain: out.push_back(Event{&n.text, {}, false}); break;
        case ast::TextOrigin::Raw:
          tag(n.ws, true);
          out.push_back(Event{&n.text, {}, false});
          tag(n.end_ws, true);
          break;
        case ast::TextOrigin::Comment: tag(n.ws, true); break;
      }
      break;
    case ast::NodeKind::Output: tag(n.ws, false); break;
    case ast::NodeKind::If:
      for (ast::Branch& b : n.branches) {
        tag(b.ws, true);
        events_of(b.body, out);
      }
      tag(n.end_ws, true);
      break;
    case ast::NodeKind::For:
      tag(n.ws, true);
      events_of(n.body, out);
      if (n.has_else_tag) tag(n.else_ws, true);
      events_of(n.else_body, out);
      tag(n.end_ws, true);
      break;
    case ast::NodeKind::SetBlock:
      tag(n.ws, true);
      events_of(n.body, out);
      tag(n.end_ws, true);
      break;
    case ast::NodeKind::Set:
    case ast::NodeKind::SetAttribute:
    case ast::NodeKind::SetUnpack:
    case ast::NodeKind::Break:
    case ast::NodeKind::Continue: tag(n.ws, true); break;
  }
}

void events_of(std::vector<ast::Node>& nodes, std::vector<Event>& out) {
  for (ast::Node& n : nodes) events_of(n, out);
}

// Removes up to `width` whitespace code points (not newlines) from the start of `s` at `from`.
void dedent_line(std::string& s, std::size_t from, std::size_t width) {
  std::size_t i = from, removed = 0;
  while (removed < width && i < s.size() && s[i] != '\n') {
    std::size_t j = i;
    if (!text::is_whitespace(next_code_point(s, j))) break;
    i = j;
    ++removed;
  }
  s.erase(from, i - from);
}

// "\r\n" as "\n", in place.
void unify_line_ends(std::string& s) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n') continue;
    s[out++] = s[i];
  }
  s.resize(out);
}

// Whether s[from, to) holds only whitespace (not newlines).
bool only_spaces(const std::string& s, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to;) {
    if (!text::is_whitespace(next_code_point(s, i))) return false;
  }
  return true;
}

// Empties the lines of `s` that are whole lines of the source holding only whitespace, as BAML's
// dedent does (like Python's textwrap.dedent): a line is whole when it starts at the template's
// start or after a newline of `s`, and ends at a newline of `s` or at the template's end (a tag
// before or after it on the same line makes it part of a longer line).
void empty_blank_lines(std::string& s, bool at_template_start, bool at_template_end) {
  std::string out;  // built in one pass: a template of many blank lines stays linear
  out.reserve(s.size());
  std::size_t start = 0;
  bool whole_start = at_template_start;
  for (;;) {
    const std::size_t nl = s.find('\n', start);
    const bool whole = whole_start && (nl != std::string::npos || at_template_end);
    const std::size_t end = nl == std::string::npos ? s.size() : nl;
    if (!(whole && only_spaces(s, start, end))) out.append(s, start, end - start);
    if (nl == std::string::npos) break;
    out += '\n';
    start = nl + 1;
    whole_start = true;
  }
  s = std::move(out);
}

void dedent(std::string& s, bool at_line_start, std::size_t width) {
  if (at_line_start) dedent_line(s, 0, width);
  for (std::size_t nl = s.find('\n'); nl != std::string::npos; nl = s.find('\n', nl + 1)) {
    dedent_line(s, nl + 1, width);
  }
}

bool is_blank(char c) { return c == ' ' || c == '\t'; }

void prune(std::vector<ast::Node>& nodes) {
  std::vector<ast::Node> kept;
  kept.reserve(nodes.size());
  for (ast::Node& n : nodes) {
    if (n.kind == ast::NodeKind::Text && n.text.empty()) continue;
    for (ast::Branch& b : n.branches) prune(b.body);
    prune(n.body);
    prune(n.else_body);
    kept.push_back(std::move(n));
  }
  nodes = std::move(kept);
}

}  // namespace

void apply_whitespace(std::vector<ast::Node>& nodes, std::size_t width, bool keep_first_indent) {
  std::vector<Event> events;
  events_of(nodes, events);
  if (events.empty()) return;

  // 1. Line ends as \n (BAML sends a prompt written with CRLF line ends with \n), dedent (the
  // source's lines start at the template's start and after each newline), lines of nothing but
  // whitespace made empty.
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (!events[i].text) continue;
    unify_line_ends(*events[i].text);
    empty_blank_lines(*events[i].text, i == 0, i + 1 == events.size());
    if (width > 0) dedent(*events[i].text, i == 0, width);
  }
  // 2. Trim the whole (a template_string's start only up to its first line of text, when one
  // comes after a newline).
  if (events.front().text) {
    std::string& t = *events.front().text;
    std::size_t cut = t.size() - text::trim_start(t).size();
    if (keep_first_indent && cut > 0) {
      if (const std::size_t newline = t.rfind('\n', cut - 1); newline != std::string::npos) cut = newline + 1;
    }
    t.erase(0, cut);
  }
  if (events.back().text) {
    std::string& t = *events.back().text;
    t.resize(text::trim_end(t).size());
  }
  // 3. Whitespace control, trim_blocks, lstrip_blocks.
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (!events[i].text) continue;
    std::string& t = *events[i].text;
    bool line_start = i == 0;
    if (i > 0 && !events[i - 1].text) {
      const Event& before = events[i - 1];
      if (before.ws.after == Ws::Trim) {
        t.erase(0, t.size() - text::trim_start(t).size());
      } else if (before.block && before.ws.after != Ws::Keep) {
        if (t.compare(0, 1, "\n") == 0) {
          t.erase(0, 1);
          line_start = true;
        } else if (t.compare(0, 2, "\r\n") == 0) {
          t.erase(0, 2);
          line_start = true;
        }
      }
    }
    if (i + 1 < events.size() && !events[i + 1].text) {
      const Event& after = events[i + 1];
      if (after.ws.before == Ws::Trim) {
        t.resize(text::trim_end(t).size());
      } else if (after.block && after.ws.before != Ws::Keep) {
        std::size_t start = t.size();
        while (start > 0 && is_blank(t[start - 1])) --start;
        if ((start == 0 && line_start) || (start > 0 && t[start - 1] == '\n')) t.resize(start);
      }
    }
  }
  prune(nodes);
}

}  // namespace baml::tmpl
