// The template parser on small templates: node structure, expression precedence, byte spans in
// the enclosing file, whitespace control, and the E070x syntax errors with their recovery.
#include "compiler/syntax/template_parser.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace bamlc;
using ast::TemplateExprKind;
using ast::TemplateNodeKind;

namespace {

// The template sits at byte 100 of a file, as a prompt would: spans must come out absolute.
constexpr std::uint32_t kBase = 100;

struct Parsed {
  std::shared_ptr<ast::Template> tmpl;
  DiagnosticSink diags;
};

Parsed parse(const std::string& text) {
  Parsed p;
  p.tmpl = parse_template(text, Span{0, kBase, kBase + static_cast<std::uint32_t>(text.size())}, p.diags);
  return p;
}

std::string codes(const DiagnosticSink& diags) {
  std::string out;
  for (const auto& d : diags.all()) out += std::string(d.code()) + " ";
  return out;
}

// A compact, fully parenthesized rendering of an expression, for precedence tests.
std::string show(const ast::TemplateExpr& e) {
  auto args = [&](const std::vector<ast::TemplateArg>& list) {
    std::string out;
    for (const auto& a : list) {
      if (!out.empty()) out += ", ";
      if (!a.keyword.text.empty()) out += a.keyword.text + "=";
      out += show(a.value);
    }
    return out;
  };
  auto items = [&](std::size_t from) {
    std::string out;
    for (std::size_t i = from; i < e.operands.size(); ++i) out += (i > from ? ", " : "") + show(e.operands[i]);
    return out;
  };
  switch (e.kind) {
    case TemplateExprKind::Variable: return e.text;
    case TemplateExprKind::String: return "'" + e.text + "'";
    case TemplateExprKind::Int: return std::to_string(e.int_value);
    case TemplateExprKind::Float: return e.text;
    case TemplateExprKind::Bool: return e.bool_value ? "true" : "false";
    case TemplateExprKind::None: return "none";
    case TemplateExprKind::List: return "[" + items(0) + "]";
    case TemplateExprKind::Tuple: return "tuple(" + items(0) + ")";
    case TemplateExprKind::Dict: {
      std::string out;
      for (std::size_t i = 0; i + 1 < e.operands.size(); i += 2) {
        out += (i > 0 ? ", " : "") + show(e.operands[i]) + ": " + show(e.operands[i + 1]);
      }
      return "{" + out + "}";
    }
    case TemplateExprKind::Attribute: return show(e.operands[0]) + "." + e.member.text;
    case TemplateExprKind::Index: return show(e.operands[0]) + "[" + show(e.operands[1]) + "]";
    case TemplateExprKind::Slice: return show(e.operands[0]) + "[" + items(1) + "]";
    case TemplateExprKind::Call: return show(e.operands[0]) + "(" + args(e.args) + ")";
    case TemplateExprKind::Filter: return "(" + show(e.operands[0]) + " | " + e.member.text + "(" + args(e.args) + "))";
    case TemplateExprKind::Test:
      return "(" + show(e.operands[0]) + " is " + (e.negated ? "not " : "") + e.member.text + "(" + args(e.args) + "))";
    case TemplateExprKind::Unary:
      return "(" + std::string(ast::unary_op_spelling(e.unary_op)) + " " + show(e.operands[0]) + ")";
    case TemplateExprKind::Binary:
      return "(" + show(e.operands[0]) + " " + std::string(ast::binary_op_spelling(e.binary_op)) + " " +
             show(e.operands[1]) + ")";
    case TemplateExprKind::Conditional:
      return "(" + show(e.operands[0]) + " if " + show(e.operands[1]) +
             (e.operands.size() > 2 ? " else " + show(e.operands[2]) : "") + ")";
    case TemplateExprKind::Omitted: return "_";
    case TemplateExprKind::Invalid: return "<invalid>";
  }
  return "?";
}

std::string expr(const std::string& text) {
  DiagnosticSink diags;
  auto e = parse_template_expression(text, Span{0, kBase, kBase + static_cast<std::uint32_t>(text.size())}, diags);
  REQUIRE_MESSAGE(e.has_value(), codes(diags));
  return show(*e);
}

}  // namespace

TEST_CASE("text and outputs keep their text and absolute spans") {
  auto p = parse("Hi {{ name }}, bye");
  CHECK(codes(p.diags).empty());
  REQUIRE(p.tmpl->nodes.size() == 3);
  CHECK(p.tmpl->nodes[0].kind == TemplateNodeKind::Text);
  CHECK(p.tmpl->nodes[0].text == "Hi ");
  CHECK(p.tmpl->nodes[1].kind == TemplateNodeKind::Output);
  CHECK(p.tmpl->nodes[1].span.begin == kBase + 3);
  CHECK(p.tmpl->nodes[1].span.end == kBase + 13);
  const auto& name = *p.tmpl->nodes[1].expr;
  CHECK(name.kind == TemplateExprKind::Variable);
  CHECK(name.span.begin == kBase + 6);
  CHECK(name.span.end == kBase + 10);
  CHECK(p.tmpl->nodes[2].text == ", bye");
}

TEST_CASE("spans are bytes, also after non-ASCII text") {
  auto p = parse("Grüße {{ n }}");
  REQUIRE(p.tmpl->nodes.size() == 2);
  CHECK(p.tmpl->nodes[1].expr->span.begin == kBase + 11);  // "Grüße " is 8 bytes, "{{ " 3
}

TEST_CASE("a lone brace is text") {
  auto p = parse("JSON: { \"a\": 1 } and {x}");
  CHECK(codes(p.diags).empty());
  REQUIRE(p.tmpl->nodes.size() == 1);
  CHECK(p.tmpl->nodes[0].text == "JSON: { \"a\": 1 } and {x}");
}

TEST_CASE("if, elif, else and for nest as blocks") {
  auto p = parse(
      "{% if a %}A{% elif b %}B{% else %}C{% endif %}"
      "{% for k, v in m.items() if v %}{{ loop.index }}{% else %}none{% endfor %}");
  CHECK(codes(p.diags).empty());
  REQUIRE(p.tmpl->nodes.size() == 2);
  const auto& if_node = p.tmpl->nodes[0];
  CHECK(if_node.kind == TemplateNodeKind::If);
  REQUIRE(if_node.branches.size() == 3);
  CHECK(show(if_node.branches[1].condition) == "b");
  CHECK(if_node.branches[2].condition.kind == TemplateExprKind::Omitted);
  CHECK(if_node.branches[2].body[0].text == "C");
  CHECK(if_node.span.begin == kBase);
  const auto& for_node = p.tmpl->nodes[1];
  CHECK(for_node.kind == TemplateNodeKind::For);
  REQUIRE(for_node.targets.size() == 2);
  CHECK(for_node.targets[1].text == "v");
  CHECK(show(*for_node.expr) == "m.items()");
  CHECK(show(*for_node.filter) == "v");
  CHECK(show(*for_node.body[0].expr) == "loop.index");
  CHECK(for_node.else_body[0].text == "none");
}

TEST_CASE("set, set blocks, comments, raw blocks and loop controls") {
  auto p = parse(
      "{% set x = 1 %}{% set ns.n = 2 %}{% set y %}Y{% endset %}{# note #}"
      "{% raw %}{{ kept }}{% endraw %}{% for i in xs %}{% break %}{% continue %}{% endfor %}");
  CHECK(codes(p.diags).empty());
  REQUIRE(p.tmpl->nodes.size() == 6);
  CHECK(p.tmpl->nodes[0].kind == TemplateNodeKind::Set);
  CHECK(p.tmpl->nodes[1].targets.size() == 2);
  CHECK(p.tmpl->nodes[2].kind == TemplateNodeKind::SetBlock);
  CHECK(p.tmpl->nodes[2].body[0].text == "Y");
  CHECK(p.tmpl->nodes[3].kind == TemplateNodeKind::Comment);
  CHECK(p.tmpl->nodes[3].text == " note ");
  CHECK(p.tmpl->nodes[4].kind == TemplateNodeKind::Raw);
  CHECK(p.tmpl->nodes[4].text == "{{ kept }}");
  CHECK(p.tmpl->nodes[5].body[0].kind == TemplateNodeKind::Break);
}

TEST_CASE("whitespace control is recorded per tag side") {
  auto p = parse("a {{- x -}} b {%+ if y +%}{%- endif %}{#- c -#}");
  CHECK(codes(p.diags).empty());
  REQUIRE(p.tmpl->nodes.size() == 5);
  CHECK(p.tmpl->nodes[1].whitespace.before == ast::WhitespaceControl::Trim);
  CHECK(p.tmpl->nodes[1].whitespace.after == ast::WhitespaceControl::Trim);
  CHECK(p.tmpl->nodes[3].whitespace.before == ast::WhitespaceControl::Keep);
  CHECK(p.tmpl->nodes[3].whitespace.after == ast::WhitespaceControl::Keep);
  CHECK(p.tmpl->nodes[3].end_whitespace.before == ast::WhitespaceControl::Trim);
  CHECK(p.tmpl->nodes[4].whitespace.after == ast::WhitespaceControl::Trim);
  CHECK(p.tmpl->nodes[4].text == " c ");
}

TEST_CASE("expression precedence follows minijinja") {
  CHECK(expr("a or b and not c == d") == "(a or (b and (not (c == d))))");
  CHECK(expr("a + b * c ** d") == "(a + (b * (c ** d)))");
  CHECK(expr("a ** b ** c") == "((a ** b) ** c)");  // from the left: BAML renders 2 ** 3 ** 2 as 64
  CHECK(expr("a ~ b + c") == "((a ~ b) + c)");
  CHECK(expr("a ~ b * c") == "(a ~ (b * c))");
  // BAML 0.226.2 renders `{{ -x|abs }}` with x = 3 as 3: the sign binds before the filter.
  CHECK(expr("-x | abs") == "((- x) | abs())");
  CHECK(expr("x not in y") == "(x not in y)");
  CHECK(expr("a if b or c else d if e else f") == "(a if (b or c) else (d if e else f))");
  CHECK(expr("a if b") == "(a if b)");
  CHECK(expr("x is not none and y is divisibleby 3") == "((x is not none()) and (y is divisibleby(3)))");
  // A test's one argument without parentheses may be a list or a dict (minijinja reads a primary).
  CHECK(expr("x is in ['a', 'b'] and y") == "((x is in(['a', 'b'])) and y)");
  CHECK(expr("x is in {'a': 1}") == "(x is in({'a': 1}))");
  CHECK(expr("xs | join(', ') | upper") == "((xs | join(', ')) | upper())");
  CHECK(expr("x // 2 % 3") == "((x // 2) % 3)");
}

TEST_CASE("calls, attributes, indexes, slices and literals") {
  CHECK(expr("_.role(\"user\", cache_control={\"type\": \"ephemeral\"})") ==
        "_.role('user', cache_control={'type': 'ephemeral'})");
  CHECK(expr("ctx.output_format(prefix=\"Answer:\\n\")") == "ctx.output_format(prefix='Answer:\n')");
  CHECK(expr("a.b[0][1:]['k'].c()") == "a.b[0][1, _, _]['k'].c()");
  CHECK(expr("[1, 2.5, true, None, 'x' \"y\", (1, 2), ()]") == "[1, 2.5, true, none, 'xy', tuple(1, 2), tuple()]");
  CHECK(expr("x.0") == "x.0");
  CHECK(expr("f(prefix=null)") == "f(prefix=none)");
  CHECK(expr("{ \"a\": {\"b\": 1} }") == "{'a': {'b': 1}}");
}

TEST_CASE("\\u escapes decode to UTF-8; half a surrogate pair is an error, not invalid UTF-8") {
  // Found by compiler_fuzz: `{{ "\ud800" }}` decoded to the bytes ED A0 80, which are not UTF-8,
  // and `bamlc build` died printing the IR ("internal error: invalid UTF-8 byte").
  CHECK(expr("\"\\u00e9 \\u65e5\"") == "'\u00e9 \u65e5'");
  CHECK(expr("\"\\ud83d\\ude00\"") == "'\U0001F600'");  // a pair written as two escapes is one character
  for (const char* half : {"\"\\ud800\"", "\"\\udfff\"", "\"x\\ud83dy\"", "\"\\ud83d\\u0041\"", "'\\ude00\\ud83d'"}) {
    auto p = parse(std::string("{{ ") + half + " }}");
    CHECK_MESSAGE(codes(p.diags) == "E0701 ", half);
    REQUIRE(!p.diags.all().empty());
    CHECK(p.diags.all()[0].message.find("half of a UTF-16 surrogate pair") != std::string::npos);
  }
}

TEST_CASE("a dict literal closing with `}}` does not end the output tag") {
  auto p = parse("{{ f({\"a\": {\"b\": 1}}) }} tail");
  CHECK(codes(p.diags).empty());
  REQUIRE(p.tmpl->nodes.size() == 2);
  CHECK(show(*p.tmpl->nodes[0].expr) == "f({'a': {'b': 1}})");
}

TEST_CASE("a bad expression is one error, and parsing goes on") {
  auto p = parse("{{ x + }} ok {{ y. }} {% if %}z{% endif %} {{ fine }}");
  CHECK(codes(p.diags) == "E0701 E0701 E0701 ");
  REQUIRE(p.tmpl->nodes.size() >= 6);
  CHECK(show(*p.tmpl->nodes.back().expr) == "fine");
}

TEST_CASE("an unclosed tag is reported at its opening") {
  auto p = parse("Hello {{ name\nmore text {{ other }} end");
  REQUIRE(p.diags.all().size() == 1);
  const auto& d = p.diags.all()[0];
  CHECK(d.code() == "E0702");
  CHECK(d.span.begin == kBase + 6);
  CHECK(d.message == "this `{{` is never closed");
  CHECK(p.tmpl->nodes.back().text == " end");

  auto at_end = parse("x {% if y");
  CHECK(codes(at_end.diags) == "E0702 ");

  auto comment = parse("x {# never closed");
  CHECK(codes(comment.diags) == "E0702 ");
}

TEST_CASE("an unclosed block is reported at its opening tag") {
  auto p = parse("{% for x in xs %}{% if x %}a{% endfor %}");
  REQUIRE(p.diags.all().size() == 1);
  CHECK(p.diags.all()[0].code() == "E0703");
  CHECK(p.diags.all()[0].span.begin == kBase + 17);  // the `{% if x %}`
  CHECK(p.diags.all()[0].message == "this `{% if %}` is never closed");

  auto at_end = parse("{% if a %}\n{% for b in c %}");
  CHECK(codes(at_end.diags) == "E0703 E0703 ");
}

TEST_CASE("closing tags without their block") {
  CHECK(codes(parse("a{% endif %}").diags) == "E0704 ");
  CHECK(codes(parse("{% for x in y %}{% endif %}{% endfor %}").diags) == "E0704 ");
  CHECK(codes(parse("{% elif x %}").diags) == "E0704 ");
  CHECK(codes(parse("{% if a %}{% else %}{% else %}{% endif %}").diags) == "E0704 ");
  CHECK(codes(parse("{% break %}").diags) == "E0704 ");
}

TEST_CASE("unsupported and unknown statements") {
  auto p = parse("{% macro m() %}x{% endmacro %}{% esle %}");
  REQUIRE(p.diags.all().size() == 2);
  CHECK(p.diags.all()[0].message == "`{% macro %}` is not supported in BAML prompts");
  CHECK(p.diags.all()[1].message == "unknown statement `esle`");
  CHECK(p.diags.all()[1].hint == "did you mean `{% else %}`?");
  CHECK(p.diags.all()[1].span.begin == kBase + 33);
}

TEST_CASE("friendly messages for common slips") {
  auto empty = parse("{{ }}");
  REQUIRE(empty.diags.all().size() == 1);
  CHECK(empty.diags.all()[0].message == "this `{{ }}` is empty");

  auto wrong_close = parse("{{ x %}");
  REQUIRE(wrong_close.diags.all().size() == 1);
  CHECK(wrong_close.diags.all()[0].message == "`{{` is closed by `}}`, not `%}`");

  auto and_and = parse("{% if a && b %}{% endif %}");
  REQUIRE(!and_and.diags.all().empty());
  CHECK(and_and.diags.all()[0].hint == "Jinja writes `and`");

  auto string = parse("{{ 'abc }}");
  REQUIRE(!string.diags.all().empty());
  CHECK(string.diags.all()[0].message == "this string is never closed");
}

TEST_CASE("a check expression parses alone, and a broken one yields nothing") {
  CHECK(expr("this|length > 0 and this[0] != \"x\"") == "(((this | length()) > 0) and (this[0] != 'x'))");
  DiagnosticSink diags;
  CHECK_FALSE(parse_template_expression("this >", Span{0, kBase, kBase + 6}, diags).has_value());
  CHECK(codes(diags) == "E0701 ");
}

// ---- Text and simple output tags read without ANTLR (syntax/simple_tags.h) ----

namespace {

void same_expr(const ast::TemplateExpr& a, const ast::TemplateExpr& b, const std::string& where) {
  INFO(where);
  REQUIRE(a.kind == b.kind);
  CHECK(a.span.begin == b.span.begin);
  CHECK(a.span.end == b.span.end);
  CHECK(a.text == b.text);
  CHECK(a.member.text == b.member.text);
  CHECK(a.member.span.begin == b.member.span.begin);
  CHECK(a.member.span.end == b.member.span.end);
  CHECK(a.int_value == b.int_value);
  CHECK(a.bool_value == b.bool_value);
  CHECK(a.negated == b.negated);
  REQUIRE(a.operands.size() == b.operands.size());
  for (std::size_t i = 0; i < a.operands.size(); ++i) same_expr(a.operands[i], b.operands[i], where);
  REQUIRE(a.args.size() == b.args.size());
  for (std::size_t i = 0; i < a.args.size(); ++i) same_expr(a.args[i].value, b.args[i].value, where);
}

void same_nodes(const std::vector<ast::TemplateNode>& a, const std::vector<ast::TemplateNode>& b, const std::string& where) {
  INFO(where);
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    REQUIRE(a[i].kind == b[i].kind);
    CHECK(a[i].span.begin == b[i].span.begin);
    CHECK(a[i].span.end == b[i].span.end);
    CHECK(a[i].text == b[i].text);
    CHECK(a[i].whitespace.before == b[i].whitespace.before);
    CHECK(a[i].whitespace.after == b[i].whitespace.after);
    CHECK(a[i].end_whitespace.after == b[i].end_whitespace.after);
    same_expr(*a[i].expr, *b[i].expr, where);
    same_expr(*a[i].filter, *b[i].filter, where);
    REQUIRE(a[i].branches.size() == b[i].branches.size());
    for (std::size_t k = 0; k < a[i].branches.size(); ++k) {
      same_expr(a[i].branches[k].condition, b[i].branches[k].condition, where);
      same_nodes(a[i].branches[k].body, b[i].branches[k].body, where);
    }
    same_nodes(a[i].body, b[i].body, where);
    same_nodes(a[i].else_body, b[i].else_body, where);
  }
}

// Parses `text` both ways and requires the same template and the same diagnostics.
void both_ways(const std::string& text) {
  const Span content{0, kBase, kBase + static_cast<std::uint32_t>(text.size())};
  DiagnosticSink fast_diags;
  DiagnosticSink antlr_diags;
  const auto fast = parse_template(text, content, fast_diags, true);
  const auto antlr = parse_template(text, content, antlr_diags, false);
  same_nodes(fast->nodes, antlr->nodes, text);
  // The same diagnostics, which may be reported in another order (the pieces are cut elsewhere):
  // they are printed sorted by position.
  const auto listed = [](const DiagnosticSink& diags) {
    std::vector<std::string> out;
    for (const auto& d : diags.all()) out.push_back(std::to_string(d.span.begin) + ":" + std::to_string(d.span.end) + " " + std::string(d.code()) + " " + d.message);
    std::sort(out.begin(), out.end());
    return out;
  };
  CHECK_MESSAGE(listed(fast_diags) == listed(antlr_diags), text);
  CHECK(fast->dedent == antlr->dedent);
}

}  // namespace

TEST_CASE("text and simple output tags read without ANTLR give the template ANTLR gives") {
  for (const std::string& text : std::vector<std::string>{
           "", "plain", "{{ x }}", "{{x}}", "a {{ x }} b", "{{- x -}}", "{{+ x +}}", "{{ x-}}", "{{-x}}", "{{ a.b.c }}",
           "{{ a.b }}{{ c }}", "{ a } {{ b }} }", "{{{ x }}}", "{{ x }", "{{ x", "{{ }}", "{{ x.1 }}", "{{ x. y }}",
           "{{ if }}", "{{ none }}", "{{ True }}", "{{ loop.index }}", "{{ raw }}", "{{ x|upper }}", "{{ x }}{% if y %}{{ z }}{% endif %}",
           "{% for i in xs %}{{ i.name }}, {% endfor %}{{ tail }}", "{# c #}{{ x }}{# d {{ y }} #}", "{% raw %}{{ x }}{% endraw %}{{ y }}",
           "{% set s = \"{{ x }}\" %}{{ s }}", "Grüße {{ n }} ö {{ m.k }} é", "\n    {{ _.role(\"user\") }}\n    {{ x }}\n",
           "{{ x }}\n{{ y }}\n  {{ z }}", "{{ x }} {% if %} {{ y }}", "{{ x }} {{ (y }} {{ z }}", "{% for x in y %}{{ x }}",
           "{{ x }}{% endif %}{{ y }}", "{{ ctx.output_format }}", "{{x.y.z}} {{ _x }} {{ X__y }} {{ a1 }}", "{{ 1x }}",
           "{ {{ x }}", "{%{{ x }}", "{#", "{{ x }}{", "{{ x }}}}"}) {
    both_ways(text);
  }
  // Long runs, in and out of blocks: more items than one scan takes.
  std::string many;
  for (int i = 0; i < 5000; ++i) many += "{{ x" + std::to_string(i % 7) + " }} t" + (i % 1000 == 0 ? std::string("{% if a %}{{ b }}{% endif %}") : std::string());
  both_ways(many);
}

TEST_CASE("random templates parse the same with and without the simple-tag reader") {
  const std::vector<std::string> fragments = {"{{ x }}", "{{- a.b -}}", "{{ c.d.e +}}", "{{", "}}", "{%", "%}", "{#", "#}",
                                              "{% if x %}", "{% elif y %}", "{% else %}", "{% endif %}", "{% for i in l %}",
                                              "{% endfor %}", "{% raw %}", "{% endraw %}", "{# c #}", "text", " ", "\n", "{",
                                              "}", "\"", "'", "{{ x|f }}", "é", "{{ if }}", "{{ x.", "-", "+"};
  std::uint32_t state = 2026;
  const auto next = [&] {
    state = state * 1664525U + 1013904223U;
    return state >> 8;
  };
  for (int round = 0; round < 1500; ++round) {
    std::string text;
    const std::uint32_t pieces = next() % 24;
    for (std::uint32_t k = 0; k < pieces; ++k) text += fragments[next() % fragments.size()];
    both_ways(text);
  }
}
