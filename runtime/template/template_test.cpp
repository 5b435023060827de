// The evaluator against BAML 0.226.2. Templates are written as IR JSON through the small
// builders below (the compiler's parser is not a runtime dependency). Expected strings marked
// "oracle" were produced by the real BAML (tools/baml_oracle) for the same template.
#include <doctest/doctest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include <baml/errors.h>

#include "template/regex.h"
#include "template/template.h"
#include "value/types.h"

namespace {

using nlohmann::json;
using baml::Value;
namespace tmpl = baml::tmpl;

// ---- IR builders ----

json W(const char* before = "default", const char* after = "default") { return {{"before", before}, {"after", after}}; }
json tx(const std::string& t) { return {{"kind", "text"}, {"text", t}}; }
json out(json e, json ws = W()) { return {{"kind", "output"}, {"expr", std::move(e)}, {"ws", std::move(ws)}}; }
json var(const std::string& n) { return {{"kind", "var"}, {"name", n}}; }
json str(const std::string& s) { return {{"kind", "string"}, {"value", s}}; }
json num(std::int64_t i) { return {{"kind", "int"}, {"value", i}}; }
json flt(double f) { return {{"kind", "float"}, {"value", f}}; }
json boolean(bool b) { return {{"kind", "bool"}, {"value", b}}; }
json none() { return {{"kind", "none"}}; }
json lst(std::vector<json> items) { return {{"kind", "list"}, {"items", std::move(items)}}; }
json dct(std::vector<std::pair<json, json>> entries) {
  json e = json::array();
  for (auto& [k, v] : entries) e.push_back(json::array({k, v}));
  return {{"kind", "dict"}, {"entries", e}};
}
json attr(json o, const std::string& n) { return {{"kind", "attr"}, {"object", std::move(o)}, {"name", n}}; }
json idx(json o, json i) { return {{"kind", "index"}, {"object", std::move(o)}, {"index", std::move(i)}}; }
json arg(json v, const char* name = nullptr) { return {{"name", name ? json(name) : json(nullptr)}, {"value", std::move(v)}}; }
json call(json callee, std::vector<json> args = {}) {
  return {{"kind", "call"}, {"callee", std::move(callee)}, {"args", std::move(args)}};
}
json filt(json v, const std::string& name, std::vector<json> args = {}) {
  return {{"kind", "filter"}, {"value", std::move(v)}, {"name", name}, {"args", std::move(args)}};
}
json test(json v, const std::string& name, bool negated = false, std::vector<json> args = {}) {
  return {{"kind", "test"}, {"value", std::move(v)}, {"name", name}, {"negated", negated}, {"args", std::move(args)}};
}
json bin(const std::string& op, json l, json r) {
  return {{"kind", "binary"}, {"op", op}, {"left", std::move(l)}, {"right", std::move(r)}};
}
json neg(json x) { return {{"kind", "unary"}, {"op", "-"}, {"operand", std::move(x)}}; }
json if_(json cond, std::vector<json> body, std::vector<json> else_body = {}, json ws = W(), json end_ws = W()) {
  json branches = json::array({{{"condition", std::move(cond)}, {"body", std::move(body)}, {"ws", ws}}});
  if (!else_body.empty()) branches.push_back({{"condition", nullptr}, {"body", std::move(else_body)}, {"ws", W()}});
  return {{"kind", "if"}, {"branches", branches}, {"end_ws", std::move(end_ws)}};
}
json for_(std::vector<std::string> targets, json iterable, std::vector<json> body, std::vector<json> else_body = {},
          json filter = nullptr, json ws = W(), json end_ws = W()) {
  return {{"kind", "for"},       {"targets", targets},   {"iterable", std::move(iterable)}, {"filter", std::move(filter)},
          {"recursive", false},  {"body", std::move(body)}, {"else_body", std::move(else_body)}, {"ws", std::move(ws)},
          {"else_ws", W()},      {"end_ws", std::move(end_ws)}};
}
json set_(const std::string& target, json v, const char* attribute = nullptr) {
  return {{"kind", "set"},
          {"target", target},
          {"attribute", attribute ? json(attribute) : json(nullptr)},
          {"value", std::move(v)},
          {"ws", W()}};
}
json brk() { return {{"kind", "break"}, {"ws", W()}}; }
json tmpl_of(std::vector<json> nodes, int dedent = 0) { return {{"dedent", dedent}, {"nodes", std::move(nodes)}}; }

// ---- a small program: Person { name, age, email?, roles, nick @alias("nickname") }, Tag ----

baml::ir::Type type(baml::ir::Type::Kind k) {
  baml::ir::Type t;
  t.kind = k;
  return t;
}

const baml::ir::TypeSystem& types() {
  static const baml::ir::TypeSystem ts = [] {
    using baml::ir::Field;
    using K = baml::ir::Type::Kind;
    baml::ir::Class person;
    person.name = "Person";
    auto field = [](std::string name, K k) {
      Field f;
      f.name = std::move(name);
      f.type = type(k);
      return f;
    };
    person.fields = {field("name", K::String), field("age", K::Int), field("email", K::String),
                     field("roles", K::List), field("nick", K::String), field("tag", K::Enum)};
    person.fields[4].alias = "nickname";
    baml::ir::Enum tag;
    tag.name = "Tag";
    baml::ir::EnumValue bug;
    bug.name = "BUG";
    bug.alias = "bug-report";
    baml::ir::EnumValue feature;
    feature.name = "FEATURE";
    tag.values = {bug, feature};
    return baml::ir::TypeSystem({person}, {tag}, {});
  }();
  return ts;
}

Value ann() {
  return Value::instance("Person", {{"name", Value::string("Ann")},
                                    {"age", Value::integer(30)},
                                    {"email", Value::null()},
                                    {"roles", Value::list({Value::string("admin")})},
                                    {"nick", Value::string("A")}});
}

tmpl::Environment env_with(Value::Entries vars = {}) {
  tmpl::Environment env;
  env.types = &types();
  env.variables = std::move(vars);
  return env;
}

std::string render_t(const json& t, const tmpl::Environment& env = env_with()) {
  return tmpl::render(*tmpl::compile_template(t, "test"), env).text;
}
std::string render1(const json& expr, const tmpl::Environment& env = env_with()) { return render_t(tmpl_of({out(expr)}), env); }

std::string render_error(const json& t, const tmpl::Environment& env = env_with()) {
  try {
    render_t(t, env);
  } catch (const baml::Error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("values print as BAML prints them (oracle)") {
  auto env = env_with({{"x", Value::null()}, {"p", ann()}, {"f", Value::floating(3)}, {"g", Value::floating(0.1)}});
  CHECK(render1(var("x"), env) == "null");
  CHECK(render1(lst({var("x")}), env) == "[none]");
  CHECK(render1(none()) == "null");
  CHECK(render1(var("missing")) == "");
  CHECK(render1(lst({none(), num(1), str("a"), boolean(true), flt(2.0), flt(1e20)})) == "[none, 1, \"a\", true, 2.0, 1e20]");
  CHECK(render1(flt(1e20)) == "100000000000000000000.0");
  CHECK(render1(flt(1.5e-7)) == "0.00000015");
  CHECK(render1(lst({flt(1e16), flt(1e15), flt(0.0001), flt(0.00001), flt(123456789.125)})) ==
        "[1e16, 1000000000000000.0, 0.0001, 1e-5, 123456789.125]");
  CHECK(render1(var("f"), env) == "3.0");
  CHECK(render1(bin("*", var("g"), num(3)), env) == "0.30000000000000004");
  CHECK(render1(lst({str("it's"), str("q\"x\n")})) == "[\"it's\", \"q\\\"x\\n\"]");
  CHECK(render1(dct({{str("a"), none()}, {str("b"), lst({boolean(true)})}})) == "{\"a\": none, \"b\": [true]}");
  CHECK(render1(bin("~", bin("~", str("x"), flt(1.0)), none())) == "x1.0none");
  CHECK(render1(bin("/", num(1), num(0))) == "inf");
}

TEST_CASE("a class prints as indented pseudo-JSON with alias keys (oracle)") {
  const std::string person =
      "{\n    \"name\": \"Ann\",\n    \"age\": 30,\n    \"email\": null,\n    \"roles\": [\n        \"admin\",\n    ],\n"
      "    \"nickname\": \"A\",\n}";
  auto env = env_with({{"p", ann()}});
  CHECK(render1(var("p"), env) == person);
  CHECK(render1(lst({var("p")}), env) == "[" + person + "]");
  CHECK(render1(dct({{str("k"), var("p")}}), env) == "{\"k\": " + person + "}");
  CHECK(render1(attr(var("p"), "nick"), env) == "A");
  CHECK(render1(attr(var("p"), "nickname"), env) == "");
  CHECK(render1(attr(var("p"), "roles"), env) == "[\"admin\"]");

  Value nested = Value::instance("Person", {{"name", Value::string("B")},
                                            {"roles", Value::list({})},
                                            {"tag", Value::enumeration("Tag", "BUG")}});
  Value wrap = Value::map({{"p", nested}});
  auto env2 = env_with({{"w", Value::instance("Person", {{"email", Value::map({{"a", Value::integer(1)}})},
                                                         {"roles", Value::list({nested})}})}});
  CHECK(render1(var("w"), env2) ==
        "{\n    \"email\": {\n        \"a\": 1,\n    },\n    \"roles\": [\n        {\n            \"name\": \"B\",\n"
        "            \"roles\": [],\n            \"tag\": bug-report,\n        },\n    ],\n}");
  (void)wrap;
}

TEST_CASE("enum values print their alias and compare by name (oracle)") {
  auto env = env_with({{"t", Value::enumeration("Tag", "BUG")}, {"u", Value::enumeration("Tag", "FEATURE")}});
  CHECK(render1(var("t"), env) == "bug-report");
  CHECK(render1(bin("==", var("t"), str("BUG")), env) == "true");
  CHECK(render1(bin("==", var("t"), str("bug-report")), env) == "false");
  CHECK(render1(attr(var("Tag"), "BUG"), env) == "bug-report");
  CHECK(render1(bin("==", attr(var("Tag"), "BUG"), var("t")), env) == "true");
  CHECK(render1(lst({var("t"), var("u")}), env) == "[bug-report, FEATURE]");
  CHECK(render1(filt(var("t"), "upper"), env) == "BUG-REPORT");
  CHECK(render1(test(var("t"), "string"), env) == "false");
  CHECK(render1(test(var("t"), "mapping"), env) == "true");
  CHECK(render1(bin("in", var("t"), lst({str("BUG")})), env) == "true");
  CHECK(render1(attr(var("t"), "value"), env) == "BUG");
  CHECK(render1(filt(var("t"), "tojson"), env) == "{}");
  // BAML's format filter writes an enum value as it prints.
  CHECK(render1(filt(var("t"), "format", {arg(str("json"), "type")}), env) == "\"bug-report\"");
  CHECK(render1(filt(lst({var("t"), var("u")}), "format", {arg(str("yaml"), "type")}), env) == "- bug-report\n- FEATURE\n");
  CHECK(render1(filt(lst({var("t"), var("u")}), "format", {arg(str("toon"), "type")}), env) == "[2]: bug-report,FEATURE");
  CHECK(render1(var("Tag"), env) == "{}");
  CHECK(render_error(tmpl_of({out(filt(var("t"), "length"))}), env).find("cannot calculate length") != std::string::npos);
}

TEST_CASE("null arguments, missing optional fields and defaults (oracle)") {
  auto env = env_with({{"x", Value::null()}, {"p", Value::instance("Person", {{"name", Value::string("A")}})}});
  CHECK(render1(test(var("x"), "none"), env) == "true");
  CHECK(render1(test(var("y"), "none"), env) == "false");
  CHECK(render1(test(var("y"), "defined"), env) == "false");
  CHECK(render1(filt(var("x"), "default", {arg(str("d"))}), env) == "null");
  CHECK(render1(filt(var("y"), "d", {arg(str("d"))}), env) == "d");
  CHECK(render1(filt(str(""), "default", {arg(str("e")), arg(boolean(true))}), env) == "e");
  CHECK(render1(attr(var("p"), "email"), env) == "");
  CHECK(render1(test(attr(var("p"), "email"), "defined"), env) == "false");
  // A null item of a list argument prints as `null`; a null value of a map inside a class as `none`.
  auto nulls = env_with({{"xs", Value::list({Value::string("a"), Value::null()})},
                         {"b", Value::instance("Bag", {{"tags", Value::map({{"k", Value::null()}})},
                                                       {"list", Value::list({Value::null()})}})}});
  CHECK(render1(var("xs"), nulls) == "[\"a\", null]");
  CHECK(render1(var("b"), nulls) == "{\n    \"tags\": {\n        \"k\": none,\n    },\n    \"list\": [\n        null,\n    ],\n}");
}

TEST_CASE("dedent, trim and whitespace control (oracle)") {
  // " X\n    {% for i in [1] %}\n      {{ i }}\n    {% endfor %}\n  Y  " (dedent 1)
  CHECK(render_t(tmpl_of({tx("\n X\n    "), for_({"i"}, lst({num(1)}), {tx("\n      "), out(var("i")), tx("\n    ")}),
                        tx("\n  Y  \n")},
                       1)) == "X\n     1\n Y");
  // "X\n  {% if true %}  {% endif %}Y"
  CHECK(render_t(tmpl_of({tx("X\n  "), if_(boolean(true), {tx("  ")}), tx("Y")})) == "X\n  Y");
  // "X\n{% if true %}\n  {% endif %}Y"
  CHECK(render_t(tmpl_of({tx("X\n"), if_(boolean(true), {tx("\n  ")}), tx("Y")})) == "X\nY");
  // "X {{- 1 }}   \n   {{- 2 }}"
  CHECK(render_t(tmpl_of({tx("X "), out(num(1), W("trim")), tx("   \n   "), out(num(2), W("trim"))})) == "X12");
  // "X\n  {# c #}  {% if true %}a{% endif %}\n  {{ 1 }}\n  {%+ if true %}b{% endif +%}\nc"
  json comment = {{"kind", "comment"}, {"ws", W()}};
  CHECK(render_t(tmpl_of({tx("X\n  "), comment, tx("  "), if_(boolean(true), {tx("a")}), tx("\n  "), out(num(1)),
                        tx("\n  "), if_(boolean(true), {tx("b")}, {}, W("keep"), W("default", "keep")), tx("\nc")})) ==
        "X\n  a  1\n  b\nc");
  // "X{% raw -%}  r  {%- endraw %}Y\n  {% raw %}\n  z\n  {% endraw %}\nW"
  json raw1 = {{"kind", "raw"}, {"text", "  r  "}, {"ws", W("default", "trim")}, {"end_ws", W("trim")}};
  json raw2 = {{"kind", "raw"}, {"text", "\n  z\n  "}, {"ws", W()}, {"end_ws", W()}};
  CHECK(render_t(tmpl_of({tx("X"), raw1, tx("Y\n  "), raw2, tx("\nW")})) == "XrY\n  z\nW");
}

TEST_CASE("a template_string keeps its first line's extra indentation; a prompt does not (oracle)") {
  auto render_as = [](json t, tmpl::TemplateRole role) {
    return tmpl::render(*tmpl::compile_template(t, "test", role), env_with()).text;
  };
  // #"\n      first deeper\n    second\n"# (dedent 4)
  const json deeper = tmpl_of({tx("\n\n      first deeper\n    second\n")}, 4);
  CHECK(render_as(deeper, tmpl::TemplateRole::TemplateString) == "  first deeper\nsecond");
  CHECK(render_as(deeper, tmpl::TemplateRole::Prompt) == "first deeper\nsecond");
  // #"  padded {{ x }}  "# (one line, dedent 2): trimmed in both
  const json one_line = tmpl_of({tx("  padded "), out(num(1)), tx("  ")}, 2);
  CHECK(render_as(one_line, tmpl::TemplateRole::TemplateString) == "padded 1");
  // #"\n\t\ttab deeper\n\ttab\n"# (dedent 1)
  CHECK(render_as(tmpl_of({tx("\n\t\ttab deeper\n\ttab\n")}, 1), tmpl::TemplateRole::TemplateString) ==
        "\ttab deeper\ntab");
}

TEST_CASE("for loops: loop variables, unpacking, else, filter, break") {
  // oracle: "1212truefalse2[3, 4]xtrue;3421falsetrue2[1, 2]ytrue;"
  json l = var("loop");
  json body = json::array({out(var("a")), out(var("b")), out(attr(l, "index")), out(attr(l, "revindex")),
                           out(attr(l, "first")), out(attr(l, "last")), out(attr(l, "length")),
                           out(attr(l, "previtem")), out(attr(l, "nextitem")),
                           out(call(attr(l, "cycle"), {arg(str("x")), arg(str("y"))})),
                           out(call(attr(l, "changed"), {arg(var("a"))})), tx(";")});
  CHECK(render_t(tmpl_of({for_({"a", "b"}, lst({lst({num(1), num(2)}), lst({num(3), num(4)})}), body)})) ==
        "1212truefalse2[3, 4]xtrue;3421falsetrue2[1, 2]ytrue;");
  CHECK(render_t(tmpl_of({for_({"x"}, lst({}), {tx("a")}, {tx("empty")})})) == "empty");
  CHECK(render_t(tmpl_of({for_({"x"}, call(var("range"), {arg(num(10))}), {out(var("x"))}, {},
                             test(var("x"), "odd"))})) == "13579");
  CHECK(render_t(tmpl_of({for_({"x"}, call(var("range"), {arg(num(10))}),
                             {out(var("x")), if_(bin(">", var("x"), num(2)), {brk()})})})) == "0123");
}

TEST_CASE("scopes: a for loop's sets end with it; if has no scope; namespaces carry out (oracle)") {
  CHECK(render_t(tmpl_of({set_("y", num(0)), for_({"x"}, lst({num(1), num(2)}), {set_("y", var("x"))}), out(var("y")),
                        if_(boolean(true), {set_("z", num(3))}), out(var("z"))})) == "03");
  CHECK(render_t(tmpl_of({set_("ns", call(var("namespace"), {arg(num(1), "x")})),
                        for_({"i"}, lst({num(1), num(2)}), {set_("ns", bin("+", attr(var("ns"), "x"), var("i")), "x")}),
                        out(attr(var("ns"), "x")), tx("|"), out(var("ns"))})) == "4|{\"x\": 4}");
  json set_block = {{"kind", "set_block"}, {"target", "b"}, {"body", {tx("  in "), out(num(1)), tx(" ")}}, {"ws", W()}, {"end_ws", W()}};
  CHECK(render_t(tmpl_of({set_block, tx("["), out(var("b")), tx("]")})) == "[  in 1 ]");
}

TEST_CASE("operators follow minijinja (oracle)") {
  CHECK(render1(bin("/", num(7), num(2))) == "3.5");
  CHECK(render1(bin("//", num(-7), num(2))) == "-4");
  CHECK(render1(bin("%", num(-7), num(3))) == "2");
  CHECK(render1(bin("%", flt(5.5), num(2))) == "1.5");
  CHECK(render1(bin("//", flt(2.5), num(1))) == "2.0");
  CHECK(render1(bin("**", num(2), num(10))) == "1024");
  CHECK(render1(bin("**", num(2), flt(0.5))) == "1.4142135623730951");
  CHECK(render1(bin("*", str("a"), num(3))) == "aaa");
  CHECK(render1(bin("+", lst({num(1)}), lst({num(2)}))) == "[1, 2]");
  CHECK(render1(bin("==", num(1), flt(1.0))) == "true");
  // A bool is the number 0 or 1 when compared: BAML renders `true == 1` and `1 in [true]` true.
  CHECK(render1(bin("==", boolean(true), num(1))) == "true");
  CHECK(render1(bin("==", boolean(false), flt(0.0))) == "true");
  CHECK(render1(bin("==", boolean(true), num(2))) == "false");
  CHECK(render1(bin("in", num(1), lst({boolean(true)}))) == "true");
  CHECK(render1(bin("==", lst({boolean(true)}), lst({num(1)}))) == "true");
  // ...but unique keeps a bool apart from the number it equals, as minijinja's hash does.
  CHECK(render1(filt(lst({boolean(true), num(1), flt(1.0)}), "unique")) == "[true, 1]");
  CHECK(render1(bin("or", num(0), str("x"))) == "x");
  CHECK(render1(bin("and", num(1), str("y"))) == "y");
  CHECK(render1(bin("in", str("x"), str("xyz"))) == "true");
  CHECK(render1(bin("in", str("a"), dct({{str("a"), num(1)}}))) == "true");
  CHECK(render1(idx(str("abc"), num(1))) == "b");
  json slice = {{"kind", "slice"}, {"object", str("hello")}, {"start", nullptr}, {"stop", nullptr}, {"step", neg(num(1))}};
  CHECK(render1(slice) == "olleh");
  CHECK(render_error(tmpl_of({out(bin("+", str("a"), num(1)))})).find("unsupported types string and number") !=
        std::string::npos);
  CHECK(render_error(tmpl_of({out(bin("**", num(2), neg(num(1))))})).find("unable to calculate 2 ** -1") !=
        std::string::npos);
}

TEST_CASE("filters (oracle)") {
  auto env = env_with({{"l", Value::list({Value::string("b"), Value::string("a"), Value::string("c")})}, {"p", ann()}});
  CHECK(render1(filt(var("l"), "sort"), env) == "[\"a\", \"b\", \"c\"]");
  CHECK(render1(filt(var("l"), "map", {arg(str("upper"))}), env) == "[\"B\", \"A\", \"C\"]");
  CHECK(render1(filt(var("l"), "batch", {arg(num(2))}), env) == "[[\"b\", \"a\"], [\"c\"]]");
  CHECK(render1(filt(var("l"), "slice", {arg(num(2))}), env) == "[[\"b\", \"a\"], [\"c\"]]");
  CHECK(render1(filt(var("l"), "join", {arg(str(","))}), env) == "b,a,c");
  CHECK(render1(filt(var("l"), "max"), env) == "c");
  CHECK(render1(filt(var("l"), "count"), env) == "3");
  CHECK(render1(filt(str("a,b"), "split", {arg(str(","))})) == "<iterator>");
  CHECK(render1(filt(dct({{str("b"), num(1)}, {str("a"), num(2)}}), "dictsort")) == "[[\"a\", 2], [\"b\", 1]]");
  CHECK(render1(filt(flt(3.7), "round")) == "4.0");
  CHECK(render1(filt(flt(3.14159), "round", {arg(num(2))})) == "3.14");
  CHECK(render1(filt(str("hello wORld"), "title")) == "Hello World");
  CHECK(render1(filt(str("hello wORld"), "capitalize")) == "Hello world");
  CHECK(render1(filt(str("<b>&'\""), "escape")) == "&lt;b&gt;&amp;&#x27;&quot;");
  CHECK(render1(filt(str("a\nb"), "indent", {arg(num(2))})) == "a\n  b");
  CHECK(render1(filt(str("x"), "pprint")) == "\"x\"");
  CHECK(render1(filt(str("a\nb"), "lines")) == "[\"a\", \"b\"]");
  CHECK(render1(filt(str("abc"), "regex_match", {arg(str("b"))})) == "true");
  CHECK(render1(filt(str("abc"), "regex_match", {arg(str("^b"))})) == "false");
  CHECK(render1(filt(var("p"), "tojson"), env) == "{\"name\":\"Ann\",\"age\":30,\"email\":null,\"roles\":[\"admin\"],\"nick\":\"A\"}");
  CHECK(render1(filt(var("p"), "format", {arg(str("json"), "type")}), env) ==
        "{\"name\":\"Ann\",\"age\":30,\"email\":null,\"roles\":[\"admin\"],\"nickname\":\"A\"}");
  CHECK(render1(filt(dct({{str("a"), lst({num(1), num(2)})}}), "format", {arg(str("yaml"), "type")})) == "a:\n- 1\n- 2\n");
  // Lists in a list keep their items in TOON; a whole float is an integer to format, not to tojson.
  CHECK(render1(filt(lst({lst({num(1), num(2)}), lst({num(3)})}), "format", {arg(str("toon"), "type")})) ==
        "[2]:\n  - [2]: 1,2\n  - [1]: 3");
  CHECK(render1(filt(dct({{str("p"), flt(10.0)}}), "format", {arg(str("json"), "type")})) == "{\"p\":10}");
  CHECK(render1(filt(dct({{str("p"), flt(10.0)}}), "format", {arg(str("yaml"), "type")})) == "p: 10\n");
  CHECK(render1(filt(dct({{str("p"), flt(10.0)}}), "tojson")) == "{\"p\":10.0}");
  CHECK(render1(filt(var("p"), "items"), env) ==
        "[[\"name\", \"Ann\"], [\"age\", 30], [\"email\", none], [\"roles\", [\"admin\"]], [\"nick\", \"A\"]]");
  CHECK(render1(filt(var("p"), "length"), env) == "5");
  CHECK(render_error(tmpl_of({out(filt(str("%s"), "format", {arg(str("x"))}))})).find("too many arguments") !=
        std::string::npos);
  CHECK(render_error(tmpl_of({out(filt(str("x"), "nosuch"))})).find("unknown filter") != std::string::npos);
}

TEST_CASE("filters take minijinja 2.10's arguments; BAML's sum (oracle)") {
  auto env = env_with({{"w", Value::list({Value::string("pear"), Value::string("apple"), Value::string("Zed")})},
                       {"s", Value::string("a\n\n  \nb\n")}});
  // max/min take no arguments and compare strings case-sensitively.
  CHECK(render1(filt(var("w"), "max"), env) == "pear");
  CHECK(render1(filt(var("w"), "min"), env) == "Zed");
  CHECK(render1(filt(str("abc"), "max")) == "c");
  // round: an int stays an int; a float rounds half away from zero.
  CHECK(render1(filt(num(7), "round")) == "7");
  CHECK(render1(filt(flt(2.5), "round")) == "3.0");
  CHECK(render1(filt(flt(-0.5), "round")) == "-1.0");
  // indent(width, first, blank): a trailing newline goes; only empty lines are blank.
  CHECK(render1(filt(var("s"), "indent", {arg(num(2))}), env) == "a\n\n    \n  b");
  CHECK(render1(filt(var("s"), "indent", {arg(num(2)), arg(boolean(true)), arg(boolean(true))}), env) ==
        "  a\n  \n    \n  b");
  // sum is BAML's own.
  CHECK(render1(filt(lst({num(1), flt(2.5)}), "sum")) == "3.5");
  CHECK(render1(filt(lst({flt(1.0), num(2)}), "sum")) == "3");
  CHECK(render1(filt(lst({flt(0.5), flt(0.5)}), "sum")) == "1.0");
  CHECK(render1(filt(lst({num(1), boolean(true)}), "sum")) == "2");
  CHECK(render1(filt(lst({num(1), str("a"), num(2)}), "sum")) == "0");
  CHECK(render1(filt(lst({num(1), none()}), "sum")) == "0");
  CHECK(render1(filt(lst({num(9223372036854775807LL), num(1)}), "sum")) == "-9223372036854775808");
  CHECK(render_error(tmpl_of({out(filt(str("12"), "sum"))})).find("not iterable") != std::string::npos);
  // Keyword arguments minijinja 2.10 lacks fail as in BAML.
  auto err = [](json e) { return render_error(tmpl_of({out(std::move(e))})); };
  CHECK(err(filt(var("w"), "join", {arg(str("/")), arg(str("name"), "attribute")})).find("too many arguments") != std::string::npos);
  CHECK(err(filt(var("w"), "join", {arg(str("-"), "d")})).find("cannot convert kwargs to string") != std::string::npos);
  CHECK(err(filt(str("a\nb"), "indent", {arg(num(3), "width")})).find("cannot convert map to usize") != std::string::npos);
  CHECK(err(filt(str("a\nb"), "indent", {arg(num(3)), arg(boolean(true), "first")})).find("cannot convert map to bool") !=
        std::string::npos);
  CHECK(err(filt(str("banana"), "replace", {arg(str("a")), arg(str("_")), arg(num(1))})).find("too many arguments") !=
        std::string::npos);
  CHECK(err(filt(flt(2.5), "round", {arg(num(1)), arg(str("floor"))})).find("too many arguments") != std::string::npos);
  CHECK(err(filt(flt(2.5), "round", {arg(num(1), "precision")})).find("cannot convert map to i32") != std::string::npos);
  CHECK(err(filt(lst({num(1)}), "sum", {arg(str("price"), "attribute")})).find("too many arguments") != std::string::npos);
  CHECK(err(filt(lst({num(1)}), "max", {arg(str("price"), "attribute")})).find("too many arguments") != std::string::npos);
  CHECK(err(filt(lst({num(1)}), "min", {arg(boolean(true))})).find("too many arguments") != std::string::npos);
  // The method replace does take a count.
  CHECK(render1(call(attr(str("aaa"), "replace"), {arg(str("a")), arg(str("o")), arg(num(2))})) == "ooa");
}

TEST_CASE("sort by several attributes compares tuples, case-sensitively (oracle)") {
  auto row = [](std::int64_t id, const char* name) {
    return Value::map({{"id", Value::integer(id)}, {"name", Value::string(name)}});
  };
  auto env = env_with({{"rows", Value::list({row(2, "b"), row(1, "B"), row(3, "a"), row(0, "b")})}});
  auto ids = [&](std::vector<json> args) {
    return render1(filt(filt(filt(var("rows"), "sort", std::move(args)), "map", {arg(str("id"), "attribute")}),
                        "join", {arg(str(","))}),
                   env);
  };
  CHECK(ids({arg(str("name,id"), "attribute")}) == "1,3,0,2");
  CHECK(ids({arg(str("name, id"), "attribute")}) == "1,3,0,2");
  CHECK(ids({arg(str("name,id"), "attribute"), arg(boolean(true), "reverse")}) == "2,0,3,1");
  CHECK(ids({arg(str("name,nope"), "attribute")}) == "1,3,2,0");
  CHECK(ids({arg(str("name"), "attribute")}) == "3,2,1,0");  // one key: case-folded, stable
}

TEST_CASE("groupby yields (grouper, list) pairs with .grouper and .list (oracle)") {
  auto item = [](const char* name, double price) {
    return Value::map({{"name", Value::string(name)}, {"price", Value::floating(price)}});
  };
  auto env = env_with({{"items", Value::list({item("pen", 1.5), item("cup", 3.0), item("ink", 1.5)})}});
  const json groups = filt(var("items"), "groupby", {arg(str("price"))});
  CHECK(render_t(tmpl_of({for_({"g"}, groups,
                               {out(attr(var("g"), "grouper")), tx(": "),
                                out(filt(filt(attr(var("g"), "list"), "map", {arg(str("name"), "attribute")}), "join",
                                         {arg(str(","))})),
                                tx(";")})}),
                 env) == "1.5: pen,ink;3.0: cup;");
  CHECK(render_t(tmpl_of({for_({"k", "v"}, groups, {out(var("k")), tx("="), out(filt(var("v"), "length")), tx(";")})}),
                 env) == "1.5=2;3.0=1;");
  CHECK(render1(idx(idx(groups, num(1)), num(0)), env) == "3.0");
  // Case-insensitive by default; a group's key is its last item's.
  const json words = lst({dct({{str("a"), str("X")}}), dct({{str("a"), str("x")}}), dct({{str("a"), str("Y")}})});
  CHECK(render_t(tmpl_of({for_({"g"}, filt(words, "groupby", {arg(str("a"))}),
                               {out(attr(var("g"), "grouper")), out(filt(attr(var("g"), "list"), "length")), tx(";")})})) ==
        "x2;Y1;");
}

TEST_CASE("pprint is Rust's {:#?} (oracle)") {
  CHECK(render1(filt(lst({num(1), num(2)}), "pprint")) == "[\n    1,\n    2,\n]");
  CHECK(render1(filt(lst({num(1), lst({num(2), lst({})}), dct({{str("a"), none()}, {str("b"), dct({})}}), str("x\"y\n"),
                          flt(1.5), flt(1e20), var("nosuch"), boolean(true)}),
                     "pprint")) ==
        "[\n    1,\n    [\n        2,\n        [],\n    ],\n    {\n        \"a\": none,\n        \"b\": {},\n    },\n"
        "    \"x\\\"y\\n\",\n    1.5,\n    1e20,\n    undefined,\n    true,\n]");
  CHECK(render1(filt(lst({}), "pprint")) == "[]");
  CHECK(render1(filt(none(), "pprint")) == "none");
  CHECK(render1(filt(flt(2.0), "pprint")) == "2.0");
  auto env = env_with({{"p", ann()}});
  CHECK(render1(filt(lst({var("p")}), "pprint"), env) ==
        "[\n    {\n        \"name\": \"Ann\",\n        \"age\": 30,\n        \"email\": null,\n        \"roles\": [\n"
        "            \"admin\",\n        ],\n        \"nickname\": \"A\",\n    },\n]");
}

TEST_CASE("safe strings: |safe marks, |escape leaves them, is safe / is escaped (oracle)") {
  auto env = env_with({{"s", Value::string("<b>&</b>")}});
  CHECK(render1(filt(var("s"), "safe"), env) == "<b>&</b>");
  CHECK(render1(filt(filt(var("s"), "safe"), "escape"), env) == "<b>&</b>");
  CHECK(render1(filt(filt(var("s"), "escape"), "escape"), env) == "&lt;b&gt;&amp;&lt;&#x2f;b&gt;");
  CHECK(render1(test(var("s"), "safe"), env) == "false");
  CHECK(render1(test(filt(var("s"), "safe"), "safe"), env) == "true");
  CHECK(render1(test(var("s"), "escaped"), env) == "false");
  CHECK(render1(test(filt(var("s"), "escape"), "escaped"), env) == "true");
  CHECK(render1(test(filt(num(3), "safe"), "safe")) == "true");
  CHECK(render1(test(filt(filt(var("s"), "safe"), "upper"), "safe"), env) == "false");
  CHECK(render1(test(filt(filt(var("s"), "safe"), "string"), "safe"), env) == "true");
  CHECK(render1(filt(none(), "escape")) == "none");
  CHECK(render1(filt(lst({num(1)}), "safe")) == "[1]");
}

TEST_CASE("string predicates are all-characters tests: true for the empty string (oracle)") {
  auto m = [](const char* s, const char* method) { return render1(call(attr(str(s), method))); };
  CHECK(m("", "isspace") == "true");
  CHECK(m("", "isalnum") == "true");
  CHECK(m("", "islower") == "true");
  CHECK(m("", "isupper") == "true");
  CHECK(m("", "isdigit") == "true");
  CHECK(m("abc1", "islower") == "false");
  CHECK(m("AB1", "isupper") == "false");
  CHECK(m("\xC2\xBD", "isdigit") == "true");  // ½
  CHECK(m(" \t\n", "isspace") == "true");
  CHECK(m("abc", "isspace") == "false");
}

TEST_CASE("strip, lstrip and rstrip take an undefined argument as none, and refuse a non-string one") {
  // Found by template_fuzz: `s.strip(last)` with `last` undefined read the undefined value as a
  // string (a null reference; UBSan).
  CHECK(render1(call(attr(str("  x hi x  "), "strip"), {arg(var("last"))})) == "x hi x");
  CHECK(render1(call(attr(str("  x "), "lstrip"), {arg(var("nothing"))})) == "x ");
  CHECK(render1(call(attr(str("xxhixx"), "rstrip"), {arg(str("x"))})) == "xxhi");
  CHECK(render1(call(attr(str("xhix"), "strip"), {arg(none())})) == "xhix");
  CHECK(render_error(tmpl_of({out(call(attr(str("x"), "strip"), {arg(num(5))}))})).find("strip() expects a string argument") !=
        std::string::npos);
}

TEST_CASE("null is an undefined variable, not none (oracle)") {
  // The IR writes `null` as {"kind": "var", "name": "null"}.
  CHECK(render1(var("null")) == "");
  CHECK(render1(lst({none(), var("null")})) == "[none, undefined]");
  CHECK(render1(test(var("null"), "none")) == "false");
  CHECK(render1(test(var("null"), "defined")) == "false");
}

TEST_CASE("methods and globals (oracle)") {
  CHECK(render1(call(attr(str("a.b.c"), "split"), {arg(str(".")), arg(num(1))})) == "[\"a\", \"b.c\"]");
  CHECK(render1(call(attr(str("{} and {}"), "format"), {arg(num(1)), arg(str("b"))})) == "1 and b");
  // Python format specs, as BAML 0.226.2 renders them.
  auto fmt = [](const char* f, std::vector<json> args) { return render1(call(attr(str(f), "format"), std::move(args))); };
  CHECK(fmt("{:.2f}|{:>5}|{:<4}|", {arg(flt(3.14159)), arg(num(1234)), arg(str("q"))}) == "3.14| 1234|q   |");
  CHECK(fmt("{:03d}|{:e}|{:x}|{:^7}|{:+d}", {arg(num(1234)), arg(flt(3.14159)), arg(num(1234)), arg(str("q")), arg(num(1234))}) ==
        "1234|3.141590e+00|4d2|   q   |+1234");
  CHECK(fmt("{0:.3f} {1}", {arg(flt(3.14159)), arg(str("q"))}) == "3.142 q");
  CHECK(fmt("{:,}|{:08.2f}|{:.0%}", {arg(num(1234567)), arg(flt(-3.5)), arg(flt(0.25))}) == "1,234,567|-0003.50|25%");
  CHECK(fmt("{:.400f}", {arg(flt(1e308))}).size() == 309 + 1 + 400);
  CHECK(render_error(tmpl_of({out(call(attr(str("{:q}"), "format"), {arg(num(1))}))})).find("invalid format spec") !=
        std::string::npos);
  CHECK(render1(call(attr(str(", "), "join"), {arg(lst({str("a"), str("b")}))})) == "a, b");
  CHECK(render1(call(attr(dct({{str("a"), num(1)}}), "get"), {arg(str("b")), arg(num(2))})) == "2");
  CHECK(render1(call(attr(dct({{str("a"), num(1)}}), "items"))) == "[[\"a\", 1]]");
  CHECK(render1(call(var("range"), {arg(num(3))})) == "[0, 1, 2]");
  CHECK(render1(call(var("dict"), {arg(num(1), "a")})) == "{\"a\": 1}");
  CHECK(render_error(tmpl_of({out(call(var("range"), {arg(num(1000000))}))})).find("range has too many elements") !=
        std::string::npos);
}

TEST_CASE("template_strings, ctx and role markers") {
  std::map<std::string, tmpl::Macro, std::less<>> macros;
  macros["Greet"] = tmpl::Macro{{"n"}, tmpl::compile_template(tmpl_of({tx("Hello "), out(var("n")), tx("!")}), "Greet")};
  macros["Loop"] = tmpl::Macro{{}, tmpl::compile_template(tmpl_of({out(call(var("Loop")))}), "Loop")};
  tmpl::PromptContext ctx;
  ctx.client_name = "C";
  ctx.client_provider = "openai";
  ctx.output_format = [](const Value::Entries& options) {
    std::string s = "OF";
    for (const auto& [k, v] : options) s += "," + k;
    return s;
  };
  auto env = env_with({{"img", Value::media(baml::Media::from_url(baml::MediaKind::Image, "http://x/a.png"))}});
  env.macros = &macros;
  env.ctx = &ctx;
  env.role_helper = true;

  CHECK(render1(call(var("Greet"), {arg(str("x"))}), env) == "Hello x!");
  CHECK(render1(call(var("Greet"), {arg(str("y"), "n")}), env) == "Hello y!");
  CHECK(render1(var("Greet"), env) == "<macro Greet>");
  CHECK(render1(attr(attr(var("ctx"), "client"), "name"), env) == "C");
  CHECK(render1(attr(attr(var("ctx"), "client"), "provider"), env) == "openai");
  CHECK(render1(attr(var("ctx"), "output_format"), env) == "OF");
  CHECK(render1(call(attr(var("ctx"), "output_format"), {arg(str("P"), "prefix")}), env) == "OF,prefix");
  // As a value it is BAML's empty map that prints as the schema: false in an `if`, length 0.
  CHECK(render_t(tmpl_of({if_(attr(var("ctx"), "output_format"), {tx("T")}, {tx("F")})}), env) == "F");
  CHECK(render1(filt(attr(var("ctx"), "output_format"), "length"), env) == "0");
  CHECK(render1(test(attr(var("ctx"), "output_format"), "mapping"), env) == "true");
  // An empty namespace is false, one with a value true.
  CHECK(render_t(tmpl_of({if_(call(var("namespace")), {tx("T")}, {tx("F")}),
                          if_(call(var("namespace"), {arg(num(1), "a")}), {tx("T")}, {tx("F")})}),
                 env) == "FT");
  CHECK(render_error(tmpl_of({out(call(var("Loop")))}), env).find("limit") != std::string::npos);

  const auto t = tmpl::compile_template(
      tmpl_of({out(call(attr(var("_"), "role"), {arg(str("user"))})), tx("A"),
               out(call(attr(var("_"), "chat"), {arg(str("assistant")), arg(dct({{str("type"), str("ephemeral")}}), "cache_control")})),
               tx("B"), out(var("img"))}),
      "t");
  const tmpl::RenderOutput r = tmpl::render(*t, env);
  CHECK(r.nonce.size() == 16);
  CHECK(r.text == tmpl::marker('r', 0, r.nonce) + "A" + tmpl::marker('r', 1, r.nonce) + "B" + tmpl::marker('m', 0, r.nonce));
  CHECK(tmpl::render(*t, env).nonce != r.nonce);  // each render has its own
  REQUIRE(r.roles.size() == 2);
  CHECK(r.roles[0].role == "user");
  CHECK(r.roles[1].role == "assistant");
  REQUIRE(r.roles[1].metadata.size() == 1);
  CHECK(r.roles[1].metadata[0].first == "cache_control");
  REQUIRE(r.media.size() == 1);
  CHECK(r.media[0].url == "http://x/a.png");
}

TEST_CASE("limits stop a render with an error") {
  auto env = env_with();
  env.limits.max_steps = 1000;
  CHECK(render_error(tmpl_of({for_({"i"}, call(var("range"), {arg(num(5000))}), {tx("x")})}), env).find("limit") !=
        std::string::npos);
  env = env_with();
  env.limits.max_output_bytes = 100;
  CHECK(render_error(tmpl_of({out(bin("*", str("ab"), num(1000)))}), env).find("limit") != std::string::npos);
  CHECK(render_error(tmpl_of({for_({"i"}, call(var("range"), {arg(num(500))}), {tx("xy")})}), env).find("limit") !=
        std::string::npos);
}

TEST_CASE("malformed IR is a ConfigError naming where") {
  CHECK_THROWS_AS(tmpl::compile_template(json{{"nodes", json::array()}}, "fn F"), baml::ConfigError);
  try {
    tmpl::compile_template(tmpl_of({{{"kind", "bogus"}}}), "fn F");
    FAIL("no error");
  } catch (const baml::ConfigError& e) {
    CHECK(std::string(e.what()).find("fn F") != std::string::npos);
  }
  CHECK_THROWS_AS(tmpl::compile_expression(json{{"kind", "binary"}, {"op", "^^"}, {"left", num(1)}, {"right", num(2)}}, "c"),
                  baml::ConfigError);
}

TEST_CASE("check expressions evaluate to values") {
  auto env = env_with({{"this", Value::string("hello")}});
  auto e = tmpl::compile_expression(bin(">", filt(var("this"), "length"), num(3)), "check");
  const Value v = tmpl::evaluate(*e, env);
  CHECK(v == Value::boolean(true));
  CHECK(tmpl::truthy(v));
  CHECK_FALSE(tmpl::truthy(Value::string("")));
  CHECK_FALSE(tmpl::truthy(Value::list({})));
  CHECK(tmpl::truthy(Value::integer(2)));
}

TEST_CASE("a 10 KB argument and a long loop render fast") {
  std::string big(10000, 'x');
  Value::Items fields;
  for (int i = 0; i < 200; ++i) fields.push_back(Value::string("field" + std::to_string(i)));
  auto env = env_with({{"doc", Value::string(big)}, {"fields", Value::list(fields)}});
  const auto t = tmpl::compile_template(
      tmpl_of({tx("Read:\n"), out(var("doc")), tx("\n"),
               for_({"f"}, var("fields"), {tx("- "), out(var("f")), if_(bin("==", attr(var("loop"), "last"), boolean(false)), {tx("\n")})})}),
      "perf");
  const auto start = std::chrono::steady_clock::now();
  std::size_t total = 0;
  for (int i = 0; i < 100; ++i) total += tmpl::render(*t, env).text.size();
  const auto per = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start) / 100;
  MESSAGE("render with a 10 KB argument and 200 loop items: " << per.count() << " us");
  CHECK(total > 100 * 10000);
}

// Found by template_fuzz (docs/fuzzing.md): each used to be undefined behaviour (UBSan) or a stack
// overflow or a leak (ASan).
TEST_CASE("numbers past int64 end in an error or a float, not in undefined behaviour") {
  constexpr std::int64_t kMin = INT64_MIN;
  constexpr std::int64_t kMax = INT64_MAX;
  // A float, or a string that only reads as one, converted to an int it does not fit.
  CHECK(render_error(tmpl_of({out(filt(flt(1e19), "int"))})).find("cannot convert 10000000000000000000.0 to int: out of range") !=
        std::string::npos);
  CHECK(render_error(tmpl_of({out(filt(bin("*", flt(1e308), num(10)), "int"))})).find("cannot convert inf to int") !=
        std::string::npos);
  CHECK(render_error(tmpl_of({out(filt(str("9999999999999999999999999"), "int"))})).find("out of range") != std::string::npos);
  CHECK(render1(filt(str("nan"), "int")) == "0");  // minijinja's cast: NaN is 0
  CHECK(render1(filt(flt(-9223372036854775808.0), "int")) == "-9223372036854775808");
  CHECK(render1(filt(flt(-2.5), "int")) == "-2");
  // |abs of the smallest int continues in floating point, as overflowing arithmetic does.
  CHECK(render1(filt(num(kMin), "abs")) == "9223372036854776000.0");
  CHECK(render1(filt(num(-3), "abs")) == "3");
  // A range whose next step would pass int64 ends there.
  CHECK(render1(filt(call(var("range"), {arg(num(kMin)), arg(num(kMax)), arg(num(kMax))}), "list")) ==
        "[-9223372036854775808, -1, 9223372036854775806]");
  CHECK(render1(filt(call(var("range"), {arg(num(kMax)), arg(num(kMin)), arg(num(kMin))}), "list")) == "[9223372036854775807, -1]");
}

TEST_CASE("a namespace cannot hold itself, a loop, or values nested without end") {
  const json ns = set_("ns", call(var("namespace"), {arg(num(1), "x")}));
  // Holding itself: never freed (LSan), printed without end (a stack overflow).
  CHECK(render_error(tmpl_of({ns, set_("ns", var("ns"), "x"), out(var("ns"))})).find("cannot hold a namespace") !=
        std::string::npos);
  CHECK(render_error(tmpl_of({ns, set_("ns", lst({dct({{str("k"), var("ns")}})}), "x")})).find("cannot hold a namespace") !=
        std::string::npos);
  CHECK(render_error(tmpl_of({ns, set_("other", call(var("namespace"), {arg(var("ns"), "inner")}))}))
            .find("cannot hold a namespace") != std::string::npos);
  CHECK(render_error(tmpl_of({ns, set_("c", call(var("cycler"), {arg(var("ns"))})), set_("ns", var("c"), "x")}))
            .find("cannot hold a namespace") != std::string::npos);
  // A loop kept past its end, or in its own loop.changed().
  CHECK(render_error(tmpl_of({ns, for_({"i"}, lst({num(1)}), {set_("ns", var("loop"), "x")})})).find("cannot hold a namespace or a loop") !=
        std::string::npos);
  CHECK(render_error(tmpl_of({for_({"i"}, lst({num(1)}), {out(call(attr(var("loop"), "changed"), {arg(var("loop"))}))})}))
            .find("loop.changed() cannot take") != std::string::npos);
  // `{% set ns.x = [ns.x] %}` in a loop nested one list deeper each time: freeing, printing or
  // comparing 60,000 levels overflowed the stack.
  CHECK(render_error(tmpl_of({ns, for_({"i"}, call(var("range"), {arg(num(60000))}), {set_("ns", lst({attr(var("ns"), "x")}), "x")}),
                              out(var("ns"))}))
            .find("nested more than 100 lists or dicts deep") != std::string::npos);
  // What namespaces are for still works: counters, flat lists, strings, dicts, a cycler of plain values.
  CHECK(render_t(tmpl_of({set_("ns", call(var("namespace"), {arg(lst({}), "items"), arg(num(0), "n")})),
                          for_({"i"}, call(var("range"), {arg(num(3))}),
                               {set_("ns", bin("+", attr(var("ns"), "items"), lst({dct({{str("i"), var("i")}})})), "items"),
                                set_("ns", bin("+", attr(var("ns"), "n"), var("i")), "n")}),
                          set_("ns", call(var("cycler"), {arg(str("a")), arg(str("b"))}), "c"),
                          out(attr(var("ns"), "items")), tx("|"), out(attr(var("ns"), "n")), tx("|"),
                          out(call(attr(attr(var("ns"), "c"), "next")))})) == "[{\"i\": 0}, {\"i\": 1}, {\"i\": 2}]|3|a");
}

TEST_CASE("regex_match: Rust's regex syntax, matched in time linear in the text") {
  using baml::tmpl::Regex;
  const auto m = [](const std::string& pattern, const std::string& text) { return Regex(pattern).search(text); };
  // Found by template_fuzz (hand-written seeds): with std::regex, `(a+)+$` backtracked for minutes
  // on 29 characters, and a 100 KB argument overflowed the stack (one recursion per character).
  const std::string as = std::string(28, 'a') + "!";
  CHECK_FALSE(m("(a+)+$", as));
  CHECK(m("(a+)+!", as));
  const std::string long_text(200000, 'x');
  CHECK_FALSE(m(".*foo", long_text));
  CHECK(m("(x|y)*$", long_text));
  CHECK(m("^x+$", long_text));
  CHECK(render1(filt(str(long_text), "regex_match", {arg(str("^(x|y)*$"))})) == "true");
  CHECK(render1(filt(str(as), "regex_match", {arg(str("(a+)+$"))})) == "false");

  CHECK(m("^[a-z]+[0-9]$", "abc1"));
  CHECK_FALSE(m("^[a-z]+[0-9]$", "abc12"));
  CHECK(m("colou?r", "the color"));
  CHECK(m("^a{2,3}$", "aaa"));
  CHECK_FALSE(m("^a{2,3}$", "aaaa"));
  CHECK(m("^a{2}$", "aa"));
  CHECK(m("^a{2,}?$", "aaaaa"));
  CHECK(m("\\d{3}-\\d{4}", "call 555-1234"));
  CHECK(m("\\bcat\\b", "a cat."));
  CHECK_FALSE(m("\\bcat\\b", "concatenate"));
  CHECK(m("\\Bcat", "concatenate"));
  CHECK(m("(?i)hello", "HeLLo"));
  CHECK_FALSE(m("hello", "HELLO"));
  CHECK(m("(?i:a)b", "Ab"));
  CHECK_FALSE(m("(?i:a)b", "AB"));
  CHECK_FALSE(m("^b$", "a\nb"));  // without m, ^ and $ are the text's ends (not before a final \n)
  CHECK_FALSE(m("^a$", "a\n"));
  CHECK(m("(?m)^b$", "a\nb"));
  CHECK_FALSE(m("a.b", "a\nb"));
  CHECK(m("(?s)a.b", "a\nb"));
  CHECK(m("[[:upper:]][^[:upper:]]", "Ab"));
  CHECK(m("^[\\w-]+@[\\w.]+$", "me-x@ex.com"));
  CHECK(m("[^\\d\\s]", "1 x"));
  CHECK_FALSE(m("^[^\\d\\s]+$", "1 x"));
  CHECK(m("(?P<year>\\d{4})-(?:\\d\\d)", "2024-05"));
  CHECK(m("(?<y>\\d)", "7"));
  CHECK(m("\xE6\x97\xA5\xE6\x9C\xAC", "\xE3\x81\x93\xE6\x97\xA5\xE6\x9C\xAC"));  // UTF-8 literals
  CHECK(m("^.$", "\xC3\xA9"));                                                   // . is one character
  CHECK(m("^\\x41\\u{1F600}\\u00e9$", "A\xF0\x9F\x98\x80\xC3\xA9"));
  CHECK(m("a|b|^c$", "c"));
  CHECK(m("", ""));
  CHECK(m("x*", ""));
  CHECK(m("(a*)*b", "aaab"));
  CHECK(m("(?x) a b  # a comment\n c", "abc"));
  CHECK(m("[]a]", "]"));
  CHECK(m("[a-]", "-"));
  CHECK(m("[[a-c]x]", "b"));
  CHECK(m("\\.\\$\\(", ".$("));
  CHECK_FALSE(m("\\.", "a"));

  for (const std::string& bad : std::vector<std::string>{"[", "(", ")", "a)", "a{99999999}", "*a", "a{3,2}", "a{2", "\\p{L}", "\\1", "\\q", "[a&&b]",
                                "(?<=a)b", "(?z)", "\\x{110000}", "\\ud800", "[z-a]", std::string(300, '('), "(a{1000}){1000}",
                                std::string(500, 'a') + std::string(500, '*')}) {
    CHECK_THROWS_AS_MESSAGE(Regex{bad}, baml::tmpl::RegexError, bad);
  }
  CHECK(render_error(tmpl_of({out(filt(str("abc"), "regex_match", {arg(str("("))}))})).find("bad regular expression in regex_match") !=
        std::string::npos);
}
