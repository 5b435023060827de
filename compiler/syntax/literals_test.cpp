#include "compiler/syntax/literals.h"

#include <doctest/doctest.h>

using namespace bamlc::syntax;

TEST_CASE("quoted strings decode their escapes") {
  CHECK(decode_quoted_string(R"("plain")") == "plain");
  CHECK(decode_quoted_string(R"("a\nb\t\"c\"\\")") == "a\nb\t\"c\"\\");
  CHECK(decode_quoted_string(R"("keep \q")") == "keep \\q");
  CHECK(decode_quoted_string(R"("unterminated)") == "unterminated");
}

TEST_CASE("raw strings split into delimiter and content") {
  auto one = split_raw_string(R"(#"hello "world""#)");
  CHECK(one.hashes == 1);
  CHECK(one.terminated);
  CHECK(one.content == R"(hello "world")");
  auto two = split_raw_string(R"(##"has "# inside"##)");
  CHECK(two.hashes == 2);
  CHECK(two.content == R"(has "# inside)");
  auto open = split_raw_string("#\"never closed\n");
  CHECK_FALSE(open.terminated);
  CHECK(open.content == "never closed\n");
}

TEST_CASE("numbers BAML rejects are explained, durations are left alone") {
  CHECK(non_duration_number_problem("30_000")->hint == "write `30000`");
  CHECK(non_duration_number_problem("1e3")->message == "exponent notation is not supported");
  CHECK(non_duration_number_problem("0x10")->message == "hexadecimal numbers are not supported");
  CHECK_FALSE(non_duration_number_problem("4min"));
  CHECK_FALSE(non_duration_number_problem("1m30s"));
  CHECK_FALSE(non_duration_number_problem("1.5s"));
}
