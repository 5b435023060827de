// Classes, as BAML's class coercer: object keys matched to fields by rendered name (@alias),
// exactly, without punctuation or without case; the first value of a field wins; extra keys cost
// a little. A one-field class also takes a lone value (or an object not naming its field) as that
// field. A list offers its items as the object. Missing optional fields are null, missing lists
// and maps empty; in partial mode any missing field is null. @skip fields are not read.
// Streaming: @stream.not_null fails the object while the field is null; @stream.with_state
// records Pending / Incomplete / Complete.
#include <string>

#include "parse/coerce.h"

namespace baml::parse {

namespace {

// The default BAML gives a required field that has no usable value: [] for a list, {} for a map,
// null for a type that takes null; nullopt when it has none.
std::optional<Coerced> default_value(const ir::Type& t, const ir::TypeSystem& types, bool had_error) {
  const ir::Type& r = types.resolve(t);
  int weight = had_error ? 2 : 100;
  Coerced c;
  switch (r.kind) {
    case ir::Type::Kind::List:
      c.value = Value::list({});
      c.shape = Coerced::Shape::List;
      c.list_empty = true;
      c.flags.default_no_value = !had_error;
      c.add(weight);
      return c;
    case ir::Type::Kind::Map:
      c.value = Value::map({});
      c.shape = Coerced::Shape::Map;
      c.flags.default_no_value = !had_error;
      c.add(weight);
      return c;
    case ir::Type::Kind::Null:
    case ir::Type::Kind::Optional:
      c.flags.default_no_value = !had_error;
      c.add(weight);
      return c;
    case ir::Type::Kind::Union:
      for (const auto& m : r.children)
        if (auto d = default_value(m, types, had_error)) return d;
      return std::nullopt;
    default: return std::nullopt;
  }
}

}  // namespace

Outcome Coercer::coerce_class(const ir::Type& type, const JValue* v, const std::string& path) {
  const ir::Class* cls = types_.find_class(type.name);
  if (!cls) return Outcome::failure(path, "unknown class " + type.name);

  if (v && visiting_.has(cls, v)) return Outcome::failure(path, "circular reference through " + cls->name);
  if (v) visiting_.on.emplace_back(cls, v);
  struct Unvisit {
    Guard& g;
    bool on;
    ~Unvisit() { if (on) g.on.pop_back(); }
  } unvisit{visiting_, v != nullptr};

  ClassInfo& info = class_info(*cls);
  const auto& fields = info.fields;

  struct Slot {
    bool present = false;  // a value was found for it (ok or not)
    std::optional<Outcome> result;
    const JValue* source = nullptr;
  };
  std::vector<Slot> slots(fields.size());
  Coerced own;  // the class's own flags
  bool inferred_from_string = false;
  std::vector<Outcome> alternatives;  // BAML's completed_cls beyond the object itself

  auto field_path = [&](const ir::Field& f) { return path + "." + f.name; };
  auto set = [&](std::size_t i, Outcome o, const JValue* src) {
    if (slots[i].present) return;  // the first value wins
    slots[i].present = true;
    slots[i].result = std::move(o);
    slots[i].source = src;
  };
  // `x` is `v` itself, or (`child`) one of its entries' values.
  auto coerce_field = [&](std::size_t i, const JValue* x, bool child = false) {
    Stream st{info.done[i] != 0};
    if (child) return coerce_child(fields[i]->type, x, field_path(*fields[i]), st);
    return coerce(fields[i]->type, x, field_path(*fields[i]), st);
  };

  if (v && v->kind == JValue::Kind::Object) {
    std::vector<const std::pair<std::string, JValue>*> extra;
    bool found = false;
    for (const auto& entry : v->entries) {
      std::size_t i = field_for_key(info, entry.first);
      if (i < fields.size()) {
        if (!slots[i].present) set(i, coerce_field(i, &entry.second, true), &entry.second);
        found = true;
      } else {
        extra.push_back(&entry);
      }
    }
    bool implied_ok = false;
    if (!found && !extra.empty() && fields.size() == 1) {
      Outcome o = coerce_field(0, v);
      if (o.ok) {
        o.ok->flags.implied_key = true;
        o.ok->add(2);
        set(0, std::move(o), v);
        implied_ok = true;
      }
    }
    if (!implied_ok) own.add(static_cast<int>(extra.size()));  // ExtraKey
  } else if (v && v->kind == JValue::Kind::Array) {
    if (fields.size() == 1) {
      Outcome o = coerce_field(0, v);
      if (o.ok) {
        o.ok->flags.implied_key = true;
        o.ok->add(2);
      }
      set(0, std::move(o), v);
    }
    if (!v->items.empty()) {
      Outcome one = best_item(type, v, path, true);
      if (one.ok) alternatives.push_back(std::move(one));
    }
  } else if (v && fields.size() == 1) {
    // A lone value for a one-field class (5 → {"value": 5}). From a string the object is
    // *inferred* (BAML's InferedObject): fine inside a value (`["re"]` → [{"text": "re"}]),
    // refused as the whole answer (parse.cpp; "7" and "remember the milk" are no Note).
    Outcome o = coerce_field(0, v);
    if (o.ok) {
      o.ok->flags.implied_key = true;
      o.ok->add(2);
    }
    inferred_from_string = v->kind == JValue::Kind::String;  // even when the field refuses it
    set(0, std::move(o), v);
  }

  // What we have, what we need.
  std::optional<Failure> first_failure;
  std::vector<Coerced> values(fields.size());
  bool all_default = true;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const ir::Field& f = *fields[i];
    Slot& s = slots[i];
    bool optional = info.optional[i];
    const bool held_as_null = partial_ && s.present && s.result->ok && s.result->ok->partial_unfit &&
                              f.type.kind == ir::Type::Kind::Class;
    if (s.present && s.result->ok && !held_as_null) {
      values[i] = std::move(*s.result->ok);
      all_default = false;
      continue;
    }
    bool had_error = s.present;
    std::optional<Coerced> d;
    if (optional) {
      d = Coerced{};
      if (had_error) d->add(2);  // DefaultButHadUnparseableValue
      else { d->flags.default_no_value = true; d->add(1); }  // OptionalDefaultFromNoValue
    } else if (partial_ && !had_error && info.done[i]) {
      // A @stream.done field that has not started is null while streaming, even a list or map.
      d = Coerced{};
      d->flags.default_no_value = true;
      d->add(1);
    } else if (partial_ && !had_error && types_.resolve(f.type).kind == ir::Type::Kind::Union) {
      // Partial: a union field not written yet is null, even one whose list or map member
      // would default to [] or {} once the answer is whole (BAML 0.226.2: `labels string |
      // string[]` is null while streaming, [] at the end).
      d = Coerced{};
      d->flags.default_no_value = true;
      d->add(1);
    } else {
      d = default_value(f.type, types_, had_error);
      // Partial: a required field not written yet is null; one written with a value that does
      // not fit (yet) is null too, but costs as much as a null standing for a value in an
      // optional field (DefaultButHadValue, 110): `{"name": "Rex", "good_boy": tr` is a Cat
      // rather than a Dog in BAML 0.226.2.
      if (!d && partial_) {
        d = Coerced{};
        if (had_error) {
          d->flags.null_from_value = true;
          d->add(110);
        } else {
          d->flags.default_no_value = true;
          d->add(1);
        }
      }
    }
    if (!d) {
      if (!first_failure) {
        if (had_error) first_failure = s.result->fail;
        else first_failure = Failure{field_path(f), "missing required field"};
      }
      continue;
    }
    if (!had_error && d->flags.default_no_value) {
      // counts as a default for pick_best
    } else {
      all_default = false;
    }
    values[i] = std::move(*d);
  }

  std::vector<Outcome> completed;
  if (!first_failure) {
    Coerced c;
    c.shape = Coerced::Shape::Class;
    c.flags = own.flags;
    c.flags.inferred_object = inferred_from_string;
    c.total = own.total;
    if (partial_) {
      std::size_t unfit = 0, unwritten = 0;
      for (const Slot& s : slots) {
        if (!s.present) ++unwritten;
        else if (!s.result->ok) ++unfit;
      }
      c.partial_unfit = unfit >= 1 && unfit + unwritten >= 2;
    }
    Value::Entries entries;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const ir::Field& f = *fields[i];
      if (partial_ && info.not_null[i] && values[i].value.is_null()) {
        first_failure = Failure{field_path(f), "not streamed yet (@stream.not_null)"};
        break;
      }
      if (partial_ && info.with_state[i]) {
        StreamState st = StreamState::Complete;
        const Slot& s = slots[i];
        if (!s.present || !s.source || !s.result->ok) st = StreamState::Pending;
        else if (!s.source->complete && !values[i].flags.done_emptied) st = StreamState::Incomplete;
        c.states.push_back(FieldState{"." + f.name, st});
      }
      for (auto& fs : values[i].states) c.states.push_back(FieldState{"." + f.name + fs.path, fs.state});
      c.total += values[i].total;  // scores add up as they are (see pick_best.cpp)
      entries.emplace_back(f.name, std::move(values[i].value));
    }
    if (!first_failure) {
      c.all_fields_default = all_default && !fields.empty();
      c.single_implied_string = fields.size() == 1 && values[0].is_string && values[0].flags.implied_key;
      c.value = Value::instance(cls->name, std::move(entries));
      completed.push_back(Outcome::success(std::move(c)));
    }
  }
  if (completed.empty() && alternatives.empty()) {
    Failure f = first_failure ? *first_failure : Failure{path, expected(cls->name, v)};
    Outcome o;
    o.fail = std::move(f);
    return o;
  }
  for (auto& a : alternatives) completed.push_back(std::move(a));
  return pick_best(std::move(completed), false, path, cls->name);
}

}  // namespace baml::parse
