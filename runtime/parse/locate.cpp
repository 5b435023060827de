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

// ```tag\n ... ```\n blocks; the last may be unclosed. Each block's content is read again
// without fences and without the string fallback.
std::vector<JValue> markdown_blocks(std::string_view text, const Options& opt) {
  std::vector<JValue> out;
  std::size_t pos = 0;
  for (;;) {
    // ```([a-zA-Z0-9 ]*)(\n|$)
    std::size_t start = std::string_view::npos, tag_begin = 0, tag_end = 0, content = 0;
    for (std::size_t f = text.find("```", pos); f != std::string_view::npos; f = text.find("```", f + 1)) {
      std::size_t j = f + 3;
      while (j < text.size() && is_tag_char(text[j])) ++j;
      if (j == text.size() || text[j] == '\n') {
        start = f;
        tag_begin = f + 3;
        tag_end = j;
        content = j < text.size() ? j + 1 : j;
        break;
      }
    }
    if (start == std::string_view::npos) break;
    // ```(\n|$)
    std::size_t end = std::string_view::npos, after = text.size();
    for (std::size_t f = text.find("```", content); f != std::string_view::npos; f = text.find("```", f + 1)) {
      if (f + 3 == text.size() || text[f + 3] == '\n') {
        end = f;
        after = f + 3 < text.size() ? f + 4 : f + 3;
        break;
      }
    }
    std::string_view body = trim_view(text.substr(content, (end == std::string_view::npos ? text.size() : end) - content));
    Options inner = opt;
    inner.markdown = false;
    inner.as_string = false;
    if (auto v = entry(body, inner))
      out.push_back(located::markdown_block(std::move(*v), text.substr(tag_begin, tag_end - tag_begin),
                                            end != std::string_view::npos));
    if (end == std::string_view::npos) break;
    pos = after;
  }
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
    auto blocks = markdown_blocks(text, opt);
    if (blocks.size() == 1) return any_of(std::move(blocks), text);
    if (blocks.size() > 1) {
      JValue list = located::array_of(blocks);
      blocks.push_back(std::move(list));
      return any_of(std::move(blocks), text);
    }
  }
  if (opt.all_objects) {
    if (auto v = located::of_objects(all_objects(text, opt), text)) return v;
  }
  if (auto v = located::of_fixed(fixing_parse(text), text)) return v;
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

JValue markdown_block(JValue inner, std::string_view tag_text, bool closed) {
  std::string tag(trim_view(tag_text));
  JValue out = JValue::wrap(JValue::Kind::Markdown, std::move(inner), tag.empty() ? "<unspecified>" : tag);
  // An unclosed block may still grow: a number, bool, enum or literal that is the whole
  // block is not done yet (BAML 0.226.2: "```\ntrue" is refused for `bool`, "```\ntrue\n```"
  // is true); what it contains keeps its own completeness.
  if (!closed) out.complete = false;
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
