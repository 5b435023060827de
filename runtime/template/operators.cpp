// Operators (see operators.h).
#include "template/operators.h"

#include <cmath>
#include <limits>

#include "template/evaluator.h"
#include "template/object.h"

namespace baml::tmpl {
namespace {

using K = JValue::Kind;

bool is_map_like(const JValue& v) { return v.kind() == K::Dict || v.kind() == K::BMap || v.kind() == K::Instance; }

bool numeric(const JValue& v) { return v.kind() == K::Int || v.kind() == K::Float || v.kind() == K::Bool; }
bool integral(const JValue& v) { return v.kind() == K::Int || v.kind() == K::Bool; }
std::int64_t int_of(const JValue& v) { return v.kind() == K::Bool ? (v.as_bool() ? 1 : 0) : v.as_int(); }
double float_of(const JValue& v) {
  return v.kind() == K::Float ? v.as_float() : static_cast<double>(int_of(v));
}

// The entries of any mapping as (key, value) with string keys.
JEntries map_entries(const JValue& v) {
  JEntries out;
  if (v.kind() == K::Dict) return v.dict_entries();
  if (v.kind() == K::Object) return v.as_object().entries();
  for (const auto& [k, val] : v.base().entries()) out.emplace_back(JValue::borrowed_string(&k), JValue::borrow(val, nullptr));
  return out;
}

int kind_rank(const JValue& v) {
  switch (v.kind()) {
    case K::Undefined: return 0;
    case K::None: return 1;
    case K::Bool:
    case K::Int:
    case K::Float: return 2;
    case K::String:
    case K::EnumValue: return 3;
    case K::Seq:
    case K::BSeq: return 4;
    case K::Dict:
    case K::BMap:
    case K::Instance: return 5;
    case K::Media: return 6;
    case K::Duration: return 7;
    case K::Object: return 8;
  }
  return 9;
}

std::string_view text_of(const JValue& v) {
  return v.kind() == K::EnumValue ? std::string_view(v.enum_name()) : std::string_view(v.as_string());
}

[[noreturn]] void unsupported(Evaluator& ev, std::string_view op, const JValue& a, const JValue& b) {
  ev.fail("invalid operation: tried to use " + std::string(op) + " operator on unsupported types " +
          std::string(type_name(a)) + " and " + std::string(type_name(b)));
}

// Integer arithmetic that overflows continues in floating point.
JValue checked(ast::BinaryOp op, std::int64_t a, std::int64_t b) {
  std::int64_t r = 0;
  bool overflow = false;
  double approx = 0;
  switch (op) {
    case ast::BinaryOp::Add:
      overflow = __builtin_add_overflow(a, b, &r);
      approx = static_cast<double>(a) + static_cast<double>(b);
      break;
    case ast::BinaryOp::Sub:
      overflow = __builtin_sub_overflow(a, b, &r);
      approx = static_cast<double>(a) - static_cast<double>(b);
      break;
    default:
      overflow = __builtin_mul_overflow(a, b, &r);
      approx = static_cast<double>(a) * static_cast<double>(b);
      break;
  }
  return overflow ? JValue::floating(approx) : JValue::integer(r);
}

JValue concat_seqs(const JValue& a, const JValue& b) {
  JItems items;
  items.reserve(a.seq_size() + b.seq_size());
  for (std::size_t i = 0; i < a.seq_size(); ++i) items.push_back(a.seq_at(i, nullptr));
  for (std::size_t i = 0; i < b.seq_size(); ++i) items.push_back(b.seq_at(i, nullptr));
  return JValue::seq(std::move(items));
}

}  // namespace

bool values_equal(const JValue& a, const JValue& b) {
  if (numeric(a) && numeric(b)) {
    // A bool is the number 0 or 1 here, as in minijinja: `true == 1` and `1 in [true]`.
    if (integral(a) && integral(b)) return int_of(a) == int_of(b);
    return float_of(a) == float_of(b);
  }
  const bool a_text = a.kind() == K::String || a.kind() == K::EnumValue;
  const bool b_text = b.kind() == K::String || b.kind() == K::EnumValue;
  if (a_text && b_text) return text_of(a) == text_of(b);
  if (a.is_sequence() && b.is_sequence()) {
    if (a.seq_size() != b.seq_size()) return false;
    for (std::size_t i = 0; i < a.seq_size(); ++i) {
      if (!values_equal(a.seq_at(i, nullptr), b.seq_at(i, nullptr))) return false;
    }
    return true;
  }
  if (is_map_like(a) && is_map_like(b)) {
    if (a.kind() != K::Dict && b.kind() != K::Dict) return a.base() == b.base();
    const JEntries x = map_entries(a), y = map_entries(b);
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (!values_equal(x[i].first, y[i].first) || !values_equal(x[i].second, y[i].second)) return false;
    }
    return true;
  }
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
    case K::Undefined:
    case K::None: return true;
    case K::Media: return a.as_media() == b.as_media();
    case K::Duration: return a.as_int() == b.as_int();
    case K::Object: return &a.as_object() == &b.as_object();
    default: return false;
  }
}

int compare_values(const JValue& a, const JValue& b) {
  if (numeric(a) && numeric(b)) {
    if (integral(a) && integral(b)) return int_of(a) < int_of(b) ? -1 : int_of(a) > int_of(b) ? 1 : 0;
    const double x = float_of(a), y = float_of(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const bool a_text = a.kind() == K::String || a.kind() == K::EnumValue;
  const bool b_text = b.kind() == K::String || b.kind() == K::EnumValue;
  if (a_text && b_text) {
    const int c = text_of(a).compare(text_of(b));
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  if (a.is_sequence() && b.is_sequence()) {
    const std::size_t n = std::min(a.seq_size(), b.seq_size());
    for (std::size_t i = 0; i < n; ++i) {
      const int c = compare_values(a.seq_at(i, nullptr), b.seq_at(i, nullptr));
      if (c != 0) return c;
    }
    return a.seq_size() < b.seq_size() ? -1 : a.seq_size() > b.seq_size() ? 1 : 0;
  }
  if (a.kind() == K::Duration && b.kind() == K::Duration) {
    return a.as_int() < b.as_int() ? -1 : a.as_int() > b.as_int() ? 1 : 0;
  }
  const int x = kind_rank(a), y = kind_rank(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

bool contains(Evaluator& ev, const JValue& container, const JValue& item) {
  switch (container.kind()) {
    case K::String: {
      if (item.kind() != K::String && item.kind() != K::EnumValue) {
        ev.fail("invalid operation: cannot perform a containment check on a string with " +
                std::string(type_name(item)));
      }
      return container.as_string().find(text_of(item)) != std::string::npos;
    }
    case K::Seq:
    case K::BSeq:
      for (std::size_t i = 0; i < container.seq_size(); ++i) {
        ev.step();
        if (values_equal(container.seq_at(i, nullptr), item)) return true;
      }
      return false;
    case K::Dict:
      for (const auto& [k, v] : container.dict_entries()) {
        if (values_equal(k, item)) return true;
      }
      return false;
    case K::BMap:
    case K::Instance:
      if (item.kind() != K::String && item.kind() != K::EnumValue) return false;
      return container.base().find(text_of(item)) != nullptr;
    case K::Object:
      if (container.as_object().is_mapping()) {
        for (const auto& [k, v] : container.as_object().entries()) {
          if (values_equal(k, item)) return true;
        }
        return !container.as_object().attr(ev.to_string(item)).is_undefined();
      }
      break;
    case K::Undefined: return false;
    default: break;
  }
  ev.fail("invalid operation: cannot perform a containment check on " + std::string(type_name(container)));
}

JValue binary_op(Evaluator& ev, ast::BinaryOp op, const JValue& a, const JValue& b) {
  using B = ast::BinaryOp;
  switch (op) {
    case B::Or: return is_truthy(a) ? a : b;
    case B::And: return is_truthy(a) ? b : a;
    case B::Eq: return JValue::boolean(values_equal(a, b));
    case B::Ne: return JValue::boolean(!values_equal(a, b));
    case B::Lt: return JValue::boolean(compare_values(a, b) < 0);
    case B::Le: return JValue::boolean(compare_values(a, b) <= 0);
    case B::Gt: return JValue::boolean(compare_values(a, b) > 0);
    case B::Ge: return JValue::boolean(compare_values(a, b) >= 0);
    case B::In: return JValue::boolean(contains(ev, b, a));
    case B::NotIn: return JValue::boolean(!contains(ev, b, a));
    case B::Concat: {
      std::string s = ev.to_string(a);
      s += ev.to_string(b);
      ev.check_size(s.size());
      return JValue::string(std::move(s));
    }
    case B::Add:
      if (numeric(a) && numeric(b)) {
        if (integral(a) && integral(b)) return checked(op, int_of(a), int_of(b));
        return JValue::floating(float_of(a) + float_of(b));
      }
      if (a.is_string() && b.is_string()) {
        ev.check_size(a.as_string().size() + b.as_string().size());
        return JValue::string(a.as_string() + b.as_string());
      }
      if (a.is_sequence() && b.is_sequence()) {
        ev.step(a.seq_size() + b.seq_size());
        return concat_seqs(a, b);
      }
      unsupported(ev, "+", a, b);
    case B::Sub:
      if (numeric(a) && numeric(b)) {
        if (integral(a) && integral(b)) return checked(op, int_of(a), int_of(b));
        return JValue::floating(float_of(a) - float_of(b));
      }
      unsupported(ev, "-", a, b);
    case B::Mul:
      if (numeric(a) && numeric(b)) {
        if (integral(a) && integral(b)) return checked(op, int_of(a), int_of(b));
        return JValue::floating(float_of(a) * float_of(b));
      }
      if ((a.is_string() && integral(b)) || (integral(a) && b.is_string())) {
        const std::string& s = a.is_string() ? a.as_string() : b.as_string();
        const std::int64_t n = a.is_string() ? int_of(b) : int_of(a);
        if (n <= 0) return JValue::string("");
        std::size_t total = 0;
        if (__builtin_mul_overflow(s.size(), static_cast<std::size_t>(n), &total)) total = SIZE_MAX;
        ev.check_size(total);
        std::string out;
        out.reserve(s.size() * static_cast<std::size_t>(n));
        for (std::int64_t i = 0; i < n; ++i) out += s;
        return JValue::string(std::move(out));
      }
      if ((a.is_sequence() && integral(b)) || (integral(a) && b.is_sequence())) {
        // A list repeated, as minijinja: [1, 2] * 2 is [1, 2, 1, 2].
        const JValue& list = a.is_sequence() ? a : b;
        const std::int64_t n = a.is_sequence() ? int_of(b) : int_of(a);
        JItems out;
        if (n > 0) {
          const JItems items = ev.iterate(list);
          std::size_t total = 0;
          if (__builtin_mul_overflow(items.size(), static_cast<std::size_t>(n), &total)) total = SIZE_MAX;
          ev.step(total);
          out.reserve(total);
          for (std::int64_t i = 0; i < n; ++i) out.insert(out.end(), items.begin(), items.end());
        }
        return JValue::seq(std::move(out));
      }
      unsupported(ev, "*", a, b);
    case B::Div:
      if (numeric(a) && numeric(b)) return JValue::floating(float_of(a) / float_of(b));
      unsupported(ev, "/", a, b);
    case B::FloorDiv:
      if (numeric(a) && numeric(b)) {
        if (integral(a) && integral(b)) {
          const std::int64_t x = int_of(a), y = int_of(b);
          if (y == 0) ev.fail("invalid operation: division by zero");
          if (x == std::numeric_limits<std::int64_t>::min() && y == -1) return JValue::floating(-static_cast<double>(x));
          // Euclidean, as minijinja (Rust's div_euclid): 7 // -2 is -3, -7 // -2 is 4.
          std::int64_t q = x / y;
          if (x % y < 0) q = y > 0 ? q - 1 : q + 1;
          return JValue::integer(q);
        }
        const double x = float_of(a), y = float_of(b);
        double q = std::trunc(x / y);
        if (std::fmod(x, y) < 0) q = y > 0 ? q - 1 : q + 1;
        return JValue::floating(q);
      }
      unsupported(ev, "//", a, b);
    case B::Mod:
      if (numeric(a) && numeric(b)) {
        if (integral(a) && integral(b)) {
          const std::int64_t x = int_of(a), y = int_of(b);
          if (y == 0) ev.fail("invalid operation: remainder by zero");
          if (y == -1) return JValue::integer(0);
          // Euclidean for ints (Rust's rem_euclid: never negative), truncated for floats (Rust's
          // %), as minijinja: -7 % -3 is 2, -7.5 % 2 is -1.5.
          std::int64_t r = x % y;
          if (r < 0) r += y < 0 ? -y : y;
          return JValue::integer(r);
        }
        return JValue::floating(std::fmod(float_of(a), float_of(b)));
      }
      unsupported(ev, "%", a, b);
    case B::Pow:
      if (numeric(a) && numeric(b)) {
        if (integral(a) && integral(b)) {
          const std::int64_t base = int_of(a), exp = int_of(b);
          if (exp < 0) {
            ev.fail("invalid operation: unable to calculate " + std::to_string(base) + " ** " + std::to_string(exp));
          }
          if (base == -1) return JValue::integer(exp % 2 ? -1 : 1);
          if (base == 0 || base == 1) return JValue::integer(exp == 0 ? 1 : base);
          std::int64_t r = 1;
          for (std::int64_t i = 0; i < exp; ++i) {
            if (__builtin_mul_overflow(r, base, &r)) {
              return JValue::floating(std::pow(static_cast<double>(base), static_cast<double>(exp)));
            }
          }
          return JValue::integer(r);
        }
        return JValue::floating(std::pow(float_of(a), float_of(b)));
      }
      unsupported(ev, "**", a, b);
  }
  return {};
}

bool is_truthy(const JValue& v) {
  switch (v.kind()) {
    case K::Undefined:
    case K::None: return false;
    case K::Bool: return v.as_bool();
    case K::Int: return v.as_int() != 0;
    case K::Float: return v.as_float() != 0.0;
    case K::String: return !v.as_string().empty();
    case K::Seq: return v.seq_is_iterator() || !v.seq_items().empty();
    case K::BSeq: return !v.base().items().empty();
    case K::Dict: return !v.dict_entries().empty();
    case K::BMap:
    case K::Instance: return !v.base().entries().empty();
    case K::EnumValue:
    case K::Media: return true;
    case K::Object: return v.as_object().truthy();
    case K::Duration: return v.as_int() != 0;
  }
  return false;
}

}  // namespace baml::tmpl
