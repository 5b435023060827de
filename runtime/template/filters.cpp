// The filters (docs/ir-templates.md, item 5), with minijinja's semantics; `format(type=...)`
// and `regex_match` are BAML's own.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>

#include "template/builtins.h"
#include "template/evaluator.h"
#include "template/operators.h"
#include "template/printing.h"
#include "template/regex.h"
#include "template/serialize.h"
#include "template/unicode.h"
#include "text/unicode_text.h"
#include "text/whitespace.h"

namespace baml::tmpl {
namespace {

using K = JValue::Kind;

struct Named {
  std::string_view name;
  int id;
};

constexpr Named kFilters[] = {
    {"abs", int(FilterId::Abs)},         {"attr", int(FilterId::Attr)},
    {"batch", int(FilterId::Batch)},     {"bool", int(FilterId::Bool)},
    {"capitalize", int(FilterId::Capitalize)}, {"count", int(FilterId::Length)},
    {"d", int(FilterId::Default)},       {"default", int(FilterId::Default)},
    {"dictsort", int(FilterId::Dictsort)}, {"e", int(FilterId::Escape)},
    {"escape", int(FilterId::Escape)},   {"first", int(FilterId::First)},
    {"float", int(FilterId::Float)},     {"format", int(FilterId::Format)},
    {"groupby", int(FilterId::Groupby)}, {"indent", int(FilterId::Indent)},
    {"int", int(FilterId::Int)},         {"items", int(FilterId::Items)},
    {"join", int(FilterId::Join)},       {"json", int(FilterId::Tojson)},
    {"last", int(FilterId::Last)},       {"length", int(FilterId::Length)},
    {"lines", int(FilterId::Lines)},     {"list", int(FilterId::List)},
    {"lower", int(FilterId::Lower)},     {"map", int(FilterId::Map)},
    {"max", int(FilterId::Max)},         {"min", int(FilterId::Min)},
    {"pprint", int(FilterId::Pprint)},   {"regex_match", int(FilterId::RegexMatch)},
    {"reject", int(FilterId::Reject)},   {"rejectattr", int(FilterId::Rejectattr)},
    {"replace", int(FilterId::Replace)}, {"reverse", int(FilterId::Reverse)},
    {"round", int(FilterId::Round)},     {"safe", int(FilterId::Safe)},
    {"select", int(FilterId::Select)},   {"selectattr", int(FilterId::Selectattr)},
    {"slice", int(FilterId::Slice)},     {"sort", int(FilterId::Sort)},
    {"split", int(FilterId::Split)},     {"string", int(FilterId::String)},
    {"sum", int(FilterId::Sum)},         {"title", int(FilterId::Title)},
    {"tojson", int(FilterId::Tojson)},   {"trim", int(FilterId::Trim)},
    {"unique", int(FilterId::Unique)},   {"upper", int(FilterId::Upper)},
    {"urlencode", int(FilterId::Urlencode)},
};

// The argument at `pos`, or named `name`; null when absent.
const JValue* arg(const CallArgs& a, std::size_t pos, std::string_view name) {
  if (const JValue* v = a.find(name)) return v;
  return pos < a.positional.size() ? &a.positional[pos] : nullptr;
}

// The parameter types of a filter that takes no keyword arguments (minijinja 2.10's builtins:
// join, indent, replace, round, sum, min, max). Such a filter gets keyword arguments as ONE
// trailing map argument, which BAML rejects the way minijinja's argument conversion does:
// `join("/", attribute="x")` is "too many arguments", `indent(width=3)` "cannot convert map to
// usize".
enum class Param { String, Usize, I32, Bool };

void plain_args(Evaluator& ev, const CallArgs& a, std::initializer_list<Param> params, std::size_t required = 0) {
  const std::size_t slot = a.positional.size();
  if (slot + (a.named.empty() ? 0 : 1) > params.size()) ev.fail("too many arguments");
  if (!a.named.empty()) {
    switch (params.begin()[slot]) {
      case Param::String: ev.fail("invalid operation: cannot convert kwargs to string");
      case Param::Usize: ev.fail("invalid operation: cannot convert map to usize");
      case Param::I32: ev.fail("invalid operation: cannot convert map to i32");
      case Param::Bool: ev.fail("invalid operation: cannot convert map to bool");
    }
  }
  if (slot < required) ev.fail("missing argument");
}

void max_args(Evaluator& ev, const CallArgs& a, std::size_t n, std::string_view filter) {
  if (a.positional.size() > n) ev.fail("too many arguments (in filter " + std::string(filter) + ")");
}

const std::string& need_string(Evaluator& ev, const JValue& v, std::string_view what) {
  if (!v.is_string()) ev.fail("invalid operation: " + std::string(what) + " expects a string, got " + std::string(type_name(v)));
  return v.as_string();
}

std::int64_t need_int(Evaluator& ev, const JValue& v, std::string_view what) {
  if (v.kind() != K::Int) ev.fail("invalid operation: " + std::string(what) + " expects an integer, got " + std::string(type_name(v)));
  return v.as_int();
}

bool flag(const JValue* v) { return v && is_truthy(*v); }

JItems items_of(Evaluator& ev, const JValue& v, std::string_view filter) {
  if (!v.is_sequence() && !v.is_mapping() && !v.is_string() && !v.is_undefined()) {
    ev.fail("invalid operation: cannot apply " + std::string(filter) + " to " + std::string(type_name(v)));
  }
  JItems items = ev.iterate(v);
  ev.step(items.size());
  return items;
}

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// `attribute` may be dotted ("a.b") or an index ("0").
JValue attr_path(Evaluator& ev, const JValue& v, std::string_view path) {
  JValue cur = v;
  while (!path.empty()) {
    const std::size_t dot = path.find('.');
    const std::string_view part = path.substr(0, dot);
    cur = cur.is_undefined() ? JValue() : ev.get_attr(cur, part);
    if (dot == std::string_view::npos) break;
    path.remove_prefix(dot + 1);
  }
  return cur;
}

// The sort/min/max/unique key: the attribute if given, case-folded unless case_sensitive.
JValue sort_key(Evaluator& ev, const JValue& v, const JValue* attribute, bool case_sensitive) {
  JValue k = attribute ? attr_path(ev, v, ev.to_string(*attribute)) : v;
  if (!case_sensitive && k.is_string()) return JValue::string(lower(k.as_string()));
  return k;
}

// minijinja's title: a word starts after ASCII punctuation or whitespace ("o'neil's" is
// "O'Neil'S"); its first character in uppercase, the others in lowercase (full mappings).
std::string title_case(std::string_view s) {
  std::string out;
  bool word_start = true;
  for (std::size_t i = 0; i < s.size();) {
    const char32_t c = next_code_point(s, i);
    if ((c < 0x80 && std::ispunct(static_cast<int>(c))) || text::is_whitespace(c)) {
      append_utf8(out, c);
      word_start = true;
    } else {
      if (word_start) text::append_uppercase(c, out);
      else text::append_lowercase(c, out);
      word_start = false;
    }
  }
  return out;
}

// The first character in uppercase, the rest as a whole in lowercase (so a word's last Σ is ς).
std::string capitalize(std::string_view s) {
  std::string out;
  if (s.empty()) return out;
  std::size_t i = 0;
  text::append_uppercase(next_code_point(s, i), out);
  out += text::lowercase(s.substr(i));
  return out;
}

std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#x27;"; break;
      case '/': out += "&#x2f;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string url_encode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}


// Rust's `(10f64.powi(precision) * x).round() / 10f64.powi(precision)`.
double round_to(double x, std::int64_t precision) {
  const double scale = std::pow(10.0, static_cast<double>(precision));
  return std::round(scale * x) / scale;
}

JValue select_or_reject(Evaluator& ev, const JValue& value, const CallArgs& args, bool select, bool by_attr,
                        std::string_view filter) {
  JItems out;
  const JValue* attribute = nullptr;
  std::size_t test_pos = 0;
  if (by_attr) {
    attribute = arg(args, 0, "attribute");
    if (!attribute) ev.fail("missing argument: " + std::string(filter) + " needs an attribute");
    test_pos = 1;
  }
  int test = -1;
  std::string test_name;
  if (test_pos < args.positional.size()) {
    test_name = ev.to_string(args.positional[test_pos]);
    test = find_test(test_name);
    if (test < 0) ev.fail("unknown test: test " + test_name + " is unknown");
  }
  CallArgs test_args;
  for (std::size_t i = test_pos + 1; i < args.positional.size(); ++i) test_args.positional.push_back(args.positional[i]);
  for (const JValue& item : items_of(ev, value, filter)) {
    const JValue subject = attribute ? attr_path(ev, item, ev.to_string(*attribute)) : item;
    const bool ok = test < 0 ? is_truthy(subject)
                             : apply_test(ev, static_cast<TestId>(test), test_name, subject, test_args);
    if (ok == select) out.push_back(item);
  }
  return JValue::seq(std::move(out));
}

JValue map_filter(Evaluator& ev, const JValue& value, const CallArgs& args) {
  JItems out;
  const JItems items = items_of(ev, value, "map");
  if (const JValue* attribute = args.find("attribute")) {
    const JValue* fallback = args.find("default");
    for (const JValue& item : items) {
      JValue v = attr_path(ev, item, ev.to_string(*attribute));
      if (v.is_undefined() && fallback) v = *fallback;
      out.push_back(std::move(v));
    }
    return JValue::seq(std::move(out));
  }
  if (args.positional.empty()) ev.fail("missing argument: map needs a filter name or attribute=");
  const std::string name = ev.to_string(args.positional[0]);
  const int id = find_filter(name);
  if (id < 0) ev.fail("unknown filter: filter " + name + " is unknown");
  CallArgs rest;
  rest.positional.assign(args.positional.begin() + 1, args.positional.end());
  rest.named = args.named;
  for (const JValue& item : items) out.push_back(apply_filter(ev, static_cast<FilterId>(id), name, item, rest));
  return JValue::seq(std::move(out));
}

JValue sorted(Evaluator& ev, const JValue& value, const CallArgs& args) {
  JItems items = items_of(ev, value, "sort");
  const bool case_sensitive = flag(arg(args, 0, "case_sensitive"));
  const bool reverse = flag(arg(args, 1, "reverse"));
  const JValue* attribute = arg(args, 2, "attribute");
  // `attribute="name,id"` sorts by several keys, compared as a tuple; BAML compares a tuple's
  // strings as they are, whatever case_sensitive says (a fold applies to a single key only).
  std::vector<std::string> paths;
  if (attribute) {
    const std::string spec = ev.to_string(*attribute);
    if (spec.find(',') != std::string::npos) {
      for (std::size_t from = 0;;) {
        const std::size_t comma = spec.find(',', from);
        paths.emplace_back(text::trim(std::string_view(spec).substr(from, comma - from)));
        if (comma == std::string::npos) break;
        from = comma + 1;
      }
    }
  }
  std::vector<std::pair<JValue, JValue>> keyed;
  keyed.reserve(items.size());
  for (JValue& item : items) {
    if (paths.empty()) {
      keyed.emplace_back(sort_key(ev, item, attribute, case_sensitive), std::move(item));
      continue;
    }
    JItems tuple;
    for (const std::string& path : paths) tuple.push_back(attr_path(ev, item, path));
    keyed.emplace_back(JValue::seq(std::move(tuple)), std::move(item));
  }
  std::stable_sort(keyed.begin(), keyed.end(), [&](const auto& a, const auto& b) {
    const int c = compare_values(a.first, b.first);
    return reverse ? c > 0 : c < 0;
  });
  JItems out;
  out.reserve(keyed.size());
  for (auto& [k, v] : keyed) out.push_back(std::move(v));
  return JValue::seq(std::move(out));
}

// minijinja 2.10's max/min take no arguments and compare case-sensitively (Rust's Iterator::max
// keeps the last of equal items, min the first).
JValue extreme(Evaluator& ev, const JValue& value, const CallArgs& args, bool want_max) {
  plain_args(ev, args, {});
  if (!value.is_sequence() && !value.is_mapping() && !value.is_string() && !value.is_undefined()) {
    ev.fail("invalid operation: cannot convert value to list");
  }
  const JItems items = items_of(ev, value, want_max ? "max" : "min");
  if (items.empty()) return {};
  std::size_t best = 0;
  for (std::size_t i = 1; i < items.size(); ++i) {
    const int c = compare_values(items[i], items[best]);
    if (want_max ? c >= 0 : c < 0) best = i;
  }
  return items[best];
}

JValue pairs_of(Evaluator& ev, const JValue& value, std::string_view filter) {
  if (!value.is_mapping()) ev.fail("invalid operation: " + std::string(filter) + " expects a map, got " + std::string(type_name(value)));
  JItems out;
  for (const JValue& k : ev.iterate(value)) out.push_back(JValue::seq({k, ev.get_item(value, k)}));
  ev.step(out.size());
  return JValue::seq(std::move(out));
}

// A float as an int, truncated as minijinja's cast truncates it (NaN is 0). minijinja's ints have
// 128 bits and bamlc's 64: a float outside them is an error rather than a cast whose result C++
// leaves undefined.
JValue float_to_int(Evaluator& ev, double f) {
  if (std::isnan(f)) return JValue::integer(0);
  constexpr double kTwo63 = 9223372036854775808.0;
  if (!(f >= -kTwo63 && f < kTwo63)) {
    std::string shown;
    format_float_display(f, shown);
    ev.fail("invalid operation: cannot convert " + shown + " to int: out of range");
  }
  return JValue::integer(static_cast<std::int64_t>(f));
}

JValue parse_number(Evaluator& ev, std::string_view s, bool want_int, const JValue* fallback) {
  const std::string t(text::trim(s));
  char* end = nullptr;
  if (want_int) {
    errno = 0;
    const long long i = std::strtoll(t.c_str(), &end, 10);
    if (!t.empty() && end == t.c_str() + t.size() && errno == 0) return JValue::integer(i);
  }
  const double f = std::strtod(t.c_str(), &end);
  if (!t.empty() && end == t.c_str() + t.size()) {
    return want_int ? float_to_int(ev, f) : JValue::floating(f);
  }
  if (fallback) return *fallback;
  ev.fail("invalid operation: cannot convert \"" + t + "\" to " + (want_int ? "int" : "float"));
}

}  // namespace

std::string replace_all(std::string_view s, std::string_view from, std::string_view to, std::int64_t count) {
  std::string out;
  if (from.empty()) {
    // Python inserts `to` around every character.
    std::int64_t n = 0;
    for (std::size_t i = 0; i <= s.size();) {
      if (count < 0 || n < count) {
        out += to;
        ++n;
      }
      if (i == s.size()) break;
      const std::size_t start = i;
      next_code_point(s, i);
      out.append(s.substr(start, i - start));
    }
    return out;
  }
  std::size_t pos = 0;
  std::int64_t n = 0;
  while (count < 0 || n < count) {
    const std::size_t at = s.find(from, pos);
    if (at == std::string_view::npos) break;
    out.append(s.substr(pos, at - pos));
    out += to;
    pos = at + from.size();
    ++n;
  }
  out.append(s.substr(pos));
  return out;
}

int find_filter(std::string_view name) {
  for (const Named& f : kFilters) {
    if (f.name == name) return f.id;
  }
  return -1;
}

JValue apply_filter(Evaluator& ev, FilterId id, std::string_view name, const JValue& value, const CallArgs& args) {
  switch (id) {
    case FilterId::Abs:
      if (value.kind() == K::Int) {
        // -(-2^63) is past int64: it continues in floating point, as integer arithmetic that
        // overflows does (operators.cpp).
        if (value.as_int() == INT64_MIN) return JValue::floating(9223372036854775808.0);
        return JValue::integer(value.as_int() < 0 ? -value.as_int() : value.as_int());
      }
      if (value.kind() == K::Float) return JValue::floating(std::fabs(value.as_float()));
      ev.fail("invalid operation: abs expects a number, got " + std::string(type_name(value)));
    case FilterId::Attr: {
      const JValue* a = arg(args, 0, "name");
      if (!a) ev.fail("missing argument: attr needs a name");
      return ev.get_attr(value, ev.to_string(*a));
    }
    case FilterId::Batch: {
      const JValue* n = arg(args, 0, "count");
      if (!n) ev.fail("missing argument: batch needs a count");
      const std::int64_t size = need_int(ev, *n, "batch");
      if (size <= 0) ev.fail("invalid operation: batch count must be positive");
      const JValue* fill = arg(args, 1, "fill_with");
      JItems out, cur;
      for (const JValue& item : items_of(ev, value, name)) {
        cur.push_back(item);
        if (static_cast<std::int64_t>(cur.size()) == size) out.push_back(JValue::seq(std::exchange(cur, {})));
      }
      if (!cur.empty()) {
        while (fill && static_cast<std::int64_t>(cur.size()) < size) cur.push_back(*fill);
        out.push_back(JValue::seq(std::move(cur)));
      }
      return JValue::seq(std::move(out));
    }
    case FilterId::Bool: return JValue::boolean(is_truthy(value));
    case FilterId::Capitalize: return JValue::string(capitalize(need_string(ev, value, name)));
    case FilterId::Default: {
      const JValue* fallback = arg(args, 0, "default_value");
      const bool boolean = flag(arg(args, 1, "boolean"));
      if (value.is_undefined() || (boolean && !is_truthy(value))) return fallback ? *fallback : JValue::string("");
      return value;
    }
    case FilterId::Dictsort: {
      const bool case_sensitive = flag(arg(args, 0, "case_sensitive"));
      const JValue* by = arg(args, 1, "by");
      const bool by_value = by && ev.to_string(*by) == "value";
      const bool reverse = flag(arg(args, 2, "reverse"));
      JValue pairs = pairs_of(ev, value, name);
      JItems items = pairs.seq_items();
      std::stable_sort(items.begin(), items.end(), [&](const JValue& a, const JValue& b) {
        const std::size_t k = by_value ? 1 : 0;
        JValue x = a.seq_items()[k], y = b.seq_items()[k];
        if (!case_sensitive && x.is_string() && y.is_string()) {
          x = JValue::string(lower(x.as_string()));
          y = JValue::string(lower(y.as_string()));
        }
        const int c = compare_values(x, y);
        return reverse ? c > 0 : c < 0;
      });
      return JValue::seq(std::move(items));
    }
    case FilterId::Escape:
      // A safe value is returned as is; the escaped string is safe.
      if (value.is_safe()) return value;
      return JValue::string(html_escape(ev.to_string(value))).marked_safe();
    case FilterId::First:
    case FilterId::Last: {
      const bool first = id == FilterId::First;
      if (value.is_string()) {
        const JItems chars = ev.iterate(value);
        if (chars.empty()) return {};
        return first ? chars.front() : chars.back();
      }
      if (!value.is_sequence()) ev.fail("invalid operation: cannot get " + std::string(name) + " item of " + std::string(type_name(value)));
      if (value.seq_size() == 0) return {};
      return value.seq_at(first ? 0 : value.seq_size() - 1, ev.types());
    }
    case FilterId::Float:
    case FilterId::Int: {
      const bool want_int = id == FilterId::Int;
      const JValue* fallback = arg(args, 0, "default");
      switch (value.kind()) {
        case K::Int: return want_int ? value : JValue::floating(static_cast<double>(value.as_int()));
        case K::Float:
          return want_int ? float_to_int(ev, value.as_float()) : value;
        case K::Bool: return want_int ? JValue::integer(value.as_bool()) : JValue::floating(value.as_bool());
        case K::String: return parse_number(ev, value.as_string(), want_int, fallback);
        default:
          if (fallback) return *fallback;
          ev.fail("invalid operation: cannot convert " + std::string(type_name(value)) + " to " + std::string(name));
      }
    }
    case FilterId::Format: {
      // BAML's format filter serializes; it takes no positional arguments.
      if (!args.positional.empty()) ev.fail("too many arguments");
      const JValue* type = args.find("type");
      if (!type) ev.fail("missing argument: format needs type=\"json\", \"yaml\" or \"toon\"");
      const std::string t = ev.to_string(*type);
      std::string out;
      if (t == "json") {
        out = to_json(ev, value, JsonStyle{true, false, -1});
      } else if (t == "yaml") {
        out = to_yaml(ev, value);
      } else if (t == "toon") {
        out = to_toon(ev, value);
      } else {
        ev.fail("invalid operation: format type must be json, yaml or toon, not " + t);
      }
      ev.check_size(out.size());
      return JValue::string(std::move(out));
    }
    case FilterId::Groupby: {
      // minijinja 2.10: groupby(attribute?, attribute=, default=, case_sensitive=false). A
      // group's key is the key of its LAST item (`["X", "x"]` groups under "x").
      const JValue* attribute = arg(args, 0, "attribute");
      if (!attribute) ev.fail("missing argument");
      const std::string path = ev.to_string(*attribute);
      const JValue* fallback = args.find("default");
      const bool case_sensitive = flag(args.find("case_sensitive"));
      auto key_of = [&](const JValue& item) {
        JValue k = attr_path(ev, item, path);
        return k.is_undefined() && fallback ? *fallback : k;
      };
      JItems items = items_of(ev, value, name);
      std::vector<std::pair<JValue, JValue>> keyed;  // (comparison key, item)
      keyed.reserve(items.size());
      for (JValue& item : items) {
        JValue k = key_of(item);
        if (!case_sensitive && k.is_string()) k = JValue::string(lower(k.as_string()));
        keyed.emplace_back(std::move(k), std::move(item));
      }
      std::stable_sort(keyed.begin(), keyed.end(),
                       [](const auto& a, const auto& b) { return compare_values(a.first, b.first) < 0; });
      JItems groups;
      JValue grouper, last_key;
      JItems members;
      for (auto& [k, item] : keyed) {
        if (!members.empty() && compare_values(last_key, k) != 0) {
          groups.push_back(JValue::group(grouper, JValue::seq(std::exchange(members, {}))));
        }
        grouper = key_of(item);
        last_key = std::move(k);
        members.push_back(std::move(item));
      }
      if (!members.empty()) groups.push_back(JValue::group(grouper, JValue::seq(std::move(members))));
      return JValue::seq(std::move(groups));
    }
    case FilterId::Indent: {
      // minijinja 2.10: indent(width, first?, blank?), all positional; a trailing newline is
      // dropped and only empty lines count as blank.
      plain_args(ev, args, {Param::Usize, Param::Bool, Param::Bool}, 1);
      const JValue& width = args.positional[0];
      if (width.kind() != K::Int || width.as_int() < 0) {
        ev.fail("invalid operation: cannot convert " + std::string(type_name(width)) + " to usize");
      }
      const bool first = args.positional.size() > 1 && is_truthy(args.positional[1]);
      const bool blank = args.positional.size() > 2 && is_truthy(args.positional[2]);
      const std::size_t n = static_cast<std::size_t>(width.as_int());
      std::string s = ev.to_string(value);
      auto strip_newline = [](std::string& t) {
        if (!t.empty() && t.back() == '\n') t.pop_back();
        if (!t.empty() && t.back() == '\r') t.pop_back();
      };
      strip_newline(s);
      ev.check_size(n);
      const std::string pad(n, ' ');
      std::string out;
      std::size_t start = 0;
      bool is_first = true;
      while (true) {
        const std::size_t nl = s.find('\n', start);
        const std::string_view line(s.data() + start, (nl == std::string::npos ? s.size() : nl) - start);
        if (is_first && !first) {
          out += line;
        } else if (line.empty()) {
          if (blank) out += pad;
        } else {
          out += pad;
          out += line;
        }
        out += '\n';
        ev.check_size(out.size());
        is_first = false;
        if (nl == std::string::npos) break;
        start = nl + 1;
      }
      strip_newline(out);
      return JValue::string(std::move(out));
    }
    case FilterId::Items: return pairs_of(ev, value, name);
    case FilterId::Join: {
      // minijinja 2.10: join(joiner?) only; no attribute=.
      plain_args(ev, args, {Param::String});
      const std::string separator = args.positional.empty() || args.positional[0].is_none() || args.positional[0].is_undefined()
                                        ? std::string()
                                        : ev.to_string(args.positional[0]);
      if (value.is_undefined() || value.is_none()) return JValue::string("");
      if (value.is_string()) {
        // A string joins its characters.
        std::string out;
        bool first = true;
        for (const JValue& c : ev.iterate(value)) {
          if (!first) out += separator;
          first = false;
          out += c.as_string();
        }
        return JValue::string(std::move(out));
      }
      std::string out;
      bool first = true;
      for (const JValue& item : items_of(ev, value, name)) {
        if (!first) out += separator;
        first = false;
        out += ev.to_string(item);
        ev.check_size(out.size());
      }
      return JValue::string(std::move(out));
    }
    case FilterId::Length:
      switch (value.kind()) {
        case K::String: return JValue::integer(static_cast<std::int64_t>(char_count(value.as_string())));
        case K::Seq:
        case K::BSeq: return JValue::integer(static_cast<std::int64_t>(value.seq_size()));
        case K::Dict: return JValue::integer(static_cast<std::int64_t>(value.dict_entries().size()));
        case K::BMap:
        case K::Instance: return JValue::integer(static_cast<std::int64_t>(value.base().entries().size()));
        case K::Object:
          if (value.as_object().is_mapping()) return JValue::integer(static_cast<std::int64_t>(value.as_object().entries().size()));
          break;
        default: break;
      }
      ev.fail("invalid operation: cannot calculate length of value of type " + std::string(type_name(value)));
    case FilterId::Lines: {
      const std::string& s = need_string(ev, value, name);
      JItems out;
      std::size_t start = 0;
      while (start < s.size()) {
        std::size_t nl = s.find('\n', start);
        if (nl == std::string::npos) nl = s.size();
        std::size_t end = nl;
        if (end > start && s[end - 1] == '\r') --end;
        out.push_back(JValue::string(s.substr(start, end - start)));
        start = nl + 1;
      }
      return JValue::seq(std::move(out));
    }
    case FilterId::List: return JValue::seq(items_of(ev, value, name));
    case FilterId::Lower: return JValue::string(lower(ev.to_string(value)));
    case FilterId::Upper: return JValue::string(upper(ev.to_string(value)));
    case FilterId::Map: return map_filter(ev, value, args);
    case FilterId::Max: return extreme(ev, value, args, true);
    case FilterId::Min: return extreme(ev, value, args, false);
    case FilterId::Pprint: {
      std::string out;
      ev.printer().pprint(value, out);
      ev.check_size(out.size());
      return JValue::string(std::move(out));
    }
    case FilterId::RegexMatch: {
      const JValue* pattern = arg(args, 0, "regex");
      if (!pattern) ev.fail("missing argument: regex_match needs a pattern");
      max_args(ev, args, 1, name);
      const std::string text = ev.to_string(value);
      try {
        // Rust's regex syntax and linear-time matching, as BAML's filter (template/regex.h).
        const Regex re(ev.to_string(*pattern));
        ev.step((text.size() + 1) * re.states() / 16 + 1);  // the most work search() can do
        return JValue::boolean(re.search(text));
      } catch (const RegexError& e) {
        ev.fail("invalid operation: bad regular expression in regex_match: " + std::string(e.what()));
      }
    }
    case FilterId::Reject: return select_or_reject(ev, value, args, false, false, name);
    case FilterId::Rejectattr: return select_or_reject(ev, value, args, false, true, name);
    case FilterId::Select: return select_or_reject(ev, value, args, true, false, name);
    case FilterId::Selectattr: return select_or_reject(ev, value, args, true, true, name);
    case FilterId::Replace: {
      // minijinja 2.10: replace(old, new) only; no count.
      plain_args(ev, args, {Param::String, Param::String}, 2);
      std::string out = replace_all(ev.to_string(value), ev.to_string(args.positional[0]),
                                    ev.to_string(args.positional[1]), -1);
      ev.check_size(out.size());
      return JValue::string(std::move(out));
    }
    case FilterId::Reverse: {
      JItems items = items_of(ev, value, name);
      std::reverse(items.begin(), items.end());
      if (value.is_string()) {
        std::string out;
        for (const JValue& c : items) out += c.as_string();
        return JValue::string(std::move(out));
      }
      return JValue::seq(std::move(items));
    }
    case FilterId::Round: {
      // minijinja 2.10: round(precision?) only; an integer is returned as is.
      plain_args(ev, args, {Param::I32});
      const JValue* precision = args.positional.empty() || args.positional[0].is_none() || args.positional[0].is_undefined()
                                    ? nullptr
                                    : &args.positional[0];
      if (precision && precision->kind() != K::Int) {
        ev.fail("invalid operation: cannot convert " + std::string(type_name(*precision)) + " to i32");
      }
      if (value.kind() == K::Int) return value;
      if (value.kind() != K::Float) ev.fail("invalid operation: cannot round value (" + std::string(type_name(value)) + ")");
      return JValue::floating(round_to(value.as_float(), precision ? precision->as_int() : 0));
    }
    case FilterId::Safe:  // converts to a string, marked safe
      return (value.is_string() ? value : JValue::string(ev.to_string(value))).marked_safe();
    case FilterId::Slice: {
      const JValue* n = arg(args, 0, "count");
      if (!n) ev.fail("missing argument: slice needs a count");
      const std::int64_t count = need_int(ev, *n, name);
      if (count <= 0) ev.fail("invalid operation: slice count must be positive");
      const JValue* fill = arg(args, 1, "fill_with");
      const JItems items = items_of(ev, value, name);
      const std::size_t slices = static_cast<std::size_t>(count);
      ev.step(slices);  // `count` slices, empty ones too (minijinja: [1]|slice(3) is [[1], [], []])
      const std::size_t per = items.size() / slices, extra = items.size() % slices;
      JItems out;
      std::size_t at = 0;
      for (std::size_t i = 0; i < slices; ++i) {
        const std::size_t len = per + (i < extra ? 1 : 0);
        JItems part(items.begin() + static_cast<std::ptrdiff_t>(at), items.begin() + static_cast<std::ptrdiff_t>(at + len));
        at += len;
        if (fill && i >= extra && extra > 0) part.push_back(*fill);
        out.push_back(JValue::seq(std::move(part)));
      }
      return JValue::seq(std::move(out));
    }
    case FilterId::Sort: return sorted(ev, value, args);
    case FilterId::Split: {
      need_string(ev, value, name);
      const JValue* sep = arg(args, 0, "split");
      const JValue* maxsplit = arg(args, 1, "maxsplits");
      JValue r = call_value_method(ev, value, "split", [&] {
        CallArgs a;
        a.positional.push_back(sep ? *sep : JValue::none());
        if (maxsplit) a.positional.push_back(*maxsplit);
        return a;
      }());
      return JValue::seq(r.seq_items(), true);  // minijinja's split yields an iterator
    }
    case FilterId::String: return value.is_string() ? value : JValue::string(ev.to_string(value));
    case FilterId::Sum: {
      // BAML's own sum (oracle): no arguments; a list only ("not iterable" otherwise). Ints,
      // bools and whole floats sum as an int (wrapping); with another float, as a float; any
      // other item (a string, none, undefined) makes the sum 0.
      plain_args(ev, args, {});
      if (!value.is_sequence()) ev.fail("invalid operation: not iterable");
      const JItems items = items_of(ev, value, name);
      bool as_int = true;
      std::uint64_t int_total = 0;
      double float_total = 0;
      for (const JValue& item : items) {
        double f;
        switch (item.kind()) {
          case K::Int: f = static_cast<double>(item.as_int()); break;
          case K::Bool: f = item.as_bool() ? 1 : 0; break;
          case K::Float: f = item.as_float(); break;
          default: return JValue::integer(0);
        }
        float_total += f;
        if (!as_int) continue;
        if (item.kind() == K::Float) {
          if (!(std::trunc(f) == f && f >= -9223372036854775808.0 && f < 9223372036854775808.0)) {
            as_int = false;
            continue;
          }
          int_total += static_cast<std::uint64_t>(static_cast<std::int64_t>(f));
        } else {
          int_total += static_cast<std::uint64_t>(item.kind() == K::Int ? item.as_int() : std::int64_t{item.as_bool()});
        }
      }
      if (as_int) return JValue::integer(static_cast<std::int64_t>(int_total));
      return JValue::floating(float_total);
    }
    case FilterId::Title: return JValue::string(title_case(ev.to_string(value)));
    case FilterId::Tojson: {
      const JValue* indent = arg(args, 0, "indent");
      JsonStyle style{false, true, -1};
      if (indent && indent->kind() == K::Int) style.indent = static_cast<int>(std::clamp<std::int64_t>(indent->as_int(), 0, 64));
      std::string out = to_json(ev, value, style);
      ev.check_size(out.size());
      return JValue::string(std::move(out));
    }
    case FilterId::Trim: {
      const std::string s = ev.to_string(value);
      const JValue* chars = arg(args, 0, "chars");
      if (!chars || chars->is_none()) return JValue::string(std::string(text::trim(s)));
      const std::string set = ev.to_string(*chars);
      const std::size_t b = s.find_first_not_of(set);
      if (b == std::string::npos) return JValue::string("");
      return JValue::string(s.substr(b, s.find_last_not_of(set) - b + 1));
    }
    case FilterId::Unique: {
      const bool case_sensitive = flag(arg(args, 0, "case_sensitive"));
      const JValue* attribute = arg(args, 1, "attribute");
      JItems out, keys;
      for (const JValue& item : items_of(ev, value, name)) {
        JValue k = sort_key(ev, item, attribute, case_sensitive);
        bool seen = false;
        for (const JValue& s : keys) {
          ev.step();
          // minijinja's unique hashes a bool apart from the numbers it equals: [true, 1] stays.
          if ((s.kind() == K::Bool) == (k.kind() == K::Bool) && values_equal(s, k)) {
            seen = true;
            break;
          }
        }
        if (!seen) {
          keys.push_back(std::move(k));
          out.push_back(item);
        }
      }
      return JValue::seq(std::move(out));
    }
    case FilterId::Urlencode: {
      if (value.is_mapping()) {
        std::string out;
        for (const JValue& k : ev.iterate(value)) {
          const JValue v = ev.get_item(value, k);
          if (v.is_none() || v.is_undefined()) continue;
          if (!out.empty()) out += '&';
          out += url_encode(ev.to_string(k)) + "=" + url_encode(ev.to_string(v));
        }
        return JValue::string(std::move(out));
      }
      return JValue::string(url_encode(ev.to_string(value)));
    }
  }
  ev.fail("unknown filter: filter " + std::string(name) + " is unknown");
}

}  // namespace baml::tmpl
