#include "compiler/syntax/simple_tags.h"

#include <array>

namespace bamlc::syntax {
namespace {

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }
bool is_tag_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

// The grammar's keywords: a name spelled like one is another token.
bool is_keyword(std::string_view name) {
  static constexpr std::array<std::string_view, 23> kKeywords = {
      "and",    "or",    "not",      "in",        "is",   "if",   "elif",  "else",  "endif", "for",  "endfor", "set",
      "endset", "break", "continue", "recursive", "true", "True", "false", "False", "none",  "None", "null"};
  for (std::string_view k : kKeywords) {
    if (name == k) return true;
  }
  return false;
}

// The next `{{`, `{%` or `{#` at or after `at`, or the end.
std::size_t next_tag(std::string_view text, std::size_t at) {
  for (std::size_t i = text.find('{', at); i != std::string_view::npos; i = text.find('{', i + 1)) {
    if (i + 1 < text.size() && (text[i + 1] == '{' || text[i + 1] == '%' || text[i + 1] == '#')) return i;
  }
  return text.size();
}

// A simple output tag at `at` (which holds `{{`): fills `item` and returns the byte after its
// `}}`, or 0 when the tag is anything else.
std::size_t simple_output(std::string_view text, std::size_t at, SimpleItem& item) {
  std::size_t i = at + 2;
  const auto control = [&](std::size_t k) { return k < text.size() && (text[k] == '-' || text[k] == '+') ? text[k] : 0; };
  item.open_control = control(i);
  if (item.open_control != 0) ++i;
  while (i < text.size() && is_tag_space(text[i])) ++i;
  while (true) {
    if (i >= text.size() || !is_name_start(text[i])) return 0;
    const std::size_t begin = i;
    while (i < text.size() && is_name_char(text[i])) ++i;
    if (is_keyword(text.substr(begin, i - begin))) return 0;
    item.path.emplace_back(begin, i);
    if (i < text.size() && text[i] == '.') {
      ++i;
      continue;
    }
    break;
  }
  while (i < text.size() && is_tag_space(text[i])) ++i;
  item.close_control = control(i);
  if (item.close_control != 0) ++i;
  if (i + 1 >= text.size() || text[i] != '}' || text[i + 1] != '}') return 0;
  return i + 2;
}

std::size_t code_points(std::string_view bytes) {
  std::size_t n = 0;
  for (char c : bytes) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace

std::size_t count_tags(std::string_view text) {
  std::size_t tags = 0;
  for (std::size_t at = next_tag(text, 0); at < text.size(); at = next_tag(text, at + 2)) ++tags;
  return tags;
}

SimpleScan scan_simple(std::string_view text, std::size_t from, std::size_t from_points, std::size_t max_items) {
  SimpleScan scan;
  std::size_t at = from;
  std::size_t points = from_points;
  while (at < text.size() && scan.items.size() < max_items) {
    const std::size_t tag = next_tag(text, at);
    if (tag > at) {
      scan.items.push_back(SimpleItem{SimpleItem::Kind::Text, at, tag, 0, 0, {}});
      points += code_points(text.substr(at, tag - at));
      at = tag;
    }
    if (at == text.size() || text[at + 1] != '{') break;
    SimpleItem output{SimpleItem::Kind::Output, at, 0, 0, 0, {}};
    const std::size_t end = simple_output(text, at, output);
    if (end == 0) break;
    output.end = end;
    points += end - at;  // an output tag that the scan takes is ASCII
    at = end;
    scan.items.push_back(std::move(output));
    scan.has_output = true;
  }
  scan.stop = at;
  scan.stop_points = points;
  return scan;
}

}  // namespace bamlc::syntax
