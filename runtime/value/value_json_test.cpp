#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <baml/errors.h>
#include <baml/value_json.h>

#include "value/from_json.h"

using baml::Value;
using nlohmann::json;

namespace {

const baml::ir::TypeSystem& types() {
  static const baml::ir::TypeSystem ts = baml::ir::read_type_system(json::parse(R"({
    "classes": [
      {"name": "Job", "fields": [{"name": "title", "type": {"kind": "string"}},
                                 {"name": "start", "type": {"kind": "string"}}]},
      {"name": "Resume", "fields": [{"name": "name", "type": {"kind": "string"}},
                                    {"name": "email", "type": {"kind": "optional", "inner": {"kind": "string"}}},
                                    {"name": "experience", "type": {"kind": "list", "items": {"kind": "class", "name": "Job"}}}]},
      {"name": "Node", "fields": [{"name": "value", "type": {"kind": "int"}},
                                  {"name": "next", "type": {"kind": "optional", "inner": {"kind": "class", "name": "Node"}}}]}
    ],
    "enums": [{"name": "Color", "values": [{"name": "RED"}, {"name": "GREEN", "alias": "verde"}]}],
    "aliases": [{"name": "Json", "type": {"kind": "union", "members": [{"kind": "int"}, {"kind": "string"},
                 {"kind": "list", "items": {"kind": "alias", "name": "Json"}}]}}]
  })"));
  return ts;
}

baml::ir::Type type(const char* text) { return baml::ir::read_type(json::parse(text), "t"); }

Value read(const char* value, const char* type_text) {
  return baml::ir::value_from_json(json::parse(value), type(type_text), types(), "arg");
}

std::string error_of(const char* value, const char* type_text) {
  try {
    read(value, type_text);
  } catch (const baml::InvalidArgumentError& e) {
    return e.info().detail;
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("a mismatch names the path inside the argument") {
  CHECK(error_of(R"({"name": "Ann", "experience": [{"title": "a", "start": "2018"}, {"title": "b", "start": 2019}]})",
                 R"({"kind": "class", "name": "Resume"})") == "arg.experience[1].start: expected string, got 2019");
  CHECK(error_of(R"({"experience": []})", R"({"kind": "class", "name": "Resume"})") ==
        "arg.name: missing required field of class Resume (string)");
  CHECK(error_of(R"("BLUE")", R"({"kind": "enum", "name": "Color"})") ==
        R"(arg: expected a value of enum Color (RED | GREEN), got "BLUE")");
  CHECK(error_of("2.5", R"({"kind": "int"})") == "arg: expected int, got 2.5");
}

TEST_CASE("classes, enums, optionals and unions read as BAML reads them") {
  const Value r = read(R"({"name": "Ann", "experience": [], "extra": 1})", R"({"kind": "class", "name": "Resume"})");
  CHECK(r.class_name() == "Resume");
  CHECK(r.find("email") == nullptr);  // an omitted optional field stays absent
  CHECK(r.find("extra") == nullptr);  // undeclared keys are ignored
  CHECK(read(R"("verde")", R"({"kind": "enum", "name": "Color"})").enum_value() == "GREEN");
  CHECK(read("3", R"({"kind": "float"})") == Value::floating(3.0));
  CHECK(read("2.0", R"({"kind": "int"})") == Value::integer(2));
  CHECK(read(R"("x")", R"({"kind": "union", "members": [{"kind": "int"}, {"kind": "string"}]})") == Value::string("x"));
  CHECK(read("null", R"({"kind": "optional", "inner": {"kind": "int"}})").is_null());
  CHECK(read(R"([1, "a", [2]])", R"({"kind": "alias", "name": "Json"})").items().size() == 3);
  CHECK(read(R"({"value": 1, "next": {"value": 2}})", R"({"kind": "class", "name": "Node"})").find("next")->find("value")->as_int() == 2);
}

TEST_CASE("durations, media and literals") {
  CHECK(read(R"("1m30s")", R"({"kind": "duration"})").as_duration().count() == 90000);
  CHECK(read("1500", R"({"kind": "duration"})").as_duration().count() == 1500);
  CHECK(error_of(R"("soon")", R"({"kind": "duration"})").find("expected duration") != std::string::npos);
  CHECK(error_of("-5", R"({"kind": "duration"})").find("never negative") != std::string::npos);
  // The longest duration there is, 2^53 - 1 ms, and its JSON form reads back; a longer one was read
  // from an integer although its JSON form could not be (args_fuzz: 10071992547401991 ms was
  // accepted, written as "2797775707h36m41s991ms", which the duration parser refuses).
  const Value longest = read("9007199254740991", R"({"kind": "duration"})");
  CHECK(longest.as_duration().count() == 9007199254740991);
  CHECK(baml::ir::value_from_json(baml::to_json(longest), type(R"({"kind": "duration"})"), types(), "arg") == longest);
  CHECK(error_of("9007199254740992", R"({"kind": "duration"})").find("at most 2^53 - 1 ms") != std::string::npos);
  CHECK(error_of("10071992547401991", R"({"kind": "duration"})").find("at most 2^53 - 1 ms") != std::string::npos);
  CHECK_THROWS_AS(baml::ir::conform(Value::duration(std::chrono::milliseconds(-1)), type(R"({"kind": "duration"})"),
                                    types(), "arg"),
                  baml::InvalidArgumentError);
  CHECK_THROWS_AS(baml::ir::conform(Value::duration(std::chrono::milliseconds(9007199254740992)),
                                    type(R"({"kind": "duration"})"), types(), "arg"),
                  baml::InvalidArgumentError);
  const Value img = read(R"({"url": "https://x/a.png"})", R"({"kind": "image"})");
  CHECK(img.as_media().by_url);
  CHECK(read(R"({"base64": "QUJD"})", R"({"kind": "pdf"})").as_media().media_type == "application/pdf");
  CHECK(error_of(R"({"base64": "QUJD"})", R"({"kind": "image"})").find("media_type") != std::string::npos);
  CHECK(read(R"("yes")", R"({"kind": "literal", "value": "yes"})") == Value::string("yes"));
  CHECK(error_of(R"("no")", R"({"kind": "literal", "value": "yes"})") == R"(arg: expected "yes", got "no")");
  CHECK(error_of(R"({"BLUE": 1})", R"({"kind": "map", "key": {"kind": "enum", "name": "Color"}, "value": {"kind": "int"}})")
            .find("arg[\"BLUE\"] (key)") != std::string::npos);
}

TEST_CASE("arguments: unknown, missing and optional parameters") {
  const auto params = baml::ir::read_parameters(json::parse(R"([
      {"name": "text", "type": {"kind": "string"}},
      {"name": "hint", "type": {"kind": "optional", "inner": {"kind": "string"}}}])"), "p");
  const baml::Args args = baml::ir::args_from_json(json::parse(R"({"text": "hi"})"), params, types(), "Fn");
  REQUIRE(args.size() == 1);
  CHECK(args[0].first == "text");
  CHECK_THROWS_WITH_AS(baml::ir::args_from_json(json::parse(R"({"text": "hi", "txt": 1})"), params, types(), "Fn"),
                       "invalid_argument: unknown parameter `txt` of function Fn (it takes: text, hint)", baml::InvalidArgumentError);
  CHECK_THROWS_WITH_AS(baml::ir::args_from_json(json::parse("{}"), params, types(), "Fn"),
                       "invalid_argument: missing required parameter `text` (string) of function Fn", baml::InvalidArgumentError);
  CHECK_THROWS_AS(baml::ir::args_from_json(json::parse("[]"), params, types(), "Fn"), baml::InvalidArgumentError);
}

TEST_CASE("a hostile argument ends in an error, not a crash") {
  std::string deep(5000, '[');
  deep += std::string(5000, ']');
  CHECK_THROWS_AS(read(deep.c_str(), R"({"kind": "alias", "name": "Json"})"), baml::InvalidArgumentError);
}

TEST_CASE("the IR's stream attributes and checks on types and classes are read") {
  const baml::ir::Type t = type(R"({"kind": "list", "items": {"kind": "class", "name": "Job", "stream": ["done"],
    "checks": [{"name": "dated", "assert": false, "expression": "this.start != ''",
                "expression_ast": {"kind": "var", "name": "this"}}]}})");
  CHECK(t.stream.empty());
  CHECK(t.checks.empty());
  CHECK(t.items().has_stream("done"));
  CHECK_FALSE(t.items().has_stream("not_null"));
  REQUIRE(t.items().checks.size() == 1);
  CHECK(t.items().checks[0].name == "dated");
  CHECK_FALSE(t.items().checks[0].is_assert);
  CHECK(t.items().checks[0].expression_ast != nullptr);
  CHECK_THROWS_AS(type(R"({"kind": "int", "checks": [{"name": "x"}]})"), baml::ConfigError);

  const baml::ir::TypeSystem ts = baml::ir::read_type_system(json::parse(R"({"classes": [
    {"name": "Atomic", "stream": ["done"], "fields": [{"name": "a", "type": {"kind": "string"}}]},
    {"name": "Plain", "fields": [{"name": "a", "type": {"kind": "string"}}]}]})"));
  CHECK(ts.find_class("Atomic")->has_stream("done"));
  CHECK_FALSE(ts.find_class("Plain")->has_stream("done"));
}
