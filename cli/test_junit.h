// The JUnit XML report of `bamlc test --junit FILE` (TESTING.md, "JUnit"): the structure GitLab
// and Jenkins document, kept as tests/junit/junit.xsd. One <testsuite> per function, one
// <testcase classname="baml.Fn" name="Test" file line time> per test; failure and error text in
// the element's content with a one-line `message` and a `type`; needs-eval and tests an interrupt
// kept from running as <skipped>.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "cli/test_runner.h"

namespace bamlc::cli {

std::string junit_xml(const std::vector<TestReport>& reports, std::chrono::nanoseconds elapsed, bool interrupted);

// Writes the file whole (through a temporary beside it); false after printing why it could not.
bool write_junit(const std::string& path, const std::string& xml);

}  // namespace bamlc::cli
