#include <doctest/doctest.h>

#include <stdexcept>

#include "compiler/codegen/codegen.h"
#include "compiler/codegen/names.h"
#include "compiler/codegen/printer.h"

using namespace bamlc::codegen;

TEST_CASE("printer: named substitutions and automatic indentation") {
  Printer p;
  p.print("struct $name$ {\n", {{"name", "X"}});
  p.indent();
  p.print("$body$\n\n", {{"body", "int a;\nint b;"}});
  p.print("cost $$1\n");
  p.outdent();
  p.print("};\n");
  CHECK(p.str() == "struct X {\n  int a;\n  int b;\n\n  cost $1\n};\n");
  CHECK_THROWS_AS(p.print("$nope$"), std::logic_error);
}

TEST_CASE("names: keywords, alternative tokens, macros and collisions") {
  CHECK(is_reserved_word("class"));
  CHECK(is_reserved_word("xor"));
  CHECK(is_reserved_word("errno"));
  CHECK_FALSE(is_reserved_word("std"));
  NameScope scope({"Client"});
  CHECK(scope.add("class") == "class_");
  CHECK(scope.add("class_") == "class__");
  CHECK(scope.add("Client") == "Client_");
  CHECK(scope.add("_x") == "_x");
  CHECK(identifier_from("in review") == "in_review");
  CHECK(identifier_from("200") == "_200");
}

TEST_CASE("generate_cpp: deterministic, boxes recursion, rejects a bad namespace") {
  const nlohmann::json ir = nlohmann::json::parse(R"({
    "classes": [{"name": "Node", "fields": [
      {"name": "value", "type": {"kind": "int"}, "checks": [], "stream": [], "skip": false},
      {"name": "next", "type": {"kind": "optional", "inner": {"kind": "class", "name": "Node"}}, "checks": [], "stream": [], "skip": false}]}],
    "enums": [], "aliases": [],
    "functions": [{"name": "Walk", "parameters": [{"name": "n", "type": {"kind": "class", "name": "Node"}, "checks": []}],
                   "return_type": {"kind": "class", "name": "Node"}}]})");
  CodegenOptions o;
  o.ns = "a::b";
  o.version = "0.1.0";
  const auto first = generate_cpp(ir, o);
  const auto second = generate_cpp(ir, o);
  REQUIRE(first.size() == 4);
  for (std::size_t i = 0; i < first.size(); ++i) CHECK(first[i].text == second[i].text);
  CHECK(first[0].text.find("::std::optional<::baml::Box<::a::b::Node>> next;") != std::string::npos);
  CHECK(first[1].text.find("::a::b::Node Walk(const ::a::b::Node& n, const ::baml::CallOptions& options = {}) const;") !=
        std::string::npos);
  o.ns = "not a namespace";
  CHECK_THROWS_AS(generate_cpp(ir, o), std::runtime_error);
  o.ns = "std";
  CHECK_THROWS_AS(generate_cpp(ir, o), std::runtime_error);
}
