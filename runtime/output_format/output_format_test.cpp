// ctx.output_format on hand-built types: the layout rules and the options' errors. The full
// comparison with BAML 0.226.2 is the golden corpus (tests/output_format_golden, run by
// output_format_golden_driver).
#include "output_format/output_format.h"

#include <chrono>

#include <doctest/doctest.h>

#include <baml/errors.h>

namespace of = baml::output_format;
using baml::Value;
using baml::ir::Type;

namespace {

Type prim(Type::Kind k) {
  Type t;
  t.kind = k;
  return t;
}
Type named(Type::Kind k, std::string name) {
  Type t;
  t.kind = k;
  t.name = std::move(name);
  return t;
}
Type wrap(Type::Kind k, std::vector<Type> children) {
  Type t;
  t.kind = k;
  t.children = std::move(children);
  return t;
}
baml::ir::Field field(std::string name, Type type) {
  baml::ir::Field f;
  f.name = std::move(name);
  f.type = std::move(type);
  return f;
}
baml::ir::EnumValue value(std::string name) {
  baml::ir::EnumValue v;
  v.name = std::move(name);
  return v;
}

baml::ir::TypeSystem sample() {
  baml::ir::Class person{"Person", std::nullopt, std::nullopt, false,
                         {field("name", prim(Type::Kind::String)), field("age", prim(Type::Kind::Int))}, {}};
  baml::ir::Class node{"Node", std::nullopt, std::nullopt, false,
                       {field("value", prim(Type::Kind::Int)),
                        field("next", wrap(Type::Kind::Optional, {named(Type::Kind::Class, "Node")}))},
                       {}};
  baml::ir::Enum color{"Color", std::nullopt, false, {value("RED"), value("GREEN")}};
  baml::ir::Enum big{"Big", std::nullopt, false,
                     {value("A"), value("B"), value("C"), value("D"), value("E"), value("F"), value("G")}};
  baml::ir::Class holder{"Holder", std::nullopt, std::nullopt, false,
                         {field("c", named(Type::Kind::Enum, "Color")), field("b", named(Type::Kind::Enum, "Big")),
                          field("when", prim(Type::Kind::Duration))},
                         {}};
  return baml::ir::TypeSystem({person, node, holder}, {color, big}, {});
}

std::string text(const Type& t, const baml::ir::TypeSystem& ts, Value::Entries options = {}) {
  return of::render(t, ts, options);
}

}  // namespace

TEST_CASE("primitives") {
  auto ts = sample();
  CHECK(text(prim(Type::Kind::String), ts) == "");
  CHECK(text(prim(Type::Kind::Int), ts) == "Answer as an int");
  CHECK(text(prim(Type::Kind::Bool), ts) == "Answer as a bool");
  CHECK(text(prim(Type::Kind::Duration), ts) == "Answer as a duration (e.g. \"90s\", \"1m30s\")");
  CHECK(text(prim(Type::Kind::String), ts, {{"prefix", Value::string("")}}) == "string");
  CHECK(text(prim(Type::Kind::Null), ts) == "Answer ONLY with null:\nnull");
}

TEST_CASE("classes, recursive classes and enums") {
  auto ts = sample();
  CHECK(text(named(Type::Kind::Class, "Person"), ts) ==
        "Answer in JSON using this schema:\n{\n  name: string,\n  age: int,\n}");
  CHECK(text(named(Type::Kind::Class, "Node"), ts) ==
        "Node {\n  value: int,\n  next: Node or null,\n}\n\nAnswer in JSON using this schema: Node");
  CHECK(text(named(Type::Kind::Class, "Holder"), ts) ==
        "Big\n----\n- A\n- B\n- C\n- D\n- E\n- F\n- G\n\nAnswer in JSON using this schema:\n{\n  c: 'RED' or 'GREEN',\n"
        "  b: Big,\n  when: duration (e.g. \"90s\", \"1m30s\"),\n}");
  CHECK(text(wrap(Type::Kind::List, {wrap(Type::Kind::List, {prim(Type::Kind::Int)})}), ts) ==
        "Answer with a JSON Array using this schema:\n[\n  int[]\n]");
}

TEST_CASE("options") {
  auto ts = sample();
  Type person = named(Type::Kind::Class, "Person");
  CHECK(text(person, ts, {{"hoist_classes", Value::boolean(true)}, {"hoisted_class_prefix", Value::string("interface")}}) ==
        "interface Person {\n  name: string,\n  age: int,\n}\n\nAnswer in JSON using this interface: Person");
  CHECK(text(person, ts, {{"prefix", Value::null()}, {"quote_class_fields", Value::boolean(true)}}) ==
        "{\n  \"name\": string,\n  \"age\": int,\n}");
  CHECK(text(wrap(Type::Kind::Optional, {prim(Type::Kind::Int)}), ts,
             {{"or_splitter", Value::string(" | ")}, {"render_null_as", Value::string("None")}}) ==
        "Answer in JSON using this schema:\nint | None");
  CHECK(text(person, ts, {{"prefix", Value::integer(1)}}) == "1{\n  name: string,\n  age: int,\n}");
}

TEST_CASE("bad options are template errors") {
  auto ts = sample();
  Type person = named(Type::Kind::Class, "Person");
  CHECK_THROWS_AS(text(person, ts, {{"bogus", Value::integer(1)}}), baml::TemplateError);
  CHECK_THROWS_AS(text(person, ts, {{"always_hoist_enums", Value::string("yes")}}), baml::TemplateError);
  CHECK_THROWS_AS(text(person, ts, {{"quote_class_fields", Value::null()}}), baml::TemplateError);
  CHECK_THROWS_AS(text(person, ts, {{"map_style", Value::string("bad")}}), baml::TemplateError);
  CHECK_THROWS_AS(text(person, ts, {{"hoist_classes", Value::string("Person")}}), baml::TemplateError);
  CHECK_THROWS_WITH_AS(text(person, ts, {{"hoist_classes", Value::list({Value::string("Node")})}}),
                       doctest::Contains("Cannot hoist class \"Node\" because it does not exist"), baml::TemplateError);
  CHECK_THROWS_AS(text(prim(Type::Kind::Image), ts), baml::TemplateError);
}

TEST_CASE("a 200-field nested schema renders in tens of microseconds") {
  std::vector<baml::ir::Class> classes;
  for (int c = 0; c < 20; ++c) {
    baml::ir::Class k{"C" + std::to_string(c), std::nullopt, std::nullopt, false, {}, {}};
    for (int f = 0; f < 10; ++f) {
      Type t = f == 0 && c + 1 < 20 ? named(Type::Kind::Class, "C" + std::to_string(c + 1)) : prim(Type::Kind::Int);
      k.fields.push_back(field("f" + std::to_string(f), t));
    }
    classes.push_back(std::move(k));
  }
  baml::ir::TypeSystem ts(std::move(classes), {}, {});
  Type root = named(Type::Kind::Class, "C0");
  std::string first = of::render(root, ts);
  const int n = 200;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < n; ++i) CHECK(of::render(root, ts).size() == first.size());
  auto per = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start) / n;
  MESSAGE("200-field nested schema: " << per.count() << " us per render");
  CHECK(per.count() < 1000);  // generous: sanitizer and debug builds
}
