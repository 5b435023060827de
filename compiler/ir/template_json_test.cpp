// The IR form of templates: one example per node kind and the expression shapes the runtime
// reads (docs/ir-templates.md).
#include "compiler/ir/template_json.h"

#include <doctest/doctest.h>

#include <string>

#include "compiler/syntax/template_parser.h"

using namespace bamlc;
using nlohmann::json;

namespace {

json to_ir(const std::string& text) {
  DiagnosticSink diags;
  auto tmpl = parse_template(text, Span{0, 0, static_cast<std::uint32_t>(text.size())}, diags);
  REQUIRE(diags.all().empty());
  return ir::template_to_json(*tmpl);
}

}  // namespace

TEST_CASE("text, outputs and whitespace control") {
  const json ir = to_ir("\n    Hi {{- name | upper -}}!\n      x\n");
  CHECK(ir["dedent"] == 4);
  REQUIRE(ir["nodes"].size() == 3);
  CHECK(ir["nodes"][0] == json{{"kind", "text"}, {"text", "\n    Hi "}});
  CHECK(ir["nodes"][1]["ws"] == json{{"before", "trim"}, {"after", "trim"}});
  CHECK(ir["nodes"][1]["expr"] == json::parse(R"({"kind": "filter", "name": "upper", "args": [],
                                                   "value": {"kind": "var", "name": "name"}})"));
}

TEST_CASE("blocks") {
  const json ir = to_ir(
      "{% if a %}A{% else %}B{% endif %}{% for k, v in m.items() if v %}{% break %}{% else %}E{% endfor %}"
      "{% set ns.n = 1 %}{% set t %}T{% endset %}{# c #}{% raw %}{{x}}{% endraw %}");
  const json& nodes = ir["nodes"];
  CHECK(nodes[0]["kind"] == "if");
  CHECK(nodes[0]["branches"][1]["condition"] == nullptr);
  CHECK(nodes[1]["kind"] == "for");
  CHECK(nodes[1]["targets"] == json{"k", "v"});
  CHECK(nodes[1]["filter"] == json{{"kind", "var"}, {"name", "v"}});
  CHECK(nodes[1]["body"][0]["kind"] == "break");
  CHECK(nodes[1]["else_body"][0]["text"] == "E");
  CHECK(nodes[2]["attribute"] == "n");
  CHECK(nodes[3]["kind"] == "set_block");
  CHECK(nodes[4]["kind"] == "comment");
  CHECK(nodes[5] == json::parse(R"({"kind": "raw", "text": "{{x}}",
      "ws": {"before": "default", "after": "default"}, "end_ws": {"before": "default", "after": "default"}})"));
}

TEST_CASE("expressions") {
  DiagnosticSink diags;
  const std::string text = "f(1, k=[2.5, none], d={'a': true})[1:] is not defined and -x ~ 'y' if c";
  auto e = parse_template_expression(text, Span{0, 0, static_cast<std::uint32_t>(text.size())}, diags);
  REQUIRE(e.has_value());
  const json ir = ir::template_expr_to_json(*e);
  CHECK(ir["kind"] == "cond");
  CHECK(ir["else"] == nullptr);
  const json& test = ir["then"]["left"];
  CHECK(test["kind"] == "test");
  CHECK(test["negated"] == true);
  const json& slice = test["value"];
  CHECK(slice["kind"] == "slice");
  CHECK(slice["stop"] == nullptr);
  const json& call = slice["object"];
  CHECK(call["args"][0] == json{{"name", nullptr}, {"value", {{"kind", "int"}, {"value", 1}}}});
  CHECK(call["args"][1]["name"] == "k");
  CHECK(call["args"][2]["value"]["entries"][0][1] == json{{"kind", "bool"}, {"value", true}});
  CHECK(ir["then"]["right"]["op"] == "~");
  CHECK(ir["then"]["right"]["left"] ==
        json::parse(R"({"kind": "unary", "op": "-", "operand": {"kind": "var", "name": "x"}})"));
}
