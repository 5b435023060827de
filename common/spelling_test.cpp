// Tests of the edit distance, the did-you-mean choice and the quoted name lists.
#include <baml/spelling.h>

#include <doctest/doctest.h>

#include <array>
#include <string>
#include <vector>

using namespace baml;

TEST_CASE("edit distance counts single-byte edits") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("flaw", "lawn") == 2);
  CHECK(edit_distance("connect_timeout_ms", "conect_timeout_ms") == 1);
  CHECK(edit_distance("same", "same") == 0);
}

TEST_CASE("an adjacent transposition costs one edit (optimal string alignment)") {
  CHECK(edit_distance("ab", "ba") == 1);
  CHECK(edit_distance("retyr_policy", "retry_policy") == 1);
  // OSA never edits a transposed pair again, so this is 3, not the unrestricted 2.
  CHECK(edit_distance("ca", "abc") == 3);
}

TEST_CASE("edit distance can ignore case") {
  CHECK(edit_distance("Person", "person") == 1);
  CHECK(edit_distance("Person", "person", Case::Insensitive) == 0);
  CHECK(edit_distance("OPENAI", "openai", Case::Insensitive) == 0);
  CHECK(edit_distance("MS", "ms", Case::Sensitive) == 2);
}

TEST_CASE("closest match picks the nearest candidate within max(1, len/3)") {
  const std::array<std::string_view, 5> fields{"connect_timeout", "request_timeout", "idle_timeout",
                                               "time_to_first_token_timeout", "total_timeout"};
  CHECK(closest_match("conect_timeout", fields) == "connect_timeout");
  CHECK(closest_match("requets_timeout", fields) == "request_timeout");
  CHECK(closest_match("idle_timout", fields) == "idle_timeout");
  CHECK_FALSE(closest_match("banana", fields).has_value());
  // Exactly at the limit (12 / 3 = 4 edits) is accepted, one more is not.
  CHECK(closest_match("idxx_timexxt", fields) == "idle_timeout");
  CHECK_FALSE(closest_match("ixxx_timexxt", fields).has_value());
}

TEST_CASE("short words allow one edit") {
  const std::array<std::string_view, 4> units{"ms", "s", "m", "h"};
  CHECK(closest_match("hh", units) == "h");
  CHECK_FALSE(closest_match("xyz", units).has_value());
}

TEST_CASE("closest match ignores case and prefers an exact-case candidate") {
  const std::array<std::string_view, 2> names{"Resume", "resume"};
  CHECK(closest_match("resume", names) == "resume");
  CHECK(closest_match("RESUME", names) == "Resume");  // both equal ignoring case: earliest wins
  const std::array<std::string_view, 1> one{"OpenAI"};
  CHECK(closest_match("openai", one) == "OpenAI");
}

TEST_CASE("ties go to the candidate sharing the longest prefix, then the earliest") {
  const std::array<std::string_view, 3> names{"bat", "cart", "cab"};
  CHECK(closest_match("cat", names) == "cart");  // all at distance 1; `ca` is the longest prefix
  const std::array<std::string_view, 2> plain{"dog", "dot"};
  CHECK(closest_match("doe", plain) == "dog");
}

TEST_CASE("closest match handles empty input and owned strings") {
  const std::array<std::string_view, 2> names{"", "a"};
  CHECK_FALSE(closest_match("", names).has_value());
  CHECK(closest_match("b", names) == "a");
  CHECK_FALSE(closest_match("x", std::span<const std::string_view>{}).has_value());
  const std::vector<std::string> owned{"GetWeather", "GetNews"};
  CHECK(closest_match("GetWether", owned) == "GetWeather");
}

TEST_CASE("quoted lists read as English") {
  CHECK(quoted_list(std::span<const std::string_view>{}).empty());
  const std::array<std::string_view, 1> one{"a"};
  CHECK(quoted_list(one) == "`a`");
  const std::array<std::string_view, 2> two{"a", "b"};
  CHECK(quoted_list(two) == "`a` and `b`");
  const std::array<std::string_view, 3> three{"a", "b", "c"};
  CHECK(quoted_list(three) == "`a`, `b` and `c`");
  CHECK(quoted_list(three, "or") == "`a`, `b` or `c`");
}
