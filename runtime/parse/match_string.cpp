// Matching text against named candidates (BAML's match_string), for enum values, string
// literals and bool words: an exact match first, then the candidate found most often inside the
// text, counting only occurrences that do not overlap an earlier (or, starting there, longer) one
// (two different candidates equally often is ambiguous), each tried as is, without punctuation,
// without accents, and without case (text/unicode_text.h). Enum values are offered by their rendered
// name, and with a description also by the description and "name: description".
#include <algorithm>
#include <cctype>
#include <string>

#include "parse/coerce.h"
#include "text/unicode_text.h"

namespace baml::parse {

namespace {

struct Candidate {
  std::string name;
  std::vector<std::string> forms;
};

std::string strip_punctuation(std::string_view s) {
  std::string out;
  for (unsigned char c : s)
    if (std::isalnum(c) || c == '-' || c == '_' || c >= 0x80) out += static_cast<char>(c);
  return out;
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string_view trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}

enum class Match { None, One, Ambiguous };

// One round of BAML's string_match_strategy.
Match strategy(const std::string& text, const std::vector<Candidate>& cands, std::string& out, int& score,
               std::string& ambiguity) {
  for (const auto& c : cands)
    for (const auto& f : c.forms)
      if (f == text) { out = c.name; return Match::One; }
  // Every occurrence of every form, then, left to right (the longer first where two start
  // together), those that do not overlap one kept before: "DarkRed" is one DarkRed, not also a Red.
  struct Occurrence { std::size_t start, end, order; };
  std::vector<Occurrence> all;
  for (std::size_t k = 0; k < cands.size(); ++k)
    for (const auto& f : cands[k].forms) {
      if (f.empty()) continue;
      for (std::size_t p = text.find(f); p != std::string::npos; p = text.find(f, p + f.size()))
        all.push_back({p, p + f.size(), k});
    }
  if (all.empty()) return Match::None;
  std::stable_sort(all.begin(), all.end(), [](const Occurrence& a, const Occurrence& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.end > b.end;
  });
  std::vector<std::size_t> count(cands.size(), 0);
  std::size_t last_end = 0;
  for (const auto& o : all) {
    if (o.start < last_end) continue;
    last_end = o.end;
    ++count[o.order];
  }
  std::size_t max = *std::max_element(count.begin(), count.end());
  std::size_t best = 0, n = 0;
  for (std::size_t k = 0; k < cands.size(); ++k)
    if (count[k] == max && n++ == 0) best = k;
  out = cands[best].name;
  score += 2;  // SubstringMatch
  if (n > 1) {
    ambiguity.clear();
    for (std::size_t k = 0; k < cands.size(); ++k) {
      if (count[k] != max) continue;
      if (!ambiguity.empty()) ambiguity += ", ";
      ambiguity += cands[k].name + " (" + std::to_string(count[k]) + " times)";
    }
    return Match::Ambiguous;
  }
  return Match::One;
}

// The candidate the text names, with the match's score; nullopt with `why` set otherwise.
std::optional<std::pair<std::string, int>> match_string(const JValue& v, std::vector<Candidate> cands,
                                                        std::string& why) {
  int score = 0;
  std::string text;
  if (v.kind == JValue::Kind::String) {
    text = v.text;
  } else {
    text = v.display();
    score += 2;  // ObjectToString
  }
  std::string ctx(trim(text));
  std::string out, ambiguity;
  for (int round = 0; round < 4; ++round) {
    if (round == 1) {
      ctx = strip_punctuation(ctx);
      for (auto& c : cands)
        for (auto& f : c.forms) f = strip_punctuation(f);
    } else if (round == 2) {
      ctx = text::fold_accents(ctx);
      for (auto& c : cands)
        for (auto& f : c.forms) f = text::fold_accents(f);
    } else if (round == 3) {
      ctx = text::lowercase(ctx);
      for (auto& c : cands)
        for (auto& f : c.forms) f = text::lowercase(f);
    }
    Match m = strategy(ctx, cands, out, score, ambiguity);
    if (m == Match::One) return std::make_pair(out, score);
    if (m == Match::Ambiguous) {
      why = "ambiguous, it names " + ambiguity;
      return std::nullopt;
    }
  }
  why = "no match";
  return std::nullopt;
}

}  // namespace

// Whether an object key names a field: equal as is, without punctuation, or without case.
bool key_matches(std::string_view key, std::string_view name) {
  std::string_view k = trim(key);
  if (k == name) return true;
  std::string a = strip_punctuation(k), b = strip_punctuation(name);
  if (a == b) return true;
  return lower(a) == lower(b);
}

Outcome Coercer::coerce_enum(const ir::Type& type, const JValue* v, const std::string& path) {
  const ir::Enum* e = types_.find_enum(type.name);
  if (!e) return Outcome::failure(path, "unknown enum " + type.name);
  if (!v || v->kind == JValue::Kind::Null) return Outcome::failure(path, expected(type.name, v));
  std::vector<Candidate> cands;
  for (const auto& ev : e->values) {
    if (ev.skip) continue;
    Candidate c{ev.name, {ev.rendered_name()}};
    if (ev.description) {
      c.forms.push_back(*ev.description);
      c.forms.push_back(ev.rendered_name() + ": " + *ev.description);
    }
    cands.push_back(std::move(c));
  }
  std::string why;
  auto m = match_string(*v, std::move(cands), why);
  if (!m) return Outcome::failure(path, expected(type.name, v) + " (" + why + ")");
  Coerced c;
  c.value = Value::enumeration(e->name, m->first);
  c.add(m->second);
  return Outcome::success(std::move(c));
}

Outcome Coercer::coerce_bool(const ir::Type& type, const JValue* v, const std::string& path) {
  (void)type;
  if (!v) return Outcome::failure(path, expected("bool", v));
  if (v->kind == JValue::Kind::Bool) {
    Coerced c;
    c.value = Value::boolean(v->boolean);
    return Outcome::success(std::move(c));
  }
  if (v->kind == JValue::Kind::String) {
    std::string why;
    auto m = match_string(*v, {{"true", {"true"}}, {"false", {"false"}}}, why);
    if (m) {
      Coerced c;
      c.value = Value::boolean(m->first == "true");
      c.add(1 + m->second);  // StringToBool
      return Outcome::success(std::move(c));
    }
  }
  if (v->kind == JValue::Kind::Array) {
    return best_item(plain_type(ir::Type::Kind::Bool), v, path, false);
  }
  return Outcome::failure(path, expected("bool", v));
}

Outcome Coercer::coerce_literal(const ir::Type& type, const JValue* v, const std::string& path) {
  const Value& lit = type.literal;
  std::string what = ir::describe(type);
  if (!v || v->kind == JValue::Kind::Null) return Outcome::failure(path, expected(what, v));
  // An object with one primitive value stands for that value (BAML): `{"rating": 4}` for
  // `1 | 2 | 3 | 4 | 5` is 4.
  const JValue* x = v;
  if (x->kind == JValue::Kind::Object && x->entries.size() == 1) {
    const JValue& inner = x->entries[0].second;
    if (inner.kind == JValue::Kind::String || inner.kind == JValue::Kind::Number || inner.kind == JValue::Kind::Bool)
      x = &inner;
  }
  if (lit.kind() == Value::Kind::String) {
    std::string why;
    auto m = match_string(*x, {{lit.as_string(), {lit.as_string()}}}, why);
    if (!m) return Outcome::failure(path, expected(what, v));
    Coerced c;
    c.value = lit;
    c.add(m->second);
    return Outcome::success(std::move(c));
  }
  ir::Type base;
  base.kind = lit.kind() == Value::Kind::Int ? ir::Type::Kind::Int : ir::Type::Kind::Bool;
  Outcome o = coerce(base, x, path);
  if (!o.ok || !(o.ok->value == lit)) return Outcome::failure(path, expected(what, v));
  o.ok->value = lit;
  return o;
}

}  // namespace baml::parse
