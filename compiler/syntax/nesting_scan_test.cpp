// The nesting limit on both grammars: input nested past kMaxNestingDepth ends in one diagnostic
// at the place the limit was passed, never in a stack overflow, and input at the limit parses.
#include <doctest/doctest.h>

#include <string>

#include "compiler/base/nesting.h"
#include "compiler/driver/compilation.h"
#include "compiler/syntax/template_parser.h"

using namespace bamlc;

namespace {

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string codes(const DiagnosticSink& diags) {
  std::string out;
  for (const auto& d : diags.all()) out += std::string(d.code()) + " ";
  return out;
}

DiagnosticSink check_file(const std::string& text) {
  Compilation c;
  add_source(c, "deep.baml", text);
  return std::move(c.diags);
}

DiagnosticSink check_template(const std::string& text, std::shared_ptr<ast::Template>* out = nullptr) {
  DiagnosticSink diags;
  auto tmpl = parse_template(text, Span{0, 0, static_cast<std::uint32_t>(text.size())}, diags);
  if (out != nullptr) *out = tmpl;
  return diags;
}

}  // namespace

TEST_CASE("brackets at the limit parse; one more is E0112 at the bracket that passed it") {
  const std::size_t n = kMaxNestingDepth - 1;  // the class's `{` is one level
  CHECK(codes(check_file("class A {\n  x " + repeat("(", n) + "int" + repeat(")", n) + "\n}\n")) == "");
  const std::string deep = "class A {\n  x " + repeat("(", n + 1) + "int" + repeat(")", n + 1) + "\n}\n";
  const DiagnosticSink diags = check_file(deep);
  REQUIRE(codes(diags) == "E0112 ");
  CHECK(diags.all()[0].span.begin == deep.find('(') + n);
}

TEST_CASE("100,000 levels of maps, lists and options end in E0112, not a crash") {
  CHECK(codes(check_file("class A {\n  x " + repeat("map<string, ", 100'000) + "int" + repeat(">", 100'000) + "\n}\n")) ==
        "E0112 ");
  CHECK(codes(check_file("client<llm> C {\n  provider openai\n  options {\n    stop " + repeat("[", 100'000) + "\"a\"" +
                         repeat("]", 100'000) + "\n  }\n}\n")) == "E0112 ");
}

TEST_CASE("a closer that does not match closes nothing, so mismatches cannot hide depth") {
  CHECK(codes(check_file("class A {\n  x " + repeat("( ]", 200) + "int\n}\n")).find("E0112") != std::string::npos);
}

TEST_CASE("type suffixes nest too: int[][]...[] past the limit is E0112") {
  CHECK(codes(check_file("class A {\n  x int" + repeat("[]", kMaxNestingDepth - 1) + "\n}\n")) == "");
  CHECK(codes(check_file("class A {\n  x int" + repeat("[]", 500) + "\n}\n")) == "E0112 ");
  CHECK(codes(check_file("class A {\n  x int" + repeat("?", 1'500) + "\n}\n")).starts_with("E0112"));
}

TEST_CASE("template expressions: brackets and operators count, commas restart the count") {
  CHECK(codes(check_template("{{ " + repeat("(", 50) + "x" + repeat(")", 50) + " }}")) == "");
  CHECK(codes(check_template("{{ " + repeat("(", 10'000) + "x" + repeat(")", 10'000) + " }}")) == "E0706 ");
  CHECK(codes(check_template("{{ " + repeat("[", 10'000) + "x" + repeat("]", 10'000) + " }}")) == "E0706 ");
  CHECK(codes(check_template("{{ " + repeat("-", 10'000) + "x }}")) == "E0706 ");
  CHECK(codes(check_template("{{ x" + repeat(" ~ x", 10'000) + " }}")) == "E0706 ");
  CHECK(codes(check_template("{{ x" + repeat("|upper", 10'000) + " }}")) == "E0706 ");
  // A long list is wide, not deep.
  CHECK(codes(check_template("{{ [" + repeat("a ~ b, ", 10'000) + "c] }}")) == "");
  // Each tag starts from nothing.
  CHECK(codes(check_template(repeat("{{ x ~ y ~ z }}", 10'000))) == "");
}

TEST_CASE("template blocks nest at most to the limit; past it the template is dropped") {
  std::shared_ptr<ast::Template> tmpl;
  CHECK(codes(check_template(repeat("{% if x %}", kMaxNestingDepth) + "y" + repeat("{% endif %}", kMaxNestingDepth),
                             &tmpl)) == "");
  CHECK(tmpl->nodes.size() == 1);
  const std::string deep = repeat("{% if x %}", 10'000) + "y" + repeat("{% endif %}", 10'000);
  const DiagnosticSink diags = check_template(deep, &tmpl);
  REQUIRE(codes(diags) == "E0706 ");
  CHECK(diags.all()[0].span.begin == 10 * kMaxNestingDepth);
  CHECK(tmpl->nodes.empty());
}

TEST_CASE("a @check expression past the limit is E0706 and no expression") {
  DiagnosticSink diags;
  const std::string text = repeat("(", 10'000) + "this" + repeat(")", 10'000);
  CHECK_FALSE(parse_template_expression(text, Span{0, 0, static_cast<std::uint32_t>(text.size())}, diags));
  CHECK(codes(diags) == "E0706 ");
}

TEST_CASE("a long template is parsed in pieces, with blocks matched across them") {
  std::shared_ptr<ast::Template> tmpl;
  const std::string text = "{% for a in x %}" + repeat("{{ a }} ", 5'000) + "{% endfor %}" + repeat("{{ x }}\n", 5'000);
  CHECK(codes(check_template(text, &tmpl)) == "");
  REQUIRE(tmpl->nodes.size() >= 2);
  CHECK(tmpl->nodes[0].kind == ast::TemplateNodeKind::For);
  CHECK(tmpl->nodes[0].body.size() == 10'000);  // each `{{ a }}` and the space after it
  // An unclosed block is still reported at its tag, however far the template runs on.
  CHECK(codes(check_template("{% if x %}" + repeat("{{ x }}", 5'000))) == "E0703 ");
}
