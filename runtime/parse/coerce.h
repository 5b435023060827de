// Coercion: a located JValue → a Value of the target type, as BAML's deserializer does it. Every
// coercion either succeeds with a score (lower is better; BAML's flags and their weights, see
// score.cpp) or fails with the path and reason of the first part that did not fit. Unions, the
// readings of an AnyOf and the items offered for a single value keep the best-scoring success.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <baml/value.h>

#include "parse/jvalue.h"
#include "parse/parse.h"
#include "value/types.h"

namespace baml::parse {

// What BAML's flags record about a coerced value that matters to scoring and picking.
struct Flags {
  int score = 0;                 // the sum of this node's flag weights
  bool default_no_value = false; // DefaultFromNoValue / OptionalDefaultFromNoValue
  bool single_to_array = false;
  bool json_to_string = false;
  bool first_match = false;
  bool implied_key = false;
  bool markdown = false;         // ObjectFromMarkdown
  bool incomplete = false;
  bool held_back = false;        // partial: complete-only value cut short; null until it completes
  bool done_emptied = false;     // partial: an unfinished @stream.done list/map, shown empty
  bool null_from_value = false;  // null standing for a non-null value (DefaultButHadValue)
  bool inferred_object = false;  // a one-field class made from a lone string (InferedObject)
  int item_errors = 0;           // ArrayItemParseError count
};

struct Coerced {
  Value value;
  Flags flags;
  int total = 0;  // BAML's score(): own flags plus the children's for lists and classes
  enum class Shape { Scalar, List, Map, Class } shape = Shape::Scalar;
  // For classes: whether all fields were defaulted, and whether it is one field holding a string
  // that came from an implied key (pick_best devalues both).
  bool all_fields_default = false;
  bool single_implied_string = false;
  bool is_string = false;
  bool list_empty = false;
  bool first_item_markdown = false;
  // Partial, for a class: a field was written with a value that does not fit (yet), and two or
  // more fields are so or not written at all. BAML 0.226.2 then shows the object as null where
  // a class-typed field holds it (`{"account": {"tier": "GO` → "account": null).
  bool partial_unfit = false;
  std::vector<FieldState> states;  // @stream.with_state fields below, paths relative to this value

  bool composite() const { return shape != Shape::Scalar; }
  void add(int weight) { flags.score += weight; total += weight; }
};

struct Failure {
  std::string path;    // ".experience[2].title", "" at the root
  std::string reason;  // "missing required field"
};

struct Outcome {
  std::optional<Coerced> ok;
  Failure fail;
  static Outcome success(Coerced c) { Outcome o; o.ok = std::move(c); return o; }
  static Outcome failure(std::string path, std::string reason) {
    Outcome o;
    o.fail = Failure{std::move(path), std::move(reason)};
    return o;
  }
};

// Field-level streaming attributes passed down to the field's value.
struct Stream {
  bool done = false;
};

class Coercer {
 public:
  // `memoize`: results of coercing `stable` nodes (JValue) are kept and reused, for a coercer that
  // serves every delta of one stream (stream_parser.cpp).
  Coercer(const ir::TypeSystem& types, bool partial, bool memoize = false);
  ~Coercer();
  Coercer(const Coercer&) = delete;
  Coercer& operator=(const Coercer&) = delete;

  Outcome coerce(const ir::Type& type, const JValue* value, const std::string& path, Stream stream = {});
  bool partial() const { return partial_; }
  const ir::TypeSystem& types() const { return types_; }

  // Parts, one file each.
  Outcome coerce_string(const JValue* v, const std::string& path);
  Outcome coerce_int(const JValue* v, const std::string& path);
  Outcome coerce_float(const JValue* v, const std::string& path);
  Outcome coerce_bool(const ir::Type& type, const JValue* v, const std::string& path);
  Outcome coerce_null(const JValue* v);
  Outcome coerce_duration(const JValue* v, const std::string& path);
  Outcome coerce_enum(const ir::Type& type, const JValue* v, const std::string& path);
  Outcome coerce_literal(const ir::Type& type, const JValue* v, const std::string& path);
  Outcome coerce_class(const ir::Type& type, const JValue* v, const std::string& path);
  Outcome coerce_list(const ir::Type& type, const JValue* v, const std::string& path);
  Outcome coerce_map(const ir::Type& type, const JValue* v, const std::string& path);
  Outcome coerce_union(const ir::Type& type, const std::vector<const ir::Type*>& members, const JValue* v,
                       const std::string& path);

  // The strict first pass of unions (BAML's try_cast): exact kinds only, nothing converted.
  std::optional<Coerced> try_cast(const ir::Type& type, const JValue* v, Stream stream = {});

  // Each of `values` (the readings of an AnyOf) coerced by `fn`, the best kept, skipping the values
  // `cannot_win(value, best success so far)` says cannot beat it.
  template <class Fn, class Skip>
  Outcome best_of(const std::vector<const JValue*>& values, const ir::Type& target, const std::string& path, Fn fn,
                  Skip cannot_win);

  // Whether every non-null member of `type` is a kind shown only once complete (numbers, bools,
  // enums, literals, durations): `int?`, `Color | null`, `1 | 2`.
  bool only_complete_values(const ir::Type& type) const;

  // Members of a union with optionals and nested unions flattened, aliases resolved.
  void flatten(const ir::Type& type, std::vector<const ir::Type*>& out, bool& has_null) const;

  // A class's fields as coercion reads them (not @skip), with their stream attributes.
  struct ClassInfo {
    std::vector<const ir::Field*> fields;
    std::vector<char> done, not_null, with_state, optional;  // per field
    std::vector<std::pair<std::string, std::size_t>> keys;   // object keys seen → field index (key_matches)
  };
  ClassInfo& class_info(const ir::Class& cls);
  // The index of the field an object key names (key_matches), fields.size() when none.
  std::size_t field_for_key(ClassInfo& info, const std::string& key);

  struct Kept;

  // Whether list `a` is known to differ from list `b` (both built by this coercer, `a` since the
  // last forget_differences): then comparing them needs no walk through their items.
  bool known_different(const Value& a, const Value& b) const;
  void forget_differences() { differs_.clear(); }
  // Drops the kept results (their nodes are about to go).
  void forget_kept();
  // The coerce and try_cast calls made so far: a measure of the work, in steps that each cost
  // about the same, for a budget that must not depend on the clock.
  std::uint64_t steps() const { return steps_; }

 private:
  template <class Key, class Acc>
  Value list_value(const Key& key, Acc& acc, Value::Items items);

  // A child node of the value being coerced (a list item, a map value, a field's value): the
  // only places where a kept result may be reused, since nothing above them can be coercing the
  // same node (the recursion guards below hold only ancestors).
  Outcome coerce_child(const ir::Type& type, const JValue* v, const std::string& path, Stream stream = {});
  // An item of a list offered as a whole to a class (coerce_class): also a child node, kept apart
  // from the same node's result as a list item (its path differs).
  Outcome coerce_offered(const ir::Type& type, const JValue* v, const std::string& path);
  // The best of a list's items as one value of `type` (BAML's
  // coerce_array_to_singular), folded over the list's finished items once and kept, then over the
  // open ones: a stream coerces each finished item once, not once per delta. `offered`: the items
  // are offered whole to a class (coerce_class), each kept apart from its result as a list item.
  Outcome best_item(const ir::Type& type, const JValue* v, const std::string& path, bool offered);
  Outcome fold_items(const ir::Type& type, const JValue* v, const std::string& path, bool offered);
  // A coercion called with no other on the way down: what is kept per top-level coercion goes.
  void start_from_top();
  template <class Memo>
  Outcome coerce_kept(Memo& memo, const ir::Type& type, const JValue* v, const std::string& path, Stream stream);
  // `compute()`'s outcome for `v` as `type` (with `flag`) at `path`, kept in `memo` and reused
  // where the depth allows; with `any_path`, at any path (a failure then names the one asked at).
  template <class Memo, class Compute>
  Outcome kept_outcome(Memo& memo, const JValue* v, const ir::Type& type, bool flag, const std::string& path,
                       Compute compute, bool any_path = false);
  std::optional<Coerced> try_cast_child(const ir::Type& type, const JValue* v, Stream stream = {});
  Outcome coerce_list_items(const ir::Type& type, const JValue* v, const std::string& path);
  std::optional<Coerced> try_cast_list(const ir::Type& type, const JValue* v);

  // What is being coerced on the way down (a class or alias × a value), to stop a recursion that
  // would offer the same value to the same class again.
  struct Guard {
    std::vector<std::pair<const void*, const JValue*>> on;
    bool has(const void* what, const JValue* v) const {
      for (const auto& e : on)
        if (e.first == what && e.second == v) return true;
      return false;
    }
  };

  const ir::TypeSystem& types_;
  bool partial_;
  Guard visiting_;  // class × value being coerced
  Guard casting_;   // the same for try_cast
  int depth_ = 0;
  int peak_ = 0;  // the deepest depth_ reached (a kept result is reused only where it stays below the limit)
  std::uint64_t steps_ = 0;  // coerce and try_cast calls: what a parse cost
  int copies_ = 0;           // > 0 while casting a temporary copy of a node (nothing is kept for it)
  bool memoize_;
  std::unique_ptr<Kept> kept_;
  std::vector<std::pair<Value, Value>> differs_;  // (new list, the list it was rebuilt from)  // the key → field cache, and with `memoize` the kept results
  friend struct DepthGuard;
};

// Structural equality of values, a shared node being equal to itself; `known` (may be null) tells
// lists it rebuilt apart from the ones they were rebuilt from.
bool same_value(const Value& a, const Value& b, const Coercer* known);

// What parse_answer makes of a located reading: the coerced value, or nullopt (with `why`, the
// ValidationError's detail) when it does not fit or shows nothing yet.
std::optional<ParseResult> coerce_located(Coercer& coercer, const JValue& located, const ir::Type& type, bool partial,
                                          std::string* why);

// The plain type of kind `k` (int, float, bool, duration...), one object per kind: the target of
// a list's items read as one scalar, whose kept fold is keyed by the type's address.
const ir::Type& plain_type(ir::Type::Kind k);

// pick_best's order: whether success `a` (at index ia among the results) goes before `b` (at ib).
bool goes_before(const Coerced& a, std::size_t ia, const Coerced& b, std::size_t ib, bool union_target);

// The marks a choice leaves on the value chosen: pick_best's among `candidates` (FirstMatch, when
// not a union's member and there was a choice), and best_item's (coerce_array_to_singular's, always).
void note_picked(Coerced& chosen, std::size_t candidates, bool union_target);
void note_singular(Coerced& chosen);

// BAML's pick_best: the best success among `results` (for `union_target` when choosing among a
// union's members), or the failure of the first when none succeeded.
Outcome pick_best(std::vector<Outcome> results, bool union_target, const std::string& path, const std::string& what);

// Whether a value of this (resolved) type is read from the raw text rather than from the JSON in
// it: strings, enums, string literals.
bool takes_raw_text(const ir::Type& t);
// Whether the raw text of an AnyOf is finished, for a partial answer (coerce.cpp).
bool raw_text_complete(const JValue& any);

// Builds a failure reason "expected T, got V" with V shown briefly.
std::string expected(const std::string& what, const JValue* v);

template <class Fn, class Skip>
Outcome Coercer::best_of(const std::vector<const JValue*>& values, const ir::Type& target, const std::string& path,
                         Fn fn, Skip cannot_win) {
  std::vector<Outcome> results;
  results.reserve(values.size());
  std::size_t best = values.size();  // pick_best's choice so far
  for (std::size_t i = 0; i < values.size(); ++i) {
    // A value whose success could not go before the best so far is not coerced: pick_best's
    // choice is the same without it.
    if (best < i && cannot_win(values[i], *results[best].ok)) {
      results.push_back(Outcome::failure(path, "not better than an earlier reading"));
      continue;
    }
    results.push_back(fn(values[i]));
    if (results[i].ok && (best == values.size() || goes_before(*results[i].ok, i, *results[best].ok, best, false)))
      best = i;
  }
  if (results.empty()) return Outcome::failure(path, "expected " + ir::describe(target) + ", got an empty list");
  Outcome chosen = pick_best(std::move(results), false, path, {});  // not empty: no description needed
  if (chosen.ok) note_singular(*chosen.ok);
  return chosen;
}

}  // namespace baml::parse
