// Coercion of primitives, enums, literals, maps and lists, case by case against BAML.
// Expected values were recorded from BAML 0.226.2 (npm @boundaryml/baml) through
// tools/baml_oracle/oracle.js on the probe project described in test_support.cpp; "ERR" means BAML
// raised. Numbers compare by value (BAML's JSON has no int/float distinction).
#include <doctest/doctest.h>

#include "parse/numbers.h"
#include "parse/test_support.h"

using baml::parse::testing::matches_oracle;

TEST_CASE("int (FInt)") {
  CHECK(matches_oracle(R"~(42)~", "FInt", R"~(42)~"));
  CHECK(matches_oracle(R"~("42")~", "FInt", R"~(42)~"));
  CHECK(matches_oracle(R"~(1,234)~", "FInt", R"~(1234)~"));
  CHECK(matches_oracle(R"~($5)~", "FInt", R"~(5)~"));
  CHECK(matches_oracle(R"~(50%)~", "FInt", R"~(50)~"));
  CHECK(matches_oracle(R"~(1/2)~", "FInt", R"~(1)~"));
  CHECK(matches_oracle(R"~(1e3)~", "FInt", R"~(1000)~"));
  CHECK(matches_oracle(R"~(3.5)~", "FInt", R"~(4)~"));
  CHECK(matches_oracle(R"~(2.5)~", "FInt", R"~(3)~"));
  CHECK(matches_oracle(R"~({"a": 3})~", "FInt", R"~(ERR)~"));
  CHECK(matches_oracle(R"~([1, 2])~", "FInt", R"~(1)~"));
  CHECK(matches_oracle(R"~(the answer is 42)~", "FInt", R"~(42)~"));
  CHECK(matches_oracle(R"~(abc)~", "FInt", R"~(ERR)~"));
  CHECK(matches_oracle(R"~(12 apples and 3 pears)~", "FInt", R"~(ERR)~"));
  CHECK(matches_oracle(R"~(-7.5)~", "FInt", R"~(-8)~"));
  CHECK(matches_oracle(R"~( 7 )~", "FInt", R"~(7)~"));
  CHECK(matches_oracle(R"~(+3)~", "FInt", R"~(3)~"));
  CHECK(matches_oracle(R"~(1.5e2)~", "FInt", R"~(150)~"));
  CHECK(matches_oracle(R"~("12,111,123,")~", "FInt", R"~(12111123)~"));
  CHECK(matches_oracle(R"~($1,234.56)~", "FInt", R"~(1235)~"));
  CHECK(matches_oracle(R"~([])~", "FInt", R"~(ERR)~"));
}

TEST_CASE("float (FFloat)") {
  CHECK(matches_oracle(R"~(3.14)~", "FFloat", R"~(3.14)~"));
  CHECK(matches_oracle(R"~(1,234.5)~", "FFloat", R"~(1234.5)~"));
  CHECK(matches_oracle(R"~(1/3)~", "FFloat", R"~(0.3333333333333333)~"));
  CHECK(matches_oracle(R"~(3,14)~", "FFloat", R"~(314)~"));
  CHECK(matches_oracle(R"~(.5)~", "FFloat", R"~(0.5)~"));
  CHECK(matches_oracle(R"~(50%)~", "FFloat", R"~(50)~"));
  CHECK(matches_oracle(R"~(null)~", "FFloat", R"~(ERR)~"));
  CHECK(matches_oracle(R"~("2.50")~", "FFloat", R"~(2.5)~"));
  CHECK(matches_oracle(R"~([1.5])~", "FFloat", R"~(1.5)~"));
  CHECK(matches_oracle(R"~(about 3.5 units)~", "FFloat", R"~(3.5)~"));
  CHECK(matches_oracle(R"~(7)~", "FFloat", R"~(7)~"));
}

TEST_CASE("bool (FBool)") {
  CHECK(matches_oracle(R"~(true)~", "FBool", R"~(true)~"));
  CHECK(matches_oracle(R"~(True)~", "FBool", R"~(true)~"));
  CHECK(matches_oracle(R"~("yes")~", "FBool", R"~(ERR)~"));
  CHECK(matches_oracle(R"~(yes)~", "FBool", R"~(ERR)~"));
  CHECK(matches_oracle(R"~(The answer is true.)~", "FBool", R"~(true)~"));
  CHECK(matches_oracle(R"~(false)~", "FBool", R"~(false)~"));
  CHECK(matches_oracle(R"~(FALSE)~", "FBool", R"~(false)~"));
  CHECK(matches_oracle(R"~(1)~", "FBool", R"~(ERR)~"));
  CHECK(matches_oracle(R"~([true])~", "FBool", R"~(true)~"));
  CHECK(matches_oracle(R"~(true or false)~", "FBool", R"~(ERR)~"));
  CHECK(matches_oracle(R"~("false")~", "FBool", R"~(false)~"));
  CHECK(matches_oracle(R"~(**True**)~", "FBool", R"~(true)~"));
}

TEST_CASE("string (FString)") {
  CHECK(matches_oracle(R"~(hello)~", "FString", R"~("hello")~"));
  CHECK(matches_oracle(R"~("hello")~", "FString", R"~("\"hello\"")~"));
  CHECK(matches_oracle(R"~({"a": 1})~", "FString", R"~("{\"a\": 1}")~"));
  CHECK(matches_oracle(R"~(```json
{"a": 1}
```)~", "FString", R"~("```json\n{\"a\": 1}\n```")~"));
  CHECK(matches_oracle(R"~(42)~", "FString", R"~("42")~"));
  CHECK(matches_oracle(R"~(  spaced  )~", "FString", R"~("  spaced  ")~"));
  CHECK(matches_oracle(R"~([1,2])~", "FString", R"~("[1,2]")~"));
  CHECK(matches_oracle(R"~(null)~", "FString", R"~("null")~"));
  CHECK(matches_oracle(R"~()~", "FString", R"~("")~"));
}

TEST_CASE("null (FNull)") {
  CHECK(matches_oracle(R"~(null)~", "FNull", R"~(null)~"));
  CHECK(matches_oracle(R"~(None)~", "FNull", R"~(null)~"));
  CHECK(matches_oracle(R"~(x)~", "FNull", R"~(null)~"));
  CHECK(matches_oracle(R"~()~", "FNull", R"~(null)~"));
}

TEST_CASE("optional int (FOptInt)") {
  CHECK(matches_oracle(R"~(null)~", "FOptInt", R"~(null)~"));
  CHECK(matches_oracle(R"~(5)~", "FOptInt", R"~(5)~"));
  CHECK(matches_oracle(R"~(none)~", "FOptInt", R"~(null)~"));
  CHECK(matches_oracle(R"~("7")~", "FOptInt", R"~(7)~"));
  CHECK(matches_oracle(R"~(x)~", "FOptInt", R"~(null)~"));
}

TEST_CASE("enum (FEnum)") {
  CHECK(matches_oracle(R"~(RED)~", "FEnum", R"~("RED")~"));
  CHECK(matches_oracle(R"~(red)~", "FEnum", R"~("RED")~"));
  CHECK(matches_oracle(R"~("Red")~", "FEnum", R"~("RED")~"));
  CHECK(matches_oracle(R"~(verde)~", "FEnum", R"~("GREEN")~"));
  CHECK(matches_oracle(R"~(GREEN)~", "FEnum", R"~(ERR)~"));
  CHECK(matches_oracle(R"~(the sky color)~", "FEnum", R"~("BLUE")~"));
  CHECK(matches_oracle(R"~(BLUE)~", "FEnum", R"~("BLUE")~"));
  CHECK(matches_oracle(R"~(dark blue)~", "FEnum", R"~("BLUE")~"));
  CHECK(matches_oracle(R"~(Dark-Blue)~", "FEnum", R"~("BLUE")~"));
  CHECK(matches_oracle(R"~(DARK_BLUE)~", "FEnum", R"~("DARK_BLUE")~"));
  CHECK(matches_oracle(R"~(The color is RED.)~", "FEnum", R"~("RED")~"));
  CHECK(matches_oracle(R"~(RED or GREEN)~", "FEnum", R"~("RED")~"));
  CHECK(matches_oracle(R"~(SKIPPED)~", "FEnum", R"~(ERR)~"));
  CHECK(matches_oracle(R"~(purple)~", "FEnum", R"~(ERR)~"));
  CHECK(matches_oracle(R"~(["RED"])~", "FEnum", R"~("RED")~"));
  CHECK(matches_oracle(R"~({"color": "RED"})~", "FEnum", R"~("RED")~"));
  CHECK(matches_oracle(R"~(RED: the color of fire)~", "FEnum", R"~("RED")~"));
  CHECK(matches_oracle(R"~(I think **RED** is best, not GREEN)~", "FEnum", R"~("RED")~"));
  CHECK(matches_oracle(R"~(red, red, green)~", "FEnum", R"~("RED")~"));
  CHECK(matches_oracle(R"~(Blue)~", "FEnum", R"~("BLUE")~"));
  CHECK(matches_oracle(R"~(RED or BLUE)~", "FEnum", R"~(ERR)~"));
  CHECK(matches_oracle(R"~(RED RED BLUE)~", "FEnum", R"~("RED")~"));
  CHECK(matches_oracle(R"~(red or Blue)~", "FEnum", R"~(ERR)~"));
  CHECK(matches_oracle(R"~(BLUE: the sky color)~", "FEnum", R"~("BLUE")~"));
}

TEST_CASE("enum list (FEnumList)") {
  CHECK(matches_oracle(R"~(["RED", "verde", "nope"])~", "FEnumList", R"~(["RED", "GREEN"])~"));
  CHECK(matches_oracle(R"~(RED)~", "FEnumList", R"~(["RED"])~"));
  CHECK(matches_oracle(R"~([red, blue])~", "FEnumList", R"~(["RED", "BLUE"])~"));
}

TEST_CASE("string literal (FLit)") {
  CHECK(matches_oracle(R"~(a)~", "FLit", R"~("a")~"));
  CHECK(matches_oracle(R"~("b")~", "FLit", R"~("b")~"));
  CHECK(matches_oracle(R"~(A)~", "FLit", R"~("a")~"));
  CHECK(matches_oracle(R"~(c)~", "FLit", R"~(ERR)~"));
  CHECK(matches_oracle(R"~(the answer is b)~", "FLit", R"~("a")~"));
  CHECK(matches_oracle(R"~({"x": "a"})~", "FLit", R"~("a")~"));
}

TEST_CASE("int literal (FLitInt)") {
  CHECK(matches_oracle(R"~(1)~", "FLitInt", R"~(1)~"));
  CHECK(matches_oracle(R"~(2)~", "FLitInt", R"~(2)~"));
  CHECK(matches_oracle(R"~(3)~", "FLitInt", R"~(ERR)~"));
  CHECK(matches_oracle(R"~("2")~", "FLitInt", R"~(2)~"));
  CHECK(matches_oracle(R"~(1.0)~", "FLitInt", R"~(1)~"));
  // An object with one primitive value stands for it, as for string literals.
  CHECK(matches_oracle(R"~({"rating": 2})~", "FLitInt", R"~(2)~"));
  CHECK(matches_oracle(R"~({"rating": "2"})~", "FLitInt", R"~(2)~"));
  CHECK(matches_oracle(R"~({"a": 1, "b": 2})~", "FLitInt", R"~(ERR)~"));
  CHECK(matches_oracle(R"~({"x": {"y": 2}})~", "FLitInt", R"~(ERR)~"));
}

TEST_CASE("bool literal (FLitBool)") {
  CHECK(matches_oracle(R"~(true)~", "FLitBool", R"~(true)~"));
  CHECK(matches_oracle(R"~(false)~", "FLitBool", R"~(ERR)~"));
  CHECK(matches_oracle(R"~(True)~", "FLitBool", R"~(true)~"));
  CHECK(matches_oracle(R"~({"ok": true})~", "FLitBool", R"~(true)~"));
  CHECK(matches_oracle(R"~({"rating": 2})~", "FLitBool", R"~(ERR)~"));
}

TEST_CASE("map (FMap)") {
  CHECK(matches_oracle(R"~({"a": 1, "b": "2"})~", "FMap", R"~({"a": 1, "b": 2})~"));
  CHECK(matches_oracle(R"~({"a": "x", "b": 3})~", "FMap", R"~({"b": 3})~"));
  CHECK(matches_oracle(R"~([1])~", "FMap", R"~(ERR)~"));
  CHECK(matches_oracle(R"~({a: 1, b: 2,})~", "FMap", R"~({"a": 1, "b": 2})~"));
  CHECK(matches_oracle(R"~({})~", "FMap", R"~({})~"));
  CHECK(matches_oracle(R"~(5)~", "FMap", R"~(ERR)~"));
}

TEST_CASE("map with enum keys (FMapEnum)") {
  CHECK(matches_oracle(R"~({"RED": 1, "verde": 2})~", "FMapEnum", R"~({"RED": 1, "verde": 2})~"));
  CHECK(matches_oracle(R"~({"red": 1, "PURPLE": 2})~", "FMapEnum", R"~({"red": 1, "PURPLE": 2})~"));
  CHECK(matches_oracle(R"~({"the sky color": 3})~", "FMapEnum", R"~({"the sky color": 3})~"));
}

TEST_CASE("map with literal keys (FMapLit)") {
  CHECK(matches_oracle(R"~({"x": 1, "y": 2})~", "FMapLit", R"~({"x": 1, "y": 2})~"));
  CHECK(matches_oracle(R"~({"x": 1, "z": 2})~", "FMapLit", R"~({"x": 1, "z": 2})~"));
  CHECK(matches_oracle(R"~({"X": 1})~", "FMapLit", R"~({"X": 1})~"));
}

TEST_CASE("lists (FIntList)") {
  CHECK(matches_oracle(R"~([1, 2, 3])~", "FIntList", R"~([1, 2, 3])~"));
  CHECK(matches_oracle(R"~(5)~", "FIntList", R"~([5])~"));
  CHECK(matches_oracle(R"~([1, "x", 3])~", "FIntList", R"~([1, 3])~"));
  CHECK(matches_oracle(R"~(1, 2, 3)~", "FIntList", R"~([])~"));
  CHECK(matches_oracle(R"~([1, 2)~", "FIntList", R"~([1, 2])~"));
  CHECK(matches_oracle(R"~(```json
[1,2]
```
```json
[3]
```)~", "FIntList", R"~([1, 2])~"));
  CHECK(matches_oracle(R"~({"a": 1})~", "FIntList", R"~([])~"));
  CHECK(matches_oracle(R"~([])~", "FIntList", R"~([])~"));
  CHECK(matches_oracle(R"~(none)~", "FIntList", R"~([])~"));
  CHECK(matches_oracle(R"~([1] and [2])~", "FIntList", R"~([1])~"));
  CHECK(matches_oracle(R"~([1.6, "2", "$3"])~", "FIntList", R"~([2, 2, 3])~"));
}

TEST_CASE("string lists (FStrList)") {
  CHECK(matches_oracle(R"~(["a", "b"])~", "FStrList", R"~(["a", "b"])~"));
  CHECK(matches_oracle(R"~(a)~", "FStrList", R"~(["a"])~"));
  CHECK(matches_oracle(R"~([a, b, c])~", "FStrList", R"~(["a", "b", "c"])~"));
  CHECK(matches_oracle(R"~(['x', 'y'])~", "FStrList", R"~(["x", "y"])~"));
  CHECK(matches_oracle(R"~({"a": 1} {"b": 2})~", "FStrList", R"~(["{\"a\": 1}", "{\"b\": 2}"])~"));
  CHECK(matches_oracle(R"~([1, true, null])~", "FStrList", R"~(["1", "true"])~"));
}

TEST_CASE("nested lists (FStrListList)") {
  CHECK(matches_oracle(R"~([["a"], ["b", "c"]])~", "FStrListList", R"~([["a"], ["b", "c"]])~"));
  CHECK(matches_oracle(R"~(["a", "b"])~", "FStrListList", R"~([["a"], ["b"]])~"));
  CHECK(matches_oracle(R"~(a)~", "FStrListList", R"~([["a"]])~"));
}

TEST_CASE("a number read into a string prints as BAML prints it (serde_json's f64, or the integer)") {
  // BAML 0.226.2, a JSON number where `value string` is declared: {"value": 3.50} is "3.5".
  using baml::parse::serde_float_text;
  using baml::parse::serde_number_text;
  CHECK(serde_float_text(3.5) == "3.5");
  CHECK(serde_float_text(1000) == "1000.0");
  CHECK(serde_float_text(0.000001) == "1e-6");
  CHECK(serde_float_text(0.001234) == "0.001234");
  CHECK(serde_float_text(-2.5e-5) == "-0.000025");
  CHECK(serde_float_text(1e16) == "1e16");
  CHECK(serde_float_text(1e21) == "1e21");
  CHECK(serde_float_text(1.2345678901234569e23) == "1.2345678901234569e23");
  CHECK(serde_float_text(-0.0) == "-0.0");
  CHECK(serde_number_text("3.50") == "3.5");
  CHECK(serde_number_text("1E3") == "1000.0");
  CHECK(serde_number_text("42") == "42");
  CHECK(serde_number_text("12345678901234567890") == "12345678901234567890");
  CHECK(serde_number_text("99999999999999999999") == "1e20");
  CHECK(baml::parse::testing::parse_json(R"~({"name": 3.50, "fullName": 1E3})~", baml::parse::testing::fn("FPerson")) ==
        R"~({"age":null,"full_name":"1000.0","name":"3.5"})~");
}
