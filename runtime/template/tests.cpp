// The tests (`x is defined`; docs/ir-templates.md, item 6) with minijinja's semantics.
#include <cmath>

#include "template/builtins.h"
#include "template/evaluator.h"
#include "template/operators.h"
#include "template/unicode.h"

namespace baml::tmpl {
namespace {

using K = JValue::Kind;

struct Named {
  std::string_view name;
  TestId id;
};

constexpr Named kTests[] = {
    {"boolean", TestId::Boolean},   {"containing", TestId::Containing}, {"defined", TestId::Defined},
    {"divisibleby", TestId::Divisibleby}, {"endingwith", TestId::Endingwith}, {"eq", TestId::Eq},
    {"equalto", TestId::Eq},        {"==", TestId::Eq},                 {"escaped", TestId::Escaped},
    {"even", TestId::Even},         {"false", TestId::False},           {"filter", TestId::Filter},
    {"float", TestId::Float},       {"ge", TestId::Ge},                 {">=", TestId::Ge},
    {"gt", TestId::Gt},             {"greaterthan", TestId::Gt},        {">", TestId::Gt},
    {"in", TestId::In},             {"integer", TestId::Integer},       {"iterable", TestId::Iterable},
    {"le", TestId::Le},             {"<=", TestId::Le},                 {"lower", TestId::Lower},
    {"lt", TestId::Lt},             {"lessthan", TestId::Lt},           {"<", TestId::Lt},
    {"mapping", TestId::Mapping},   {"ne", TestId::Ne},                 {"!=", TestId::Ne},
    {"none", TestId::None},         {"number", TestId::Number},         {"odd", TestId::Odd},
    {"safe", TestId::Safe},         {"sameas", TestId::Sameas},         {"sequence", TestId::Sequence},
    {"startingwith", TestId::Startingwith}, {"string", TestId::String}, {"test", TestId::Test},
    {"true", TestId::True},         {"undefined", TestId::Undefined},   {"upper", TestId::Upper},
};

const JValue& operand(Evaluator& ev, const CallArgs& args, std::string_view test) {
  if (args.positional.empty()) ev.fail("missing argument: test " + std::string(test) + " needs an argument");
  if (args.positional.size() > 1) ev.fail("too many arguments (in test " + std::string(test) + ")");
  return args.positional[0];
}

// minijinja's `lower` / `upper` tests: every character lower (upper) case, so "" is both and
// "ab c" is neither.
bool all_cased(std::string_view s, bool want_upper) {
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = next_code_point(s, i);
    if (!(want_upper ? is_upper(c) : is_lower(c))) return false;
  }
  return true;
}

}  // namespace

int find_test(std::string_view name) {
  for (const Named& t : kTests) {
    if (t.name == name) return static_cast<int>(t.id);
  }
  return -1;
}

bool apply_test(Evaluator& ev, TestId id, std::string_view name, const JValue& v, const CallArgs& args) {
  switch (id) {
    case TestId::Boolean: return v.kind() == K::Bool;
    case TestId::Containing: return contains(ev, v, operand(ev, args, name));
    case TestId::Defined: return !v.is_undefined();
    case TestId::Undefined: return v.is_undefined();
    case TestId::Divisibleby: {
      const JValue& d = operand(ev, args, name);
      if (v.kind() == K::Int && d.kind() == K::Int) return d.as_int() != 0 && v.as_int() % d.as_int() == 0;
      if (v.is_number() && d.is_number()) return d.as_number() != 0 && std::fmod(v.as_number(), d.as_number()) == 0;
      return false;
    }
    case TestId::Endingwith:
    case TestId::Startingwith: {
      const JValue& x = operand(ev, args, name);
      if (!v.is_string() || !x.is_string()) return false;
      const std::string& s = v.as_string();
      const std::string& a = x.as_string();
      if (a.size() > s.size()) return false;
      return id == TestId::Startingwith ? s.compare(0, a.size(), a) == 0 : s.compare(s.size() - a.size(), a.size(), a) == 0;
    }
    case TestId::Eq: return values_equal(v, operand(ev, args, name));
    case TestId::Ne: return !values_equal(v, operand(ev, args, name));
    case TestId::Ge: return compare_values(v, operand(ev, args, name)) >= 0;
    case TestId::Gt: return compare_values(v, operand(ev, args, name)) > 0;
    case TestId::Le: return compare_values(v, operand(ev, args, name)) <= 0;
    case TestId::Lt: return compare_values(v, operand(ev, args, name)) < 0;
    case TestId::Escaped:
    case TestId::Safe: return v.is_safe();
    case TestId::Even: return v.kind() == K::Int && v.as_int() % 2 == 0;
    case TestId::Odd: return v.kind() == K::Int && v.as_int() % 2 != 0;
    case TestId::False: return v.kind() == K::Bool && !v.as_bool();
    case TestId::True: return v.kind() == K::Bool && v.as_bool();
    case TestId::Filter: return v.is_string() && find_filter(v.as_string()) >= 0;
    case TestId::Test: return v.is_string() && find_test(v.as_string()) >= 0;
    case TestId::Float: return v.kind() == K::Float;
    case TestId::Integer: return v.kind() == K::Int;
    case TestId::Number: return v.is_number();
    case TestId::In: return contains(ev, operand(ev, args, name), v);
    case TestId::Iterable: return v.is_sequence() || v.is_mapping() || v.is_string();
    case TestId::Lower: return v.is_string() && all_cased(v.as_string(), false);
    case TestId::Upper: return v.is_string() && all_cased(v.as_string(), true);
    case TestId::Mapping: return v.is_mapping();
    case TestId::None: return v.is_none();
    case TestId::Sameas: {
      const JValue& x = operand(ev, args, name);
      if (v.kind() != x.kind()) return false;
      if (v.kind() == K::Object) return &v.as_object() == &x.as_object();
      if (v.kind() == K::BSeq || v.kind() == K::BMap || v.kind() == K::Instance) return &v.base() == &x.base();
      return values_equal(v, x);
    }
    case TestId::Sequence: return v.is_sequence();
    case TestId::String: return v.is_string();
  }
  ev.fail("unknown test: test " + std::string(name) + " is unknown");
}

}  // namespace baml::tmpl
