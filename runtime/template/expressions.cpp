// Evaluating expressions: names, literals, attribute/item/slice access, calls (globals, macros,
// `loop`, methods), filters, tests, operators, conditionals.
#include "template/builtins.h"
#include "template/evaluator.h"
#include "template/operators.h"

namespace baml::tmpl {

using K = JValue::Kind;
using E = ast::ExprKind;

namespace {
// Expressions are at most ~100 deep in the IR (the compiler's limit); this guards the C++ stack
// against anything else.
constexpr std::size_t kMaxExprDepth = 512;
}  // namespace

struct DepthGuard {
  explicit DepthGuard(Evaluator& ev) : ev_(ev) {
    if (++ev_.expr_depth_ > kMaxExprDepth) ev_.fail("template evaluation limit reached: expression nested too deeply");
  }
  ~DepthGuard() { --ev_.expr_depth_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

 private:
  Evaluator& ev_;
};

CallArgs Evaluator::eval_args(const std::vector<ast::Arg>& args) {
  CallArgs out;
  for (const ast::Arg& a : args) {
    if (a.name.empty()) {
      out.positional.push_back(eval(a.value));
    } else {
      out.named.emplace_back(a.name, eval(a.value));
    }
  }
  return out;
}

JValue Evaluator::eval(const ast::Expr& e) {
  DepthGuard guard(*this);
  switch (e.kind) {
    case E::Omitted: return {};
    case E::Var: return lookup(e.name);
    case E::Const: return e.constant;
    case E::List:
    case E::Tuple: {
      JItems items;
      items.reserve(e.children.size());
      for (const ast::Expr& c : e.children) items.push_back(eval(c));
      return JValue::seq(std::move(items));
    }
    case E::Dict: {
      JEntries entries;
      entries.reserve(e.children.size() / 2);
      for (std::size_t i = 0; i + 1 < e.children.size(); i += 2) {
        JValue k = eval(e.children[i]);
        JValue v = eval(e.children[i + 1]);
        bool replaced = false;
        for (auto& entry : entries) {
          if (values_equal(entry.first, k)) {
            entry.second = v;
            replaced = true;
          }
        }
        if (!replaced) entries.emplace_back(std::move(k), std::move(v));
      }
      return JValue::dict(std::move(entries));
    }
    case E::Attr: return get_attr(eval(e.children[0]), e.name);
    case E::Index: {
      const JValue object = eval(e.children[0]);
      return get_item(object, eval(e.children[1]));
    }
    case E::Slice: return eval_slice(e);
    case E::Call: return call(e);
    case E::Filter: {
      const JValue value = eval(e.children[0]);
      const CallArgs args = eval_args(e.args);
      if (e.id < 0) fail("unknown filter: filter " + e.name + " is unknown");
      return apply_filter(*this, static_cast<FilterId>(e.id), e.name, value, args);
    }
    case E::Test: {
      const JValue value = eval(e.children[0]);
      const CallArgs args = eval_args(e.args);
      if (e.id < 0) fail("unknown test: test " + e.name + " is unknown");
      return JValue::boolean(apply_test(*this, static_cast<TestId>(e.id), e.name, value, args) != e.negated);
    }
    case E::Unary: {
      const JValue v = eval(e.children[0]);
      switch (e.unary) {
        case ast::UnaryOp::Not: return JValue::boolean(!is_truthy(v));
        case ast::UnaryOp::Neg:
          if (v.kind() == K::Int) {
            if (v.as_int() == INT64_MIN) return JValue::floating(-static_cast<double>(v.as_int()));
            return JValue::integer(-v.as_int());
          }
          if (v.kind() == K::Float) return JValue::floating(-v.as_float());
          fail("invalid operation: cannot negate " + std::string(type_name(v)));
        case ast::UnaryOp::Pos:
          if (v.is_number()) return v;
          fail("invalid operation: cannot apply unary + to " + std::string(type_name(v)));
      }
      return {};
    }
    case E::Binary: {
      JValue a = eval(e.children[0]);
      if (e.binary == ast::BinaryOp::And) return is_truthy(a) ? eval(e.children[1]) : a;
      if (e.binary == ast::BinaryOp::Or) return is_truthy(a) ? a : eval(e.children[1]);
      return binary_op(*this, e.binary, a, eval(e.children[1]));
    }
    case E::Cond:
      if (is_truthy(eval(e.children[1]))) return eval(e.children[0]);
      return eval(e.children[2]);
  }
  return {};
}

JValue Evaluator::call(const ast::Expr& e) {
  const ast::Expr& callee = e.children[0];
  if (callee.kind == E::Attr) {
    const JValue object = eval(callee.children[0]);
    const CallArgs args = eval_args(e.args);
    if (object.kind() == K::Object) return object.as_object().call_method(*this, callee.name, args);
    // A callable stored in a dict (`d.f()`) is called; anything else is a method.
    if (object.kind() == K::Dict) {
      const JValue f = get_attr(object, callee.name);
      if (f.kind() == K::Object) return f.as_object().call(*this, args);
    }
    return call_value_method(*this, object, callee.name, args);
  }
  const JValue f = eval(callee);
  const CallArgs args = eval_args(e.args);
  if (f.kind() == K::Object) return f.as_object().call(*this, args);
  if (f.is_undefined() && callee.kind == E::Var) fail("unknown function: " + callee.name + " is unknown");
  fail("invalid operation: " + std::string(type_name(f)) + " is not callable");
}

namespace {

std::int64_t slice_bound(Evaluator& ev, const JValue& v, std::int64_t fallback) {
  if (v.is_undefined() || v.is_none()) return fallback;
  if (v.kind() != K::Int) ev.fail("invalid operation: slice indices must be integers, not " + std::string(type_name(v)));
  return v.as_int();
}

// Python's slice.indices: the positions a slice selects, in order.
std::vector<std::size_t> slice_positions(std::int64_t n, std::int64_t start, std::int64_t stop, std::int64_t step,
                                         bool has_start, bool has_stop) {
  std::vector<std::size_t> out;
  auto clamp = [&](std::int64_t i, std::int64_t lo, std::int64_t hi) {
    if (i < 0) i += n;
    return i < lo ? lo : i > hi ? hi : i;
  };
  if (step > 0) {
    const std::int64_t s = has_start ? clamp(start, 0, n) : 0;
    const std::int64_t t = has_stop ? clamp(stop, 0, n) : n;
    for (std::int64_t i = s; i < t; i += step) out.push_back(static_cast<std::size_t>(i));
  } else {
    const std::int64_t s = has_start ? clamp(start, -1, n - 1) : n - 1;
    const std::int64_t t = has_stop ? clamp(stop, -1, n - 1) : -1;
    for (std::int64_t i = s; i > t; i += step) out.push_back(static_cast<std::size_t>(i));
  }
  return out;
}

}  // namespace

JValue Evaluator::eval_slice(const ast::Expr& e) {
  const JValue object = eval(e.children[0]);
  const JValue start = eval(e.children[1]), stop = eval(e.children[2]), stepv = eval(e.children[3]);
  const std::int64_t step_by = slice_bound(*this, stepv, 1);
  if (step_by == 0) fail("invalid operation: cannot slice by step size of 0");
  const bool has_start = !start.is_undefined() && !start.is_none();
  const bool has_stop = !stop.is_undefined() && !stop.is_none();
  const std::int64_t s = slice_bound(*this, start, 0), t = slice_bound(*this, stop, 0);
  if (object.is_string()) {
    const JItems chars = iterate(object);
    std::string out;
    for (std::size_t i :
         slice_positions(static_cast<std::int64_t>(chars.size()), s, t, step_by, has_start, has_stop)) {
      out += chars[i].as_string();
    }
    return JValue::string(std::move(out));
  }
  if (object.is_sequence()) {
    JItems out;
    for (std::size_t i :
         slice_positions(static_cast<std::int64_t>(object.seq_size()), s, t, step_by, has_start, has_stop)) {
      out.push_back(object.seq_at(i, env_.types));
    }
    step(out.size());
    return JValue::seq(std::move(out));
  }
  if (object.is_undefined()) return {};
  fail("invalid operation: cannot slice " + std::string(type_name(object)));
}

}  // namespace baml::tmpl
