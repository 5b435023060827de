#include "cli/test_junit.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>

namespace bamlc::cli {
namespace {

// Text as XML 1.0 character data or attribute value: markup escaped, bytes that are not UTF-8
// and characters XML cannot hold (most C0 controls) replaced by U+FFFD.
std::string xml_escape(const std::string& s, bool attribute) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += attribute ? "&quot;" : "\""; break;
        case '\n': out += attribute ? "&#10;" : "\n"; break;
        case '\t': out += attribute ? "&#9;" : "\t"; break;
        case '\r': out += "&#13;"; break;
        default:
          if (c < 0x20 || c == 0x7f) out += "\xEF\xBF\xBD";
          else out += static_cast<char>(c);
      }
      ++i;
      continue;
    }
    std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    bool ok = len > 0 && c <= 0xF4 && i + len <= s.size();
    for (std::size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok && len == 3) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0) &&
           !(c == 0xEF && c1 == 0xBF && static_cast<unsigned char>(s[i + 2]) >= 0xBE);  // U+FFFE, U+FFFF
    }
    if (ok && len == 4) {
      const auto c1 = static_cast<unsigned char>(s[i + 1]);
      ok = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
    }
    if (ok) {
      out.append(s, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string attr(const std::string& s) { return xml_escape(s, true); }
std::string text(const std::string& s) { return xml_escape(s, false); }

std::string seconds(std::chrono::nanoseconds d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", std::chrono::duration<double>(d).count());
  return buf;
}

struct Suite {
  std::string name;
  std::vector<const TestReport*> reports;
  std::size_t failures = 0, errors = 0, skipped = 0;
  std::chrono::nanoseconds time{0};
};

void count(const TestReport& r, std::size_t& failures, std::size_t& errors, std::size_t& skipped) {
  if (!r.ran()) {
    ++skipped;
    return;
  }
  switch (r.outcome) {
    case TestOutcome::Passed: break;
    case TestOutcome::NeedsEval: ++skipped; break;
    case TestOutcome::Failed: ++failures; break;
    case TestOutcome::Error: ++errors; break;
  }
}

void testcase(std::string& out, const TestReport& r) {
  const TestCase& t = *r.test;
  out += "    <testcase classname=\"" + attr("baml." + t.function) + "\" name=\"" + attr(t.test) + "\"";
  if (!t.file.empty()) out += " file=\"" + attr(t.file) + "\" line=\"" + std::to_string(t.line) + "\"";
  out += " time=\"" + seconds(r.elapsed) + "\"";
  if (r.ran() && r.outcome == TestOutcome::Passed && !r.flaky) {
    out += "/>\n";
    return;
  }
  out += ">\n";
  if (!r.ran()) {
    out += "      <skipped message=\"not run: interrupted\"/>\n";
  } else {
    const TestRun& run = r.shown();
    std::string body = run.details;
    if (r.flaky) {
      body = "flaky: " + std::to_string(r.passed_runs()) + " of " + std::to_string(r.runs.size()) + " runs passed\n" + body;
    }
    const std::string message = (r.flaky ? "flaky: " : "") + run.message;
    switch (r.outcome) {
      case TestOutcome::Passed:
        break;
      case TestOutcome::NeedsEval:
        out += "      <skipped message=\"" + attr("needs human evaluation: " + message) + "\">" + text(body) + "</skipped>\n";
        break;
      case TestOutcome::Failed:
        out += "      <failure message=\"" + attr(message) + "\" type=\"" + attr(run.type) + "\">" + text(body) + "</failure>\n";
        break;
      case TestOutcome::Error:
        out += "      <error message=\"" + attr(message) + "\" type=\"" + attr(run.type) + "\">" + text(body) + "</error>\n";
        break;
    }
    if (r.outcome != TestOutcome::Passed && !run.raw_text.empty()) {
      out += "      <system-out>" + text("raw answer:\n" + run.raw_text) + "</system-out>\n";
    }
  }
  out += "    </testcase>\n";
}

}  // namespace

std::string junit_xml(const std::vector<TestReport>& reports, std::chrono::nanoseconds elapsed, bool interrupted) {
  std::vector<Suite> suites;
  std::map<std::string, std::size_t> index;
  std::size_t failures = 0, errors = 0, skipped = 0;
  for (const TestReport& r : reports) {
    auto [it, added] = index.emplace(r.test->function, suites.size());
    if (added) suites.push_back(Suite{r.test->function, {}, 0, 0, 0, {}});
    Suite& s = suites[it->second];
    s.reports.push_back(&r);
    s.time += r.elapsed * static_cast<long>(std::max<std::size_t>(1, r.runs.size()));
    count(r, s.failures, s.errors, s.skipped);
    count(r, failures, errors, skipped);
  }
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"bamlc\" tests=\"" + std::to_string(reports.size()) + "\" failures=\"" +
         std::to_string(failures) + "\" errors=\"" + std::to_string(errors) + "\" skipped=\"" +
         std::to_string(skipped) + "\" time=\"" + seconds(elapsed) + "\">\n";
  for (const Suite& s : suites) {
    out += "  <testsuite name=\"" + attr(s.name) + "\" tests=\"" + std::to_string(s.reports.size()) +
           "\" failures=\"" + std::to_string(s.failures) + "\" errors=\"" + std::to_string(s.errors) +
           "\" skipped=\"" + std::to_string(s.skipped) + "\" time=\"" + seconds(s.time) + "\">\n";
    if (interrupted) {
      out += "    <properties>\n      <property name=\"interrupted\" value=\"true\"/>\n    </properties>\n";
    }
    for (const TestReport* r : s.reports) testcase(out, *r);
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

bool write_junit(const std::string& path, const std::string& xml) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file || !(file << xml) || !file.flush()) {
      std::cerr << "bamlc test: error: cannot write the JUnit file `" << path << "`\n";
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) {
    std::cerr << "bamlc test: error: cannot write the JUnit file `" << path << "`: " << ec.message() << '\n';
    std::filesystem::remove(temporary, ec);
    return false;
  }
  return true;
}

}  // namespace bamlc::cli
