// read_exact_json: a clean answer read straight into its Value (exact_json.h). Each `read` mirrors
// a case of Coercer::try_cast; each place that hands a part to the Coercer is one where BAML's
// coercion, once the cast of the whole has failed, coerces that part alone (coerce_list_items,
// coerce_class with every key a field's, coerce_map).
#include "parse/exact_json.h"

#include <vector>

#include "parse/coerce.h"
#include "parse/numbers.h"
#include "parse/strict_json.h"

namespace baml::parse {

namespace {

// Deeper answers go the general way (its limits and errors apply).
constexpr int kMaxExactDepth = 64;

class ExactReader {
 public:
  ExactReader(std::string_view text, Coercer& coercer) : c_{text}, coercer_(coercer), types_(coercer.types()) {}

  std::optional<Value> document(const ir::Type& type) {
    c_.ws();
    Value v;
    if (!read(type, v, 0, false)) return std::nullopt;
    c_.ws();
    if (!c_.at_end()) return std::nullopt;
    return v;
  }

 private:
  JsonCursor c_;
  Coercer& coercer_;
  const ir::TypeSystem& types_;
  bool broken_ = false;  // not strict JSON (or too deep): the general path decides

  bool broken() {
    broken_ = true;
    return false;
  }

  // The value at the cursor as `type`, into `out`. False when it does not fit exactly (or the
  // text is broken: broken_). `exact_only`: inside a union's member, where a part that does not
  // fit exactly makes the member not fit (BAML's try_cast of a union).
  bool read(const ir::Type& type, Value& out, int depth, bool exact_only);
  bool read_list(const ir::Type& t, Value& out, int depth, bool exact_only);
  bool read_class(const ir::Type& t, Value& out, int depth, bool exact_only);
  bool read_map(const ir::Type& t, Value& out, int depth, bool exact_only);
  bool read_string(std::string& out);

  // A part that did not fit exactly, `type` read from `start` as BAML's coercion reads it alone:
  // by the Coercer. False when it does not fit (or broken_).
  bool coerce_alone(const ir::Type& type, std::size_t start, int depth, Value& out);
};

bool ExactReader::read_string(std::string& out) { return c_.string(out) || broken(); }

bool ExactReader::read(const ir::Type& type, Value& out, int depth, bool exact_only) {
  if (depth > kMaxExactDepth || c_.at_end()) return broken();
  const ir::Type& t = types_.resolve(type);
  char ch = c_.peek();
  switch (t.kind) {
    case ir::Type::Kind::String: {
      if (ch != '"') return false;
      std::string s;
      if (!read_string(s)) return false;
      out = Value::string(std::move(s));
      return true;
    }
    case ir::Type::Kind::Int:
    case ir::Type::Kind::Float: {
      if (ch != '-' && (ch < '0' || ch > '9')) return false;
      auto text = c_.number();
      if (!text) return broken();
      if (t.kind == ir::Type::Kind::Int) {
        auto i = rust_int(*text);
        if (!i) return false;
        out = Value::integer(*i);
      } else {
        auto d = rust_float(*text);
        if (!d) return false;
        out = Value::floating(*d);
      }
      return true;
    }
    case ir::Type::Kind::Bool:
      if (c_.lit("true")) out = Value::boolean(true);
      else if (c_.lit("false")) out = Value::boolean(false);
      else return false;
      return true;
    case ir::Type::Kind::Null:
      if (!c_.lit("null")) return false;
      out = Value();
      return true;
    case ir::Type::Kind::Enum: {
      if (ch != '"') return false;
      const ir::Enum* e = types_.find_enum(t.name);
      if (!e) return false;
      std::string s;
      if (!read_string(s)) return false;
      for (const auto& ev : e->values) {
        if (!ev.skip && ev.rendered_name() == s) {
          out = Value::enumeration(e->name, ev.name);
          return true;
        }
      }
      return false;
    }
    case ir::Type::Kind::Literal: {
      const Value& lit = t.literal;
      bool same = false;
      if (lit.kind() == Value::Kind::String) {
        if (ch != '"') return false;
        std::string s;
        if (!read_string(s)) return false;
        same = s == lit.as_string();
      } else if (lit.kind() == Value::Kind::Bool) {
        if (c_.lit("true")) same = lit.as_bool();
        else if (c_.lit("false")) same = !lit.as_bool();
        else return false;
      } else {
        if (ch != '-' && (ch < '0' || ch > '9')) return false;
        auto text = c_.number();
        if (!text) return broken();
        auto i = rust_int(*text);
        same = i && *i == lit.as_int();
      }
      if (!same) return false;
      out = lit;
      return true;
    }
    case ir::Type::Kind::List: return ch == '[' && read_list(t, out, depth, exact_only);
    case ir::Type::Kind::Class: return ch == '{' && read_class(t, out, depth, exact_only);
    case ir::Type::Kind::Map: return ch == '{' && read_map(t, out, depth, exact_only);
    case ir::Type::Kind::Optional:
    case ir::Type::Kind::Union: {
      std::vector<const ir::Type*> members;
      bool has_null = false;
      coercer_.flatten(t, members, has_null);
      if (has_null && ch == 'n') {
        if (!c_.lit("null")) return broken();
        out = Value();
        return true;
      }
      // Several members are chosen between by score: the general path's work.
      if (members.size() != 1) return false;
      return read(*members[0], out, depth, true);
    }
    default: return false;  // durations (never cast: read from text), media, unknown aliases
  }
}

bool ExactReader::read_list(const ir::Type& t, Value& out, int depth, bool exact_only) {
  c_.eat('[');
  c_.ws();
  Value::Items items;
  if (!c_.eat(']')) {
    for (;;) {
      c_.ws();
      std::size_t start = c_.i;
      Value item;
      if (read(t.items(), item, depth + 1, exact_only)) {
        items.push_back(std::move(item));
      } else {
        if (broken_ || exact_only) return false;
        // An item that does not fit at all is left out (BAML's ArrayItemParseError).
        if (coerce_alone(t.items(), start, depth + 1, item)) items.push_back(std::move(item));
        else if (broken_) return false;
      }
      c_.ws();
      if (c_.eat(',')) continue;
      if (c_.eat(']')) break;
      return broken();
    }
  }
  out = Value::list(std::move(items));
  return true;
}

bool ExactReader::read_class(const ir::Type& t, Value& out, int depth, bool exact_only) {
  const ir::Class* cls = types_.find_class(t.name);
  if (!cls) return false;
  const Coercer::ClassInfo& info = coercer_.class_info(*cls);
  const std::size_t n = info.fields.size();
  std::vector<Value> values(n);
  std::vector<char> seen(n, 0);
  c_.eat('{');
  c_.ws();
  if (!c_.eat('}')) {
    std::string key;
    for (;;) {
      c_.ws();
      if (c_.at_end() || c_.peek() != '"') return broken();
      std::string_view name;
      if (!c_.string(key, name)) return broken();
      c_.ws();
      if (!c_.eat(':')) return broken();
      c_.ws();
      std::size_t i = 0;
      while (i < n && info.fields[i]->rendered_name() != name) ++i;
      // Another key, or a field named twice: the class's coercion weighs them.
      if (i == n || seen[i]) return false;
      seen[i] = 1;
      std::size_t start = c_.i;
      const ir::Type& field_type = info.fields[i]->type;
      if (!read(field_type, values[i], depth + 1, exact_only)) {
        if (broken_ || exact_only) return false;
        // A field's value that does not fit: its default is the class's coercion's to choose.
        if (!coerce_alone(field_type, start, depth + 1, values[i])) return false;
      }
      c_.ws();
      if (c_.eat(',')) continue;
      if (c_.eat('}')) break;
      return broken();
    }
  }
  Value::Entries entries;
  entries.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!seen[i] && !info.optional[i]) return false;  // a required field missing: defaults apply
    entries.emplace_back(info.fields[i]->name, std::move(values[i]));
  }
  out = Value::instance(cls->name, std::move(entries));
  return true;
}

bool ExactReader::read_map(const ir::Type& t, Value& out, int depth, bool exact_only) {
  // Enum and literal keys are checked or not depending on whether the whole map casts (coerce.cpp's
  // coerce_map): such a map is left to the Coercer.
  if (types_.resolve(t.key()).kind != ir::Type::Kind::String) return false;
  c_.eat('{');
  c_.ws();
  Value::Entries entries;
  if (!c_.eat('}')) {
    for (;;) {
      c_.ws();
      if (c_.at_end() || c_.peek() != '"') return broken();
      std::string key;
      if (!read_string(key)) return false;
      c_.ws();
      if (!c_.eat(':')) return broken();
      c_.ws();
      for (const auto& e : entries)
        if (e.first == key) return false;  // a repeated key: the coercion's rule (the last wins)
      std::size_t start = c_.i;
      Value v;
      if (read(t.value(), v, depth + 1, exact_only)) {
        entries.emplace_back(std::move(key), std::move(v));
      } else {
        if (broken_ || exact_only) return false;
        // A value that does not fit is left out (BAML's MapValueParseError).
        if (coerce_alone(t.value(), start, depth + 1, v)) entries.emplace_back(std::move(key), std::move(v));
        else if (broken_) return false;
      }
      c_.ws();
      if (c_.eat(',')) continue;
      if (c_.eat('}')) break;
      return broken();
    }
  }
  out = Value::map(std::move(entries));
  return true;
}

bool ExactReader::coerce_alone(const ir::Type& type, std::size_t start, int depth, Value& out) {
  c_.i = start;
  auto part = read_strict_value(c_, depth);
  if (!part) return broken();
  Outcome o = coercer_.coerce(type, &*part, "");
  if (!o.ok) return false;
  out = std::move(o.ok->value);
  return true;
}

}  // namespace

std::optional<Value> read_exact_json(std::string_view text, const ir::Type& type, Coercer& coercer) {
  // A string or enum answer is read from the raw text, not from its JSON.
  if (takes_raw_text(coercer.types().resolve(type))) return std::nullopt;
  return ExactReader(text, coercer).document(type);
}

}  // namespace baml::parse
