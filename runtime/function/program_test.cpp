// Loading a Program from an IR document: what a malformed one gives.
#include <doctest/doctest.h>

#include <string>

#include <baml/errors.h>
#include <baml/functions.h>

namespace {

// `members` added to an otherwise empty IR document.
std::string load_error(const std::string& members) {
  try {
    (void)baml::Program::from_ir_text(R"({"ir_version": 1)" + (members.empty() ? "" : ", " + members) + "}");
  } catch (const baml::ConfigError& e) {
    return e.info().detail;
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("an IR entry that is not an object is a ConfigError naming it") {
  // Found by ir_fuzz: a template_strings or functions entry that is a string made json::value()
  // throw nlohmann's type_error out of Program::from_ir, which callers do not catch.
  CHECK(load_error(R"("template_strings": ["members"])") == "malformed IR at template_strings[0]: expected an object");
  CHECK(load_error(R"("functions": [7])") == "malformed IR at functions[0]: expected an object");
  CHECK(load_error(R"("functions": [null])") == "malformed IR at functions[0]: expected an object");
  CHECK(load_error(R"("functions": "F")") == "malformed IR at functions: expected an array");
  CHECK(load_error("") == "(no error)");
}
