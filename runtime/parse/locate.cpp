// The entry parser: strict JSON, markdown fences, balanced fragments, fixing parser, string.
#include "parse/locate.h"

#include <optional>
#include <string>
#include <vector>

#include "parse/fixing_parser.h"
#include "parse/strict_json.h"

namespace baml::parse {

namespace {

struct Options {
  bool markdown = true;
  bool all_objects = true;
  bool as_string = true;
  int depth = 0;
};

std::optional<JValue> entry(std::string_view text, Options opt);

bool is_tag_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ';
}

std::string_view trim_view(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

// BAML 0.226.2's markdown reading (checked against the oracle; docs/parsing.md, "The pipeline").
// An opening fence is a line (maybe indented) ```tag with a tag of letters, digits and spaces, not
// empty: a bare ``` line, or ```json after prose on the same line, opens nothing. A closing fence
// is a line (maybe indented) holding ``` alone. Of the closing fences after an opening one, the
// block takes the first whose content (trimmed) reads as something (a fence-like line inside a
// string would otherwise cut the block short); when none does, the block reads as nothing and the
// search goes on after the first. A block without a closing fence ends the search. What follows
// the last closed block — or, when the last block is unclosed, everything from where the search
// for it began — is the rest, kept as one more candidate when it is not blank.
struct Markdown {
  struct Block {
    JValue content;  // read as entry reads it
    std::string_view tag;
  };
  std::vector<Block> blocks;
  std::optional<std::string_view> rest;
};

// Whether a line of `text` starting at `line` is [ \t]*``` followed by what `after` accepts;
// `fence` is set to the index just past the backticks.
template <class After>
bool fence_line(std::string_view text, std::size_t line, std::size_t& fence, After after) {
  std::size_t i = line;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  if (text.compare(i, 3, "```") != 0) return false;
  fence = i + 3;
  return after(fence);
}

// At most this many closing fences are tried for one block (each is a parse of everything before
// it: a text of n fence lines would cost O(n^2)); past it the block takes the first, as when none
// reads.
constexpr std::size_t kMaxFenceTries = 32;

Markdown markdown_blocks(std::string_view text, const Options& opt) {
  Markdown out;
  Options inner = opt;
  inner.markdown = false;
  inner.as_string = false;
  inner.all_objects = false;
  std::size_t pos = 0;
  for (;;) {
    // The opening fence: the first line from `pos` on that is one.
    std::size_t tag_begin = 0, tag_end = 0, content = std::string_view::npos;
    for (std::size_t line = pos; line <= text.size();) {
      std::size_t f = 0;
      bool open = fence_line(text, line, f, [&](std::size_t j) {
        std::size_t k = j;
        while (k < text.size() && is_tag_char(text[k])) ++k;
        if (k == j || (k < text.size() && text[k] != '\n')) return false;
        tag_begin = j;
        tag_end = k;
        return true;
      });
      if (open) {
        content = tag_end < text.size() ? tag_end + 1 : tag_end;
        break;
      }
      std::size_t nl = text.find('\n', line);
      if (nl == std::string_view::npos) break;
      line = nl + 1;
    }
    if (content == std::string_view::npos) break;
    std::string_view tag = text.substr(tag_begin, tag_end - tag_begin);
    // The closing fences after it.
    std::optional<JValue> value;
    std::size_t after = std::string_view::npos, tries = 0;
    for (std::size_t line = content; line <= text.size();) {
      std::size_t f = 0;
      if (fence_line(text, line, f, [&](std::size_t j) { return j == text.size() || text[j] == '\n'; })) {
        std::size_t next = f < text.size() ? f + 1 : f;
        if (after == std::string_view::npos) after = next;
        if (++tries > kMaxFenceTries) break;
        if (auto v = entry(trim_view(text.substr(content, line - content)), inner)) {
          value = std::move(v);
          after = next;
          break;
        }
      }
      std::size_t nl = text.find('\n', line);
      if (nl == std::string_view::npos) break;
      line = nl + 1;
    }
    bool closed = after != std::string_view::npos;
    if (!closed) value = entry(trim_view(text.substr(content)), inner);
    if (value) out.blocks.push_back({std::move(*value), tag});
    if (!closed) break;
    pos = after;
  }
  if (!out.blocks.empty() && !trim_view(text.substr(pos)).empty()) out.rest = text.substr(pos);
  return out;
}

// Every balanced top-level {...} or [...] (brackets counted, quotes not, as BAML does: a bracket
// inside a string counts); an unbalanced rest is read too; a closing bracket of the wrong kind gives up. As in BAML, a
// stray closing bracket at the top level reads again from the last opening one, for the first
// kMaxStrayRereads of them: each reads everything since that opening again, so n of them cost
// O(n^2) time and memory (found by fuzzing: 32 KB of `}` took 5 s and 3 GB).
constexpr int kMaxStrayRereads = 16;

std::vector<JValue> all_objects(std::string_view text, const Options& opt) {
  std::vector<JValue> out;
  std::vector<char> stack;
  std::size_t start = 0;
  bool started = false;
  int stray_rereads = 0;
  Options inner = opt;
  inner.all_objects = false;
  inner.as_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '{' || c == '[') {
      if (stack.empty()) {
        start = i;
        started = true;
      }
      stack.push_back(c);
    } else if (c == '}' || c == ']') {
      if (!stack.empty()) {
        if (stack.back() != (c == '}' ? '{' : '[')) return {};
        stack.pop_back();
      } else if (++stray_rereads > kMaxStrayRereads) {
        continue;
      }
      if (stack.empty()) {
        std::size_t from = started ? start : 0;
        if (auto v = entry(text.substr(from, i + 1 - from), inner)) out.push_back(std::move(*v));
      }
    }
  }
  if (!stack.empty()) {
    if (auto v = entry(text.substr(start), inner)) out.push_back(std::move(*v));
  }
  return out;
}

using located::any_of;

std::optional<JValue> entry(std::string_view text, Options opt) {
  if (++opt.depth > 100) return std::nullopt;
  if (auto v = parse_strict_json(text)) {
    std::vector<JValue> c;
    c.push_back(std::move(*v));
    return any_of(std::move(c), text);
  }

  if (opt.markdown) {
    Markdown md = markdown_blocks(text, opt);
    if (md.blocks.size() == 1 && !md.rest) {
      std::vector<JValue> alone;
      alone.push_back(located::markdown_block(std::move(md.blocks[0].content), md.blocks[0].tag, true));
      return any_of(std::move(alone), text);
    }
    if (!md.blocks.empty()) {
      // Each block, the list of them, then the rest read as prose (no fences; a string at worst).
      // The blocks are shared by the candidates and the list, not copied.
      auto blocks = std::make_shared<JSeq<JValue>::Store>();
      bool complete = true;
      for (auto& b : md.blocks) {
        blocks->push_back(located::markdown_block(std::move(b.content), b.tag, false));
        complete = complete && blocks->back().complete;
      }
      JValue list;
      list.kind = JValue::Kind::Array;
      list.complete = complete;
      list.items.share(blocks, blocks->size());
      JValue any;
      any.kind = JValue::Kind::AnyOf;
      any.text = std::string(text);
      any.items.share(blocks, blocks->size());
      any.items.push_back(std::move(list));
      if (md.rest) {
        Options prose = opt;
        prose.markdown = false;
        prose.as_string = true;
        if (auto v = entry(*md.rest, prose)) {
          complete = complete && v->complete;
          any.items.push_back(std::move(*v));
        }
      }
      any.complete = complete;
      return any;
    }
  }
  if (opt.all_objects) {
    if (auto v = located::of_objects(all_objects(text, opt), text)) return v;
  }
  std::vector<JValue> fixed = fixing_parse(text);
  // The fixing parser's one reading that is the text itself, unchanged, is no reading (BAML drops
  // it): where the text may be a string it is that plain string — not a repaired value, which
  // scores as one more choice made (FirstMatch) against the other candidates of a markdown
  // answer — and elsewhere (a fenced block's content) nothing was found.
  if (fixed.size() == 1 && fixed[0].kind == JValue::Kind::String && fixed[0].text == text) {
    if (opt.as_string) return std::move(fixed[0]);
    fixed.clear();
  }
  if (auto v = located::of_fixed(std::move(fixed), text)) return v;
  if (opt.as_string) return JValue::string(std::string(text));
  return std::nullopt;
}

}  // namespace

namespace located {

JValue any_of(std::vector<JValue> candidates, std::string_view raw) {
  JValue v;
  v.kind = JValue::Kind::AnyOf;
  v.text = std::string(raw);
  v.complete = true;
  for (const auto& c : candidates) v.complete = v.complete && c.complete;
  v.items = std::move(candidates);
  return v;
}

JValue array_of(const std::vector<JValue>& items) {
  JValue a;
  a.kind = JValue::Kind::Array;
  a.items = items;
  for (const auto& i : items) a.complete = a.complete && i.complete;
  return a;
}

namespace {
JValue one_fixed(JValue v, std::string_view raw) {
  std::vector<JValue> c;
  c.push_back(JValue::wrap(JValue::Kind::Fixed, std::move(v)));
  return any_of(std::move(c), raw);
}
}  // namespace

std::optional<JValue> of_objects(std::vector<JValue> found, std::string_view raw) {
  if (found.size() == 1) return one_fixed(std::move(found[0]), raw);
  if (found.size() > 1) {
    std::vector<JValue> c;
    for (auto& f : found) c.push_back(JValue::wrap(JValue::Kind::Fixed, f));
    c.push_back(JValue::wrap(JValue::Kind::Fixed, array_of(found)));
    return any_of(std::move(c), raw);
  }
  return std::nullopt;
}

std::optional<JValue> of_fixed(std::vector<JValue> found, std::string_view raw) {
  if (found.size() == 1) return one_fixed(std::move(found[0]), raw);
  if (found.size() > 1) {
    std::vector<JValue> c;
    for (auto& f : found) c.push_back(JValue::wrap(JValue::Kind::Fixed, std::move(f)));
    JValue list = array_of(c);
    c.push_back(std::move(list));
    return any_of(std::move(c), raw);
  }
  return std::nullopt;
}

JValue markdown_block(JValue inner, std::string_view tag_text, bool alone) {
  std::string tag(trim_view(tag_text));
  JValue out = JValue::wrap(JValue::Kind::Markdown, std::move(inner), tag.empty() ? "<unspecified>" : tag);
  // A partial answer that is one block is not done, closed or not: a number, bool, enum or
  // literal that is the whole block is shown only by the final parse (BAML 0.226.2: the partial
  // "```json\ntrue\n```" is refused for `bool`, the whole answer is true). What it contains
  // keeps its own completeness.
  if (alone) out.complete = false;
  return out;
}

// In a partial text, a number ending the text may still grow.
void mark_trailing_number(JValue& v) {
  JValue* cur = &v;
  for (;;) {
    if (cur->kind == JValue::Kind::Number) { cur->complete = false; return; }
    if ((cur->kind == JValue::Kind::AnyOf || cur->kind == JValue::Kind::Markdown || cur->kind == JValue::Kind::Fixed) &&
        cur->items.size() == 1) {
      cur = &cur->items[0];
      continue;
    }
    return;
  }
}

}  // namespace located

JValue locate(std::string_view text, bool partial) {
  auto v = entry(text, Options{});
  JValue out = v ? std::move(*v) : JValue::string(std::string(text));
  if (partial) located::mark_trailing_number(out);
  return out;
}

}  // namespace baml::parse
