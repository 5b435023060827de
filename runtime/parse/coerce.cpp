// The coercion dispatcher (BAML's field_type coercer): readings of an AnyOf (a string target
// takes the raw text), fenced and repaired values unwrapped, the strict try_cast pass first, then
// the type's own coercion; lists, maps, unions and aliases here. In partial mode a value cut off
// by the end of the text is refused where the type must be complete (numbers, bools, enums,
// literals, durations, @stream.done).
#include <string>
#include <unordered_map>
#include <unordered_set>

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

bool takes_raw_text(const ir::Type& t) {
  return t.kind == ir::Type::Kind::String || t.kind == ir::Type::Kind::Enum ||
         (t.kind == ir::Type::Kind::Literal && t.literal.kind() == Value::Kind::String);
}

}  // namespace

struct DepthGuard {
  Coercer& c;
  explicit DepthGuard(Coercer& x) : c(x) { ++c.depth_; }
  ~DepthGuard() { --c.depth_; }
};

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
    std::pair<std::string, const JValue*> key{"alias:" + type.name, v};
    if (visiting_.count(key)) return Outcome::failure(path, "circular reference through " + type.name);
    const ir::Type& r = types_.resolve(type);
    if (&r == &type) return Outcome::failure(path, "unknown type " + type.name);
    visiting_.insert(key);
    Outcome o = coerce(r, v, path, stream);
    visiting_.erase(key);
    return o;
  }

  Outcome result;
  if (v && v->kind == JValue::Kind::AnyOf) {
    if (takes_raw_text(type)) {
      JValue raw = JValue::string(v->text);
      result = coerce(type, &raw, path, stream);
    } else {
      std::vector<const JValue*> cands;
      for (const auto& c : v->items) cands.push_back(&c);
      result = best_of(cands, type, path, [&](const JValue* x) { return coerce(type, x, path, stream); });
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

  if (partial_ && v && !v->complete && result.ok) {
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
  Outcome best = pick_best(std::move(results), true, path, ir::describe(type));
  if (!best.ok) best.fail = Failure{path, expected(ir::describe(type), v)};
  return best;
}

Outcome Coercer::coerce_list(const ir::Type& type, const JValue* v, const std::string& path) {
  Coerced c;
  c.shape = Coerced::Shape::List;
  Value::Items items;
  int children = 0;
  auto take = [&](Outcome o, std::size_t index) {
    if (!o.ok) {
      c.flags.item_errors++;
      c.add(1 + static_cast<int>(index));  // ArrayItemParseError
      return;
    }
    if (o.ok->flags.held_back) return;
    std::string at = "[" + std::to_string(items.size()) + "]";
    for (auto& fs : o.ok->states) c.states.push_back(FieldState{at + fs.path, fs.state});
    if (items.empty() && o.ok->flags.markdown) c.first_item_markdown = true;
    children += o.ok->total;
    items.push_back(std::move(o.ok->value));
  };
  if (v && v->kind == JValue::Kind::Array) {
    for (std::size_t i = 0; i < v->items.size(); ++i)
      take(coerce(type.items(), &v->items[i], path + "[" + std::to_string(i) + "]"), i);
  } else if (v) {
    c.flags.single_to_array = true;
    c.add(1);
    take(coerce(type.items(), v, path + "[0]"), 0);
  }
  c.total += children;
  c.list_empty = items.empty();
  c.value = Value::list(std::move(items));
  return Outcome::success(std::move(c));
}

Outcome Coercer::coerce_map(const ir::Type& type, const JValue* v, const std::string& path) {
  if (!v || v->kind != JValue::Kind::Object) return Outcome::failure(path, expected(ir::describe(type), v));
  Coerced c;
  c.shape = Coerced::Shape::Map;
  Value::Entries entries;
  std::unordered_map<std::string, std::size_t> index;
  // Keys stay as the model wrote them, whatever the key type (BAML 0.226.2 does not check
  // enum or literal keys: {"red": 1, "PURPLE": 2} for map<Color, int> stays so).
  for (const auto& [k, x] : v->entries) {
    const std::string& key = k;
    std::string at = path + "[\"" + key + "\"]";
    Outcome o = coerce(type.value(), &x, at);
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
      std::pair<std::string, const JValue*> key{"cast:" + type.name, v};
      if (casting_.count(key)) return std::nullopt;
      const ir::Type& r = types_.resolve(type);
      if (&r == &type) return std::nullopt;
      casting_.insert(key);
      auto o = try_cast(r, v, stream);
      casting_.erase(key);
      return o;
    }
    case ir::Type::Kind::List: {
      if (v->kind != JValue::Kind::Array) return std::nullopt;
      c.shape = Coerced::Shape::List;
      Value::Items items;
      int children = 0;
      for (const auto& x : v->items) {
        auto o = try_cast(type.items(), &x);
        if (!o) return std::nullopt;
        if (partial_ && !x.complete && done_when_partial(types_.resolve(type.items()))) return std::nullopt;
        std::string at = "[" + std::to_string(items.size()) + "]";
        for (auto& fs : o->states) c.states.push_back(FieldState{at + fs.path, fs.state});
        children += o->total;
        items.push_back(std::move(o->value));
      }
      c.total = children;
      c.list_empty = items.empty();
      c.value = Value::list(std::move(items));
      break;
    }
    case ir::Type::Kind::Map: {
      if (v->kind != JValue::Kind::Object) return std::nullopt;
      if (types_.resolve(type.key()).kind != ir::Type::Kind::String) return std::nullopt;
      c.shape = Coerced::Shape::Map;
      Value::Entries entries;
      std::unordered_set<std::string> seen;
      for (const auto& [k, x] : v->entries) {
        auto o = try_cast(type.value(), &x);
        if (!o) return std::nullopt;
        if (partial_ && !x.complete && done_when_partial(types_.resolve(type.value()))) return std::nullopt;
        if (!seen.insert(k).second) return std::nullopt;
        entries.emplace_back(k, std::move(o->value));
      }
      c.value = Value::map(std::move(entries));
      break;
    }
    case ir::Type::Kind::Class: {
      if (v->kind != JValue::Kind::Object) return std::nullopt;
      const ir::Class* cls = types_.find_class(type.name);
      if (!cls) return std::nullopt;
      std::pair<std::string, const JValue*> key{cls->name, v};
      if (casting_.count(key)) return std::nullopt;
      casting_.insert(key);
      struct Erase {
        std::set<std::pair<std::string, const JValue*>>& s;
        std::pair<std::string, const JValue*> k;
        ~Erase() { s.erase(k); }
      } erase{casting_, key};
      std::vector<const ir::Field*> fields;
      for (const auto& f : cls->fields)
        if (!f.skip) fields.push_back(&f);
      std::vector<std::optional<Coerced>> got(fields.size());
      std::vector<const JValue*> src(fields.size(), nullptr);
      for (const auto& [k, x] : v->entries) {
        std::size_t i = 0;
        for (; i < fields.size(); ++i)
          if (fields[i]->rendered_name() == k) break;
        if (i == fields.size()) return std::nullopt;
        if (got[i]) continue;
        bool done = false;
        for (const auto& s : fields[i]->stream) done = done || s == "done";
        auto o = try_cast(fields[i]->type, &x, Stream{done});
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
        bool not_null = false, with_state = false;
        for (const auto& s : f.stream) {
          not_null = not_null || s == "not_null";
          with_state = with_state || s == "with_state";
        }
        if (!got[i]) {
          if (!ir::accepts_null(f.type, types_)) return std::nullopt;
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
      Outcome best = pick_best(std::move(found), true, "", ir::describe(type));
      return std::move(best.ok);
    }
    default: return std::nullopt;
  }
  return c;
}

}  // namespace baml::parse
