// Reading ctx.output_format's keyword arguments. The conversions copy what BAML 0.226.2 accepts
// (checked against it, tests/output_format_golden): its string options go through Jinja's
// to-string, so `or_splitter=none` is the text "none" while `prefix=none` means "no prefix".
#include "output_format/options.h"

#include <charconv>
#include <cmath>
#include <string_view>

#include <baml/errors.h>

namespace baml::output_format {
namespace {

constexpr std::string_view kAllowed =
    "prefix, or_splitter, enum_value_prefix, always_hoist_enums, hoisted_class_prefix, hoist_classes, map_style, "
    "quote_class_fields, render_null_as";

std::string kind_name(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Null: return "none";
    case Value::Kind::Bool: return "a bool";
    case Value::Kind::Int:
    case Value::Kind::Float: return "a number";
    case Value::Kind::String: return "a string";
    case Value::Kind::List: return "a list";
    case Value::Kind::Map:
    case Value::Kind::Class: return "a map";
    default: return "a value of another kind";
  }
}

[[noreturn]] void bad_value(std::string_view option, std::string_view expected, const Value& got) {
  throw_template_error("ctx.output_format(): invalid value for " + std::string(option) + " (expected " +
                       std::string(expected) + "), got " + kind_name(got));
}

// A string inside a list or map, as Jinja's repr writes it.
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::string repr(const Value& v) { return v.kind() == Value::Kind::String ? quoted(v.as_string()) : option_text(v); }

std::string float_text(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
  char buf[400];
  auto res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  std::string s(buf, res.ptr);
  if (s.find('.') == std::string::npos) s += ".0";  // Jinja prints 2.0, not 2
  return s;
}

Setting string_setting(const Value& v) {
  if (v.is_null()) return {Setting::State::Never, {}};
  return {Setting::State::Always, option_text(v)};
}

bool bool_option(std::string_view name, const Value& v) {
  if (v.kind() != Value::Kind::Bool) bad_value(name, "bool", v);
  return v.as_bool();
}

}  // namespace

const std::string& Options::null_text() const {
  static const std::string kNull = "null";
  return render_null_as.always() ? render_null_as.value : kNull;
}

std::string option_text(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Null: return "none";
    case Value::Kind::Bool: return v.as_bool() ? "true" : "false";
    case Value::Kind::Int: return std::to_string(v.as_int());
    case Value::Kind::Float: return float_text(v.as_float());
    case Value::Kind::String: return v.as_string();
    case Value::Kind::List: {
      std::string out = "[";
      for (const Value& item : v.items()) out += (out.size() > 1 ? ", " : "") + repr(item);
      return out + "]";
    }
    case Value::Kind::Map:
    case Value::Kind::Class: {
      std::string out = "{";
      for (const auto& [k, item] : v.entries()) out += (out.size() > 1 ? ", " : "") + quoted(k) + ": " + repr(item);
      return out + "}";
    }
    case Value::Kind::Enum: return v.enum_value();
    case Value::Kind::Duration: return std::to_string(v.as_duration().count()) + "ms";
    case Value::Kind::Media: return v.as_media().by_url ? v.as_media().url : std::string("<media>");
  }
  return {};
}

Options parse_options(const Value::Entries& named) {
  Options o;
  for (const auto& [name, v] : named) {
    if (name == "prefix") {
      o.prefix = string_setting(v);
    } else if (name == "or_splitter") {
      o.or_splitter = option_text(v);  // `none` is the text "none", as in BAML
    } else if (name == "enum_value_prefix") {
      o.enum_value_prefix = string_setting(v);
    } else if (name == "always_hoist_enums") {
      o.always_hoist_enums = bool_option(name, v);
    } else if (name == "hoisted_class_prefix") {
      o.hoisted_class_prefix = string_setting(v);
    } else if (name == "hoist_classes") {
      o.hoisted_subset.clear();
      if (v.kind() == Value::Kind::Bool) {
        o.hoist_classes = v.as_bool() ? HoistClasses::All : HoistClasses::Auto;
      } else if (v.kind() == Value::Kind::String && v.as_string() == "auto") {
        o.hoist_classes = HoistClasses::Auto;
      } else if (v.kind() == Value::Kind::List) {
        o.hoist_classes = HoistClasses::Subset;
        for (const Value& item : v.items()) o.hoisted_subset.push_back(option_text(item));
      } else {
        bad_value(name, "one of bool | \"auto\" | string[]", v);
      }
    } else if (name == "map_style") {
      if (v.kind() == Value::Kind::String && v.as_string() == "angle") {
        o.map_style = MapStyle::Angle;
      } else if (v.kind() == Value::Kind::String && v.as_string() == "object") {
        o.map_style = MapStyle::Object;
      } else {
        throw_template_error("ctx.output_format(): invalid value for map_style (expected one of angle, object), got " +
                             (v.kind() == Value::Kind::String ? quoted(v.as_string()) : kind_name(v)));
      }
    } else if (name == "quote_class_fields") {
      o.quote_class_fields = bool_option(name, v);
    } else if (name == "render_null_as") {
      o.render_null_as = string_setting(v);
    } else {
      throw_template_error("ctx.output_format() got an unexpected keyword argument '" + name + "' (allowed: " +
                           std::string(kAllowed) + ")");
    }
  }
  return o;
}

}  // namespace baml::output_format
