// Classes: key matching, aliases, @skip, defaults, one-field classes, nesting and recursion.
// Expected values were recorded from BAML 0.226.2 (npm @boundaryml/baml) through
// tools/baml_oracle/oracle.js on the probe project described in test_support.cpp; "ERR" means BAML
// raised. Numbers compare by value (BAML's JSON has no int/float distinction).
#include <doctest/doctest.h>

#include "parse/test_support.h"

using baml::parse::testing::matches_oracle;

TEST_CASE("class (FPerson)") {
  CHECK(matches_oracle(R"~({"name": "A", "age": 3, "fullName": "A B"})~", "FPerson", R"~({"name": "A", "age": 3, "full_name": "A B"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "full_name": "A B"})~", "FPerson", R"~(ERR)~"));
  CHECK(matches_oracle(R"~({"Name": "A", "FULLNAME": "A B", "extra": 1})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "A B"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": "A B", "hidden": "x"})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "A B"})~"));
  CHECK(matches_oracle(R"~({name: A, fullName: A B})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "A B"})~"));
  CHECK(matches_oracle(R"~({"name": "A"})~", "FPerson", R"~(ERR)~"));
  CHECK(matches_oracle(R"~({"name": null, "fullName": "B"})~", "FPerson", R"~(ERR)~"));
  CHECK(matches_oracle(R"~({"name": 5, "fullName": ["x"]})~", "FPerson", R"~({"name": "5", "age": null, "full_name": "[x]"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "age": "3 years", "fullName": "B"})~", "FPerson", R"~({"name": "A", "age": 3, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "age": "unknown", "fullName": "B"})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({"full-name": "B", "NAME": "A"})~", "FPerson", R"~(ERR)~"));
  CHECK(matches_oracle(R"~({"name": "A", "name": "Z", "fullName": "B"})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": "B", "age": 3.7})~", "FPerson", R"~({"name": "A", "age": 4, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({" name ": "A", "full name": "B"})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": {"x": 1, "y": [1, "a"]}})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "{x: 1, y: [1, a]}"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": true})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "true"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": null})~", "FPerson", R"~(ERR)~"));
  CHECK(matches_oracle(R"~([{"name": "A", "fullName": "B"}])~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~([{"name": "A"}, {"name": "C", "fullName": "D"}])~", "FPerson", R"~({"name": "C", "age": null, "full_name": "D"})~"));
  CHECK(matches_oracle(R"~(just text)~", "FPerson", R"~(ERR)~"));
}

TEST_CASE("one-field class (FOne)") {
  CHECK(matches_oracle(R"~(5)~", "FOne", R"~({"value": 5})~"));
  CHECK(matches_oracle(R"~({"value": 5})~", "FOne", R"~({"value": 5})~"));
  CHECK(matches_oracle(R"~({"VALUE": "5"})~", "FOne", R"~({"value": 5})~"));
  CHECK(matches_oracle(R"~({"other": 5})~", "FOne", R"~(ERR)~"));
  CHECK(matches_oracle(R"~([5])~", "FOne", R"~({"value": 5})~"));
  CHECK(matches_oracle(R"~("7")~", "FOne", R"~(ERR)~"));
}

TEST_CASE("nested class (FResume)") {
  CHECK(matches_oracle(R"~({"name": "A"})~", "FResume", R"~({"name": "A", "experience": [], "skills": []})~"));
  CHECK(matches_oracle(R"~({"name": "A", "experience": [{"title": "x", "years": 1}, {"title": "y"}]})~", "FResume", R"~({"name": "A", "experience": [{"title": "x", "years": 1}], "skills": []})~"));
  CHECK(matches_oracle(R"~({"name": "A", "experience": {"title": "x", "years": 1}, "skills": "c++"})~", "FResume", R"~({"name": "A", "experience": [{"title": "x", "years": 1}], "skills": ["c++"]})~"));
  CHECK(matches_oracle(R"~({"name": "A", "experience": [{"title": "x", "years": "ten"}], "skills": ["a", 1]})~", "FResume", R"~({"name": "A", "experience": [], "skills": ["a", "1"]})~"));
}

TEST_CASE("recursive class (FTree)") {
  CHECK(matches_oracle(R"~({"v": 1, "children": [{"v": 2, "children": []}, {"v": 3}]})~", "FTree", R"~({"v": 1, "children": [{"v": 2, "children": []}, {"v": 3, "children": []}]})~"));
  CHECK(matches_oracle(R"~({"v": 1, "children": [{"v": "x"}]})~", "FTree", R"~({"v": 1, "children": []})~"));
  CHECK(matches_oracle(R"~({"v": 1})~", "FTree", R"~({"v": 1, "children": []})~"));
}

TEST_CASE("class list (FPersonList)") {
  CHECK(matches_oracle(R"~([{"name": "A", "fullName": "B"}, {"name": "C", "fullName": "D"}])~", "FPersonList", R"~([{"name": "A", "age": null, "full_name": "B"}, {"name": "C", "age": null, "full_name": "D"}])~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": "B"})~", "FPersonList", R"~([{"name": "A", "age": null, "full_name": "B"}])~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": "B"} {"name": "C", "fullName": "D"})~", "FPersonList", R"~([{"name": "A", "age": null, "full_name": "B"}, {"name": "C", "age": null, "full_name": "D"}])~"));
  CHECK(matches_oracle(R"~(```json
{"name": "A", "fullName": "B"}
```
```json
{"name": "C", "fullName": "D"}
```)~", "FPersonList", R"~([{"name": "A", "age": null, "full_name": "B"}, {"name": "C", "age": null, "full_name": "D"}])~"));
}
