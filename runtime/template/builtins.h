// The filters, tests and methods a template may use (docs/ir-templates.md, items 5-7), with
// minijinja's semantics as BAML 0.226.2 runs them. Filter and test names are resolved to ids
// when a template is compiled; an unknown name compiles to -1 and fails when it is evaluated,
// as BAML fails at render time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "template/object.h"

namespace baml::tmpl {

enum class FilterId : int {
  Abs, Attr, Batch, Bool, Capitalize, Default, Dictsort, Escape, First, Float, Format, Groupby,
  Indent, Int, Items, Join, Last, Length, Lines, List, Lower, Map, Max, Min, Pprint, RegexMatch,
  Reject, Rejectattr, Replace, Reverse, Round, Safe, Select, Selectattr, Slice, Sort, Split,
  String, Sum, Title, Tojson, Trim, Unique, Upper, Urlencode,
};

enum class TestId : int {
  Boolean, Containing, Defined, Divisibleby, Endingwith, Eq, Escaped, Even, False, Filter, Float,
  Ge, Gt, In, Integer, Iterable, Le, Lower, Lt, Mapping, Ne, None, Number, Odd, Safe, Sameas,
  Sequence, Startingwith, String, Test, True, Undefined, Upper,
};

// -1 when unknown. Aliases (`d`, `e`, `count`, `json`, `equalto`, ...) map to their filter/test.
int find_filter(std::string_view name);
int find_test(std::string_view name);

JValue apply_filter(Evaluator& ev, FilterId id, std::string_view name, const JValue& value, const CallArgs& args);
bool apply_test(Evaluator& ev, TestId id, std::string_view name, const JValue& value, const CallArgs& args);

// Python's str.replace: `count` < 0 replaces every occurrence; an empty `from` inserts `to`
// around every character.
std::string replace_all(std::string_view s, std::string_view from, std::string_view to, std::int64_t count);

// `value.name(args)` for strings, maps and lists (Python-style methods).
JValue call_value_method(Evaluator& ev, const JValue& value, std::string_view name, const CallArgs& args);

}  // namespace baml::tmpl
