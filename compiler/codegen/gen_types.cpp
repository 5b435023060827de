// Classes, aliases and unions: plain structs with members in declaration order and operator==,
// usings for aliases and unions (std::variant behind a named alias), structs for recursive
// aliases; the same again in `<ns>::partial` for streamed values; and their conversions.
#include <string>

#include "compiler/codegen/generators.h"

namespace bamlc::codegen {
namespace {
using K = Type::Kind;
}  // namespace

std::string Spell::named(const Type& t, std::optional<Node> owner, bool in_list, bool partial) const {
  const std::string q = partial ? qp() : q_;
  Node target{};
  std::string name;
  bool is_struct = false;
  switch (t.kind) {
    case K::Class:
      target = {Node::Kind::Class, t.ref};
      name = m_.classes[static_cast<std::size_t>(t.ref)].cpp;
      is_struct = true;
      break;
    case K::Alias: {
      const Alias& a = m_.aliases[static_cast<std::size_t>(t.ref)];
      if (m_.alias_is_literal(t.ref)) return q_ + a.cpp;
      target = {Node::Kind::Alias, t.ref};
      name = a.cpp;
      is_struct = a.recursive;
      break;
    }
    case K::Union:
      return q + m_.unions[static_cast<std::size_t>(t.ref)].cpp;
    default:
      return {};
  }
  if (is_struct && !in_list && owner && m_.boxed(*owner, target)) return "::baml::Box<" + q + name + ">";
  return q + name;
}

std::string Spell::spell(const Type& t, std::optional<Node> owner, bool in_list, bool partial) const {
  switch (t.kind) {
    case K::Int: return "::std::int64_t";
    case K::Float: return "double";
    case K::String: return "::std::string";
    case K::Bool: return "bool";
    case K::Duration: return "::std::chrono::milliseconds";
    case K::Image: return "::baml::Image";
    case K::Audio: return "::baml::Audio";
    case K::Pdf: return "::baml::Pdf";
    case K::Video: return "::baml::Video";
    case K::Enum: return q_ + m_.enums[static_cast<std::size_t>(t.ref)].cpp;
    case K::Literal: return q_ + m_.literals[static_cast<std::size_t>(t.ref)].cpp;
    case K::Class:
    case K::Alias:
    case K::Union: return named(t, owner, in_list, partial);
    case K::List: return "::std::vector<" + spell(t.children[0], owner, true, partial) + ">";
    case K::Optional: return "::std::optional<" + spell(t.children[0], owner, false, partial) + ">";
    case K::Map:
      return "::std::map<" + spell(t.children[0], owner, false, false) + ", " + spell(t.children[1], owner, false, partial) + ">";
  }
  return {};
}

std::string Spell::full(const Type& t, std::optional<Node> owner, bool in_list) const { return spell(t, owner, in_list, false); }
std::string Spell::partial(const Type& t, std::optional<Node> owner, bool in_list) const { return spell(t, owner, in_list, true); }

std::string Spell::field(const Field& f, Node owner) const {
  const std::string t = full(f.type, owner);
  return f.checks.empty() ? t : "::baml::Checked<" + t + ">";
}

std::string Spell::partial_field(const Field& f, Node owner) const {
  if (f.stream_with_state) {
    const Type& inner = f.type.kind == K::Optional ? f.type.children[0] : f.type;
    return "::baml::WithState<" + (f.stream_done ? full(inner, owner) : partial(inner, owner)) + ">";
  }
  if (f.stream_done) return f.type.kind == K::Optional ? full(f.type, owner) : "::std::optional<" + full(f.type, owner) + ">";
  const std::string t = partial(f.type, owner);
  if (f.stream_not_null || f.type.kind == K::Optional) return t;
  return "::std::optional<" + t + ">";
}

bool Spell::scalar(const Type& t) const {
  switch (t.kind) {
    case K::Int:
    case K::Float:
    case K::Bool:
    case K::Enum:
    case K::Literal: return true;
    case K::Alias: return m_.alias_is_literal(t.ref);
    default: return false;
  }
}

namespace {

// operator== and != as hidden friends, so that comparing one struct does not weigh every
// operator== of the namespace (a project of 1,000 structs made that quadratic); their work is a
// static member defined after every struct, when the members' types are complete.
void print_friends(Printer& p, const std::string& t) {
  p.print(
      "\nstatic bool baml_equal_(const $t$& a, const $t$& b);\n"
      "friend bool operator==(const $t$& a, const $t$& b) { return baml_equal_(a, b); }\n"
      "friend bool operator!=(const $t$& a, const $t$& b) { return !baml_equal_(a, b); }\n",
      {{"t", t}});
}

void print_struct_fields(Printer& p, const Model& m, const Spell& s, Node n, bool partial) {
  const Class& c = m.classes[static_cast<std::size_t>(n.index)];
  p.print("struct $name$ {\n", {{"name", c.cpp}});
  p.indent();
  for (const Field& f : c.fields) {
    const std::string t = partial ? s.partial_field(f, n) : s.field(f, n);
    const bool init = !partial && f.checks.empty() && s.scalar(f.type);
    p.print("$t$ $name$$init$;", {{"t", t}, {"name", f.cpp}, {"init", init ? "{}" : ""}});
    if (f.baml != f.cpp) p.print("  // BAML `$b$`", {{"b", f.baml}});
    p.print("\n");
  }
  print_friends(p, c.cpp);
  p.outdent();
  p.print("};\n\n");
}

void print_equality(Printer& p, const std::string& t, const std::vector<std::string>& members) {
  if (members.empty()) {
    p.print("bool $t$::baml_equal_(const $t$&, const $t$&) { return true; }\n", {{"t", t}});
  } else {
    std::string cmp;
    for (const std::string& f : members) cmp += (cmp.empty() ? "" : " && ") + std::string("a.") + f + " == b." + f;
    p.print("bool $t$::baml_equal_(const $t$& a, const $t$& b) { return $cmp$; }\n", {{"t", t}, {"cmp", cmp}});
  }
}

void print_declarations(Printer& p, const Model& m, const Spell& s, bool partial) {
  // Every struct declared first: usings and boxes may name one before it is defined.
  bool any = false;
  for (const Node& n : m.order) {
    if (n.kind == Node::Kind::Class) {
      p.print("struct $n$;\n", {{"n", m.classes[static_cast<std::size_t>(n.index)].cpp}});
      any = true;
    } else if (n.kind == Node::Kind::Alias && m.aliases[static_cast<std::size_t>(n.index)].recursive) {
      p.print("struct $n$;\n", {{"n", m.aliases[static_cast<std::size_t>(n.index)].cpp}});
      any = true;
    }
  }
  if (any) p.print("\n");
  auto spell = [&](const Type& t, Node owner, bool in_list = false) {
    return partial ? s.partial(t, owner, in_list) : s.full(t, owner, in_list);
  };
  for (const Node& n : m.order) {
    switch (n.kind) {
      case Node::Kind::Class: {
        const Class& c = m.classes[static_cast<std::size_t>(n.index)];
        if (c.baml != c.cpp) p.print("// class $b$\n", {{"b", c.baml}});
        print_struct_fields(p, m, s, n, partial);
        break;
      }
      case Node::Kind::Alias: {
        const Alias& a = m.aliases[static_cast<std::size_t>(n.index)];
        if (m.alias_is_literal(n.index)) break;  // the literal enum has the alias's name
        if (a.recursive) {
          p.print("// type $b$ (recursive)\nstruct $n$ {\n  $t$ value;\n", {{"b", a.baml}, {"n", a.cpp}, {"t", spell(a.type, n)}});
          p.indent();
          print_friends(p, a.cpp);
          p.outdent();
          p.print("};\n\n");
        } else if (a.type.kind == K::Union && m.unions[static_cast<std::size_t>(a.type.ref)].alias == n.index) {
          std::string arms;
          for (const Type& arm : m.unions[static_cast<std::size_t>(a.type.ref)].arms) arms += (arms.empty() ? "" : ", ") + spell(arm, n);
          p.print("// type $b$\nusing $n$ = ::std::variant<$arms$>;\n\n", {{"b", a.baml}, {"n", a.cpp}, {"arms", arms}});
        } else {
          p.print("// type $b$\nusing $n$ = $t$;\n\n", {{"b", a.baml}, {"n", a.cpp}, {"t", spell(a.type, n)}});
        }
        break;
      }
      case Node::Kind::Union: {
        const Union& u = m.unions[static_cast<std::size_t>(n.index)];
        std::string arms;
        for (const Type& arm : u.arms) arms += (arms.empty() ? "" : ", ") + spell(arm, n);
        p.print("using $n$ = ::std::variant<$arms$>;\n\n", {{"n", u.cpp}, {"arms", arms}});
        break;
      }
    }
  }
}

}  // namespace

void generate_equalities(Printer& p, const Model& m, const Spell& s) {
  for (const std::string& q : {s.q(), s.qp()}) {
    for (const Node& n : m.order) {
      if (n.kind == Node::Kind::Class) {
        const Class& c = m.classes[static_cast<std::size_t>(n.index)];
        std::vector<std::string> members;
        for (const Field& f : c.fields) members.push_back(f.cpp);
        print_equality(p, q + c.cpp, members);
      } else if (n.kind == Node::Kind::Alias && m.aliases[static_cast<std::size_t>(n.index)].recursive) {
        print_equality(p, q + m.aliases[static_cast<std::size_t>(n.index)].cpp, {"value"});
      }
    }
  }
}

void generate_type_declarations(Printer& p, const Model& m, const Spell& s) {
  print_declarations(p, m, s, false);
  p.print("\n// Partial values, as a stream yields them: fields not yet seen are empty.\nnamespace partial {\n\n");
  print_declarations(p, m, s, true);
  p.print("\n}  // namespace partial\n");
}

namespace {

void print_conv(Printer& p, const std::string& t, bool to) {
  p.print(
      "template <>\nstruct Conv<$t$> {\n"
      "  static void from(const ::baml::Value& v, $t$& out, Ctx& c);\n",
      {{"t", t}});
  if (to) p.print("  static ::baml::Value to(const $t$& x);\n", {{"t", t}});
  p.print("  static bool matches(const ::baml::Value& v);\n};\n");
}

void print_conversion_declarations(Printer& p, const Model& m, const Spell& s) {
  for (const Enum& e : m.enums) print_conv(p, s.q() + e.cpp, true);
  for (const LiteralEnum& l : m.literals) print_conv(p, s.q() + l.cpp, true);
  for (const Node& n : m.order) {
    std::string name;
    if (n.kind == Node::Kind::Class) name = m.classes[static_cast<std::size_t>(n.index)].cpp;
    else if (n.kind == Node::Kind::Alias && m.aliases[static_cast<std::size_t>(n.index)].recursive) name = m.aliases[static_cast<std::size_t>(n.index)].cpp;
    else continue;
    print_conv(p, s.q() + name, true);
    print_conv(p, s.qp() + name, false);
  }
  p.print("\n");
}

void print_class_conversions(Printer& p, const Class& c, const std::string& t, bool partial) {
  if (c.fields.empty()) {
    p.print("void Conv<$t$>::from(const ::baml::Value&, $t$&, Ctx&) {}\n", {{"t", t}});
  } else {
    p.print("void Conv<$t$>::from(const ::baml::Value& v, $t$& out, Ctx& c) {\n", {{"t", t}});
    p.indent();
    p.print("if (v.kind() != ::baml::Value::Kind::Class) return;\n");
    for (const Field& f : c.fields) {
      p.print("if (const ::baml::Value* m = v.find($b$)) {\n", {{"b", cpp_string(f.baml)}});
      p.indent();
      p.print("const PathScope at(c, $piece$);\nfrom_value(*m, out.$f$, c);\n", {{"piece", cpp_string("." + f.baml)}, {"f", f.cpp}});
      if (!f.checks.empty() && !partial) {
        std::string names;
        for (const std::string& n : f.checks) names += (names.empty() ? "" : ", ") + cpp_string(n);
        p.print("collect_checks(c, {$names$}, out.$f$);\n", {{"names", names}, {"f", f.cpp}});
      }
      p.outdent();
      p.print("}\n");
    }
    p.outdent();
    p.print("}\n");
  }
  p.print("bool Conv<$t$>::matches(const ::baml::Value& v) {\n  return v.kind() == ::baml::Value::Kind::Class && v.class_name() == $b$;\n}\n",
          {{"t", t}, {"b", cpp_string(c.baml)}});
  if (partial) return;
  p.print("::baml::Value Conv<$t$>::to(const $t$& x) {\n", {{"t", t}});
  p.indent();
  p.print("::baml::Value::Entries fields;\n");
  if (c.fields.empty()) p.print("static_cast<void>(x);\n");
  else p.print("fields.reserve($n$);\n", {{"n", std::to_string(c.fields.size())}});
  for (const Field& f : c.fields) {
    const std::string member = "x." + f.cpp + (f.checks.empty() ? "" : ".value");
    if (f.type.kind == Type::Kind::Optional) {
      p.print("if ($m$) fields.emplace_back($b$, to_value(*$m$));\n", {{"m", member}, {"b", cpp_string(f.baml)}});
    } else {
      p.print("fields.emplace_back($b$, to_value($m$));\n", {{"m", member}, {"b", cpp_string(f.baml)}});
    }
  }
  p.print("return ::baml::Value::instance($b$, ::std::move(fields));\n", {{"b", cpp_string(c.baml)}});
  p.outdent();
  p.print("}\n\n");
}

}  // namespace

void generate_type_conversions(Printer& p, const Model& m, const Spell& s) {
  print_conversion_declarations(p, m, s);
  generate_enum_conversions(p, m, s);
  for (const Node& n : m.order) {
    if (n.kind == Node::Kind::Class) {
      const Class& c = m.classes[static_cast<std::size_t>(n.index)];
      print_class_conversions(p, c, s.q() + c.cpp, false);
      print_class_conversions(p, c, s.qp() + c.cpp, true);
      p.print("\n");
    } else if (n.kind == Node::Kind::Alias && m.aliases[static_cast<std::size_t>(n.index)].recursive) {
      const Alias& a = m.aliases[static_cast<std::size_t>(n.index)];
      for (const std::string& t : {s.q() + a.cpp, s.qp() + a.cpp}) {
        p.print(
            "void Conv<$t$>::from(const ::baml::Value& v, $t$& out, Ctx& c) { from_value(v, out.value, c); }\n"
            "bool Conv<$t$>::matches(const ::baml::Value& v) { return Conv<decltype($t${}.value)>::matches(v); }\n",
            {{"t", t}});
      }
      p.print("::baml::Value Conv<$t$>::to(const $t$& x) { return to_value(x.value); }\n\n",
              {{"t", s.q() + a.cpp}});
    }
  }
}

}  // namespace bamlc::codegen
