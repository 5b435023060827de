#include "cli/test_output.h"

#include <cstdio>
#include <ostream>

#include <nlohmann/json.hpp>

#include "cli/function_args.h"

namespace bamlc::cli {
namespace {

const char* outcome_key(TestOutcome outcome) {
  switch (outcome) {
    case TestOutcome::Passed: return "passed";
    case TestOutcome::NeedsEval: return "needs_eval";
    case TestOutcome::Failed: return "failed";
    case TestOutcome::Error: return "error";
  }
  return "error";
}

const char* colour_of(TestOutcome outcome) {
  switch (outcome) {
    case TestOutcome::Passed: return "\033[32m";
    case TestOutcome::NeedsEval: return "\033[33m";
    case TestOutcome::Failed: return "\033[31m";
    case TestOutcome::Error: return "\033[1;31m";
  }
  return "";
}

std::string indented(const std::string& text, const std::string& prefix) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += prefix + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

// GitHub workflow commands: data and property values escaped as the runner reads them.
std::string gh_data(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%') out += "%25";
    else if (c == '\r') out += "%0D";
    else if (c == '\n') out += "%0A";
    else out += c;
  }
  return out;
}
std::string gh_property(const std::string& s) {
  std::string out;
  for (char c : gh_data(s)) {
    if (c == ':') out += "%3A";
    else if (c == ',') out += "%2C";
    else out += c;
  }
  return out;
}

std::string location(const TestCase& t) { return t.file.empty() ? "" : t.file + ":" + std::to_string(t.line); }

std::string plural(std::size_t n, const char* one, const char* many) { return std::to_string(n) + " " + (n == 1 ? one : many); }

}  // namespace

std::string format_seconds(std::chrono::nanoseconds elapsed) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2fs", std::chrono::duration<double>(elapsed).count());
  return buf;
}

TestCounts count_reports(const std::vector<TestReport>& reports) {
  TestCounts c;
  c.tests = reports.size();
  for (const TestReport& r : reports) {
    if (!r.ran()) {
      ++c.not_run;
      continue;
    }
    if (r.flaky) ++c.flaky;
    switch (r.outcome) {
      case TestOutcome::Passed: ++c.passed; break;
      case TestOutcome::NeedsEval: ++c.needs_eval; break;
      case TestOutcome::Failed: ++c.failed; break;
      case TestOutcome::Error: ++c.errors; break;
    }
  }
  return c;
}

TestPrinter::TestPrinter(std::ostream& out, std::ostream& err, TestFormat format, bool verbose, bool colour,
                         bool progress)
    : out_(out), err_(err), format_(format), verbose_(verbose), colour_(colour), progress_(progress) {}

std::string TestPrinter::label(TestOutcome outcome) const {
  std::string text = outcome_label(outcome);
  // The status column: `PASSED   0.42s` (a longer label pushes the time along).
  std::string padded = text + std::string(text.size() < 8 ? 8 - text.size() : 0, ' ');
  if (!colour_) return padded;
  return std::string(colour_of(outcome)) + text + "\033[0m" + padded.substr(text.size());
}

void TestPrinter::clear_progress() {
  if (!progress_shown_) return;
  err_ << "\r\033[K" << std::flush;
  progress_shown_ = false;
}

void TestPrinter::progress(std::size_t finished, std::size_t total, std::size_t running) {
  if (!progress_ || format_ == TestFormat::Json) return;
  err_ << "\r\033[K[" << finished << "/" << total << "] " << running << " running" << std::flush;
  progress_shown_ = true;
}

void TestPrinter::report(const TestReport& report) {
  clear_progress();
  const TestCase& t = *report.test;
  const TestRun& run = report.shown();
  if (format_ == TestFormat::Json) {
    nlohmann::json line{{"kind", "test"},
                        {"function", t.function},
                        {"test", t.test},
                        {"file", t.file},
                        {"line", t.line},
                        {"outcome", outcome_key(report.outcome)},
                        {"time_s", std::chrono::duration<double>(report.elapsed).count()},
                        {"runs", report.runs.size()},
                        {"passed_runs", report.passed_runs()},
                        {"flaky", report.flaky}};
    if (report.outcome != TestOutcome::Passed) {
      line["type"] = run.type;
      line["message"] = run.message;
      line["details"] = run.details;
    }
    if (verbose_) {
      line["raw_text"] = run.raw_text;
      line["request"] = run.request;
    }
    out_ << json_text(line) << '\n' << std::flush;
    return;
  }
  char time[32];
  std::snprintf(time, sizeof time, "%6s", format_seconds(report.elapsed).c_str());
  out_ << label(report.outcome) << time << "  " << t.id() << "  " << location(t);
  if (report.flaky) {
    out_ << "  (flaky: " << report.passed_runs() << " of " << report.runs.size() << " runs passed)";
  } else if (report.runs.size() > 1) {
    out_ << "  (" << report.runs.size() << " runs)";
  }
  out_ << '\n';
  if (report.outcome != TestOutcome::Passed) {
    out_ << indented(run.details, "    ");
  }
  if (verbose_) {
    if (!run.request.empty()) out_ << "    request to " << indented(run.request, "      ").substr(6);
    if (!run.raw_text.empty()) out_ << "    raw answer:\n" << indented(run.raw_text, "      ");
  }
  if (format_ == TestFormat::Github && report.outcome != TestOutcome::Passed) {
    const char* level = report.outcome == TestOutcome::NeedsEval ? "warning" : "error";
    out_ << "::" << level << " ";
    if (!t.file.empty()) out_ << "file=" << gh_property(t.file) << ",line=" << t.line << ",";
    out_ << "title=" << gh_property(t.id() + " " + outcome_label(report.outcome)) << "::" << gh_data(run.message + "\n" + run.details)
         << '\n';
  }
  out_ << std::flush;
}

void TestPrinter::listed(const TestCase& test) {
  if (format_ == TestFormat::Json) {
    out_ << json_text(nlohmann::json{{"kind", "test"}, {"function", test.function}, {"test", test.test},
                                      {"file", test.file}, {"line", test.line}})
         << '\n';
    return;
  }
  out_ << test.id() << "  " << location(test) << '\n';
}

void TestPrinter::summary(const TestCounts& c, std::chrono::nanoseconds elapsed, bool interrupted, int exit_code) {
  clear_progress();
  if (format_ == TestFormat::Json) {
    out_ << json_text(nlohmann::json{{"kind", "summary"},
                                      {"tests", c.tests},
                                      {"passed", c.passed},
                                      {"failed", c.failed},
                                      {"errors", c.errors},
                                      {"needs_eval", c.needs_eval},
                                      {"flaky", c.flaky},
                                      {"not_run", c.not_run},
                                      {"interrupted", interrupted},
                                      {"time_s", std::chrono::duration<double>(elapsed).count()},
                                      {"exit_code", exit_code}})
         << '\n'
         << std::flush;
    return;
  }
  if (interrupted) out_ << "interrupted: the calls in flight were cancelled\n";
  out_ << plural(c.tests, "test", "tests") << ": " << c.passed << " passed, " << c.failed << " failed, "
       << plural(c.errors, "error", "errors") << ", " << c.needs_eval << " needs eval";
  if (c.flaky > 0) out_ << ", " << c.flaky << " flaky";
  if (c.not_run > 0) out_ << ", " << c.not_run << " not run";
  out_ << " in " << format_seconds(elapsed) << '\n' << std::flush;
}

}  // namespace bamlc::cli
