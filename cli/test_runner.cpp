#include "cli/test_runner.h"

#include <condition_variable>
#include <fstream>
#include <list>
#include <memory>
#include <mutex>
#include <sstream>

#include <nlohmann/json.hpp>

#include <baml/attempt_record.h>
#include <baml/errors.h>
#include <baml/printable.h>
#include <baml/test_checks.h>
#include <baml/value_json.h>

#include "cli/runtime_options.h"
#include "cli/test_arguments.h"

namespace bamlc::cli {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxShownValue = 2000;

std::string first_line(const std::string& text) {
  const std::string line = text.substr(0, text.find('\n'));
  return line.size() > 300 ? line.substr(0, 300) + "..." : line;
}

template <typename Json>
std::string shown_json(const Json& value) {
  std::string text = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (text.size() > kMaxShownValue) text = text.substr(0, kMaxShownValue) + "...";
  return text;
}

std::string check_label(const baml::TestCheckOutcome& c) {
  return std::string(c.is_assert ? "assert" : "check") + (c.name.empty() ? "" : " `" + c.name + "`");
}

// A run whose call answered: the test's checks decide.
TestRun judge_answer(const baml::Program& program, const TestCase& test, const baml::TestChecks& checks,
                     const baml::FunctionResult& result, std::chrono::nanoseconds elapsed) {
  TestRun run;
  run.elapsed = elapsed;
  run.raw_text = result.raw_text;
  const auto latency = std::chrono::duration_cast<std::chrono::milliseconds>(elapsed);
  const std::vector<baml::TestCheckOutcome> outcomes = checks.evaluate(result.value, result.checks, latency);
  std::string failed_asserts;
  std::string failed_checks;
  std::string first_assert;
  std::string first_check;
  std::size_t assert_count = 0;
  std::size_t check_count = 0;
  for (const baml::TestCheckOutcome& c : outcomes) {
    if (c.passed) continue;
    std::string text = check_label(c) + " failed: " + c.expression + "\n";
    for (const auto& [operand, value] : c.operands) text += "    where " + operand + " = " + value + "\n";
    if (!c.error.empty()) text += "    the expression could not be evaluated: " + first_line(c.error) + "\n";
    if (c.is_assert) {
      if (assert_count++ == 0) first_assert = check_label(c) + " failed: " + c.expression;
      failed_asserts += text;
    } else {
      if (check_count++ == 0) first_check = check_label(c) + " failed: " + c.expression;
      failed_checks += text;
    }
  }
  // The value's own @checks (field and class checks) that failed count as checks of the test.
  for (const baml::CheckResult& c : result.checks) {
    if (c.passed || c.is_assert) continue;
    const std::string where = c.path.empty() ? "" : " at " + c.path;
    if (check_count++ == 0) first_check = "check `" + c.name + "`" + where + " failed: " + c.expression;
    failed_checks += "check `" + c.name + "`" + where + " failed: " + c.expression + "\n";
  }
  const std::string value = shown_json(baml::result_to_json(program, test.function, result.value, result.checks));
  auto more = [](std::size_t n) { return n > 1 ? " (and " + std::to_string(n - 1) + " more)" : std::string(); };
  if (assert_count > 0) {
    run.outcome = TestOutcome::Failed;
    run.type = "AssertionFailed";
    run.message = first_assert + more(assert_count);
    run.details = failed_asserts + failed_checks + "value: " + value + "\n";
  } else if (check_count > 0) {
    run.outcome = TestOutcome::NeedsEval;
    run.type = "CheckFailed";
    run.message = first_check + more(check_count);
    run.details = failed_checks + "value: " + value + "\n";
  }
  return run;
}

// A run whose call, parse or arguments failed.
TestRun judge_error(const baml::Error& error, std::chrono::nanoseconds elapsed) {
  TestRun run;
  run.elapsed = elapsed;
  const baml::ErrorInfo& info = error.info();
  run.type = std::string(baml::exception_name(error.type()));
  run.message = run.type + ": " + first_line(baml::printable(error.message()));
  std::string kind(baml::to_string(error.type()));
  if (info.timeout_kind) kind += " (" + std::string(baml::to_string(*info.timeout_kind)) + ")";
  std::string details = run.message + "\nkind: " + kind + "\n";
  if (!info.attempts.empty()) {
    details += "attempts:\n";
    for (const baml::AttemptRecord& a : info.attempts) details += "  " + baml::printable(baml::describe_attempt(a)) + "\n";
  }
  if (info.raw_output) {
    run.raw_text = *info.raw_output;
    details += "the model wrote: " + shown_json(nlohmann::json(baml::printable(*info.raw_output))) + "\n";
  }
  run.details = details;
  switch (error.type()) {
    case baml::ErrorType::Validation: run.outcome = TestOutcome::Failed; break;
    case baml::ErrorType::Cancelled:
      run.outcome = TestOutcome::Error;
      run.cancelled = true;
      break;
    case baml::ErrorType::Timeout:
    case baml::ErrorType::Http:
    case baml::ErrorType::Connection:
    case baml::ErrorType::FinishReason:
    case baml::ErrorType::Config:
    case baml::ErrorType::InvalidArgument:
    case baml::ErrorType::Template: run.outcome = TestOutcome::Error; break;
  }
  return run;
}

TestRun internal_error(const std::string& what, std::chrono::nanoseconds elapsed) {
  TestRun run;
  run.outcome = TestOutcome::Error;
  run.elapsed = elapsed;
  run.type = "InternalError";
  run.message = "internal error: " + first_line(what);
  run.details = run.message + "\nhelp: this is a bug in bamlc; please report it\n";
  return run;
}

// What a test needs before its first call, made once: its arguments and compiled checks, or
// the run every call of it would end with.
struct Prepared {
  baml::Args args;
  nlohmann::ordered_json args_json;
  baml::TestChecks checks;
  std::optional<TestRun> failure;
};

Prepared prepare(const baml::Program& program, const TestCase& test) {
  Prepared p;
  try {
    if (test.has_type_builder) {
      baml::throw_config_error("test `" + test.test +
                               "` has a type_builder block, which bamlc's runtime does not support yet; "
                               "remove it or run this test with baml-cli");
    }
    p.checks = baml::TestChecks::compile(program, test.checks);
    p.args_json = test_arguments_json(program, test);
    p.args = baml::function_args_from_json(program, test.function, p.args_json);
  } catch (const baml::Error& e) {
    p.failure = judge_error(e, {});
  } catch (const std::exception& e) {
    p.failure = internal_error(e.what(), {});
  }
  return p;
}

// Wakes the loop when an attempt of some call ends (the call may then be over).
struct Wake {
  std::mutex mutex;
  std::condition_variable cv;
  bool pending = false;
  void notify() {
    {
      std::lock_guard lock(mutex);
      pending = true;
    }
    cv.notify_one();
  }
};

struct InFlight {
  std::size_t test = 0;
  baml::FunctionFuture future;
  Clock::time_point start;
  std::shared_ptr<std::atomic<Clock::rep>> last_attempt_end;  // 0 until an attempt ends
  std::string request;
};

}  // namespace

const char* outcome_label(TestOutcome outcome) {
  switch (outcome) {
    case TestOutcome::Passed: return "PASSED";
    case TestOutcome::NeedsEval: return "NEEDS EVAL";
    case TestOutcome::Failed: return "FAILED";
    case TestOutcome::Error: return "ERROR";
  }
  return "ERROR";
}

std::size_t TestReport::passed_runs() const {
  std::size_t n = 0;
  for (const TestRun& r : runs) n += r.outcome == TestOutcome::Passed ? 1 : 0;
  return n;
}

const TestRun& TestReport::shown() const {
  for (const TestRun& r : runs) {
    if (r.outcome == outcome) return r;
  }
  return runs.front();
}

std::vector<TestReport> run_tests(const baml::Program& program, const std::vector<TestCase>& tests,
                                  const RunnerOptions& options, const RunnerCallbacks& callbacks,
                                  const std::atomic<bool>& interrupted) {
  const std::size_t repeat = std::max<std::size_t>(1, options.repeat);
  const std::size_t parallel = std::max<std::size_t>(1, options.parallel);
  const std::size_t total = tests.size() * repeat;
  std::vector<TestReport> reports(tests.size());
  for (std::size_t i = 0; i < tests.size(); ++i) reports[i].test = &tests[i];
  std::vector<std::optional<Prepared>> prepared(tests.size());

  baml::Runtime runtime(runtime_options(options.ca_bundle));
  baml::CancellationToken cancel;
  auto wake = std::make_shared<Wake>();
  std::list<InFlight> in_flight;
  std::size_t next = 0;
  std::size_t finished = 0;
  std::size_t emitted = 0;
  bool cancelled = false;
  int quick_polls = 0;

  auto record = [&](std::size_t test, TestRun run) {
    reports[test].runs.push_back(std::move(run));
    ++finished;
  };
  auto finalize = [&](TestReport& report) {
    if (report.runs.empty()) return;
    report.outcome = TestOutcome::Passed;
    std::chrono::nanoseconds sum{0};
    for (const TestRun& r : report.runs) {
      report.outcome = std::max(report.outcome, r.outcome);
      sum += r.elapsed;
    }
    for (const TestRun& r : report.runs) report.flaky = report.flaky || r.outcome != report.runs.front().outcome;
    report.elapsed = sum / static_cast<long>(report.runs.size());
  };
  auto emit_ready = [&] {
    while (emitted < tests.size() && reports[emitted].runs.size() == repeat) {
      finalize(reports[emitted]);
      if (callbacks.on_report) callbacks.on_report(reports[emitted]);
      ++emitted;
    }
  };
  auto start = [&](std::size_t test) {
    const TestCase& tc = tests[test];
    if (!prepared[test]) prepared[test] = prepare(program, tc);
    const Prepared& p = *prepared[test];
    if (p.failure) return record(test, *p.failure);
    InFlight call;
    call.test = test;
    call.last_attempt_end = std::make_shared<std::atomic<Clock::rep>>(0);
    baml::CallOptions call_options;
    call_options.timeout = options.timeout;
    call_options.cancel = cancel;
    call_options.client_override = options.client;
    call_options.on_attempt = [wake, end = call.last_attempt_end](const baml::AttemptRecord&) {
      end->store(Clock::now().time_since_epoch().count());
      wake->notify();
    };
    call.start = Clock::now();
    try {
      if (options.verbose) {
        baml::RenderOptions render;
        render.client_override = options.client;
        render.redact_secrets = true;
        const auto requests = baml::render_requests_json(program, tc.function, p.args_json, render);
        if (!requests.empty()) {
          call.request = requests[0].client + ": POST " + baml::printable(requests[0].http.url) + "\n" +
                         baml::printable(requests[0].http.body);
        }
      }
      call.future = baml::submit_function(runtime, program, tc.function, p.args, call_options);
    } catch (const baml::Error& e) {
      return record(test, judge_error(e, Clock::now() - call.start));
    } catch (const std::exception& e) {
      return record(test, internal_error(e.what(), Clock::now() - call.start));
    }
    in_flight.push_back(std::move(call));
  };
  auto collect = [&](InFlight& call) {
    const Clock::time_point now = Clock::now();
    const Clock::rep end_rep = call.last_attempt_end->load();
    const Clock::time_point end = end_rep != 0 ? std::min(now, Clock::time_point(Clock::duration(end_rep))) : now;
    const auto elapsed = std::max(end, call.start) - call.start;
    const TestCase& tc = tests[call.test];
    TestRun run;
    try {
      const baml::FunctionResult result = call.future.get();
      run = judge_answer(program, tc, prepared[call.test]->checks, result, elapsed);
    } catch (const baml::Error& e) {
      run = judge_error(e, elapsed);
    } catch (const std::exception& e) {
      run = internal_error(e.what(), elapsed);
    }
    if (options.verbose) run.request = std::move(call.request);
    record(call.test, std::move(run));
  };

  while (true) {
    if (interrupted.load() && !cancelled) {
      cancelled = true;
      cancel.cancel();
    }
    while (!cancelled && in_flight.size() < parallel && next < total) start(next++ / repeat);
    bool progressed = false;
    for (auto it = in_flight.begin(); it != in_flight.end();) {
      if (it->future.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
        collect(*it);
        it = in_flight.erase(it);
        progressed = true;
      } else {
        ++it;
      }
    }
    emit_ready();
    if (callbacks.on_progress) callbacks.on_progress(finished, total, in_flight.size());
    if (in_flight.empty() && (next >= total || cancelled)) break;
    if (progressed && next < total && !cancelled) continue;
    // An attempt's end is reported just before its call's future is ready: after a wake-up, look
    // again within a millisecond a few times; otherwise sleep until woken (or an interrupt is due).
    std::unique_lock lock(wake->mutex);
    const auto wait = quick_polls > 0 ? std::chrono::milliseconds(1) : std::chrono::milliseconds(20);
    if (quick_polls > 0) --quick_polls;
    wake->cv.wait_for(lock, wait, [&] { return wake->pending; });
    if (wake->pending) quick_polls = 5;
    wake->pending = false;
  }
  // After an interrupt: what ran is reported, in order.
  for (; emitted < tests.size(); ++emitted) {
    finalize(reports[emitted]);
    if (reports[emitted].ran() && callbacks.on_report) callbacks.on_report(reports[emitted]);
  }
  return reports;
}

}  // namespace bamlc::cli
