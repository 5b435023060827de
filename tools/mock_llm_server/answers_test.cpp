// Unit tests of the answers a function call can ask for: canned answers, forms, base64, files.
#include "answers.h"

#include <doctest/doctest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

using mock_llm::apply_form;
using mock_llm::canned_answer;

TEST_CASE("canned answers") {
  for (std::string_view name : mock_llm::canned_answer_names()) {
    CAPTURE(name);
    CHECK(canned_answer(name).has_value());
  }
  CHECK_FALSE(canned_answer("nope").has_value());
  // The valid ones are JSON; the broken ones are not.
  for (const char* name : {"object", "resume", "score"}) {
    CAPTURE(name);
    CHECK(nlohmann::json::accept(*canned_answer(name)));
  }
  for (const char* name : {"fenced", "malformed", "truncated", "prose"}) {
    CAPTURE(name);
    CHECK_FALSE(nlohmann::json::accept(*canned_answer(name)));
  }
  CHECK(canned_answer("empty") == "");
  const std::string fenced = *canned_answer("fenced");
  CHECK(fenced.find("```json\n" + *canned_answer("object") + "\n```") != std::string::npos);
  const std::string malformed = *canned_answer("malformed");
  CHECK(malformed.find("name: \"Ada Lovelace\"") != std::string::npos);
  CHECK(malformed.find("\"engineering\",]") != std::string::npos);
  CHECK(malformed.find(",\n}") != std::string::npos);
  CHECK(canned_answer("object")->rfind(*canned_answer("truncated"), 0) == 0);
  CHECK(canned_answer("prose")->find('{') == std::string::npos);
}

TEST_CASE("forms") {
  for (std::string_view name : mock_llm::form_names()) CHECK(mock_llm::is_form(name));
  CHECK_FALSE(mock_llm::is_form("bogus"));
  CHECK(apply_form("trailing_comma", R"({"a": [1, 2], "b": {}, "c": "x}"})") ==
        R"({"a": [1, 2,], "b": {}, "c": "x}",})");
  CHECK(apply_form("unquoted_keys", R"({"a_1": "b", "not key": 1, "c": "d:"})") ==
        R"({a_1: "b", "not key": 1, c: "d:"})");
  CHECK(apply_form("single_quotes", R"({"a": "it's", "b": "q\"x"})") == R"({'a': "it's", 'b': 'q\"x'})");
  CHECK(apply_form("truncated", "abcdef") == "abc");
  CHECK(apply_form("truncated", "\xC3\xA9\xC3\xA9\xC3\xA9") == "\xC3\xA9");  // never half a character
  CHECK(apply_form("fenced", "[1]").find("```json\n[1]\n```") != std::string::npos);
  const std::string prose = apply_form("prose", "{}");
  CHECK(prose.find("\n{}\n") != std::string::npos);
  CHECK(prose.find("```") == std::string::npos);
  // Escaped quotes and unclosed strings do not derail the scanner.
  CHECK(apply_form("trailing_comma", R"(["a\"]", "b)") == R"(["a\"]", "b)");
}

TEST_CASE("base64") {
  CHECK(mock_llm::decode_base64("eyJhIjogMX0=") == R"({"a": 1})");
  CHECK(mock_llm::decode_base64("eyJhIjogMX0") == R"({"a": 1})");
  CHECK(mock_llm::decode_base64("") == "");
  CHECK(mock_llm::decode_base64("-_8") == std::string("\xFB\xFF"));  // URL-safe alphabet
  CHECK(mock_llm::decode_base64("+/8=") == std::string("\xFB\xFF"));
  CHECK_FALSE(mock_llm::decode_base64("a").has_value());
  CHECK_FALSE(mock_llm::decode_base64("ab cd").has_value());
  CHECK_FALSE(mock_llm::decode_base64("ab]c").has_value());
}

TEST_CASE("answer files") {
  char dir_template[] = "/tmp/mock_answers_XXXXXX";
  REQUIRE(mkdtemp(dir_template) != nullptr);
  const std::string dir = dir_template;
  std::ofstream(dir + "/a.json") << R"({"x": 1})";
  std::string error;
  CHECK(mock_llm::read_answer_file("a.json", dir, error) == R"({"x": 1})");
  CHECK(mock_llm::read_answer_file(dir + "/a.json", "/elsewhere", error) == R"({"x": 1})");
  CHECK_FALSE(mock_llm::read_answer_file("missing.json", dir, error).has_value());
  CHECK(error.find("missing.json") != std::string::npos);
  CHECK_FALSE(mock_llm::read_answer_file(dir, "", error).has_value());
  CHECK(error.find("directory") != std::string::npos);
  std::remove((dir + "/a.json").c_str());
  rmdir(dir.c_str());
}
