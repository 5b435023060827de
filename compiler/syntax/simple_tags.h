// The part of a template that needs no parser: text, and output tags that print a variable or an
// attribute path (`{{ name }}`, `{{- resume.experience -}}`), which make up most of a long prompt.
// template_parser.cpp builds their nodes from this scan and hands only the other tags (`{% %}`,
// `{# #}`, `{{ }}` holding anything else) to ANTLR, so a prompt of a million `{{ x }}` costs a scan
// of its bytes, not a million parse trees. What the scan accepts it reads exactly as the Jinja
// grammar does (grammar/JinjaLexer.g4): text runs to the next `{{`, `{%` or `{#`; whitespace control
// is `-` or `+` right after `{{` and right before `}}`; a name is [a-zA-Z_][a-zA-Z0-9_]* and not a
// keyword of the grammar.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace bamlc::syntax {

struct SimpleItem {
  enum class Kind { Text, Output } kind = Kind::Text;
  std::size_t begin = 0;  // bytes of the template: the text, or the whole tag `{{ ... }}`
  std::size_t end = 0;
  char open_control = 0;   // Output: '-', '+' or 0, after `{{`
  char close_control = 0;  // Output: '-', '+' or 0, before `}}`
  std::vector<std::pair<std::size_t, std::size_t>> path;  // Output: the names, in bytes
};

struct SimpleScan {
  std::vector<SimpleItem> items;
  std::size_t stop = 0;         // the byte where the scan stopped: a tag it does not take, or the end
  std::size_t stop_points = 0;  // the same position in code points (ANTLR's index)
  bool has_output = false;
};

// How many `{{`, `{%` and `{#` the template holds: an upper bound on its tags.
std::size_t count_tags(std::string_view text);

// Scans `text` from byte `from` (code point index `from_points`) over text and simple output tags,
// at most `max_items` items.
SimpleScan scan_simple(std::string_view text, std::size_t from, std::size_t from_points, std::size_t max_items);

}  // namespace bamlc::syntax
