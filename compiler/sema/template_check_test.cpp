// The template checker through the whole front end: BAML sources in, E071x diagnostics (with
// their spans and hints) and the parsed templates in the program out.
#include "compiler/sema/template_check.h"

#include <doctest/doctest.h>

#include <string>

#include "compiler/ast/template_ast.h"
#include "compiler/driver/compilation.h"
#include "compiler/ir/ir_writer.h"

using namespace bamlc;

namespace {

const char* kPrelude = R"(
client<llm> C {
  provider openai
  options { model "gpt-4o" }
}
class Address {
  city string
  zip string?
}
class Person {
  name string
  age int
  address Address?
  tags string[]
  scores map<string, int>
}
enum Color {
  RED
  GREEN
}
template_string Greet(p: Person, loud: bool) #"Hello {{ p.name }}"#
)";

Compilation check(const std::string& text) {
  Compilation c;
  add_source(c, "test.baml", std::string(kPrelude) + text);
  analyze_project(c);
  return c;
}

Compilation prompt(const std::string& params, const std::string& body) {
  return check("function F(" + params + ") -> string {\n  client C\n  prompt #\"" + body + "\"#\n}\n");
}

std::string codes(const Compilation& c) {
  std::string out;
  for (const auto& d : c.diags.sorted(c.sources)) out += std::string(d.code()) + " ";
  return out;
}

// The source text a diagnostic points at.
std::string at(const Compilation& c, std::size_t index = 0) {
  const auto sorted = c.diags.sorted(c.sources);
  REQUIRE(index < sorted.size());
  return std::string(c.sources.slice(sorted[index].span));
}

std::string hint(const Compilation& c, std::size_t index = 0) {
  const auto sorted = c.diags.sorted(c.sources);
  REQUIRE(index < sorted.size());
  return sorted[index].hint;
}

}  // namespace

TEST_CASE("a clean prompt checks clean and is stored parsed") {
  auto c = prompt(
      "p: Person, xs: string[]",
      "{{ _.role(\"system\") }} {{ ctx.output_format(prefix=\"Answer: \", always_hoist_enums=true) }}"
      "{{ p.name | upper }} {{ p.address.city }} {% for t in p.tags %}{{ loop.index }} {{ t.lower() }}{% endfor %}"
      "{% for k, v in p.scores.items() %}{{ k }}={{ v }}{% endfor %}{% set n = xs | length %}{{ n }}"
      "{{ Greet(p, true) }} {{ Color.RED }} {{ ctx.client.name }} {% if p.age is defined %}{% endif %}");
  CHECK(codes(c) == "");
  const model::Function* f = c.program.find_function("F");
  REQUIRE(f != nullptr);
  REQUIRE(f->prompt_template != nullptr);
  CHECK(!f->prompt_template->nodes.empty());
  const model::TemplateString* greet = c.program.find_template_string("Greet");
  REQUIRE(greet != nullptr);
  CHECK(greet->parameters.size() == 2);
  CHECK(greet->body_template != nullptr);
}

TEST_CASE("an unknown variable a prompt reads is a warning at its name, with a did-you-mean") {
  auto c = prompt("name: string", "Hi {{ nmae }}");
  CHECK(codes(c) == "W0704 ");
  CHECK(at(c) == "nmae");
  CHECK(hint(c) == "did you mean `name`?");

  auto none_close = prompt("x: int", "{{ zzzzzz }}");
  CHECK(hint(none_close) == "the names in scope here are `_`, `ctx` and `x`");
}

TEST_CASE("fields are checked on known classes, through optionals, lists and aliases") {
  auto c = prompt("p: Person", "{{ p.nmae }} {{ p.address.cty }} {% for t in [p] %}{{ t.whatever }}{% endfor %}");
  CHECK(codes(c) == "W0704 W0704 ");
  CHECK(at(c, 0) == "nmae");
  CHECK(hint(c, 0) == "did you mean `name`?");
  CHECK(at(c, 1) == "cty");

  auto loop = prompt("people: Person[]", "{% for q in people %}{{ q.agee }}{% endfor %}");
  CHECK(codes(loop) == "W0704 ");
  CHECK(at(loop) == "agee");
}

TEST_CASE("attributes on values without fields, and unknown methods") {
  auto c = prompt("s: string, n: int", "{{ n.value }} {{ s.lowr() }} {{ s.upper() }} {{ s.name }}");
  CHECK(codes(c) == "W0704 E0713 W0704 ");
  CHECK(at(c, 1) == "lowr");
  CHECK(hint(c, 1) == "did you mean `lower()`?");
}

TEST_CASE("scopes: loop variables end with the loop, set in an if does not") {
  auto c = prompt("xs: int[]",
                  "{% for x in xs %}{% set last = x %}{% endfor %}{{ x }}{{ last }}"
                  "{% if xs %}{% set y = 1 %}{% endif %}{{ y }}{{ loop.index }}");
  CHECK(codes(c) == "W0704 W0704 W0704 ");
  CHECK(at(c, 0) == "x");
  CHECK(at(c, 1) == "last");
  CHECK(at(c, 2) == "loop");
}

TEST_CASE("filters, tests, calls and BAML's helpers") {
  auto c = prompt("p: Person, s: string",
                  "{{ s | uper }} {% if s is defind %}{% endif %} {{ Greet(p) }} {{ _.role() }} {{ _.rol(\"user\") }}"
                  " {{ ctx.output_format(prefx=\"x\") }} {{ ctx.outputformat }} {{ s() }} {{ s | format }}");
  CHECK(codes(c) == "E0714 E0715 E0716 E0716 E0713 E0717 E0713 E0718 E0716 ");
  CHECK(at(c, 0) == "uper");
  CHECK(hint(c, 0) == "did you mean `upper`?");
  CHECK(at(c, 1) == "defind");
  CHECK(at(c, 5) == "prefx");
  CHECK(hint(c, 5) == "did you mean `prefix`?");
}

TEST_CASE("what fails at every render stays an error: calls of unknown names, fields and methods") {
  auto c = prompt("p: Person", "{{ pp() }} {{ p.nmae() }} {{ p.name.lowr() }} {{ Greet(p, true) }}");
  CHECK(codes(c) == "E0711 E0712 E0713 ");
  CHECK(at(c, 0) == "pp");
  CHECK(hint(c, 0) == "did you mean `p`?");
}

TEST_CASE("a check that reads an unknown variable is an error; only prompts render undefined") {
  auto c = check("class Checked {\n  x int @check(pos, {{ thiss > 0 }})\n}\n");
  CHECK(codes(c) == "E0711 ");
}

TEST_CASE("a template_string named without a call is a warning") {
  auto c = prompt("p: Person", "{{ Greet }}");
  CHECK(codes(c) == "W0701 ");
}

TEST_CASE("template_string bodies see their parameters") {
  auto c = check("template_string Bad(q: Person) #\"{{ q.nam }} {{ p }}\"#\n");
  CHECK(codes(c) == "W0704 W0704 ");
}

TEST_CASE("check expressions see `this`, and tests see `_`") {
  auto c = check(R"(
class Order {
  total int @check(positive, {{ this > 0 }}) @assert({{ thiss < 100 }})
  @@assert(has_total, {{ this.totl > 0 }})
}
function G(n: int) -> Order {
  client C
  prompt #"{{ n }}"#
}
test T {
  functions [G]
  args { n 1 }
  @@check(first, {{ this.total > 0 }})
  @@assert({{ _.checks.first and _.checks.secnd and _.latency_ms < 100 and _.result.totl }})
}
)");
  // A field a check reads but the value lacks is a warning (baml-cli accepts it); an unknown
  // variable and an unknown check name stay errors.
  CHECK(codes(c) == "E0711 W0703 E0713 W0703 ");
  const model::Class* order = c.program.find_class("Order");
  REQUIRE(order != nullptr);
  REQUIRE(order->fields[0].checks.size() == 2);
  CHECK(order->fields[0].checks[0].parsed != nullptr);
}

TEST_CASE("syntax errors in prompts keep their exact spans") {
  auto c = prompt("x: int", "a\n  {% if x %}\n  {{ x + }}\n");
  CHECK(codes(c) == "E0703 E0701 ");
  CHECK(at(c, 0) == "{% if x %}");
  CHECK(at(c, 1) == "}}");
}

TEST_CASE("checks and stream attributes on grouped types: parsed, and in the IR only when present") {
  auto c = check(R"(
class Atomic {
  a string
  @@stream.done
}
function Even(x: string) -> int @check(even, {{ this % 2 == 0 }}) {
  client C
  prompt #"{{ x }}"#
}
function Items(x: string) -> (Person @stream.done @assert(named, {{ this.nme }}))[] {
  client C
  prompt #"{{ x }}"#
}
)");
  CHECK(codes(c) == "W0703 ");  // `this.nme`: the item's check sees a Person
  const model::Function* even = c.program.find_function("Even");
  REQUIRE(even != nullptr);
  REQUIRE(even->return_type.checks.size() == 1);
  CHECK(even->return_type.checks[0].parsed != nullptr);
  const model::Function* items = c.program.find_function("Items");
  REQUIRE(items != nullptr);
  REQUIRE(items->return_type.children.size() == 1);
  CHECK(items->return_type.children[0].stream_attributes == std::vector<std::string>{"done"});
  REQUIRE(items->return_type.children[0].checks.size() == 1);
  CHECK(items->return_type.children[0].checks[0].is_assert);

  const nlohmann::json ir = ir::to_json(c.program);
  for (const auto& f : ir["functions"]) {
    if (f["name"] == "Even") {
      CHECK(f["return_type"]["checks"][0]["name"] == "even");
      CHECK(f["return_type"]["checks"][0]["expression"] == "this % 2 == 0");
      CHECK(f["return_type"]["checks"][0]["expression_ast"].is_object());
      CHECK_FALSE(f["return_type"].contains("stream"));
    }
    if (f["name"] == "Items") {
      CHECK(f["return_type"]["items"]["stream"] == nlohmann::json::array({"done"}));
      CHECK(f["return_type"]["items"]["checks"][0]["assert"] == true);
      CHECK_FALSE(f["return_type"].contains("checks"));
    }
    CHECK_FALSE(f["parameters"][0]["type"].contains("checks"));  // none: nothing written
  }
  for (const auto& cls : ir["classes"]) {
    CHECK(cls["stream"] == (cls["name"] == "Atomic" ? nlohmann::json::array({"done"}) : nlohmann::json::array()));
  }
}
