// Durations from text (bamlc only; BAML has no duration type): bamlc's literal syntax, ISO 8601,
// unit words, and a bare number read as seconds.
#include <doctest/doctest.h>

#include <baml/value.h>

#include "parse/duration_text.h"
#include "parse/test_support.h"

using namespace baml::parse;
using namespace baml::parse::testing;

TEST_CASE("duration texts") {
  CHECK(duration_from_text("90s") == 90000);
  CHECK(duration_from_text("1m30s") == 90000);
  CHECK(duration_from_text("500ms") == 500);
  CHECK(duration_from_text("1.5 minutes") == 90000);
  CHECK(duration_from_text("2 hours") == 7200000);
  CHECK(duration_from_text("500 ms") == 500);
  CHECK(duration_from_text("1 hour 30 minutes") == 5400000);
  CHECK(duration_from_text("1h 30m") == 5400000);
  CHECK(duration_from_text("2 hours and 5 minutes") == 7500000);
  CHECK(duration_from_text("PT1H30M") == 5400000);
  CHECK(duration_from_text("pt0.5s") == 500);
  CHECK(duration_from_text("P1DT2H") == 93600000);
  CHECK(duration_from_text("P2W") == 1209600000);
  CHECK(duration_from_text(" 90 ") == 90000);  // a bare number is seconds
  CHECK(duration_from_text("1.5") == 1500);
  CHECK(!duration_from_text("soon"));
  CHECK(!duration_from_text("-5s"));
  CHECK(!duration_from_text("PT"));
  CHECK(!duration_from_text("5 parsecs"));
  CHECK(!duration_from_text(""));
}

TEST_CASE("duration values from answers") {
  auto t = prim(baml::ir::Type::Kind::Duration);
  auto v = parse_value("\"1m30s\"", t);
  REQUIRE(v);
  CHECK(*v == "1m30s");
  CHECK(parse_value("The timeout is PT2M.", t) == std::nullopt);  // two readings: only whole texts
  CHECK(*parse_value("```json\n\"2 hours\"\n```", t) == "2h");
  CHECK(*parse_value("45", t) == "45s");
  CHECK(*parse_value("[\"3s\"]", t) == "3s");
  CHECK(parse_error("whenever", t).find("duration: expected duration") == 0);
  // In a class field, partial mode holds a duration back until it is complete.
  CHECK(parse_value("\"1m3", t, true) == std::nullopt);
}
