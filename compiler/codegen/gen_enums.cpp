// Enums and literal unions: `enum class` with `to_string` and `from_string` over the BAML value
// names (an @alias is what the model sees, not the program).
#include <string>

#include "compiler/codegen/generators.h"

namespace bamlc::codegen {
namespace {

struct EnumView {
  std::string cpp;
  std::vector<std::pair<std::string, std::string>> values;  // C++ enumerator, text
};

void print_enum(Printer& p, const EnumView& e) {
  p.print("enum class $name$ {\n", {{"name", e.cpp}});
  p.indent();
  for (const auto& v : e.values) p.print("$v$,\n", {{"v", v.first}});
  p.outdent();
  p.print("};\n\n");
  p.print("inline ::std::string_view to_string($name$ value) noexcept {\n", {{"name", e.cpp}});
  p.indent();
  if (e.values.empty()) {
    p.print("static_cast<void>(value);\n");
  } else {
    p.print("switch (value) {\n");
    p.indent();
    for (const auto& v : e.values) {
      p.print("case $name$::$v$: return $text$;\n", {{"name", e.cpp}, {"v", v.first}, {"text", cpp_string(v.second)}});
    }
    p.outdent();
    p.print("}\n");
  }
  p.print("return {};\n");
  p.outdent();
  p.print("}\n\n");
  p.print("template <>\ninline ::std::optional<$name$> from_string<$name$>(::std::string_view text) noexcept {\n",
          {{"name", e.cpp}});
  p.indent();
  if (e.values.empty()) p.print("static_cast<void>(text);\n");
  for (const auto& v : e.values) {
    p.print("if (text == $text$) return $name$::$v$;\n", {{"name", e.cpp}, {"v", v.first}, {"text", cpp_string(v.second)}});
  }
  p.print("return ::std::nullopt;\n");
  p.outdent();
  p.print("}\n\n");
}

}  // namespace

void generate_enums(Printer& p, const Model& m) {
  p.print(
      "// The value of enum E named `text` (its BAML name), or nullopt.\n"
      "template <typename E>\n"
      "::std::optional<E> from_string(::std::string_view text) noexcept;\n\n");
  for (const Enum& e : m.enums) {
    EnumView v{e.cpp, {}};
    for (const Named& n : e.values) v.values.emplace_back(n.cpp, n.baml);
    p.print("// enum $baml$\n", {{"baml", e.baml}});
    print_enum(p, v);
  }
  for (const LiteralEnum& l : m.literals) {
    EnumView v{l.cpp, {}};
    for (const auto& value : l.values) v.values.emplace_back(value.cpp, literal_text(value.value));
    p.print("// a literal union\n");
    print_enum(p, v);
  }
}

void generate_enum_conversions(Printer& p, const Model& m, const Spell& s) {
  for (const Enum& e : m.enums) {
    const std::string t = s.q() + e.cpp;
    p.print(
        "void Conv<$t$>::from(const ::baml::Value& v, $t$& out, Ctx&) {\n"
        "  const ::std::string* text = v.kind() == ::baml::Value::Kind::Enum     ? &v.enum_value()\n"
        "                              : v.kind() == ::baml::Value::Kind::String ? &v.as_string()\n"
        "                                                                        : nullptr;\n"
        "  if (text == nullptr) return;\n"
        "  if (auto e = $q$from_string<$t$>(*text)) out = *e;\n"
        "}\n"
        "::baml::Value Conv<$t$>::to(const $t$& x) {\n"
        "  return ::baml::Value::enumeration($baml$, ::std::string($q$to_string(x)));\n"
        "}\n"
        "bool Conv<$t$>::matches(const ::baml::Value& v) {\n"
        "  return v.kind() == ::baml::Value::Kind::Enum && v.enum_name() == $baml$;\n"
        "}\n\n",
        {{"t", t}, {"q", s.q()}, {"baml", cpp_string(e.baml)}});
  }
  for (const LiteralEnum& l : m.literals) {
    const std::string t = s.q() + l.cpp;
    p.print("void Conv<$t$>::from(const ::baml::Value& v, $t$& out, Ctx&) {\n", {{"t", t}});
    p.indent();
    for (const auto& value : l.values) {
      const std::string e = t + "::" + value.cpp;
      if (value.value.is_string()) {
        p.print("if (v.kind() == ::baml::Value::Kind::String && v.as_string() == $x$) out = $e$;\n",
                {{"x", cpp_string(value.value.get<std::string>())}, {"e", e}});
      } else if (value.value.is_boolean()) {
        p.print("if (v.kind() == ::baml::Value::Kind::Bool && v.as_bool() == $x$) out = $e$;\n",
                {{"x", value.value.get<bool>() ? "true" : "false"}, {"e", e}});
      } else {
        p.print("if (v.kind() == ::baml::Value::Kind::Int && v.as_int() == $x$) out = $e$;\n",
                {{"x", "std::int64_t{" + value.value.dump() + "}"}, {"e", e}});
      }
    }
    p.outdent();
    p.print("}\n");
    p.print("::baml::Value Conv<$t$>::to(const $t$& x) {\n", {{"t", t}});
    p.indent();
    p.print("switch (x) {\n");
    p.indent();
    for (const auto& value : l.values) {
      std::string make;
      if (value.value.is_string()) make = "::baml::Value::string(" + cpp_string(value.value.get<std::string>()) + ")";
      else if (value.value.is_boolean()) make = std::string("::baml::Value::boolean(") + (value.value.get<bool>() ? "true" : "false") + ")";
      else make = "::baml::Value::integer(::std::int64_t{" + value.value.dump() + "})";
      p.print("case $t$::$v$: return $make$;\n", {{"t", t}, {"v", value.cpp}, {"make", make}});
    }
    p.outdent();
    p.print("}\nreturn {};\n");
    p.outdent();
    p.print("}\n");
    p.print(
        "bool Conv<$t$>::matches(const ::baml::Value& v) {\n"
        "  for (int i = 0; i < $n$; ++i) {\n"
        "    if (to(static_cast<$t$>(i)) == v) return true;\n"
        "  }\n"
        "  return false;\n"
        "}\n\n",
        {{"t", t}, {"n", std::to_string(l.values.size())}});
  }
}

}  // namespace bamlc::codegen
