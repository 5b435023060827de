// BAML's pick_best and scoring: among several successful coercions of the same text, the one with
// the lowest score wins, after BAML's tie-breaking preferences — a real list over one made from a
// single value, an object over a string made from one, anything over a default — and the earliest
// on a tie. Weights (BAML's score.rs): SingleToArray 1, FirstMatch 1, ImpliedKey 2, JsonToString 2,
// SubstringMatch 2, ExtraKey 1, OptionalDefaultFromNoValue 1, DefaultFromNoValue 100,
// DefaultButHadValue 110, DefaultButHadUnparseableValue 2, ArrayItemParseError 1 + index,
// FloatToInt 1, StringToBool 1, ObjectFromMarkdown 1 for strings; a list or class adds its
// children's scores as they are. (BAML's older score.rs multiplies them by ten; 0.226.2 does not:
// `Wrap?` on {"inner": {"ok": true, + M extra keys}} stays a Wrap up to M = 109 and is null from
// 111, `Inner[]?` likewise, `Str[]?` on 50 items {"s": 1} (JsonToString 2 each) is a list and
// on 56 null — all against the null's DefaultButHadValue 110. So a missing list field's 100
// does not outweigh an optional's null: `Leaf?` on {"ok": true} is the Leaf.)
#include "parse/coerce.h"

namespace baml::parse {

namespace {

bool is_default(const Coerced& c) { return c.shape == Coerced::Shape::List && c.list_empty && c.flags.single_to_array; }

}  // namespace

bool goes_before(const Coerced& a, std::size_t ia, const Coerced& b, std::size_t ib, bool union_target) {
  if (a.shape == Coerced::Shape::List && b.shape == Coerced::Shape::List) {
    if (a.flags.single_to_array != b.flags.single_to_array) return !a.flags.single_to_array;
    if (a.first_item_markdown != b.first_item_markdown) return !a.first_item_markdown;
    if (a.flags.item_errors == 0 && b.flags.item_errors > 0 && b.list_empty) return true;
    if (a.flags.item_errors > 0 && b.flags.item_errors == 0 && a.list_empty) return false;
  }
  if (a.shape == Coerced::Shape::Class && b.shape == Coerced::Shape::Class) {
    if (union_target && a.single_implied_string != b.single_implied_string) return !a.single_implied_string;
    if (a.all_fields_default != b.all_fields_default) return !a.all_fields_default;
  }
  if (!a.composite() && b.composite() && (a.flags.json_to_string || a.flags.first_match)) return false;
  if (a.composite() && !b.composite() && (b.flags.json_to_string || b.flags.first_match)) return true;
  bool da = is_default(a), db = is_default(b);
  if (da != db) return !da;
  if (a.total != b.total) return a.total < b.total;
  return ia < ib;
}

Outcome pick_best(std::vector<Outcome> results, bool union_target, const std::string& path, const std::string& what) {
  if (results.empty()) return Outcome::failure(path, "expected " + what + ", got nothing");
  if (results.size() == 1) return std::move(results[0]);
  std::size_t best = results.size();
  for (std::size_t i = 0; i < results.size(); ++i) {
    if (!results[i].ok) continue;
    if (best == results.size() || goes_before(*results[i].ok, i, *results[best].ok, best, union_target)) best = i;
  }
  if (best == results.size()) return std::move(results[0]);
  Outcome out = std::move(results[best]);
  note_picked(*out.ok, results.size(), union_target);
  return out;
}

void note_picked(Coerced& chosen, std::size_t candidates, bool union_target) {
  if (candidates > 1 && !union_target && !chosen.flags.first_match) {
    chosen.flags.first_match = true;
    chosen.add(1);
  }
}

void note_singular(Coerced& chosen) {
  chosen.flags.first_match = true;
  chosen.add(1);
}

std::string expected(const std::string& what, const JValue* v) {
  if (!v) return "expected " + what + ", got nothing";
  std::string shown;
  switch (v->kind) {
    case JValue::Kind::Null: shown = "null"; break;
    // At most 61 bytes are shown: longer texts are not copied whole.
    case JValue::Kind::String:
    case JValue::Kind::AnyOf: shown = "\"" + v->text.substr(0, 61) + "\""; break;
    default: shown = v->display_prefix(61); break;
  }
  if (shown.size() > 60) {
    std::size_t n = 57;
    while (n > 0 && (static_cast<unsigned char>(shown[n]) & 0xC0) == 0x80) --n;
    shown = shown.substr(0, n) + "...";
  }
  return "expected " + what + ", got " + shown;
}

}  // namespace baml::parse
