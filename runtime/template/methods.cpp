// Python-style methods (docs/ir-templates.md, item 7): on strings, on maps (`items`, `keys`,
// `values`, `get`) and on lists (`count`, `index`), as minijinja's pycompat offers them.
#include "template/builtins.h"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>

#include "template/evaluator.h"
#include "template/operators.h"
#include "template/printing.h"
#include "template/unicode.h"
#include "text/whitespace.h"

namespace baml::tmpl {
namespace {

using K = JValue::Kind;

const JValue* pos(const CallArgs& a, std::size_t i) { return i < a.positional.size() ? &a.positional[i] : nullptr; }

std::string str_arg(Evaluator& ev, const CallArgs& a, std::size_t i, std::string_view method) {
  const JValue* v = pos(a, i);
  if (!v || !v->is_string()) ev.fail("invalid operation: " + std::string(method) + "() expects a string argument");
  return v->as_string();
}

// minijinja's pycompat predicates are `s.chars().all(...)`: true for the empty string.
template <typename Pred>
bool all_chars(std::string_view s, Pred pred) {
  for (std::size_t i = 0; i < s.size();) {
    if (!pred(next_code_point(s, i))) return false;
  }
  return true;
}

// Rust's char::is_numeric (Unicode Nd, Nl, No) for the common blocks.
bool is_numeric(char32_t c) {
  if (c >= '0' && c <= '9') return true;
  if (c < 0x80) return false;
  return c == 0xB2 || c == 0xB3 || c == 0xB9 || (c >= 0xBC && c <= 0xBE) ||  // ² ³ ¹ ¼ ½ ¾
         (c >= 0x660 && c <= 0x669) || (c >= 0x6F0 && c <= 0x6F9) ||      // Arabic-Indic
         (c >= 0x966 && c <= 0x96F) ||                                      // Devanagari
         c == 0x2070 || (c >= 0x2074 && c <= 0x2079) || (c >= 0x2080 && c <= 0x2089) ||
         (c >= 0x2150 && c <= 0x2189) ||  // fractions, Roman numerals
         (c >= 0x2460 && c <= 0x249B) ||  // circled and parenthesized numbers
         (c >= 0xFF10 && c <= 0xFF19);    // fullwidth digits
}

// minijinja's strip(chars=None): an undefined argument is none too (found by template_fuzz: it
// was read as a string).
std::string strip_chars(Evaluator& ev, std::string_view s, const JValue* chars, bool left, bool right, std::string_view method) {
  if (!chars || chars->is_none() || chars->is_undefined()) {
    std::string_view r = s;
    if (left) r = text::trim_start(r);
    if (right) r = text::trim_end(r);
    return std::string(r);
  }
  if (!chars->is_string()) ev.fail("invalid operation: " + std::string(method) + "() expects a string argument");
  const std::string set = chars->as_string();
  std::size_t b = 0, e = s.size();
  if (left) {
    while (b < e && set.find(s[b]) != std::string::npos) ++b;
  }
  if (right) {
    while (e > b && set.find(s[e - 1]) != std::string::npos) --e;
  }
  return std::string(s.substr(b, e - b));
}

JValue split(Evaluator& ev, std::string_view s, const CallArgs& a) {
  const JValue* sep = pos(a, 0);
  if (!sep) sep = a.find("sep");
  const JValue* maxv = pos(a, 1);
  if (!maxv) maxv = a.find("maxsplit");
  std::int64_t max = maxv && maxv->kind() == K::Int ? maxv->as_int() : -1;
  JItems out;
  if (!sep || sep->is_none()) {
    std::size_t i = 0;
    auto skip_space = [&]() {
      while (i < s.size()) {
        std::size_t j = i;
        if (!text::is_whitespace(next_code_point(s, j))) break;
        i = j;
      }
    };
    skip_space();
    while (i < s.size()) {
      if (max >= 0 && static_cast<std::int64_t>(out.size()) == max) {
        out.push_back(JValue::string(std::string(text::trim_end(s.substr(i)))));
        return JValue::seq(std::move(out));
      }
      const std::size_t start = i;
      while (i < s.size()) {
        std::size_t j = i;
        if (text::is_whitespace(next_code_point(s, j))) break;
        i = j;
      }
      out.push_back(JValue::string(std::string(s.substr(start, i - start))));
      skip_space();
    }
    return JValue::seq(std::move(out));
  }
  const std::string d = ev.to_string(*sep);
  if (d.empty()) ev.fail("invalid operation: empty separator");
  std::size_t start = 0;
  while (max < 0 || static_cast<std::int64_t>(out.size()) < max) {
    const std::size_t at = s.find(d, start);
    if (at == std::string_view::npos) break;
    out.push_back(JValue::string(std::string(s.substr(start, at - start))));
    start = at + d.size();
  }
  out.push_back(JValue::string(std::string(s.substr(start))));
  ev.step(out.size());
  return JValue::seq(std::move(out));
}

// One replacement field's format spec, Python's mini-language as BAML's `str.format` takes it:
// [[fill]align][sign][#][0][width][,][.precision][type], for strings, ints and floats.
std::string apply_format_spec(Evaluator& ev, const JValue& v, std::string_view spec) {
  const std::string bad = "invalid operation: invalid format spec `" + std::string(spec) + "`";
  std::size_t i = 0;
  auto is_align = [](char c) { return c == '<' || c == '>' || c == '^' || c == '='; };
  char fill = ' ', align = 0, sign = '-';
  bool zero = false, grouping = false;
  if (spec.size() >= 2 && is_align(spec[1])) {
    fill = spec[0];
    align = spec[1];
    i = 2;
  } else if (!spec.empty() && is_align(spec[0])) {
    align = spec[0];
    i = 1;
  }
  if (i < spec.size() && (spec[i] == '+' || spec[i] == '-' || spec[i] == ' ')) sign = spec[i++];
  if (i < spec.size() && spec[i] == '#') ++i;
  if (i < spec.size() && spec[i] == '0') {
    zero = true;
    ++i;
  }
  std::size_t width = 0;
  while (i < spec.size() && spec[i] >= '0' && spec[i] <= '9' && width < 10000) width = width * 10 + static_cast<std::size_t>(spec[i++] - '0');
  if (i < spec.size() && (spec[i] == ',' || spec[i] == '_')) {
    grouping = true;
    ++i;
  }
  int precision = -1;
  if (i < spec.size() && spec[i] == '.') {
    precision = 0;
    ++i;
    while (i < spec.size() && spec[i] >= '0' && spec[i] <= '9' && precision < 1000) precision = precision * 10 + (spec[i++] - '0');
  }
  const char type = i < spec.size() ? spec[i++] : 0;
  if (i != spec.size() || width >= 10000) ev.fail(bad);

  const bool is_int = v.kind() == JValue::Kind::Int;
  const bool is_float = v.kind() == JValue::Kind::Float;
  std::string body;
  bool negative = false;
  if ((is_int || is_float) && type != 's') {
    const double d = is_float ? v.as_float() : static_cast<double>(v.as_int());
    negative = std::signbit(d) && !(is_int && v.as_int() == 0);
    char buf[512];
    if (is_int && (type == 0 || type == 'd' || type == 'n')) {
      const std::int64_t n = v.as_int();
      body = std::to_string(n < 0 ? -static_cast<unsigned long long>(n) : static_cast<unsigned long long>(n));
    } else if (is_int && (type == 'x' || type == 'X' || type == 'o' || type == 'b')) {
      unsigned long long n = v.as_int() < 0 ? -static_cast<unsigned long long>(v.as_int()) : static_cast<unsigned long long>(v.as_int());
      if (type == 'b') {
        do { body.insert(body.begin(), static_cast<char>('0' + (n & 1))); n >>= 1; } while (n);
      } else {
        std::snprintf(buf, sizeof buf, type == 'x' ? "%llx" : type == 'X' ? "%llX" : "%llo", n);
        body = buf;
      }
    } else if (type == 'f' || type == 'F' || type == 'e' || type == 'E' || type == 'g' || type == 'G' || type == '%' ||
               (type == 0 && precision >= 0)) {
      const double x = std::fabs(type == '%' ? d * 100 : d);
      const char conv = type == '%' || type == 'F' ? 'f' : type == 0 ? 'g' : type;
      const std::string fmt = std::string("%.") + std::to_string(precision < 0 ? 6 : precision) + conv;
      // Sized first: 1e308 with 999 decimals is longer than any fixed buffer.
      const int size = std::snprintf(nullptr, 0, fmt.c_str(), x);
      body.assign(static_cast<std::size_t>(size > 0 ? size : 0), '\0');
      std::snprintf(body.data(), body.size() + 1, fmt.c_str(), x);
      if (type == '%') body += '%';
    } else if (type == 0 && is_float) {
      std::string shown;
      format_float_display(std::fabs(d), shown);
      body = shown;
    } else {
      ev.fail(bad);
    }
    if (grouping) {
      std::size_t end = body.find_first_not_of("0123456789");
      if (end == std::string::npos) end = body.size();
      for (std::size_t at = end; at > 3; at -= 3) body.insert(at - 3, 1, ',');
    }
    std::string prefix = negative ? "-" : sign == '+' ? "+" : sign == ' ' ? " " : "";
    if (zero && align == 0) {
      fill = '0';
      align = '=';
    }
    if (align == 0) align = '>';
    if (align == '=') {
      const std::size_t used = prefix.size() + body.size();
      return prefix + (width > used ? std::string(width - used, fill) : "") + body;
    }
    body = prefix + body;
  } else {
    if (type != 0 && type != 's') ev.fail(bad);
    body = ev.to_string(v);
    if (precision >= 0 && body.size() > static_cast<std::size_t>(precision)) body.resize(static_cast<std::size_t>(precision));
    if (align == 0) align = '<';
  }
  std::size_t length = 0;
  for (std::size_t at = 0; at < body.size(); ++length) next_code_point(body, at);
  if (width <= length) return body;
  const std::size_t pad = width - length;
  if (align == '<') return body + std::string(pad, fill);
  if (align == '^') return std::string(pad / 2, fill) + body + std::string(pad - pad / 2, fill);
  return std::string(pad, fill) + body;
}

// Python's str.format with `{}`, `{0}` and `{name}` fields, each with an optional `:spec`.
JValue format(Evaluator& ev, std::string_view s, const CallArgs& a) {
  std::string out;
  std::size_t auto_index = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '{' && i + 1 < s.size() && s[i + 1] == '{') {
      out += '{';
      ++i;
    } else if (c == '}' && i + 1 < s.size() && s[i + 1] == '}') {
      out += '}';
      ++i;
    } else if (c == '{') {
      const std::size_t close = s.find('}', i);
      if (close == std::string_view::npos) ev.fail("invalid operation: unmatched { in format string");
      std::string_view field = s.substr(i + 1, close - i - 1);
      std::string_view spec;
      bool has_spec = false;
      if (const std::size_t colon = field.find(':'); colon != std::string_view::npos) {
        spec = field.substr(colon + 1);
        field = field.substr(0, colon);
        has_spec = true;
      }
      const JValue* v = nullptr;
      if (field.empty()) {
        v = pos(a, auto_index++);
      } else if (field[0] >= '0' && field[0] <= '9') {
        v = pos(a, static_cast<std::size_t>(std::stoul(std::string(field))));
      } else {
        v = a.find(field);
      }
      if (!v) ev.fail("invalid operation: missing format argument {" + std::string(field) + "}");
      out += has_spec ? apply_format_spec(ev, *v, spec) : ev.to_string(*v);
      i = close;
    } else {
      out += c;
    }
  }
  return JValue::string(std::move(out));
}

JValue string_method(Evaluator& ev, const std::string& s, std::string_view m, const CallArgs& a) {
  auto b = [](bool x) { return JValue::boolean(x); };
  auto i = [](std::size_t x) { return JValue::integer(static_cast<std::int64_t>(x)); };
  if (m == "upper") return JValue::string(upper(s));
  if (m == "lower") return JValue::string(lower(s));
  if (m == "capitalize" || m == "title") {
    CallArgs none;
    const int id = find_filter(m);
    return apply_filter(ev, static_cast<FilterId>(id), m, JValue::borrowed_string(&s), none);
  }
  if (m == "strip") return JValue::string(strip_chars(ev, s, pos(a, 0), true, true, m));
  if (m == "lstrip") return JValue::string(strip_chars(ev, s, pos(a, 0), true, false, m));
  if (m == "rstrip") return JValue::string(strip_chars(ev, s, pos(a, 0), false, true, m));
  if (m == "startswith") {
    const std::string p = str_arg(ev, a, 0, m);
    return b(s.compare(0, p.size(), p) == 0 && p.size() <= s.size());
  }
  if (m == "endswith") {
    const std::string p = str_arg(ev, a, 0, m);
    return b(p.size() <= s.size() && s.compare(s.size() - p.size(), p.size(), p) == 0);
  }
  if (m == "removeprefix") {
    const std::string p = str_arg(ev, a, 0, m);
    return JValue::string(s.compare(0, p.size(), p) == 0 && p.size() <= s.size() ? s.substr(p.size()) : s);
  }
  if (m == "removesuffix") {
    const std::string p = str_arg(ev, a, 0, m);
    const bool ends = p.size() <= s.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
    return JValue::string(ends ? s.substr(0, s.size() - p.size()) : s);
  }
  if (m == "replace") {
    // replace(old, new, count?): count < 0 replaces every occurrence.
    if (a.positional.size() > 3 || !a.named.empty()) ev.fail("too many arguments");
    const std::string from = str_arg(ev, a, 0, m), to = str_arg(ev, a, 1, m);
    const JValue* count = pos(a, 2);
    std::int64_t n = -1;
    if (count && !count->is_none() && !count->is_undefined()) {
      if (count->kind() != K::Int) ev.fail("invalid operation: cannot convert " + std::string(type_name(*count)) + " to i32");
      n = count->as_int();
    }
    std::string out = replace_all(s, from, to, n);
    ev.check_size(out.size());
    return JValue::string(std::move(out));
  }
  if (m == "find" || m == "rfind") {
    const std::string p = str_arg(ev, a, 0, m);
    const std::size_t at = m == "find" ? s.find(p) : s.rfind(p);
    if (at == std::string::npos) return JValue::integer(-1);
    std::size_t chars = 0;
    for (std::size_t k = 0; k < at; ++k) chars += (static_cast<unsigned char>(s[k]) & 0xC0) != 0x80;
    return i(chars);
  }
  if (m == "count") {
    const std::string p = str_arg(ev, a, 0, m);
    if (p.empty()) return i(s.size() + 1);
    std::size_t n = 0;
    for (std::size_t at = s.find(p); at != std::string::npos; at = s.find(p, at + p.size())) ++n;
    return i(n);
  }
  if (m == "split") return split(ev, s, a);
  if (m == "splitlines") {
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
  if (m == "join") {
    const JValue* items = pos(a, 0);
    if (!items) ev.fail("missing argument: join() needs an iterable");
    std::string out;
    bool first = true;
    for (const JValue& item : ev.iterate(*items)) {
      if (!first) out += s;
      first = false;
      out += ev.to_string(item);
      ev.check_size(out.size());
    }
    return JValue::string(std::move(out));
  }
  if (m == "format") return format(ev, s, a);
  if (m == "isalnum") return b(all_chars(s, [](char32_t c) { return is_alpha(c) || is_numeric(c); }));
  if (m == "isalpha") return b(all_chars(s, is_alpha));
  if (m == "isascii") {
    for (char c : s) {
      if (static_cast<unsigned char>(c) >= 0x80) return b(false);
    }
    return b(true);
  }
  if (m == "isdigit" || m == "isnumeric") return b(all_chars(s, is_numeric));
  if (m == "isspace") return b(all_chars(s, text::is_whitespace));
  // Every character lower (upper) case: "abc1".islower() is false, "".islower() true.
  if (m == "islower") return b(all_chars(s, is_lower));
  if (m == "isupper") return b(all_chars(s, is_upper));
  if (m == "istitle") {
    bool cased = false, prev_cased = false;
    for (std::size_t k = 0; k < s.size();) {
      const char32_t c = next_code_point(s, k);
      if (is_upper(c)) {
        if (prev_cased) return b(false);
        prev_cased = cased = true;
      } else if (is_lower(c)) {
        if (!prev_cased) return b(false);
        prev_cased = cased = true;
      } else {
        prev_cased = false;
      }
    }
    return b(cased);
  }
  ev.fail("unknown method: string has no method named " + std::string(m));
}

}  // namespace

JValue call_value_method(Evaluator& ev, const JValue& value, std::string_view m, const CallArgs& a) {
  if (value.is_string()) return string_method(ev, value.as_string(), m, a);
  if (value.is_mapping()) {
    if (m == "items") {
      JItems out;
      for (const JValue& k : ev.iterate(value)) out.push_back(JValue::seq({k, ev.get_item(value, k)}));
      return JValue::seq(std::move(out));
    }
    if (m == "keys") return JValue::seq(ev.iterate(value));
    if (m == "values") {
      JItems out;
      for (const JValue& k : ev.iterate(value)) out.push_back(ev.get_item(value, k));
      return JValue::seq(std::move(out));
    }
    if (m == "get") {
      const JValue* key = pos(a, 0);
      if (!key) ev.fail("missing argument: get() needs a key");
      JValue v = ev.get_item(value, *key);
      if (v.is_undefined()) {
        const JValue* fallback = pos(a, 1);
        if (!fallback) fallback = a.find("default");
        return fallback ? *fallback : JValue::none();
      }
      return v;
    }
    ev.fail("unknown method: map has no method named " + std::string(m));
  }
  if (value.is_sequence()) {
    const JValue* x = pos(a, 0);
    if (m == "count") {
      if (!x) ev.fail("missing argument: count() needs a value");
      std::int64_t n = 0;
      for (std::size_t k = 0; k < value.seq_size(); ++k) n += values_equal(value.seq_at(k, ev.types()), *x);
      return JValue::integer(n);
    }
    if (m == "index") {
      if (!x) ev.fail("missing argument: index() needs a value");
      for (std::size_t k = 0; k < value.seq_size(); ++k) {
        if (values_equal(value.seq_at(k, ev.types()), *x)) return JValue::integer(static_cast<std::int64_t>(k));
      }
      ev.fail("invalid operation: value not in list");
    }
    ev.fail("unknown method: sequence has no method named " + std::string(m));
  }
  if (value.is_undefined()) ev.fail("undefined value: cannot call method " + std::string(m) + " of an undefined value");
  ev.fail("unknown method: " + std::string(type_name(value)) + " has no method named " + std::string(m));
}

}  // namespace baml::tmpl
