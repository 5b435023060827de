// The parser and AST builder on small inputs: one file with every block kind, the layout rule,
// and recovery from errors.
#include "compiler/syntax/parser.h"

#include <doctest/doctest.h>

#include "compiler/driver/compilation.h"

using namespace bamlc;

namespace {

Compilation parse(const std::string& text) {
  Compilation c;
  add_source(c, "test.baml", text);
  return c;
}

template <typename T>
const T& decl(const Compilation& c, std::size_t index) {
  REQUIRE(c.files.size() == 1);
  REQUIRE(index < c.files[0].declarations.size());
  REQUIRE(std::holds_alternative<T>(c.files[0].declarations[index]));
  return std::get<T>(c.files[0].declarations[index]);
}

std::string codes(const Compilation& c) {
  std::string out;
  for (const auto& d : c.diags.sorted(c.sources)) out += std::string(d.code()) + " ";
  return out;
}

}  // namespace

TEST_CASE("one file with every block kind parses into the AST") {
  const auto c = parse(R"(
/// A person.
class Person {
  name string @description("full name")
  age int? @check(adult, {{ this >= 18 }})
  tags map<string, string[]> | null
  @@dynamic
}
enum Color {
  RED @alias("crimson")
  GREEN
  @@alias("Colour")
}
function Describe(p: Person, wait: duration) -> Color {
  client Fast
  prompt #"Describe {{ p.name }}"#
}
client<llm> Fast {
  provider openai-generic
  retry_policy Patient
  options {
    model "gpt-4o"
    api_key env.OPENAI_API_KEY
    http { connect_timeout 5s request_timeout 1m30s }
  }
}
retry_policy Patient {
  max_retries 3
  strategy { type exponential_backoff delay 200ms multiplier 1.5 }
}
template_string Greet(n: string) ##"Hello "# {{ n }}"##
test DescribeTest {
  functions [Describe]
  args { p { name "Ann" age 30 } wait 2s }
  type_builder { dynamic class Person { extra string } }
  @@assert({{ this == "RED" }})
}
generator cpp { output_type "cpp" output_dir "../gen" }
type Graph = map<string, Graph[]>
)");
  CHECK(codes(c) == "");
  const auto& person = decl<ast::ClassDecl>(c, 0);
  CHECK(person.name.text == "Person");
  CHECK(person.doc == "A person.");
  REQUIRE(person.fields.size() == 3);
  CHECK(person.fields[1].type->kind == ast::TypeKind::Optional);
  CHECK(person.fields[1].attributes[0].args[1].kind == ast::ValueKind::JinjaExpr);
  CHECK(person.fields[2].type->kind == ast::TypeKind::Union);
  CHECK(person.block_attributes[0].name.text == "dynamic");
  CHECK(decl<ast::EnumDecl>(c, 1).values.size() == 2);
  const auto& fn = decl<ast::FunctionDecl>(c, 2);
  CHECK(fn.parameters.size() == 2);
  CHECK(fn.parameters[1].type.name.text == "duration");
  CHECK(ast::find_entry(fn.body, "prompt")->value->kind == ast::ValueKind::RawString);
  const auto& client = decl<ast::ClientDecl>(c, 3);
  CHECK(client.kind.text == "llm");
  CHECK(ast::find_entry(client.body, "provider")->value->text == "openai-generic");
  const auto& options = *ast::find_entry(client.body, "options")->value;
  CHECK(ast::find_entry(options.entries, "api_key")->value->kind == ast::ValueKind::EnvRef);
  CHECK(ast::find_entry(options.entries, "api_key")->value->text == "OPENAI_API_KEY");
  const auto& http = *ast::find_entry(options.entries, "http")->value;
  CHECK(ast::find_entry(http.entries, "request_timeout")->value->duration == std::chrono::milliseconds(90000));
  CHECK(decl<ast::RetryPolicyDecl>(c, 4).name.text == "Patient");
  CHECK(decl<ast::TemplateStringDecl>(c, 5).body.text == "Hello \"# {{ n }}");
  const auto& test = decl<ast::TestDecl>(c, 6);
  REQUIRE(test.type_builder.has_value());
  CHECK(test.type_builder->classes[0].dynamic);
  CHECK(test.block_attributes.size() == 1);
  CHECK(decl<ast::GeneratorDecl>(c, 7).name.text == "cpp");
  CHECK(decl<ast::TypeAliasDecl>(c, 8).type.kind == ast::TypeKind::Map);
}

TEST_CASE("a value must start on its key's line") {
  const auto c = parse("client<llm> A {\n  provider openai\n  options {\n    model\n    api_key \"k\"\n  }\n}\n");
  CHECK(codes(c) == "E0102 ");
  CHECK(c.diags.all()[0].message == "expected a value after `model`");
}

TEST_CASE("a field without a type is reported, and the next field still parses") {
  const auto c = parse("class A {\n  name\n  age int\n}\n");
  CHECK(codes(c) == "E0106 ");
  CHECK(decl<ast::ClassDecl>(c, 0).fields.size() == 2);
}

TEST_CASE("an unclosed block is reported at its brace and parsing resumes") {
  const auto c = parse("class A {\n  name string\n\nclass B {\n  x int\n}\n");
  CHECK(codes(c) == "E0105 ");
  CHECK(c.files[0].declarations.size() == 2);
}

TEST_CASE("independent errors are all reported in one run") {
  const auto c = parse("class A {\n  x int\n}\nclas B {\n}\nclient<llm> C {\n  options { http { connect_timeout 4min } }\n}\n"
                       "enum E {\n  X $\n}\n");
  CHECK(codes(c) == "E0101 E0201 E0104 ");
}

TEST_CASE("non-ASCII text keeps byte spans") {
  const auto c = parse("/// Ünïcode ✓\nclass Ä {\n  x int @description(\"naïve ✓\") y string\n}\n");
  CHECK(codes(c) == "E0110 ");
  CHECK(c.sources.slice(c.diags.all()[0].span) == "Ä");
  const auto& fields = decl<ast::ClassDecl>(c, 0).fields;
  REQUIRE(fields.size() == 2);
  CHECK(c.sources.slice(fields[1].name.span) == "y");
  CHECK(fields[0].attributes[0].args[0].text == "naïve ✓");
}

TEST_CASE("invalid UTF-8 is a diagnostic, not a crash") {
  const auto c = parse("class A {\n  x \xff int\n}\n");
  CHECK(codes(c) == "E0109 ");
}

namespace {

// The value of entry `key` inside the `args { ... }` of the file's only test.
const ast::Value& test_arg(const Compilation& c, std::string_view key) {
  const auto& test = decl<ast::TestDecl>(c, 0);
  for (const ast::MapEntry& entry : test.body) {
    if (entry.key.text != "args") continue;
    REQUIRE(entry.value);
    for (const ast::MapEntry& arg : entry.value->entries) {
      if (arg.key.text == key) {
        REQUIRE(arg.value);
        return *arg.value;
      }
    }
  }
  FAIL("no argument ", std::string(key));
  throw 0;
}

}  // namespace

TEST_CASE("unquoted strings follow BAML's rule: to the end of the line or a character that ends them") {
  const auto c = parse("test T {\n  functions [F]\n  args {\n"
                       "    words hello  big world   \n"
                       "    url https://example.com/a?b=c&d=e\n"
                       "    plus +500\n"
                       "    stray $5 & 10% off\n"
                       "    lone -\n"
                       "    comment hello // not part of it\n"
                       "    glued a//b\n"
                       "    colon: key: value\n"
                       "    list [a b, c d]\n"
                       "    pair { k v w, k2 x }\n"
                       "    number 42\n"
                       "    name openai\n"
                       "  }\n}\n");
  CHECK(codes(c).empty());
  CHECK(test_arg(c, "words").text == "hello  big world");
  CHECK(test_arg(c, "url").text == "https://example.com/a?b=c&d=e");
  CHECK(test_arg(c, "plus").text == "+500");
  CHECK(test_arg(c, "plus").kind == ast::ValueKind::Word);
  CHECK(test_arg(c, "stray").text == "$5 & 10% off");
  CHECK(test_arg(c, "lone").text == "-");
  CHECK(test_arg(c, "comment").text == "hello");
  CHECK(test_arg(c, "glued").text == "a//b");
  CHECK(test_arg(c, "colon").text == "key: value");
  REQUIRE(test_arg(c, "list").items.size() == 2);
  CHECK(test_arg(c, "list").items[1].text == "c d");
  REQUIRE(test_arg(c, "pair").entries.size() == 2);
  CHECK(test_arg(c, "pair").entries[0].value->text == "v w");
  CHECK(test_arg(c, "number").kind == ast::ValueKind::Int);
  CHECK(test_arg(c, "name").kind == ast::ValueKind::Word);
}

TEST_CASE("bamlc's compact layout: a name followed by `{` on its line starts the next entry") {
  const auto c = parse("client<llm> C { provider fallback options { strategy [A, B] } }\n");
  CHECK(codes(c).empty());
  const auto& client = decl<ast::ClientDecl>(c, 0);
  REQUIRE(client.body.size() == 2);
  CHECK(client.body[0].value->text == "fallback");
  CHECK(client.body[1].key.text == "options");
}
