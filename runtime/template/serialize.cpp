// JSON, YAML and TOON writers over a tree normalized from JValues (see serialize.h).
#include "template/serialize.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "template/evaluator.h"
#include "value/types.h"

namespace baml::tmpl {
namespace {

using K = JValue::Kind;

// A JSON-shaped tree: what all three writers walk.
struct Node {
  enum class Type { Null, Bool, Int, Float, String, Array, Object } type = Type::Null;
  bool b = false;
  std::int64_t i = 0;
  double f = 0;
  std::string s;
  std::vector<Node> items;
  std::vector<std::pair<std::string, Node>> fields;

  // Out of line: a Node holds pairs of Nodes, complete only after the class (clang's libstdc++
  // checks instantiate the pair's destructor eagerly otherwise), as for parse/jvalue.h.
  Node();
  ~Node();
  Node(const Node&);
  Node(Node&&) noexcept;
  Node& operator=(const Node&);
  Node& operator=(Node&&) noexcept;
};
Node::Node() = default;
Node::~Node() = default;
Node::Node(const Node&) = default;
Node::Node(Node&&) noexcept = default;
Node& Node::operator=(const Node&) = default;
Node& Node::operator=(Node&&) noexcept = default;

Node tree(Evaluator& ev, const JValue& v, bool alias_keys, int depth);

Node tree_of_value(Evaluator& ev, const Value& v, bool alias_keys, int depth) {
  if (v.kind() == Value::Kind::Class) {
    Node n;
    n.type = Node::Type::Object;
    const ir::Class* cls = alias_keys && ev.types() ? ev.types()->find_class(v.class_name()) : nullptr;
    for (const auto& [k, field] : v.entries()) {
      const ir::Field* f = cls ? cls->find_field(k) : nullptr;
      n.fields.emplace_back(f ? f->rendered_name() : k, tree_of_value(ev, field, alias_keys, depth + 1));
    }
    return n;
  }
  return tree(ev, ev.borrow(v), alias_keys, depth);
}

Node tree(Evaluator& ev, const JValue& v, bool alias_keys, int depth) {
  if (depth > 200) ev.fail("invalid operation: value nested too deeply to serialize");
  ev.step();
  Node n;
  switch (v.kind()) {
    case K::Undefined:
    case K::None: break;
    case K::Bool:
      n.type = Node::Type::Bool;
      n.b = v.as_bool();
      break;
    case K::Int:
      n.type = Node::Type::Int;
      n.i = v.as_int();
      break;
    case K::Float:
      n.type = Node::Type::Float;
      n.f = v.as_float();
      // BAML's format filter writes a float with a whole value as an integer (`10`, not
      // `10.0`); tojson keeps it a float.
      if (alias_keys && std::isfinite(n.f) && n.f == std::trunc(n.f) && std::fabs(n.f) < 9007199254740992.0) {
        n.type = Node::Type::Int;
        n.i = static_cast<std::int64_t>(n.f);
      }
      break;
    case K::String:
      n.type = Node::Type::String;
      n.s = v.as_string();
      break;
    case K::Duration:
      n.type = Node::Type::String;
      n.s = ev.to_string(v);
      break;
    case K::EnumValue:
      // BAML's format filter writes an enum value as it prints (its alias, or its name);
      // minijinja's tojson sees an object without serializable fields.
      if (alias_keys) {
        n.type = Node::Type::String;
        n.s = v.enum_printed();
      } else {
        n.type = Node::Type::Object;
      }
      break;
    case K::Media:  // an object without serializable fields to both
      n.type = Node::Type::Object;
      break;
    case K::Seq:
    case K::BSeq:
      n.type = Node::Type::Array;
      for (std::size_t i = 0; i < v.seq_size(); ++i) n.items.push_back(tree(ev, v.seq_at(i, ev.types()), alias_keys, depth + 1));
      break;
    case K::Dict:
      n.type = Node::Type::Object;
      for (const auto& [k, val] : v.dict_entries()) n.fields.emplace_back(ev.to_string(k), tree(ev, val, alias_keys, depth + 1));
      break;
    case K::BMap:
      n.type = Node::Type::Object;
      for (const auto& [k, val] : v.base().entries()) n.fields.emplace_back(k, tree_of_value(ev, val, alias_keys, depth + 1));
      break;
    case K::Instance: return tree_of_value(ev, v.base(), alias_keys, depth);
    case K::Object:
      if (v.as_object().is_mapping()) return tree(ev, JValue::dict(v.as_object().entries()), alias_keys, depth);
      n.type = Node::Type::String;
      n.s = ev.to_string(v);
      break;
  }
  return n;
}

void json_string(std::string_view s, bool html_safe, std::string& out) {
  out += '"';
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (u < 0x20 || (html_safe && (c == '<' || c == '>' || c == '&' || c == '\''))) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", u);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void json_float(double f, std::string& out) {
  if (!std::isfinite(f)) {
    out += "null";
    return;
  }
  // serde_json writes floats with ryu: like Rust's Debug (exponent forms from 1e16 and below
  // 1e-5), except that a leading digit at 10^-5 is written out (0.00003, not 3e-5).
  const double a = std::fabs(f);
  if (a >= 1e-5 && a < 1e-4) format_float_display(f, out);
  else format_float_debug(f, out);
}

void write_json(const Node& n, const JsonStyle& style, int level, std::string& out) {
  auto newline = [&](int l) {
    if (style.indent < 0) return;
    out += '\n';
    out.append(static_cast<std::size_t>(style.indent * l), ' ');
  };
  switch (n.type) {
    case Node::Type::Null: out += "null"; break;
    case Node::Type::Bool: out += n.b ? "true" : "false"; break;
    case Node::Type::Int: out += std::to_string(n.i); break;
    case Node::Type::Float: json_float(n.f, out); break;
    case Node::Type::String: json_string(n.s, style.html_safe, out); break;
    case Node::Type::Array:
      out += '[';
      for (std::size_t i = 0; i < n.items.size(); ++i) {
        if (i) out += ',';
        newline(level + 1);
        write_json(n.items[i], style, level + 1, out);
      }
      if (!n.items.empty()) newline(level);
      out += ']';
      break;
    case Node::Type::Object:
      out += '{';
      for (std::size_t i = 0; i < n.fields.size(); ++i) {
        if (i) out += ',';
        newline(level + 1);
        json_string(n.fields[i].first, style.html_safe, out);
        out += style.indent < 0 ? ":" : ": ";
        write_json(n.fields[i].second, style, level + 1, out);
      }
      if (!n.fields.empty()) newline(level);
      out += '}';
      break;
  }
}

// ---- YAML (serde_yaml's output shape) ----

bool yaml_plain(std::string_view s) {
  if (s.empty()) return false;
  static const std::string_view kReserved[] = {"true", "false", "null", "~", "yes", "no", "on", "off",
                                               "True", "False", "Null", "NULL", "TRUE", "FALSE", "Yes", "No"};
  for (std::string_view r : kReserved) {
    if (s == r) return false;
  }
  if (std::string_view("-?:,[]{}#&*!|>'\"%@` ").find(s[0]) != std::string_view::npos) return false;
  if (s.back() == ' ' || s.back() == ':') return false;
  if (s.find(": ") != std::string_view::npos || s.find(" #") != std::string_view::npos) return false;
  bool numeric = true;
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20) return false;
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E' || c == '_')) numeric = false;
  }
  return !numeric;
}

void yaml_scalar(const Node& n, std::string& out) {
  switch (n.type) {
    case Node::Type::Null: out += "null"; break;
    case Node::Type::Bool: out += n.b ? "true" : "false"; break;
    case Node::Type::Int: out += std::to_string(n.i); break;
    case Node::Type::Float:
      if (std::isnan(n.f)) {
        out += ".nan";
      } else if (std::isinf(n.f)) {
        out += n.f < 0 ? "-.inf" : ".inf";
      } else {
        format_float_debug(n.f, out);
      }
      break;
    case Node::Type::String:
      if (yaml_plain(n.s)) {
        out += n.s;
      } else if (n.s.find('\'') == std::string::npos && n.s.find('\n') == std::string::npos &&
                 n.s.find('\\') == std::string::npos) {
        out += '\'';
        out += n.s;
        out += '\'';
      } else {
        json_string(n.s, false, out);
      }
      break;
    case Node::Type::Array: out += "[]"; break;
    case Node::Type::Object: out += "{}"; break;
  }
}

bool yaml_block(const Node& n) {
  return (n.type == Node::Type::Array && !n.items.empty()) || (n.type == Node::Type::Object && !n.fields.empty());
}

void write_yaml(const Node& n, std::size_t indent, std::string& out);

// Writes a block value whose first line continues the current line (after "- ").
void write_yaml_inline_start(const Node& n, std::size_t indent, std::string& out) {
  std::string block;
  write_yaml(n, indent, block);
  out.append(block, indent, std::string::npos);
}

void write_yaml(const Node& n, std::size_t indent, std::string& out) {
  const std::string pad(indent, ' ');
  if (n.type == Node::Type::Object && !n.fields.empty()) {
    for (const auto& [k, v] : n.fields) {
      out += pad;
      Node key;
      key.type = Node::Type::String;
      key.s = k;
      yaml_scalar(key, out);
      out += ':';
      if (yaml_block(v)) {
        out += '\n';
        write_yaml(v, v.type == Node::Type::Array ? indent : indent + 2, out);
      } else {
        out += ' ';
        yaml_scalar(v, out);
        out += '\n';
      }
    }
    return;
  }
  if (n.type == Node::Type::Array && !n.items.empty()) {
    for (const Node& item : n.items) {
      out += pad;
      out += "- ";
      if (yaml_block(item)) {
        write_yaml_inline_start(item, indent + 2, out);
      } else {
        yaml_scalar(item, out);
        out += '\n';
      }
    }
    return;
  }
  out += pad;
  yaml_scalar(n, out);
  out += '\n';
}

// ---- TOON (Token-Oriented Object Notation; keys sorted, as BAML writes it) ----

void toon_scalar(const Node& n, std::string& out) {
  switch (n.type) {
    case Node::Type::String: {
      const bool plain = !n.s.empty() && n.s.find_first_of(",:\"\\\n[]{}") == std::string::npos &&
                         n.s.front() != ' ' && n.s.back() != ' ' && n.s != "true" && n.s != "false" && n.s != "null";
      if (plain) {
        out += n.s;
      } else {
        json_string(n.s, false, out);
      }
      break;
    }
    case Node::Type::Float: {
      std::string f;
      format_float_display(n.f, f);
      if (f.size() > 2 && f.compare(f.size() - 2, 2, ".0") == 0) f.resize(f.size() - 2);
      out += f;
      break;
    }
    default: yaml_scalar(n, out); break;
  }
}

void write_toon(const Node& n, std::size_t indent, std::string& out, bool& first_line);

void toon_line(std::size_t indent, std::string& out, bool& first_line) {
  if (!first_line) out += '\n';
  first_line = false;
  out.append(indent, ' ');
}

void toon_field(const std::string& key, const Node& v, std::size_t indent, std::string& out, bool& first_line) {
  toon_line(indent, out, first_line);
  out += key;
  if (v.type == Node::Type::Array) {
    const bool primitive = std::all_of(v.items.begin(), v.items.end(), [](const Node& x) {
      return x.type != Node::Type::Array && x.type != Node::Type::Object;
    });
    out += '[' + std::to_string(v.items.size()) + ']';
    if (primitive) {
      out += ':';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        out += i ? "," : " ";
        toon_scalar(v.items[i], out);
      }
    } else {
      out += ':';
      for (const Node& item : v.items) {
        toon_line(indent + 2, out, first_line);
        out += "- ";
        if (item.type == Node::Type::Object || item.type == Node::Type::Array) {
          // An object's fields, or a list as a field without a key (`- [2]: 1,2`), written
          // one level in and taken from after the indentation of their first line.
          bool inner_first = true;
          std::string inner;
          if (item.type == Node::Type::Object) {
            write_toon(item, indent + 4, inner, inner_first);
          } else {
            toon_field("", item, indent + 4, inner, inner_first);
          }
          out.append(inner, std::min(inner.size(), indent + 4), std::string::npos);
        } else {
          toon_scalar(item, out);
        }
      }
    }
  } else if (v.type == Node::Type::Object && !v.fields.empty()) {
    out += ':';
    write_toon(v, indent + 2, out, first_line);
  } else {
    out += ": ";
    toon_scalar(v, out);
  }
}

void write_toon(const Node& n, std::size_t indent, std::string& out, bool& first_line) {
  if (n.type == Node::Type::Object) {
    std::vector<const std::pair<std::string, Node>*> sorted;
    for (const auto& f : n.fields) sorted.push_back(&f);
    std::stable_sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
    for (const auto* f : sorted) toon_field(f->first, f->second, indent, out, first_line);
    return;
  }
  if (n.type == Node::Type::Array) {
    Node wrapper;
    toon_field("", n, indent, out, first_line);
    return;
  }
  toon_scalar(n, out);
}

}  // namespace

std::string to_json(Evaluator& ev, const JValue& v, const JsonStyle& style) {
  std::string out;
  write_json(tree(ev, v, style.alias_keys, 0), style, 0, out);
  return out;
}

std::string to_yaml(Evaluator& ev, const JValue& v) {
  std::string out;
  write_yaml(tree(ev, v, true, 0), 0, out);
  return out;
}

std::string to_toon(Evaluator& ev, const JValue& v) {
  std::string out;
  bool first = true;
  write_toon(tree(ev, v, true, 0), 0, out, first);
  return out;
}

}  // namespace baml::tmpl
