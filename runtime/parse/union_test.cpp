// Unions: the member BAML's scoring picks.
// Expected values were recorded from BAML 0.226.2 (npm @boundaryml/baml) through
// tools/baml_oracle/oracle.js on the probe project described in test_support.cpp; "ERR" means BAML
// raised. Numbers compare by value (BAML's JSON has no int/float distinction).
#include <doctest/doctest.h>

#include "parse/test_support.h"

using baml::parse::testing::matches_oracle;

TEST_CASE("unions (FIntStr)") {
  CHECK(matches_oracle(R"~(42)~", "FIntStr", R"~(42)~"));
  CHECK(matches_oracle(R"~("42")~", "FIntStr", R"~("42")~"));
  CHECK(matches_oracle(R"~(hello)~", "FIntStr", R"~("hello")~"));
  CHECK(matches_oracle(R"~(4.5)~", "FIntStr", R"~(5)~"));
  CHECK(matches_oracle(R"~([1])~", "FIntStr", R"~(1)~"));
  CHECK(matches_oracle(R"~({"a": 1})~", "FIntStr", R"~("{a: 1}")~"));
}

TEST_CASE("unions (string first) (FStrInt)") {
  CHECK(matches_oracle(R"~(42)~", "FStrInt", R"~(42)~"));
  CHECK(matches_oracle(R"~("42")~", "FStrInt", R"~("42")~"));
  CHECK(matches_oracle(R"~(hello)~", "FStrInt", R"~("hello")~"));
}

TEST_CASE("int or float (FIntFloat)") {
  CHECK(matches_oracle(R"~(42)~", "FIntFloat", R"~(42)~"));
  CHECK(matches_oracle(R"~(4.5)~", "FIntFloat", R"~(4.5)~"));
  CHECK(matches_oracle(R"~("4.5")~", "FIntFloat", R"~(4.5)~"));
  CHECK(matches_oracle(R"~(1,000)~", "FIntFloat", R"~(1000)~"));
  // A number found in text around it is read as an int, rounded (BAML 0.226.2: "$4.50" is 5,
  // "12.5%" is 13, "$4" is the int 4); a plain "4.5" stays a float.
  using baml::parse::testing::fn;
  using baml::parse::testing::parse_json;
  CHECK(parse_json(R"~("$4.50")~", fn("FIntFloat")) == "5");
  CHECK(parse_json(R"~("12.5%")~", fn("FIntFloat")) == "13");
  CHECK(parse_json(R"~("$4")~", fn("FIntFloat")) == "4");
  CHECK(parse_json(R"~("4.5")~", fn("FIntFloat")) == "4.5");
  // Read as one number, a list prefers an item written as a number to one found in text.
  CHECK(matches_oracle(R"~(["$4", 3])~", "FFloat", R"~(3)~"));
  CHECK(matches_oracle(R"~([1True, 2.5])~", "FFloat", R"~(2.5)~"));
  CHECK(matches_oracle(R"~(["$4", 3])~", "FInt", R"~(3)~"));
  CHECK(matches_oracle(R"~([1True, 2.5])~", "FInt", R"~(1)~"));
}

TEST_CASE("classes by literal (FPet)") {
  CHECK(matches_oracle(R"~({"kind": "cat", "meow": "purr"})~", "FPet", R"~({"kind": "cat", "meow": "purr"})~"));
  CHECK(matches_oracle(R"~({"kind": "dog", "bark": "woof"})~", "FPet", R"~({"kind": "dog", "bark": "woof"})~"));
  CHECK(matches_oracle(R"~({"meow": "purr"})~", "FPet", R"~(ERR)~"));
  CHECK(matches_oracle(R"~({"kind": "Dog", "bark": "w"})~", "FPet", R"~({"kind": "dog", "bark": "w"})~"));
}

TEST_CASE("class or list (FClassOrList)") {
  CHECK(matches_oracle(R"~({"title": "x", "years": 1})~", "FClassOrList", R"~({"title": "x", "years": 1})~"));
  CHECK(matches_oracle(R"~([{"title": "x", "years": 1}])~", "FClassOrList", R"~([{"title": "x", "years": 1}])~"));
  CHECK(matches_oracle(R"~({"title": "x", "years": 1} {"title": "y", "years": 2})~", "FClassOrList", R"~({"title": "x", "years": 1})~"));
}

TEST_CASE("recursive alias (FJson)") {
  CHECK(matches_oracle(R"~({"a": [1, "x", {"b": 2}], "c": "d"})~", "FJson", R"~({"a": [1, "x", {"b": 2}], "c": "d"})~"));
  CHECK(matches_oracle(R"~([[1.5]])~", "FJson", R"~([[2]])~"));
  CHECK(matches_oracle(R"~({"a": {"a": 1.5}})~", "FJson", R"~({"a": {"a": 2}})~"));
  CHECK(matches_oracle(R"~(plain)~", "FJson", R"~("plain")~"));
  CHECK(matches_oracle(R"~([1, [2, [3]]])~", "FJson", R"~([1, [2, [3]]])~"));
  CHECK(matches_oracle(R"~({"a": null})~", "FJson", R"~({"a": []})~"));
}
