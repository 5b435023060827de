// Value printing (see printing.h).
#include "template/printing.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include <baml/duration.h>

#include "template/object.h"
#include "template/template.h"
#include "template/unicode.h"
#include "text/unicode_text.h"
#include "value/types.h"

namespace baml::tmpl {
namespace {

// The shortest round-trip digits of |f| and its decimal exponent: f = 0.DIGITS... no:
// f = D[0].D[1..] x 10^exp.
struct Digits {
  std::string digits;
  int exp = 0;
};

Digits shortest_digits(double f) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, std::fabs(f), std::chars_format::scientific);
  std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
  Digits d;
  const std::size_t e = s.find('e');
  for (char c : s.substr(0, e)) {
    if (c != '.') d.digits += c;
  }
  d.exp = std::atoi(std::string(s.substr(e + 1)).c_str());
  while (d.digits.size() > 1 && d.digits.back() == '0') d.digits.pop_back();
  return d;
}

bool special_float(double f, std::string& out) {
  if (std::isnan(f)) {
    out += "NaN";
    return true;
  }
  if (std::isinf(f)) {
    out += f < 0 ? "-inf" : "inf";
    return true;
  }
  return false;
}

void fixed(const Digits& d, std::string& out) {
  const int n = static_cast<int>(d.digits.size());
  if (d.exp >= n - 1) {
    out += d.digits;
    out.append(static_cast<std::size_t>(d.exp - (n - 1)), '0');
    out += ".0";
  } else if (d.exp >= 0) {
    out.append(d.digits, 0, static_cast<std::size_t>(d.exp + 1));
    out += '.';
    out.append(d.digits, static_cast<std::size_t>(d.exp + 1));
  } else {
    out += "0.";
    out.append(static_cast<std::size_t>(-d.exp - 1), '0');
    out += d.digits;
  }
}

void indent_to(std::string& out, std::size_t n) { out.append(n, ' '); }

}  // namespace

void format_float_display(double f, std::string& out) {
  if (special_float(f, out)) return;
  if (std::signbit(f)) out += '-';
  if (f == 0) {
    out += "0.0";
    return;
  }
  fixed(shortest_digits(f), out);
}

void format_float_debug(double f, std::string& out) {
  if (special_float(f, out)) return;
  if (std::signbit(f)) out += '-';
  const double a = std::fabs(f);
  if (a == 0) {
    out += "0.0";
    return;
  }
  const Digits d = shortest_digits(f);
  if (a >= 1e16 || a < 1e-4) {
    out += d.digits[0];
    if (d.digits.size() > 1) {
      out += '.';
      out.append(d.digits, 1);
    }
    out += 'e';
    out += std::to_string(d.exp);
    return;
  }
  fixed(d, out);
}

// Rust's Debug of a string (what BAML prints for a string inside a list, map or class): the
// usual backslash escapes, and `\u{...}` for controls, grapheme extenders and the characters
// Rust calls unprintable (text/unicode_text.h).
void quote_debug(std::string_view s, std::string& out) {
  out += '"';
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t at = i;
    const char32_t c = next_code_point(s, i);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\0': out += "\\0"; break;
      default:
        if (text::debug_escaped(c)) {
          char buf[16];
          std::snprintf(buf, sizeof buf, "\\u{%x}", static_cast<unsigned>(c));
          out += buf;
        } else {
          out.append(s, at, i - at);
        }
    }
  }
  out += '"';
}

void Printer::media_marker(const Media& m, std::string& out) const {
  if (!media) {
    out += m.by_url ? m.url : m.base64;
    return;
  }
  out += marker('m', media->media.size(), media->nonce);
  media->media.push_back(m);
}

void Printer::display(const JValue& v, std::string& out) const {
  using K = JValue::Kind;
  switch (v.kind()) {
    case K::Undefined: return;
    case K::None: out += "none"; return;
    case K::Bool: out += v.as_bool() ? "true" : "false"; return;
    case K::Int: out += std::to_string(v.as_int()); return;
    case K::Float: format_float_display(v.as_float(), out); return;
    case K::String: out += v.as_string(); return;
    case K::Seq:
      if (v.seq_is_iterator()) {
        out += "<iterator>";
        return;
      }
      [[fallthrough]];
    case K::BSeq:
    case K::Dict:
    case K::BMap:
    case K::Instance: repr(v, out); return;
    case K::EnumValue: out += v.enum_printed(); return;
    case K::Media: media_marker(v.as_media(), out); return;
    case K::Duration: out += format_duration(std::chrono::milliseconds(v.as_int())); return;
    case K::Object: v.as_object().print(out); return;
  }
}

void Printer::repr(const JValue& v, std::string& out) const {
  using K = JValue::Kind;
  switch (v.kind()) {
    case K::Undefined: out += "undefined"; return;
    case K::String: quote_debug(v.as_string(), out); return;
    case K::Float: format_float_debug(v.as_float(), out); return;
    case K::Seq:
      if (v.seq_is_iterator()) {
        out += "<iterator>";
        return;
      }
      out += '[';
      for (std::size_t i = 0; i < v.seq_items().size(); ++i) {
        if (i) out += ", ";
        repr(v.seq_items()[i], out);
      }
      out += ']';
      return;
    case K::BSeq: {
      out += '[';
      const auto& items = v.base().items();
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        // BAML prints a null item of a list argument as `null` (a map's null value as `none`).
        if (items[i].kind() == Value::Kind::Null) {
          out += "null";
        } else {
          repr(JValue::borrow(items[i], types), out);
        }
      }
      out += ']';
      return;
    }
    case K::Dict: {
      out += '{';
      bool first = true;
      for (const auto& [k, val] : v.dict_entries()) {
        if (!first) out += ", ";
        first = false;
        repr(k, out);
        out += ": ";
        repr(val, out);
      }
      out += '}';
      return;
    }
    case K::BMap: {
      out += '{';
      bool first = true;
      for (const auto& [k, val] : v.base().entries()) {
        if (!first) out += ", ";
        first = false;
        quote_debug(k, out);
        out += ": ";
        repr(JValue::borrow(val, types), out);
      }
      out += '}';
      return;
    }
    case K::Instance: pretty(v.base(), out, 0); return;
    case K::Object:
      if (v.as_object().is_mapping()) {
        repr(JValue::dict(v.as_object().entries()), out);
        return;
      }
      v.as_object().print(out);
      return;
    case K::None:
    case K::Bool:
    case K::Int:
    case K::EnumValue:
    case K::Media:
    case K::Duration: display(v, out); return;
  }
}

void Printer::pprint(const JValue& v, std::string& out, std::size_t indent) const {
  using K = JValue::Kind;
  auto list = [&](std::size_t n, auto&& item_at) {
    if (n == 0) {
      out += "[]";
      return;
    }
    out += "[\n";
    for (std::size_t i = 0; i < n; ++i) {
      indent_to(out, indent + 4);
      pprint(item_at(i), out, indent + 4);
      out += ",\n";
    }
    indent_to(out, indent);
    out += ']';
  };
  auto map = [&](const JEntries& entries) {
    if (entries.empty()) {
      out += "{}";
      return;
    }
    out += "{\n";
    for (const auto& [k, val] : entries) {
      indent_to(out, indent + 4);
      pprint(k, out, indent + 4);
      out += ": ";
      pprint(val, out, indent + 4);
      out += ",\n";
    }
    indent_to(out, indent);
    out += '}';
  };
  switch (v.kind()) {
    case K::Seq:
      if (v.seq_is_iterator()) break;
      list(v.seq_items().size(), [&](std::size_t i) { return v.seq_items()[i]; });
      return;
    case K::BSeq: {
      const auto& items = v.base().items();
      list(items.size(), [&](std::size_t i) { return JValue::borrow(items[i], types); });
      return;
    }
    case K::Dict: map(v.dict_entries()); return;
    case K::BMap: {
      JEntries entries;
      for (const auto& [k, val] : v.base().entries()) entries.emplace_back(JValue::borrowed_string(&k), JValue::borrow(val, types));
      map(entries);
      return;
    }
    case K::Instance: pretty(v.base(), out, indent); return;
    case K::Object:
      if (v.as_object().is_mapping()) {
        map(v.as_object().entries());
        return;
      }
      break;
    default: break;
  }
  repr(v, out);
}

void Printer::pretty(const Value& v, std::string& out, std::size_t indent) const {
  using K = Value::Kind;
  switch (v.kind()) {
    case K::Null: out += "null"; return;
    case K::String: quote_debug(v.as_string(), out); return;
    case K::Float: format_float_debug(v.as_float(), out); return;
    case K::List: {
      const auto& items = v.items();
      if (items.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      for (const Value& item : items) {
        indent_to(out, indent + 4);
        pretty(item, out, indent + 4);
        out += ",\n";
      }
      indent_to(out, indent);
      out += ']';
      return;
    }
    case K::Map:
    case K::Class: {
      const auto& entries = v.entries();
      if (entries.empty()) {
        out += "{}";
        return;
      }
      const ir::Class* cls = v.kind() == K::Class && types ? types->find_class(v.class_name()) : nullptr;
      out += "{\n";
      for (std::size_t i = 0; i < entries.size(); ++i) {
        const auto& [name, field] = entries[i];
        indent_to(out, indent + 4);
        const std::string* key = &name;
        if (cls) {
          // Fields are usually in declaration order: try the same position first.
          const ir::Field* f = i < cls->fields.size() && cls->fields[i].name == name ? &cls->fields[i]
                                                                                       : cls->find_field(name);
          if (f) key = &f->rendered_name();
        }
        quote_debug(*key, out);
        out += ": ";
        // BAML prints a class's own null field as `null` but a null value of a map as `none`.
        if (v.kind() == K::Map && field.kind() == K::Null) {
          out += "none";
        } else {
          pretty(field, out, indent + 4);
        }
        out += ",\n";
      }
      indent_to(out, indent);
      out += '}';
      return;
    }
    case K::Bool:
    case K::Int:
    case K::Duration:
    case K::Media:
    case K::Enum: display(JValue::borrow(v, types), out); return;
  }
}

}  // namespace baml::tmpl
