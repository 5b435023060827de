// StreamParser: the partial value of the text received so far, after each delta.
//
// Status: the text so far is re-parsed as a whole on each non-empty delta, so a stream costs
// O(n²) like BAML's (measured in docs/parsing.md, "Streaming", with what an incremental parser
// must keep between deltas to reach the O(n) goal). The results are exact: after each delta,
// current() is the partial parse of the text so far.
#include "parse/parse.h"

#include <baml/errors.h>

namespace baml::parse {

struct StreamParser::State {
  const ir::Type& type;
  const ir::TypeSystem& types;
  std::string text;
  ParseResult current;
  bool has_value = false;
};

StreamParser::StreamParser(const ir::Type& type, const ir::TypeSystem& types)
    : state_(std::make_unique<State>(State{type, types, {}, {}, false})) {}

StreamParser::~StreamParser() = default;

namespace {
bool same_states(const std::vector<FieldState>& a, const std::vector<FieldState>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].path != b[i].path || a[i].state != b[i].state) return false;
  return true;
}
}  // namespace

bool StreamParser::feed(std::string_view delta) {
  State& s = *state_;
  if (delta.empty()) return false;
  s.text.append(delta);
  ParseResult next;
  try {
    next = parse_answer(s.text, s.type, s.types, true);
  } catch (const ValidationError&) {
    return false;  // nothing that fits yet
  }
  if (s.has_value && next.value == s.current.value && same_states(next.states, s.current.states)) return false;
  s.current = std::move(next);
  s.has_value = true;
  return true;
}

const ParseResult& StreamParser::current() const { return state_->current; }

ParseResult StreamParser::finish() { return parse_answer(state_->text, state_->type, state_->types, false); }

}  // namespace baml::parse
