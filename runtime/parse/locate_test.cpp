// Finding the JSON in prose and fences, and the fixing parser's repairs.
// Expected values were recorded from BAML 0.226.2 (npm @boundaryml/baml) through
// tools/baml_oracle/oracle.js on the probe project described in test_support.cpp; "ERR" means BAML
// raised. Numbers compare by value (BAML's JSON has no int/float distinction).
#include <doctest/doctest.h>

#include "parse/test_support.h"

using baml::parse::testing::matches_oracle;

TEST_CASE("finding the JSON (FPerson)") {
  CHECK(matches_oracle(R"~(Here it is: {"name": "A", "fullName": "B",} hope it helps)~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": "B"} {"name": "C", "fullName": "D"})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~(```
{"name": "A", "fullName": "B"}
```)~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~(```json
{"name": "A", "fullName": "B"
)~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~(Sure!
```json
{name: "A", fullName: "B", // c
 age: 3 # x
}
```
Done)~", "FPerson", R"~({"name": "A", "age": 3, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~(Text {"name": "A", "fullName": "B"} more {"x": 1})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~(prefix ```json
{"name": "A", "fullName": "B"}
``` suffix)~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": "B")~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": "B", "age": 4)~", "FPerson", R"~({"name": "A", "age": 4, "full_name": "B"})~"));
}

TEST_CASE("fixing parser (FPerson)") {
  CHECK(matches_oracle(R"~({"name": "A", "fullName": "B" /* c */})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({'name': 'A', 'fullName': `B`})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({"name": """A
multi""", "fullName": "B"})~", "FPerson", R"~({"name": "A\nmulti", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": "B", "age": None})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({"name" "A" "fullName" "B"})~", "FPerson", R"~(ERR)~"));
  CHECK(matches_oracle(R"~({"name": "A" "fullName": "B"})~", "FPerson", R"~(ERR)~"));
  CHECK(matches_oracle(R"~({"name": A B C, "fullName": "x y"})~", "FPerson", R"~({"name": "A B C", "age": null, "full_name": "x y"})~"));
  CHECK(matches_oracle(R"~({"name": "A \"q\" z", "fullName": "B\nC"})~", "FPerson", R"~({"name": "A \"q\" z", "age": null, "full_name": "B\nC"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": "B", "age": 0x1F})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": "B", "age": +3})~", "FPerson", R"~({"name": "A", "age": 3, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": "B", "age": 3,})~", "FPerson", R"~({"name": "A", "age": 3, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({"name": "A", "fullName": "B", "age": -})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({name: A, B, fullName: C})~", "FPerson", R"~(ERR)~"));
  CHECK(matches_oracle(R"~({name: A,fullName: C})~", "FPerson", R"~(ERR)~"));
  CHECK(matches_oracle(R"~({name: A, x y: 1, fullName: C})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "C"})~"));
  CHECK(matches_oracle(R"~({name: A, "fullName": C})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "C"})~"));
  CHECK(matches_oracle(R"~({name: A,
 fullName: C})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "C"})~"));
  CHECK(matches_oracle(R"~({name: A, b c, fullName: C})~", "FPerson", R"~(ERR)~"));
  CHECK(matches_oracle(R"~({name: A B, "fullName": "C"})~", "FPerson", R"~({"name": "A B", "age": null, "full_name": "C"})~"));
  CHECK(matches_oracle(R"~({name: A B, fullName: C})~", "FPerson", R"~(ERR)~"));
  CHECK(matches_oracle(R"~({name: A B, // c
 fullName: C})~", "FPerson", R"~({"name": "A B", "age": null, "full_name": "C"})~"));
  CHECK(matches_oracle(R"~({name: AB, fullName: C})~", "FPerson", R"~({"name": "AB", "age": null, "full_name": "C"})~"));
  CHECK(matches_oracle(R"~({name: 3 4, fullName: C})~", "FPerson", R"~(ERR)~"));
  CHECK(matches_oracle(R"~({
  // the name
  "name": "A",
  "fullName": "B", # trailing
})~", "FPerson", R"~({"name": "A", "age": null, "full_name": "B"})~"));
  CHECK(matches_oracle(R"~({"name": "caf\u00e9", "fullName": "x"})~", "FPerson", R"~({"name": "café", "age": null, "full_name": "x"})~"));
  CHECK(matches_oracle(R"~({'name': 'it\'s', 'fullName': 'B'})~", "FPerson", R"~({"name": "it\\'s", "age": null, "full_name": "B"})~"));
}
