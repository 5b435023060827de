// Tests of duration literals: every valid form, every error with its exact message, hint and
// span, the exactness of the arithmetic, and the canonical formatting.
#include <baml/duration.h>

#include <doctest/doctest.h>

#include <string>

using namespace baml;
using std::chrono::milliseconds;

namespace {

// The value of a literal that must parse; fails the test with the error otherwise.
std::int64_t ms_of(std::string_view text) {
  const DurationParse parsed = parse_duration(text);
  INFO("literal: ", std::string(text));
  if (parsed.error) INFO("error: ", parsed.error->message);
  REQUIRE(parsed.value.has_value());
  CHECK_FALSE(parsed.error.has_value());
  return parsed.value->count();
}

struct Expected {
  DurationErrorKind kind;
  std::string message;
  std::string hint;
  std::uint32_t offset;
  std::uint32_t length;
};

void check_error(std::string_view text, const Expected& expected) {
  const DurationParse parsed = parse_duration(text);
  INFO("literal: ", std::string(text));
  CHECK_FALSE(parsed.value.has_value());
  REQUIRE(parsed.error.has_value());
  const DurationError& e = *parsed.error;
  CHECK(static_cast<int>(e.kind) == static_cast<int>(expected.kind));
  CHECK(e.message == expected.message);
  CHECK(e.hint == expected.hint);
  CHECK(e.offset == expected.offset);
  CHECK(e.length == expected.length);
}

constexpr std::string_view kUnits = "durations use ms, s, m or h";

std::string units_hint(std::string_view fix) {
  return std::string(kUnits) + "; write `" + std::string(fix) + "`";
}

}  // namespace

TEST_CASE("one number and a unit") {
  CHECK(ms_of("500ms") == 500);
  CHECK(ms_of("4s") == 4'000);
  CHECK(ms_of("2m") == 120'000);
  CHECK(ms_of("1h") == 3'600'000);
  CHECK(ms_of("0s") == 0);
  CHECK(ms_of("0ms") == 0);
  CHECK(ms_of("0h") == 0);
  CHECK(ms_of("90s") == 90'000);  // not normalized: still valid
  CHECK(ms_of("120m") == 7'200'000);
  CHECK(ms_of("007s") == 7'000);  // leading zeros are harmless
}

TEST_CASE("decimal numbers that come to whole milliseconds") {
  CHECK(ms_of("1.5s") == 1'500);
  CHECK(ms_of("0.25s") == 250);
  CHECK(ms_of("0.001s") == 1);
  CHECK(ms_of("2.5h") == 9'000'000);
  CHECK(ms_of("0.5m") == 30'000);
  CHECK(ms_of("1.0ms") == 1);
  CHECK(ms_of("1.000000s") == 1'000);  // trailing zeros beyond the millisecond are fine
  CHECK(ms_of("0.1s") == 100);         // exact: no floating-point 0.1
}

TEST_CASE("segments in decreasing unit order") {
  CHECK(ms_of("1m30s") == 90'000);
  CHECK(ms_of("1h15m") == 4'500'000);
  CHECK(ms_of("2s500ms") == 2'500);
  CHECK(ms_of("1h0m") == 3'600'000);
  CHECK(ms_of("1h2m3s4ms") == 3'723'004);
  CHECK(ms_of("1h30s") == 3'630'000);  // skipping a unit is fine
  CHECK(ms_of("1.5m30s") == 120'000);  // a decimal in any segment
  CHECK(ms_of("0h0m0s0ms") == 0);
}

TEST_CASE("the limit is 2^53 - 1 milliseconds, computed exactly") {
  CHECK(ms_of("9007199254740991ms") == kMaxDurationMs);
  CHECK(ms_of("9007199254740.991s") == kMaxDurationMs);
  CHECK(ms_of("2501999792h59m991ms") == kMaxDurationMs);
  CHECK(ms_of("00000000000000000000000000000000000000001s") == 1'000);
  CHECK(ms_of("1.000000000000000000000000000000000000000s") == 1'000);
  const std::string too_large_hint = "the largest duration is 2^53 - 1 ms (`9007199254740991ms`, about 285,000 years)";
  check_error("9007199254740992ms",
              {DurationErrorKind::Overflow, "duration `9007199254740992ms` is too large", too_large_hint, 0, 18});
  check_error("9007199254740.992s",
              {DurationErrorKind::Overflow, "duration `9007199254740.992s` is too large", too_large_hint, 0, 18});
  check_error("2501999792h59m992ms",
              {DurationErrorKind::Overflow, "duration `2501999792h59m992ms` is too large", too_large_hint, 0, 19});
  // A single segment past the limit is blamed on its own.
  check_error("1h9999999999999999999ms",
              {DurationErrorKind::Overflow, "duration `9999999999999999999ms` is too large", too_large_hint, 2, 21});
  const std::string digits(200, '9');
  check_error(digits + "h",
              {DurationErrorKind::Overflow, "duration `" + digits + "h` is too large", too_large_hint, 0, 201});
}

TEST_CASE("a sign is an error") {
  check_error("-5s", {DurationErrorKind::Sign, "negative durations do not exist", "remove the sign; write `5s`", 0, 1});
  check_error("+5s", {DurationErrorKind::Sign, "a duration cannot have a sign", "remove the sign; write `5s`", 0, 1});
  check_error("-0s", {DurationErrorKind::Sign, "negative durations do not exist", "remove the sign; write `0s`", 0, 1});
  // The suggestion also repairs what follows the sign.
  check_error("-4min",
              {DurationErrorKind::Sign, "negative durations do not exist", "remove the sign; write `4m`", 0, 1});
  check_error("-1.2.3s", {DurationErrorKind::Sign, "negative durations do not exist", "remove the sign", 0, 1});
}

TEST_CASE("unknown units suggest the unit meant") {
  check_error("4min", {DurationErrorKind::UnknownUnit, "unknown duration unit `min`", units_hint("4m"), 1, 3});
  check_error("10mins", {DurationErrorKind::UnknownUnit, "unknown duration unit `mins`", units_hint("10m"), 2, 4});
  check_error("2minutes", {DurationErrorKind::UnknownUnit, "unknown duration unit `minutes`", units_hint("2m"), 1, 7});
  check_error("5sec", {DurationErrorKind::UnknownUnit, "unknown duration unit `sec`", units_hint("5s"), 1, 3});
  check_error("1sec", {DurationErrorKind::UnknownUnit, "unknown duration unit `sec`", units_hint("1s"), 1, 3});
  check_error("3seconds", {DurationErrorKind::UnknownUnit, "unknown duration unit `seconds`", units_hint("3s"), 1, 7});
  check_error("2hr", {DurationErrorKind::UnknownUnit, "unknown duration unit `hr`", units_hint("2h"), 1, 2});
  check_error("2hrs", {DurationErrorKind::UnknownUnit, "unknown duration unit `hrs`", units_hint("2h"), 1, 3});
  check_error("1hour", {DurationErrorKind::UnknownUnit, "unknown duration unit `hour`", units_hint("1h"), 1, 4});
  check_error("500msec", {DurationErrorKind::UnknownUnit, "unknown duration unit `msec`", units_hint("500ms"), 3, 4});
  check_error("500millis",
              {DurationErrorKind::UnknownUnit, "unknown duration unit `millis`", units_hint("500ms"), 3, 6});
  check_error("5milliseconds",
              {DurationErrorKind::UnknownUnit, "unknown duration unit `milliseconds`", units_hint("5ms"), 1, 12});
  check_error("1.5sec", {DurationErrorKind::UnknownUnit, "unknown duration unit `sec`", units_hint("1.5s"), 3, 3});
}

TEST_CASE("unknown units in longer literals fix the whole literal") {
  check_error("1h30min", {DurationErrorKind::UnknownUnit, "unknown duration unit `min`", units_hint("1h30m"), 4, 3});
  check_error("1hr30min", {DurationErrorKind::UnknownUnit, "unknown duration unit `hr`", units_hint("1h30m"), 1, 2});
  // The rewrite is itself out of order, so its normalized form is offered.
  check_error("30secs1min", {DurationErrorKind::UnknownUnit, "unknown duration unit `secs`", units_hint("1m30s"), 2, 4});
  // A trailing number gets the next unit down.
  check_error("1min30", {DurationErrorKind::UnknownUnit, "unknown duration unit `min`", units_hint("1m30s"), 1, 3});
  // No valid rewrite: say which units exist, nothing more.
  check_error("1.0005sec", {DurationErrorKind::UnknownUnit, "unknown duration unit `sec`", std::string(kUnits), 6, 3});
}

TEST_CASE("units in the wrong case") {
  check_error("4S", {DurationErrorKind::UnknownUnit, "unknown duration unit `S`",
                     "duration units are written in lowercase; write `4s`", 1, 1});
  check_error("250MS", {DurationErrorKind::UnknownUnit, "unknown duration unit `MS`",
                        "duration units are written in lowercase; write `250ms`", 3, 2});
  check_error("1H30M", {DurationErrorKind::UnknownUnit, "unknown duration unit `H`",
                        "duration units are written in lowercase; write `1h30m`", 1, 1});
  check_error("1Min", {DurationErrorKind::UnknownUnit, "unknown duration unit `Min`", units_hint("1m"), 1, 3});
}

TEST_CASE("days and weeks become hours") {
  const std::string days = "days are not a duration unit (durations use ms, s, m or h); write ";
  check_error("3d", {DurationErrorKind::UnknownUnit, "unknown duration unit `d`", days + "`72h`", 1, 1});
  check_error("1day", {DurationErrorKind::UnknownUnit, "unknown duration unit `day`", days + "`24h`", 1, 3});
  check_error("2days", {DurationErrorKind::UnknownUnit, "unknown duration unit `days`", days + "`48h`", 1, 4});
  check_error("1.5d", {DurationErrorKind::UnknownUnit, "unknown duration unit `d`", days + "`36h`", 3, 1});
  check_error("1d12h", {DurationErrorKind::UnknownUnit, "unknown duration unit `d`", days + "`36h`", 1, 1});
  check_error("1d2", {DurationErrorKind::UnknownUnit, "unknown duration unit `d`",
                      "days are not a duration unit (durations use ms, s, m or h)", 1, 1});
  check_error("2w", {DurationErrorKind::UnknownUnit, "unknown duration unit `w`",
                     "weeks are not a duration unit (durations use ms, s, m or h); write `336h`", 1, 1});
}

TEST_CASE("sub-millisecond units do not exist") {
  const std::string sub =
      "units below a millisecond do not exist (durations use ms, s, m or h, to the millisecond); write ";
  check_error("5000us", {DurationErrorKind::UnknownUnit, "unknown duration unit `us`", sub + "`5ms`", 4, 2});
  check_error("500us",
              {DurationErrorKind::UnknownUnit, "unknown duration unit `us`", sub + "`1ms`", 3, 2});  // rounds up
  check_error("5\xC2\xB5s", {DurationErrorKind::UnknownUnit, "unknown duration unit `\xC2\xB5s`", sub + "`1ms`", 1, 3});
  check_error("2000000ns", {DurationErrorKind::UnknownUnit, "unknown duration unit `ns`", sub + "`2ms`", 7, 2});
  check_error("0ns", {DurationErrorKind::UnknownUnit, "unknown duration unit `ns`", sub + "`0s`", 1, 2});
}

TEST_CASE("typos of units are matched; a lone unknown letter is not guessed at") {
  check_error("4mn", {DurationErrorKind::UnknownUnit, "unknown duration unit `mn`", units_hint("4m"), 1, 2});
  check_error("4mins", {DurationErrorKind::UnknownUnit, "unknown duration unit `mins`", units_hint("4m"), 1, 4});
  check_error("4minuts", {DurationErrorKind::UnknownUnit, "unknown duration unit `minuts`", units_hint("4m"), 1, 6});
  check_error("4secnds", {DurationErrorKind::UnknownUnit, "unknown duration unit `secnds`", units_hint("4s"), 1, 6});
  check_error("3x", {DurationErrorKind::UnknownUnit, "unknown duration unit `x`", std::string(kUnits), 1, 1});
  check_error("3parsecs",
              {DurationErrorKind::UnknownUnit, "unknown duration unit `parsecs`", std::string(kUnits), 1, 7});
}

TEST_CASE("units out of order or repeated") {
  check_error("30s1m", {DurationErrorKind::UnitOrder, "duration units are out of order: `m` comes after `s`",
                        "units go from largest to smallest; write `1m30s`", 3, 2});
  check_error("500ms2s", {DurationErrorKind::UnitOrder, "duration units are out of order: `s` comes after `ms`",
                          "units go from largest to smallest; write `2s500ms`", 5, 2});
  check_error("0.5s1m", {DurationErrorKind::UnitOrder, "duration units are out of order: `m` comes after `s`",
                         "units go from largest to smallest; write `1m500ms`", 4, 2});
  check_error("1m1m", {DurationErrorKind::UnitOrder, "duration unit `m` is repeated",
                       "each unit appears at most once; write `2m`", 2, 2});
  check_error("1h30s1h", {DurationErrorKind::UnitOrder, "duration unit `h` is repeated",
                          "each unit appears at most once; write `2h30s`", 5, 2});
  check_error("45s45s", {DurationErrorKind::UnitOrder, "duration unit `s` is repeated",
                         "each unit appears at most once; write `1m30s`", 3, 3});
}

TEST_CASE("a remainder below a millisecond") {
  check_error("1.0005s", {DurationErrorKind::SubMillisecond, "`1.0005s` is not a whole number of milliseconds",
                          "durations have a resolution of 1ms; write `1s` or `1s1ms`", 0, 7});
  check_error("0.5ms", {DurationErrorKind::SubMillisecond, "`0.5ms` is not a whole number of milliseconds",
                        "durations have a resolution of 1ms; write `1ms`", 0, 5});
  check_error("0.0005s", {DurationErrorKind::SubMillisecond, "`0.0005s` is not a whole number of milliseconds",
                          "durations have a resolution of 1ms; write `1ms`", 0, 7});
  check_error("1s0.5ms", {DurationErrorKind::SubMillisecond, "`0.5ms` is not a whole number of milliseconds",
                          "durations have a resolution of 1ms; write `1s` or `1s1ms`", 2, 5});
  // Far below the millisecond, where a double would round to a whole number.
  check_error(
      "1.0000000000000000000000000000001s",
      {DurationErrorKind::SubMillisecond, "`1.0000000000000000000000000000001s` is not a whole number of milliseconds",
       "durations have a resolution of 1ms; write `1s` or `1s1ms`", 0, 34});
  // 1/3600000 h is 1ms only at infinite precision; a double rounds both of these to 1ms.
  check_error("0.0000002777777777777777777777777777777777778h",
              {DurationErrorKind::SubMillisecond,
               "`0.0000002777777777777777777777777777777777778h` is not a whole number of milliseconds",
               "durations have a resolution of 1ms; write `1ms` or `2ms`", 0, 46});
  check_error("0.0000002777777777777777777777777777777777777h",
              {DurationErrorKind::SubMillisecond,
               "`0.0000002777777777777777777777777777777777777h` is not a whole number of milliseconds",
               "durations have a resolution of 1ms; write `1ms`", 0, 46});
  // Rounding up would pass the limit: only rounding down is offered.
  check_error("9007199254740.9915s",
              {DurationErrorKind::SubMillisecond, "`9007199254740.9915s` is not a whole number of milliseconds",
               "durations have a resolution of 1ms; write `2501999792h59m991ms`", 0, 19});
}

TEST_CASE("malformed numbers and missing parts") {
  check_error(
      "1.s", {DurationErrorKind::Malformed, "the number `1.` has no digit after its decimal point", "write `1s`", 0, 2});
  check_error(".5s", {DurationErrorKind::Malformed, "the number `.5` has no digit before its decimal point",
                      "write `0.5s`", 0, 2});
  check_error("1..5s",
              {DurationErrorKind::Malformed, "the number `1..5` has more than one decimal point", "write `1.5s`", 0, 4});
  check_error("1.2.3s", {DurationErrorKind::Malformed, "the number `1.2.3` has more than one decimal point",
                         "write a number with one decimal point at most", 0, 5});
  check_error("1m30", {DurationErrorKind::Malformed, "the number `30` has no unit", "write `1m30s`", 2, 2});
  check_error("1h30", {DurationErrorKind::Malformed, "the number `30` has no unit", "write `1h30m`", 2, 2});
  check_error("1s500", {DurationErrorKind::Malformed, "the number `500` has no unit", "write `1s500ms`", 2, 3});
  check_error("1ms5", {DurationErrorKind::Malformed, "the number `5` has no unit", "add a unit: ms, s, m or h", 3, 1});
  check_error("30", {DurationErrorKind::Malformed, "the number `30` has no unit", "write `30s`", 0, 2});
  check_error("1s.5", {DurationErrorKind::Malformed, "the number `.5` has no digit before its decimal point",
                       "write a digit before the decimal point, such as `0.5s`", 2, 2});
  check_error("1_000ms", {DurationErrorKind::Malformed, "the number `1_000` contains a digit separator",
                          "remove the `_` separators; write `1000ms`", 0, 5});
  check_error("", {DurationErrorKind::Malformed, "empty duration literal",
                   "write a number followed by a unit, such as `30s`", 0, 0});
  check_error("ms", {DurationErrorKind::Malformed, "the unit `ms` has no number before it",
                     "write a number before each unit, such as `500ms`", 0, 2});
}

TEST_CASE("the first problem from the left is the one reported") {
  check_error("4min30sec", {DurationErrorKind::UnknownUnit, "unknown duration unit `min`", units_hint("4m30s"), 1, 3});
  check_error("1..5s3x", {DurationErrorKind::Malformed, "the number `1..5` has more than one decimal point",
                          "write a number with one decimal point at most", 0, 4});
}

TEST_CASE("messages are lowercase and have no trailing period") {
  for (std::string_view text : {"-5s", "4min", "3d", "30s1m", "1.0005s", "1.s", "9007199254740992ms", ""}) {
    const DurationParse parsed = parse_duration(text);
    REQUIRE(parsed.error.has_value());
    const std::string& m = parsed.error->message;
    INFO(m);
    CHECK_FALSE(m.empty());
    CHECK_FALSE((m.front() >= 'A' && m.front() <= 'Z'));
    CHECK(m.back() != '.');
    CHECK_FALSE(parsed.error->hint.empty());
    CHECK(parsed.error->hint.back() != '.');
  }
}

TEST_CASE("the shape of a duration attempt matches the lexer's NUMBER_WITH_SUFFIX") {
  CHECK(is_duration_shaped("4s"));
  CHECK(is_duration_shaped("1m30s"));
  CHECK(is_duration_shaped("1.5s"));
  CHECK(is_duration_shaped("-5s"));
  CHECK(is_duration_shaped("+5s"));
  CHECK(is_duration_shaped("4min"));
  CHECK(is_duration_shaped("1m30"));
  CHECK(is_duration_shaped("1..5s"));
  CHECK(is_duration_shaped("30_000"));  // `_` is in the letter class, as in the lexer
  CHECK(is_duration_shaped("5\xC2\xB5s"));
  CHECK(is_duration_shaped("1e3"));
  CHECK_FALSE(is_duration_shaped(""));
  CHECK_FALSE(is_duration_shaped("30"));
  CHECK_FALSE(is_duration_shaped("1.5"));
  CHECK_FALSE(is_duration_shaped(".5s"));
  CHECK_FALSE(is_duration_shaped("s"));
  CHECK_FALSE(is_duration_shaped("-"));
  CHECK_FALSE(is_duration_shaped("5 s"));
  CHECK_FALSE(is_duration_shaped("5s-"));
}

TEST_CASE("formatting gives the canonical literal") {
  CHECK(format_duration(milliseconds(0)) == "0s");
  CHECK(format_duration(milliseconds(1)) == "1ms");
  CHECK(format_duration(milliseconds(500)) == "500ms");
  CHECK(format_duration(milliseconds(1'000)) == "1s");
  CHECK(format_duration(milliseconds(1'500)) == "1s500ms");
  CHECK(format_duration(milliseconds(90'000)) == "1m30s");
  CHECK(format_duration(milliseconds(3'600'000)) == "1h");
  CHECK(format_duration(milliseconds(3'723'004)) == "1h2m3s4ms");
  CHECK(format_duration(milliseconds(3'600'001)) == "1h1ms");
  CHECK(format_duration(milliseconds(86'400'000)) == "24h");
  CHECK(format_duration(milliseconds(kMaxDurationMs)) == "2501999792h59m991ms");
  CHECK(format_duration(milliseconds(-1'500)) == "-1s500ms");
  CHECK(format_duration(milliseconds(INT64_MIN)).front() == '-');
}

TEST_CASE("formatting and parsing agree") {
  for (std::int64_t value : {std::int64_t{0}, std::int64_t{1}, std::int64_t{999}, std::int64_t{1'000},
                             std::int64_t{59'999}, std::int64_t{60'000}, std::int64_t{3'599'999},
                             std::int64_t{3'600'000}, std::int64_t{123'456'789}, kMaxDurationMs}) {
    CHECK(ms_of(format_duration(milliseconds(value))) == value);
  }
}
