// The coercion dispatcher (BAML's field_type coercer): readings of an AnyOf (a string target
// takes the raw text), fenced and repaired values unwrapped, the strict try_cast pass first, then
// the type's own coercion; lists, maps, unions and aliases here. In partial mode a value cut off
// by the end of the text is refused where the type must be complete (numbers, bools, enums,
// literals, durations, @stream.done).
#include <algorithm>
#include <array>
#include <functional>
#include <string>
#include <unordered_map>

#include "parse/coerce.h"
#include "parse/numbers.h"

namespace baml::parse {

namespace {

constexpr int kMaxCoerceDepth = 600;

bool done_when_partial(const ir::Type& t) {
  switch (t.kind) {
    case ir::Type::Kind::Int:
    case ir::Type::Kind::Float:
    case ir::Type::Kind::Bool:
    case ir::Type::Kind::Enum:
    case ir::Type::Kind::Literal:
    case ir::Type::Kind::Duration: return true;
    default: return false;
  }
}

// Whether values of `t` are @stream.done by declaration: a grouped type's `@stream.done`, a
// class's `@@stream.done`.
bool done_type(const ir::Type& t, const ir::TypeSystem& types) {
  if (t.has_stream("done")) return true;
  if (t.kind != ir::Type::Kind::Class) return false;
  const ir::Class* cls = types.find_class(t.name);
  return cls && cls->has_stream("done");
}

// Whether values of `t` are @stream.not_null by declaration: a grouped type's
// `@stream.not_null`, a class's `@@stream.not_null`.
bool not_null_type(const ir::Type& t, const ir::TypeSystem& types) {
  if (t.has_stream("not_null")) return true;
  if (t.kind != ir::Type::Kind::Class) return false;
  const ir::Class* cls = types.find_class(t.name);
  return cls && cls->has_stream("not_null");
}

}  // namespace

bool raw_text_complete(const JValue& any) {
  // BAML 0.226.2 judges the raw text by the readings it offers, a repaired one (FixedJson) being
  // finished whatever it holds: a partial "positive " (read as the string "positive") is done for
  // an enum, "positive" (no reading but the text itself) is not, nor is a text one of whose
  // candidates is plain prose still streaming (the prose after a fenced block).
  for (const JValue& c : any.items) {
    if (c.kind == JValue::Kind::Fixed) continue;
    if (c.kind == JValue::Kind::AnyOf ? !raw_text_complete(c) : !c.complete) return false;
  }
  return true;
}

bool takes_raw_text(const ir::Type& t) {
  return t.kind == ir::Type::Kind::String || t.kind == ir::Type::Kind::Enum ||
         (t.kind == ir::Type::Kind::Literal && t.literal.kind() == Value::Kind::String);
}

struct DepthGuard {
  Coercer& c;
  explicit DepthGuard(Coercer& x) : c(x) {
    ++c.steps_;
    if (c.depth_ == 0) c.start_from_top();
    if (++c.depth_ > c.peak_) c.peak_ = c.depth_;
  }
  ~DepthGuard() { --c.depth_; }
};

namespace {

// A kept result: a node (or a list's shared store) × a type object × a stream flag; the path it
// was computed at is kept with it (a node is coerced at the same path every time, in practice).
struct MemoKey {
  const void* node;
  const void* type;
  bool flag;
  bool operator==(const MemoKey& o) const { return node == o.node && type == o.type && flag == o.flag; }
};
struct MemoKeyHash {
  std::size_t operator()(const MemoKey& k) const {
    std::size_t h = std::hash<const void*>()(k.node);
    h = h * 31 + std::hash<const void*>()(k.type);
    return h * 2 + (k.flag ? 1 : 0);
  }
};

// best_item's fold over the first `done` items of a list: the first outcome (what pick_best
// returns when none fits) and the best so far; `span`, the deepest the items' coercion went below
// the list (the fold is reused only where that stays within the limit, as coerce_kept's results).
struct ItemFold {
  std::string path;
  std::size_t done = 0;
  std::optional<Outcome> first, best;
  std::size_t best_index = 0;
  int span = 0;
};

// A list coerced item by item (coerce_list), kept for the items of a shared store.
struct ListBuild {
  Coerced c;
  Value::Items items;
  int children = 0;

  ListBuild() { c.shape = Coerced::Shape::List; }
  std::size_t before = 0;  // items taken before these (kept elsewhere)

  void take(Outcome o, std::size_t index) {
    if (!o.ok) {
      c.flags.item_errors++;
      c.add(1 + static_cast<int>(index));  // ArrayItemParseError
      return;
    }
    if (o.ok->flags.held_back) return;
    if (!o.ok->states.empty()) {
      std::string at = "[" + std::to_string(before + items.size()) + "]";
      for (auto& fs : o.ok->states) c.states.push_back(FieldState{at + fs.path, fs.state});
    }
    if (before == 0 && items.empty() && o.ok->flags.markdown) c.first_item_markdown = true;
    children += o.ok->total;
    items.push_back(std::move(o.ok->value));
  }
  // A builder going on from this one's state, for the items after these.
  ListBuild next() const {
    ListBuild b;
    b.c = c;
    b.children = children;
    b.before = before + items.size();
    return b;
  }
  Outcome finish() && {
    c.total += children;
    c.list_empty = items.empty();
    c.value = Value::list(std::move(items));
    return Outcome::success(std::move(c));
  }
  Outcome finish(Value list) && {
    c.total += children;
    c.list_empty = list.items().empty();
    c.value = std::move(list);
    return Outcome::success(std::move(c));
  }
};

// A list cast item by item (try_cast), kept for the items of a shared store.
struct CastListBuild {
  Coerced c;
  Value::Items items;
  int children = 0;
  bool failed = false;

  std::size_t before = 0;

  CastListBuild() { c.shape = Coerced::Shape::List; }
  void take(Coerced o) {
    if (!o.states.empty()) {
      std::string at = "[" + std::to_string(before + items.size()) + "]";
      for (auto& fs : o.states) c.states.push_back(FieldState{at + fs.path, fs.state});
    }
    children += o.total;
    items.push_back(std::move(o.value));
  }
  CastListBuild next() const {
    CastListBuild b;
    b.c = c;
    b.children = children;
    b.before = before + items.size();
    return b;
  }
  Coerced finish() && {
    c.total = children;
    c.list_empty = items.empty();
    c.value = Value::list(std::move(items));
    return std::move(c);
  }
  Coerced finish(Value list) && {
    c.total = children;
    c.list_empty = list.items().empty();
    c.value = std::move(list);
    return std::move(c);
  }
};

template <class Build>
struct ListAcc {
  std::string path;
  std::size_t n = 0;  // the store's items read into `build`
  int span = 0;       // how much deeper than the list the reading went
  Build build;
  std::shared_ptr<ItemStore> store;  // build's items, shared by the lists built from it
  std::size_t checked = 0;           // the store's first items known to be build's
  // The list value built last from it, and how many of its items came from `build`.
  std::optional<Value> last;
  std::size_t last_kept = 0;
};

struct KeptOutcome {
  std::string path;
  Outcome outcome;
  int span;
};
struct KeptCast {
  std::optional<Coerced> cast;
  int span;
};

}  // namespace

bool same_value(const Value& a, const Value& b, const Coercer* known) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case Value::Kind::List: {
      const auto& x = a.items();
      const auto& y = b.items();
      if (&x == &y) return true;  // the same node
      if (x.size() != y.size() || (known && known->known_different(a, b))) return false;
      std::size_t from = x.store() && x.store() == y.store() ? std::min(x.shared(), y.shared()) : 0;
      for (std::size_t i = from; i < x.size(); ++i)
        if (!same_value(x[i], y[i], known)) return false;
      return true;
    }
    case Value::Kind::Map:
    case Value::Kind::Class: {
      const auto& x = a.entries();
      const auto& y = b.entries();
      if (&x == &y) return true;
      if (x.size() != y.size()) return false;
      if (a.kind() == Value::Kind::Class && a.class_name() != b.class_name()) return false;
      for (std::size_t i = 0; i < x.size(); ++i)
        if (x[i].first != y[i].first || !same_value(x[i].second, y[i].second, known)) return false;
      return true;
    }
    default: return a == b;
  }
}

struct Coercer::Kept {
  std::unordered_map<const ir::Class*, ClassInfo> classes;
  std::unordered_map<MemoKey, KeptOutcome, MemoKeyHash> coerced;
  std::unordered_map<MemoKey, KeptOutcome, MemoKeyHash> offered;  // see coerce_offered
  std::unordered_map<MemoKey, ItemFold, MemoKeyHash> item_folds;  // see best_item
  // best_item's results for the nodes of the value being coerced: emptied when a coercion starts
  // from the top (the nodes of the last one may be gone, their addresses reused).
  std::unordered_map<MemoKey, KeptOutcome, MemoKeyHash> read_once;
  std::unordered_map<MemoKey, KeptCast, MemoKeyHash> cast_once;  // try_cast_child's, the same way
  std::unordered_map<MemoKey, KeptCast, MemoKeyHash> cast;
  std::unordered_map<MemoKey, ListAcc<ListBuild>, MemoKeyHash> lists;
  std::unordered_map<MemoKey, ListAcc<CastListBuild>, MemoKeyHash> cast_lists;
  std::unordered_map<MemoKey, std::shared_ptr<ItemStore>, MemoKeyHash> stores;  // see list_value
};

// The value of the list `items` read from a kept store: the node built last time when equal to
// it (so that comparing them costs nothing), else a new node, noted as differing from that one.
template <class Key, class Acc>
Value Coercer::list_value(const Key& key, Acc& acc, Value::Items tail) {
  const Value::Items& kept = acc.build.items;
  // The kept items go to a store once each, and every list built from it shares them. The lists
  // read from one node (a cast one and a coerced one, which a stream alternates between) share a
  // store, so that telling them apart costs only their tails: the items one of them put there
  // first are checked, once each, to be this one's too; from the first that is not, this one
  // keeps a store of its own.
  if (!acc.store) {
    auto& shared = kept_->stores[key];
    if (!shared) shared = std::make_shared<ItemStore>();
    acc.store = shared;
  }
  for (std::size_t overlap = std::min(acc.store->size(), kept.size()); acc.checked < overlap; ++acc.checked) {
    if (!same_value((*acc.store)[acc.checked], kept[acc.checked], nullptr)) {
      auto own = std::make_shared<ItemStore>();
      for (std::size_t i = 0; i < acc.checked; ++i) own->push_back((*acc.store)[i]);
      acc.store = std::move(own);
      break;
    }
  }
  for (std::size_t i = acc.store->size(); i < kept.size(); ++i) acc.store->push_back(kept[i]);
  acc.checked = kept.size();
  std::size_t total = kept.size() + tail.size();
  if (acc.last && acc.last->items().size() == total) {
    // Its first last_kept items are the kept ones it was built from: compare the rest.
    const ListItems& old = acc.last->items();
    bool same = true;
    for (std::size_t i = acc.last_kept; i < total && same; ++i)
      same = same_value(i < kept.size() ? kept[i] : tail[i - kept.size()], old[i], nullptr);
    if (same) return *acc.last;
  }
  Value v = Value::list(acc.store, kept.size(), std::move(tail));
  if (acc.last) differs_.emplace_back(v, *acc.last);
  acc.last = v;
  acc.last_kept = kept.size();
  return v;
}

bool Coercer::known_different(const Value& a, const Value& b) const {
  for (const auto& [x, y] : differs_)
    if (&x.items() == &a.items() && &y.items() == &b.items()) return true;
  return false;
}

void Coercer::forget_kept() {
  kept_->coerced.clear();
  kept_->offered.clear();
  kept_->item_folds.clear();
  kept_->cast.clear();
  kept_->lists.clear();
  kept_->cast_lists.clear();
  kept_->stores.clear();
}

Coercer::Coercer(const ir::TypeSystem& types, bool partial, bool memoize)
    : types_(types), partial_(partial), memoize_(memoize), kept_(std::make_unique<Kept>()) {}
Coercer::~Coercer() = default;

bool key_matches(std::string_view key, std::string_view name);

Coercer::ClassInfo& Coercer::class_info(const ir::Class& cls) {
  auto [it, fresh] = kept_->classes.try_emplace(&cls);
  ClassInfo& info = it->second;
  if (fresh) {
    for (const auto& f : cls.fields) {
      if (f.skip) continue;
      info.fields.push_back(&f);
      bool done = false, not_null = false, with_state = false;
      for (const auto& s : f.stream) {
        done = done || s == "done";
        not_null = not_null || s == "not_null";
        with_state = with_state || s == "with_state";
      }
      const bool optional = ir::accepts_null(f.type, types_);
      not_null = not_null || not_null_type(f.type, types_);
      info.done.push_back(done);
      // BAML 0.226.2 holds an object back for a @stream.not_null field (or one whose class is
      // @@stream.not_null) only when the field is required; on a field that takes null it
      // changes nothing.
      info.not_null.push_back(not_null && !optional);
      info.with_state.push_back(with_state);
      info.optional.push_back(optional);
    }
  }
  return info;
}

std::size_t Coercer::field_for_key(ClassInfo& info, const std::string& key) {
  for (const auto& [k, i] : info.keys)
    if (k == key) return i;
  std::size_t i = 0;
  for (; i < info.fields.size(); ++i)
    if (key_matches(key, info.fields[i]->rendered_name())) break;
  if (info.keys.size() < 64) info.keys.emplace_back(key, i);
  return i;
}

Outcome Coercer::coerce_child(const ir::Type& type, const JValue* v, const std::string& path, Stream stream) {
  if (!memoize_ || !v || !v->stable) return coerce(type, v, path, stream);
  return coerce_kept(kept_->coerced, type, v, path, stream);
}

Outcome Coercer::coerce_offered(const ir::Type& type, const JValue* v, const std::string& path) {
  if (!memoize_ || !v || !v->stable) return coerce(type, v, path);
  return coerce_kept(kept_->offered, type, v, path, {});
}

Outcome Coercer::best_item(const ir::Type& type, const JValue* v, const std::string& path, bool offered) {
  if (offered) return fold_items(type, v, path, true);
  // Lists nested in lists reach the same inner list from every level above (`{"value": [[[...]]]}`
  // for `class One { value int }`, or a union with `int` over nested lists), each at its own
  // path: it is read once per coercion. A plain scalar's outcome depends on the path only through
  // its failure's, which is always the path asked at, so the reading is kept whatever the path.
  return kept_outcome(kept_->read_once, v, type, false, path, [&] { return fold_items(type, v, path, false); },
                      true);
}

Outcome Coercer::fold_items(const ir::Type& type, const JValue* v, const std::string& path, bool offered) {
  const auto& items = v->items;
  if (items.empty()) return Outcome::failure(path, "expected " + ir::describe(type) + ", got an empty list");
  auto fold = [&](ItemFold& f, std::size_t i) {
    int outer_peak = peak_;
    peak_ = depth_;
    Outcome o = offered ? coerce_offered(type, &items[i], path) : coerce(type, &items[i], path);
    f.span = std::max(f.span, peak_ - depth_);
    peak_ = std::max(outer_peak, peak_);
    if (i == 0) f.first = o;
    if (o.ok && (!f.best || goes_before(*o.ok, i, *f.best->ok, f.best_index, false))) {
      f.best = std::move(o);
      f.best_index = i;
    }
  };
  ItemFold f;
  std::size_t shared = 0;
  if (memoize_ && items.base()) {
    // The shared prefix's items are finished and never change: their fold is kept.
    ItemFold& kept = kept_->item_folds[MemoKey{items.base(), &type, offered}];
    if (kept.path != path || kept.done > items.base_len()) {
      kept = ItemFold{};
      kept.path = path;
    }
    shared = items.base_len();
    for (; kept.done < shared; ++kept.done) fold(kept, kept.done);
    if (depth_ + kept.span <= kMaxCoerceDepth) {
      f = kept;
      peak_ = std::max(peak_, depth_ + f.span);
    } else {
      // An item reached the depth limit from here: its result holds only at this depth.
      kept = ItemFold{};
      kept.path = path;
      shared = 0;
    }
  }
  for (std::size_t i = shared; i < items.size(); ++i) fold(f, i);
  // As best_of over them: pick_best's choice and mark, then best_of's.
  Outcome best = f.best ? std::move(*f.best) : std::move(*f.first);
  if (best.ok) {
    note_picked(*best.ok, items.size(), false);
    note_singular(*best.ok);
  }
  return best;
}

void Coercer::start_from_top() {
  if (!kept_->read_once.empty()) kept_->read_once.clear();
  if (!kept_->cast_once.empty()) kept_->cast_once.clear();
}

const ir::Type& plain_type(ir::Type::Kind k) {
  static const auto types = [] {
    std::array<ir::Type, static_cast<std::size_t>(ir::Type::Kind::Duration) + 1> all;
    for (std::size_t i = 0; i < all.size(); ++i) all[i].kind = static_cast<ir::Type::Kind>(i);
    return all;
  }();
  return types.at(static_cast<std::size_t>(k));
}

template <class Memo>
Outcome Coercer::coerce_kept(Memo& memo, const ir::Type& type, const JValue* v, const std::string& path, Stream stream) {
  return kept_outcome(memo, v, type, stream.done, path, [&] { return coerce(type, v, path, stream); });
}

template <class Memo, class Compute>
Outcome Coercer::kept_outcome(Memo& memo, const JValue* v, const ir::Type& type, bool flag, const std::string& path,
                              Compute compute, bool any_path) {
  MemoKey key{v, &type, flag};
  auto it = memo.find(key);
  if (it != memo.end() && (any_path || it->second.path == path) && depth_ + it->second.span <= kMaxCoerceDepth) {
    if (depth_ + it->second.span > peak_) peak_ = depth_ + it->second.span;
    if (it->second.path == path) return it->second.outcome;
    Outcome o = it->second.outcome;
    if (!o.ok) o.fail.path = path;
    return o;
  }
  int outer_peak = peak_;
  peak_ = depth_;
  Outcome o = compute();
  int span = peak_ - depth_;
  bool clean = peak_ <= kMaxCoerceDepth;
  if (outer_peak > peak_) peak_ = outer_peak;
  if (clean) memo.insert_or_assign(key, KeptOutcome{path, o, span});
  return o;
}

std::optional<Coerced> Coercer::try_cast_child(const ir::Type& type, const JValue* v, Stream stream) {
  if (!v) return try_cast(type, v, stream);
  // A stable node of a stream: kept for the rest of the stream. Otherwise a node with children is
  // kept for this coercion: a union over nested lists casts each inner list from every level
  // above it (its own level's cast, then its parent's, ...), once per level without this.
  const bool stable = memoize_ && v->stable;
  if (!stable && (copies_ > 0 || (v->kind != JValue::Kind::Array && v->kind != JValue::Kind::Object)))
    return try_cast(type, v, stream);
  auto& memo = stable ? kept_->cast : kept_->cast_once;
  MemoKey key{v, &type, stream.done};
  auto it = memo.find(key);
  if (it != memo.end() && depth_ + it->second.span <= kMaxCoerceDepth) {
    if (depth_ + it->second.span > peak_) peak_ = depth_ + it->second.span;
    return it->second.cast;
  }
  int outer_peak = peak_;
  peak_ = depth_;
  std::optional<Coerced> o = try_cast(type, v, stream);
  int span = peak_ - depth_;
  bool clean = peak_ <= kMaxCoerceDepth;
  if (outer_peak > peak_) peak_ = outer_peak;
  if (clean) memo.insert_or_assign(std::move(key), KeptCast{o, span});
  return o;
}

void Coercer::flatten(const ir::Type& type, std::vector<const ir::Type*>& out, bool& has_null) const {
  const ir::Type& t = types_.resolve(type);
  if (t.kind == ir::Type::Kind::Union) {
    for (const auto& m : t.children) flatten(m, out, has_null);
  } else if (t.kind == ir::Type::Kind::Optional) {
    flatten(t.inner(), out, has_null);
    has_null = true;
  } else if (t.kind == ir::Type::Kind::Null) {
    has_null = true;
  } else {
    out.push_back(&type);
  }
}

bool Coercer::only_complete_values(const ir::Type& type) const {
  std::vector<const ir::Type*> members;
  bool has_null = false;
  flatten(type, members, has_null);
  if (members.empty()) return has_null;  // `null` itself: a word that is only null once complete
  for (const ir::Type* m : members)
    if (!done_when_partial(types_.resolve(*m))) return false;
  return true;
}

Outcome Coercer::coerce(const ir::Type& type, const JValue* v, const std::string& path, Stream stream) {
  DepthGuard guard(*this);
  if (depth_ > kMaxCoerceDepth) return Outcome::failure(path, "the value nests too deeply");

  // `(T @stream.done)` and a `@@stream.done` class are shown only once complete, as a
  // @stream.done field is (BAML 0.226.2: `(Step @stream.done)[]` leaves an unfinished step out).
  if (partial_ && !stream.done) stream.done = done_type(type, types_);

  // Aliases: followed, with a guard against a recursive alias offered the same value again.
  if (type.kind == ir::Type::Kind::Alias) {
    const void* alias = types_.find_alias(type.name);
    if (visiting_.has(alias, v)) return Outcome::failure(path, "circular reference through " + type.name);
    const ir::Type& r = types_.resolve(type);
    if (&r == &type) return Outcome::failure(path, "unknown type " + type.name);
    visiting_.on.emplace_back(alias, v);
    struct Pop {
      Guard& g;
      ~Pop() { g.on.pop_back(); }
    } pop{visiting_};
    return coerce(r, v, path, stream);
  }

  Outcome result;
  bool raw_read = false;  // the raw text was coerced, with its own completeness
  if (v && v->kind == JValue::Kind::AnyOf) {
    if (takes_raw_text(type)) {
      JValue raw = JValue::string(v->text, raw_text_complete(*v));
      result = coerce(type, &raw, path, stream);
      raw_read = true;
    } else {
      std::vector<const JValue*> cands;
      for (const auto& c : v->items) cands.push_back(&c);
      // The list of a markdown answer's blocks, for a list type: its first item comes from a
      // block, so when an earlier reading already gave a real list whose first item does not,
      // with no item refused, pick_best keeps that one (pick_best.cpp's list rules) — and a
      // whole answer's parse need not coerce the blocks a second time.
      const bool list_target = !partial_ && types_.resolve(type).kind == ir::Type::Kind::List;
      auto blocks_cannot_win = [&](const JValue* x, const Coerced& best) {
        return list_target && x->kind == JValue::Kind::Array && !x->items.empty() &&
               x->items[0].kind == JValue::Kind::Markdown && best.shape == Coerced::Shape::List &&
               !best.flags.single_to_array && !best.first_item_markdown && best.flags.item_errors == 0;
      };
      result = best_of(cands, type, path, [&](const JValue* x) { return coerce(type, x, path, stream); },
                       blocks_cannot_win);
    }
  } else if (v && v->kind == JValue::Kind::Markdown && !v->items.empty()) {
    result = coerce(type, &v->items[0], path, stream);
    if (result.ok) {
      result.ok->flags.markdown = true;
      if (type.kind == ir::Type::Kind::String) result.ok->add(1);
    }
  } else if (v && v->kind == JValue::Kind::Fixed && !v->items.empty()) {
    result = coerce(type, &v->items[0], path, stream);
  } else if (auto cast = try_cast(type, v, stream)) {
    result = Outcome::success(std::move(*cast));
  } else {
    switch (type.kind) {
      case ir::Type::Kind::String: result = coerce_string(v, path); break;
      case ir::Type::Kind::Int: result = coerce_int(v, path); break;
      case ir::Type::Kind::Float: result = coerce_float(v, path); break;
      case ir::Type::Kind::Bool: result = coerce_bool(type, v, path); break;
      case ir::Type::Kind::Null: result = coerce_null(v); break;
      case ir::Type::Kind::Duration: result = coerce_duration(v, path); break;
      case ir::Type::Kind::Enum: result = coerce_enum(type, v, path); break;
      case ir::Type::Kind::Literal: result = coerce_literal(type, v, path); break;
      case ir::Type::Kind::Class: result = coerce_class(type, v, path); break;
      case ir::Type::Kind::List: result = coerce_list(type, v, path); break;
      case ir::Type::Kind::Map: result = coerce_map(type, v, path); break;
      case ir::Type::Kind::Optional:
      case ir::Type::Kind::Union: {
        std::vector<const ir::Type*> members;
        bool has_null = false;
        flatten(type, members, has_null);
        ir::Type null_type;
        if (has_null) members.push_back(&null_type);
        result = coerce_union(type, members, v, path);
        break;
      }
      case ir::Type::Kind::Image:
      case ir::Type::Kind::Audio:
      case ir::Type::Kind::Pdf:
      case ir::Type::Kind::Video:
        result = Outcome::failure(path, "media (" + ir::describe(type) + ") cannot be parsed from text");
        break;
      case ir::Type::Kind::Alias: break;  // handled above
    }
  }

  if (partial_ && v && !v->complete && result.ok && !raw_read) {
    // A value that must be complete is held back (null), keeping its score so that unions still
    // choose as BAML does; a list drops it, the root refuses it.
    // So is a null standing for an unfinished value that only a complete-only member could take
    // (BAML 0.226.2: `[1, "ab` for `(int | null)[]` is [1], `int?` on a partial "abc" is refused).
    bool unfinished_null = result.ok->value.is_null() && result.ok->flags.null_from_value &&
                           (type.kind == ir::Type::Kind::Optional || type.kind == ir::Type::Kind::Union) &&
                           only_complete_values(type);
    if (stream.done || done_when_partial(type) || unfinished_null) {
      result.ok->value = Value::null();
      result.ok->flags.held_back = true;
      result.ok->states.clear();
      if (stream.done) {
        // BAML 0.226.2 shows an unfinished @stream.done list or map (optional or not) as empty,
        // and a @stream.with_state on it says Complete; anything else stays null.
        std::vector<const ir::Type*> members;
        bool has_null = false;
        flatten(type, members, has_null);
        const ir::Type* only = members.size() == 1 ? &types_.resolve(*members[0]) : nullptr;
        if (only && (only->kind == ir::Type::Kind::List || only->kind == ir::Type::Kind::Map)) {
          bool list = only->kind == ir::Type::Kind::List;
          result.ok->value = list ? Value::list({}) : Value::map({});
          result.ok->shape = list ? Coerced::Shape::List : Coerced::Shape::Map;
          result.ok->list_empty = list;
          result.ok->flags.held_back = false;
          result.ok->flags.done_emptied = true;
        }
      }
    }
    result.ok->flags.incomplete = true;
  }
  return result;
}

Outcome Coercer::coerce_union(const ir::Type& type, const std::vector<const ir::Type*>& members, const JValue* v,
                              const std::string& path) {
  std::vector<Outcome> results;
  for (const ir::Type* m : members) {
    Outcome o = coerce(*m, v, path);
    if (o.ok && o.ok->total == 0) return o;
    results.push_back(std::move(o));
  }
  if (results.empty()) return Outcome::failure(path, expected(ir::describe(type), v));
  Outcome best = pick_best(std::move(results), true, path, {});  // not empty: no description needed
  if (!best.ok) best.fail = Failure{path, expected(ir::describe(type), v)};
  return best;
}

Outcome Coercer::coerce_list(const ir::Type& type, const JValue* v, const std::string& path) {
  if (v && v->kind == JValue::Kind::Array) return coerce_list_items(type, v, path);
  ListBuild b;
  if (v) {
    b.c.flags.single_to_array = true;
    b.c.add(1);
    b.take(coerce(type.items(), v, path + "[0]"), 0);
  }
  return std::move(b).finish();
}

Outcome Coercer::coerce_list_items(const ir::Type& type, const JValue* v, const std::string& path) {
  const ir::Type& item_type = type.items();
  auto item_path = [&](std::size_t i) { return path + "[" + std::to_string(i) + "]"; };
  std::size_t shared = v->items.base_len();
  if (memoize_ && shared > 0) {
    // The items of the shared store were read at an earlier delta: go on from there.
    MemoKey key{v->items.base(), &type, false};
    auto& acc = kept_->lists[key];
    if (acc.n == 0) acc.path = path;
    if (acc.path == path && acc.n <= shared && depth_ + acc.span <= kMaxCoerceDepth) {
      int outer_peak = peak_;
      peak_ = depth_ + acc.span;
      for (std::size_t i = acc.n; i < shared; ++i) acc.build.take(coerce_child(item_type, &v->items[i], item_path(i)), i);
      bool clean = peak_ <= kMaxCoerceDepth;
      acc.span = peak_ - depth_;
      if (outer_peak > peak_) peak_ = outer_peak;
      if (clean) {
        acc.n = shared;
        ListBuild b = acc.build.next();
        for (std::size_t i = shared; i < v->items.size(); ++i) b.take(coerce_child(item_type, &v->items[i], item_path(i)), i);
        Value list = list_value(key, acc, std::move(b.items));
        return std::move(b).finish(std::move(list));
      }
    }
    kept_->lists.erase(key);
  }
  ListBuild b;
  for (std::size_t i = 0; i < v->items.size(); ++i) b.take(coerce_child(item_type, &v->items[i], item_path(i)), i);
  return std::move(b).finish();
}

Outcome Coercer::coerce_map(const ir::Type& type, const JValue* v, const std::string& path) {
  if (!v || v->kind != JValue::Kind::Object) return Outcome::failure(path, expected(ir::describe(type), v));
  Coerced c;
  c.shape = Coerced::Shape::Map;
  Value::Entries entries;
  std::unordered_map<std::string, std::size_t> index;
  // Keys stay as the model wrote them. An enum or literal key type takes only keys that name one
  // of its values (as an answer would: "the apple" names APPLE), the rest are dropped (BAML
  // 0.226.2: {"red": 1, "apple": 2,} is {"apple": 2} for map<Fruit, int>). Only here: values
  // that cast as they are (try_cast) keep every key, as BAML's do ({"red": 1} stays).
  const ir::Type& key_type = types_.resolve(type.key());
  const bool check_keys = key_type.kind != ir::Type::Kind::String;
  for (const auto& [k, x] : v->entries) {
    const std::string& key = k;
    std::string at = path + "[\"" + key + "\"]";
    if (check_keys) {
      JValue key_text = JValue::string(key);
      if (!coerce(type.key(), &key_text, at).ok) {
        c.add(1);  // MapKeyParseError
        continue;
      }
    }
    Outcome o = coerce_child(type.value(), &x, at);
    if (!o.ok) {
      c.add(1);  // MapValueParseError
      continue;
    }
    if (o.ok->flags.held_back) continue;
    for (auto& fs : o.ok->states) c.states.push_back(FieldState{"[\"" + key + "\"]" + fs.path, fs.state});
    auto [it, fresh] = index.emplace(key, entries.size());
    if (fresh) entries.emplace_back(key, std::move(o.ok->value));
    else entries[it->second].second = std::move(o.ok->value);  // a repeated key: the last wins
  }
  c.value = Value::map(std::move(entries));
  return Outcome::success(std::move(c));
}

// BAML's try_cast: the value is already exactly of the type (kinds match, keys are the rendered
// names, nothing converted).
std::optional<Coerced> Coercer::try_cast(const ir::Type& type, const JValue* v, Stream stream) {
  if (!v) return std::nullopt;
  if (partial_ && !stream.done) stream.done = done_type(type, types_);
  if (partial_ && !v->complete && (stream.done || done_when_partial(type))) return std::nullopt;
  DepthGuard guard(*this);
  if (depth_ > kMaxCoerceDepth) return std::nullopt;
  Coerced c;
  switch (type.kind) {
    case ir::Type::Kind::String:
      if (v->kind != JValue::Kind::String) return std::nullopt;
      c.value = Value::string(v->text);
      c.is_string = true;
      break;
    case ir::Type::Kind::Int: {
      if (v->kind != JValue::Kind::Number) return std::nullopt;
      auto i = rust_int(v->text);
      if (!i) return std::nullopt;
      c.value = Value::integer(*i);
      break;
    }
    case ir::Type::Kind::Float: {
      if (v->kind != JValue::Kind::Number) return std::nullopt;
      auto d = rust_float(v->text);
      if (!d) return std::nullopt;
      c.value = Value::floating(*d);
      break;
    }
    case ir::Type::Kind::Bool:
      if (v->kind != JValue::Kind::Bool) return std::nullopt;
      c.value = Value::boolean(v->boolean);
      break;
    case ir::Type::Kind::Null:
      if (v->kind != JValue::Kind::Null) return std::nullopt;
      break;
    case ir::Type::Kind::Enum: {
      if (v->kind != JValue::Kind::String) return std::nullopt;
      const ir::Enum* e = types_.find_enum(type.name);
      if (!e) return std::nullopt;
      const ir::EnumValue* hit = nullptr;
      for (const auto& ev : e->values)
        if (!ev.skip && ev.rendered_name() == v->text) { hit = &ev; break; }
      if (!hit) return std::nullopt;
      c.value = Value::enumeration(e->name, hit->name);
      break;
    }
    case ir::Type::Kind::Literal: {
      const Value& lit = type.literal;
      bool ok = (lit.kind() == Value::Kind::String && v->kind == JValue::Kind::String && v->text == lit.as_string()) ||
                (lit.kind() == Value::Kind::Bool && v->kind == JValue::Kind::Bool && v->boolean == lit.as_bool()) ||
                (lit.kind() == Value::Kind::Int && v->kind == JValue::Kind::Number && rust_int(v->text) &&
                 *rust_int(v->text) == lit.as_int());
      if (!ok) return std::nullopt;
      c.value = lit;
      break;
    }
    case ir::Type::Kind::Alias: {
      const void* alias = types_.find_alias(type.name);
      if (casting_.has(alias, v)) return std::nullopt;
      const ir::Type& r = types_.resolve(type);
      if (&r == &type) return std::nullopt;
      casting_.on.emplace_back(alias, v);
      struct Pop {
        Guard& g;
        ~Pop() { g.on.pop_back(); }
      } pop{casting_};
      return try_cast(r, v, stream);
    }
    case ir::Type::Kind::List:
      if (v->kind != JValue::Kind::Array) return std::nullopt;
      return try_cast_list(type, v);
    case ir::Type::Kind::Map: {
      // Keys are not checked against an enum or literal key type here: BAML 0.226.2 casts
      // {"red": 1} to map<Fruit, int> as it is (coerce_map, below, checks them).
      if (v->kind != JValue::Kind::Object) return std::nullopt;
      c.shape = Coerced::Shape::Map;
      Value::Entries entries;
      std::unordered_map<std::string, std::size_t> index;
      for (const auto& [k, x] : v->entries) {
        if (partial_ && !x.complete && done_when_partial(types_.resolve(type.value()))) {
          // A value that shows only once complete leaves its entry out of a map that casts
          // (BAML 0.226.2: the partial {"red": 1, "APPLE": 2 for map<Fruit, int> is {"red": 1}).
          JValue finished = x;
          finished.complete = true;
          // Its nodes are copies that die here: nothing is kept for them (their addresses may
          // be reused by other nodes before this coercion ends).
          ++copies_;
          const bool casts = try_cast(type.value(), &finished, {}).has_value();
          --copies_;
          if (!casts) return std::nullopt;
          continue;
        }
        auto o = try_cast_child(type.value(), &x);
        if (!o) return std::nullopt;
        // A repeated key: the last value, in the first one's place (BAML 0.226.2:
        // {"APPLE": 1, "red": 2, "APPLE": 3} is {"APPLE": 3, "red": 2}).
        auto [it, fresh] = index.emplace(k, entries.size());
        if (fresh) entries.emplace_back(k, std::move(o->value));
        else entries[it->second].second = std::move(o->value);
      }
      c.value = Value::map(std::move(entries));
      break;
    }
    case ir::Type::Kind::Class: {
      if (v->kind != JValue::Kind::Object) return std::nullopt;
      const ir::Class* cls = types_.find_class(type.name);
      if (!cls) return std::nullopt;
      if (casting_.has(cls, v)) return std::nullopt;
      casting_.on.emplace_back(cls, v);
      struct Erase {
        Guard& g;
        ~Erase() { g.on.pop_back(); }
      } erase{casting_};
      const ClassInfo& info = class_info(*cls);
      const auto& fields = info.fields;
      // A required field no key names fails the cast whatever the entries hold (checked first:
      // an object still streaming usually lacks one).
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (info.optional[i]) continue;
        bool named = false;
        for (const auto& e : v->entries)
          if (e.first == fields[i]->rendered_name()) { named = true; break; }
        if (!named) return std::nullopt;
      }
      std::vector<std::optional<Coerced>> got(fields.size());
      std::vector<const JValue*> src(fields.size(), nullptr);
      for (const auto& [k, x] : v->entries) {
        std::size_t i = 0;
        for (; i < fields.size(); ++i)
          if (fields[i]->rendered_name() == k) break;
        if (i == fields.size()) return std::nullopt;
        if (got[i]) continue;
        bool done = info.done[i];
        auto o = try_cast_child(fields[i]->type, &x, Stream{done});
        if (!o) return std::nullopt;
        if (partial_ && !x.complete && (done || done_when_partial(types_.resolve(fields[i]->type)))) return std::nullopt;
        got[i] = std::move(o);
        src[i] = &x;
      }
      c.shape = Coerced::Shape::Class;
      Value::Entries entries;
      int children = 0;
      for (std::size_t i = 0; i < fields.size(); ++i) {
        const ir::Field& f = *fields[i];
        bool not_null = info.not_null[i], with_state = info.with_state[i];
        if (!got[i]) {
          if (!info.optional[i]) return std::nullopt;
          got[i] = Coerced{};
          got[i]->flags.default_no_value = true;
          got[i]->add(1);  // OptionalDefaultFromNoValue
        }
        if (partial_ && not_null && got[i]->value.is_null()) return std::nullopt;
        if (partial_ && with_state) {
          StreamState st = !src[i] ? StreamState::Pending : !src[i]->complete ? StreamState::Incomplete : StreamState::Complete;
          c.states.push_back(FieldState{"." + f.name, st});
        }
        for (auto& fs : got[i]->states) c.states.push_back(FieldState{"." + f.name + fs.path, fs.state});
        children += got[i]->total;
        entries.emplace_back(f.name, std::move(got[i]->value));
      }
      c.total = children;
      c.value = Value::instance(cls->name, std::move(entries));
      break;
    }
    case ir::Type::Kind::Optional:
    case ir::Type::Kind::Union: {
      std::vector<const ir::Type*> members;
      bool has_null = false;
      flatten(type, members, has_null);
      if (v->kind == JValue::Kind::Null && has_null) break;
      std::vector<Outcome> found;
      for (const ir::Type* m : members) {
        auto o = try_cast(*m, v, stream);
        if (!o) continue;
        if (o->total == 0) return o;
        found.push_back(Outcome::success(std::move(*o)));
      }
      if (found.empty()) return std::nullopt;
      Outcome best = pick_best(std::move(found), true, "", {});  // not empty: no description needed
      return std::move(best.ok);
    }
    default: return std::nullopt;
  }
  return c;
}

std::optional<Coerced> Coercer::try_cast_list(const ir::Type& type, const JValue* v) {
  const ir::Type& item_type = type.items();
  bool item_done_only = partial_ && done_when_partial(types_.resolve(item_type));
  // An item that does not cast, or must be complete and is not, fails the list.
  auto fits = [&](CastListBuild& b, const JValue& x) {
    auto o = try_cast_child(item_type, &x);
    if (!o || (item_done_only && !x.complete)) return false;
    b.take(std::move(*o));
    return true;
  };
  std::size_t shared = v->items.base_len();
  if (memoize_ && shared > 0) {
    MemoKey key{v->items.base(), &type, false};
    auto& acc = kept_->cast_lists[key];
    if (acc.n <= shared && depth_ + acc.span <= kMaxCoerceDepth) {
      int outer_peak = peak_;
      peak_ = depth_ + acc.span;
      for (std::size_t i = acc.n; i < shared && !acc.build.failed; ++i)
        if (!fits(acc.build, v->items[i])) acc.build.failed = true;
      bool clean = peak_ <= kMaxCoerceDepth;
      acc.span = peak_ - depth_;
      if (outer_peak > peak_) peak_ = outer_peak;
      if (clean) {
        acc.n = shared;
        if (acc.build.failed) return std::nullopt;
        CastListBuild b = acc.build.next();
        for (std::size_t i = shared; i < v->items.size(); ++i)
          if (!fits(b, v->items[i])) return std::nullopt;
        Value list = list_value(key, acc, std::move(b.items));
        return std::move(b).finish(std::move(list));
      }
    }
    kept_->cast_lists.erase(key);
  }
  CastListBuild b;
  for (std::size_t i = 0; i < v->items.size(); ++i)
    if (!fits(b, v->items[i])) return std::nullopt;
  return std::move(b).finish();
}

}  // namespace baml::parse
