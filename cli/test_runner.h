// Running the selected tests through the runtime (TESTING.md): each (test, function) pair, each
// repetition, is one call started with submit_function, so --parallel N keeps N calls in flight
// on the runtime's engine without a thread per test. Results are reported in the tests' order
// whatever order the calls finish in. One cancellation token covers every call: an interrupt
// cancels the calls in flight and starts no more.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <baml/functions.h>

#include "cli/test_selection.h"

namespace bamlc::cli {

// In increasing severity, the order in which a flaky test's worst run is chosen.
enum class TestOutcome { Passed, NeedsEval, Failed, Error };

const char* outcome_label(TestOutcome outcome);  // "PASSED", "NEEDS EVAL", "FAILED", "ERROR"

// One run of one test.
struct TestRun {
  TestOutcome outcome = TestOutcome::Passed;
  std::chrono::nanoseconds elapsed{0};
  std::string type;     // JUnit's `type`: AssertionFailed, CheckFailed, ValidationError, TimeoutError, ...
  std::string message;  // one line
  std::string details;  // the failed assertions with their values, or the error's kind, message and attempts
  std::string raw_text;  // the model's answer, when there is one
  std::string request;   // the request sent (secrets redacted), kept only with `verbose`
  bool cancelled = false;  // ended by the interrupt
};

struct TestReport {
  const TestCase* test = nullptr;
  std::vector<TestRun> runs;  // empty: never started (interrupted first)
  TestOutcome outcome = TestOutcome::Passed;
  bool flaky = false;  // runs disagree (--repeat)
  std::chrono::nanoseconds elapsed{0};  // mean of the runs

  bool ran() const { return !runs.empty(); }
  std::size_t passed_runs() const;
  // The run shown for the report: the first one with the report's outcome.
  const TestRun& shown() const;
};

struct RunnerOptions {
  std::size_t parallel = 1;
  std::size_t repeat = 1;
  std::optional<std::chrono::milliseconds> timeout;  // one budget per call
  std::optional<std::string> client;
  bool verbose = false;
  std::string ca_bundle;  // RuntimeOptions::ca_bundle
};

struct RunnerCallbacks {
  // Each finished test, in the tests' order.
  std::function<void(const TestReport&)> on_report;
  // Calls finished, calls in all, calls in flight: for a live progress line.
  std::function<void(std::size_t finished, std::size_t total, std::size_t running)> on_progress;
};

// Runs `tests` and returns one report per test, in order. Stops starting calls and cancels those
// in flight once `interrupted` is set; tests not started then have no runs.
std::vector<TestReport> run_tests(const baml::Program& program, const std::vector<TestCase>& tests,
                                  const RunnerOptions& options, const RunnerCallbacks& callbacks,
                                  const std::atomic<bool>& interrupted);

}  // namespace bamlc::cli
