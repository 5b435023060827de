// Primitive coercions as BAML does them: strings take anything but null (non-strings as their
// display text), ints and floats read numbers from strings ("1,234", "$5", "1/2", "42 apples"),
// floats round to ints, bools read "true"/"false" words, and a list offers its items for a
// single value. Durations are bamlc's own (BAML has none): see duration_text.cpp.
#include <string>

#include "parse/coerce.h"
#include "parse/numbers.h"

namespace baml::parse {

namespace {
std::string_view trim(std::string_view s) {
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  while (!s.empty() && ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && ws(s.back())) s.remove_suffix(1);
  return s;
}
Coerced scalar(Value v) {
  Coerced c;
  c.value = std::move(v);
  return c;
}
}  // namespace

Outcome Coercer::coerce_string(const JValue* v, const std::string& path) {
  if (!v || v->kind == JValue::Kind::Null) return Outcome::failure(path, expected("string", v));
  if (v->kind == JValue::Kind::String) {
    Coerced c = scalar(Value::string(v->text));
    c.is_string = true;
    return Outcome::success(std::move(c));
  }
  Coerced c = scalar(Value::string(v->display()));
  c.is_string = true;
  c.flags.json_to_string = true;
  c.add(2);
  return Outcome::success(std::move(c));
}

Outcome Coercer::coerce_int(const JValue* v, const std::string& path) {
  if (!v) return Outcome::failure(path, expected("int", v));
  auto from_float = [&](double d) {
    Coerced c = scalar(Value::integer(round_to_int(d)));
    c.add(1);  // FloatToInt
    return Outcome::success(std::move(c));
  };
  switch (v->kind) {
    case JValue::Kind::Number: {
      if (auto i = rust_int(v->text)) return Outcome::success(scalar(Value::integer(*i)));
      if (auto d = rust_float(v->text)) return from_float(*d);
      break;
    }
    case JValue::Kind::String: {
      std::string_view s = trim(v->text);
      while (!s.empty() && s.back() == ',') s.remove_suffix(1);
      if (auto i = rust_int(s)) return Outcome::success(scalar(Value::integer(*i)));
      if (auto d = rust_float(s)) return from_float(*d);
      if (auto d = fraction(s)) return from_float(*d);
      if (auto d = number_in_text(s)) return from_float(*d);
      break;
    }
    case JValue::Kind::Array:
      return best_item(plain_type(ir::Type::Kind::Int), v, path, false);
    default: break;
  }
  return Outcome::failure(path, expected("int", v));
}

Outcome Coercer::coerce_float(const JValue* v, const std::string& path) {
  if (!v) return Outcome::failure(path, expected("float", v));
  switch (v->kind) {
    case JValue::Kind::Number:
      if (auto d = rust_float(v->text)) return Outcome::success(scalar(Value::floating(*d)));
      break;
    case JValue::Kind::String: {
      std::string_view s = trim(v->text);
      while (!s.empty() && s.back() == ',') s.remove_suffix(1);
      if (auto d = rust_float(s)) return Outcome::success(scalar(Value::floating(*d)));
      if (auto d = fraction(s)) return Outcome::success(scalar(Value::floating(*d)));
      if (auto d = number_in_text(s)) {
        // A number found in text around it (`$4.50`, `12.5%`, `about 2.5 hours`) costs as much
        // as an int rounded from it, as in BAML 0.226.2: `int | float` reads such a text as the
        // int (`$4.50` → 5), and a list read as one float prefers an item written as a number.
        Coerced c = scalar(Value::floating(*d));
        c.add(1);
        return Outcome::success(std::move(c));
      }
      break;
    }
    case JValue::Kind::Array:
      return best_item(plain_type(ir::Type::Kind::Float), v, path, false);
    default: break;
  }
  return Outcome::failure(path, expected("float", v));
}

Outcome Coercer::coerce_null(const JValue* v) {
  Coerced c = scalar(Value::null());
  if (v && v->kind != JValue::Kind::Null) {
    c.add(110);  // DefaultButHadValue
    c.flags.null_from_value = true;
  }
  return Outcome::success(std::move(c));
}

}  // namespace baml::parse
