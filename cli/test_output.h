// What `bamlc test` prints (TESTING.md, "Output"): one line per test in the tests' order, the
// failure or error under it, and the summary line last; as plain text, as text with GitHub
// Actions annotations, or as JSON lines. Colour only on a terminal, and never with NO_COLOR.
#pragma once

#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/test_runner.h"

namespace bamlc::cli {

enum class TestFormat { Text, Github, Json };

struct TestCounts {
  std::size_t tests = 0;
  std::size_t passed = 0;
  std::size_t failed = 0;
  std::size_t errors = 0;
  std::size_t needs_eval = 0;
  std::size_t flaky = 0;
  std::size_t not_run = 0;
};
TestCounts count_reports(const std::vector<TestReport>& reports);

class TestPrinter {
 public:
  TestPrinter(std::ostream& out, std::ostream& err, TestFormat format, bool verbose, bool colour, bool progress);

  void report(const TestReport& report);
  void progress(std::size_t finished, std::size_t total, std::size_t running);
  // `12 tests: 9 passed, 1 failed, 1 error, 1 needs eval in 3.21s`.
  void summary(const TestCounts& counts, std::chrono::nanoseconds elapsed, bool interrupted, int exit_code);
  // The --list line of a test.
  void listed(const TestCase& test);

 private:
  void clear_progress();
  std::string label(TestOutcome outcome) const;

  std::ostream& out_;
  std::ostream& err_;
  TestFormat format_;
  bool verbose_;
  bool colour_;
  bool progress_;
  bool progress_shown_ = false;
};

// Seconds with two decimals: "0.42s".
std::string format_seconds(std::chrono::nanoseconds elapsed);

}  // namespace bamlc::cli
