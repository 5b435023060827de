// `runtime_bench lateness`: how late each kind of limit fires (issue 4's figure (a); the contract
// is "within 5 ms of its limit at the 99th percentile with 1,000 calls in flight", RUNTIME.md).
//
// For each scenario (scenarios.h) and each in-flight level N, rounds of N calls are submitted back
// to back through Runtime::submit, so all N are in flight when their limit passes, and every call
// is cut by the limit under test. Lateness is what the error itself reports: elapsed − limit,
// where elapsed is measured from the instant the limit is measured from (docs/runtime.md), so it
// is exactly "how late it fired". Every outcome is counted: a call that ends any other way than
// the expected timeout kind shows up in the table and in `unexpected`. `--samples FILE` keeps every
// call (when it was submitted within its round, and how late it was cut) to see where the tail
// comes from: a tail that grows with the submit index points at work the engine does per pass.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <future>
#include <memory>
#include <stdexcept>
#include <vector>

#include "calls.h"
#include "commands.h"
#include "launcher.h"
#include "process_info.h"
#include "scenarios.h"
#include "stats.h"

namespace runtime_bench {

namespace {

struct LatenessOptions {
  std::vector<int> in_flight = {1, 100, 1000};
  int calls = 0;  // per scenario and level; 0: automatic (see calls_for)
  int limit_ms = 300;
  std::vector<std::string> kinds;  // empty: all
  std::string samples_path;        // every call as a CSV row, for looking at where lateness comes from
  bool stream = false;             // streaming calls (Runtime::submit_stream) instead of whole ones
};

// Enough calls for a p99 that means something at high levels, without spending minutes at N = 1
// (each call there costs one whole limit of wall time).
int calls_for(int in_flight, int requested) {
  if (requested > 0) return requested;
  return std::max(50, 5 * in_flight);
}

struct LevelResult {
  int in_flight = 0;
  int calls = 0;
  int rounds = 0;
  Summary lateness;       // ms, over the calls that ended with the expected timeout
  Summary submit_window;  // ms to submit one round's calls: the spread of their start instants
  // This process's CPU time per call, every thread (submitting, the engine, the kernel's work for
  // its sockets): the cost of a call from admission to its limit, which must not grow with N.
  double cpu_us_per_call = 0;
  OutcomeCounts outcomes;
  long unexpected = 0;
};

LevelResult run_level(const mock_llm::MockServerProcess& mock, const Scenario& scenario, int in_flight, int calls,
                      std::chrono::milliseconds limit, bool stream, std::ofstream* samples) {
  // A fresh runtime per level: no connection or allocator state carried over from another level.
  baml::Runtime runtime;
  const ScenarioSetup setup = scenario.setup(mock, limit);
  const baml::ClientSpec& client = *setup.ir.find_client(setup.client);
  auto submit = [&]() {
    if (stream) {
      // The deltas are dropped: what is measured is when the limit fires.
      const baml::DeltaCallback ignore = [](std::string_view) {};
      return setup.through_ir ? runtime.submit_stream(setup.ir, setup.client, bench_request(), setup.options, ignore)
                              : runtime.submit_stream(client, bench_request(), setup.options, ignore);
    }
    return setup.through_ir ? runtime.submit(setup.ir, setup.client, bench_request(), setup.options)
                            : runtime.submit(client, bench_request(), setup.options);
  };
  const long quiet_connections = mock.counters()["open_connections"].get<long>();

  LevelResult result;
  result.in_flight = in_flight;
  result.rounds = (calls + in_flight - 1) / in_flight;
  std::vector<double> lateness_ms, windows_ms;
  std::vector<baml::CallFuture> futures;
  std::vector<double> submitted_ms;  // offset of each submit from the round's first
  futures.reserve(static_cast<std::size_t>(in_flight));
  double cpu_ms = 0;
  for (int round = 0; round < result.rounds; ++round) {
    futures.clear();
    submitted_ms.clear();
    const auto round_start = std::chrono::steady_clock::now();
    const double cpu_at_start = process_cpu_ms();
    for (int i = 0; i < in_flight; ++i) {
      submitted_ms.push_back(to_ms(std::chrono::steady_clock::now() - round_start));
      futures.push_back(submit());
    }
    windows_ms.push_back(to_ms(std::chrono::steady_clock::now() - round_start));
    // Sleep until the round is over before looking at any outcome: taking each one as it comes
    // (rethrowing the exception, ~20k instructions) kept this thread busy on one of the two cores
    // exactly while the engine was reporting the round's limits, and made them late. The last call
    // submitted is about the last to end; the others are then all but certainly over.
    futures.back().wait();
    for (auto& future : futures) future.wait();
    cpu_ms += process_cpu_ms() - cpu_at_start;
    for (std::size_t i = 0; i < futures.size(); ++i) {
      CallResult call = collect(futures[i]);
      if (setup.lateness_is_refusal) call.lateness = call.refusal;
      ++result.outcomes[call.outcome];
      ++result.calls;
      if (call.outcome == scenario.expected && call.lateness) lateness_ms.push_back(to_ms(*call.lateness));
      if (samples != nullptr) {
        *samples << scenario.name << ',' << in_flight << ',' << round << ',' << i << ',' << fixed(submitted_ms[i], 3)
                 << ',' << call.outcome << ',' << (call.lateness ? fixed(to_ms(*call.lateness), 3) : "") << '\n';
      }
    }
    // Start the next round on a quiet server: the previous round's closes are not left to load
    // the next round's limit instant.
    mock.wait_for([&](const nlohmann::json& c) { return c["open_connections"].get<long>() <= quiet_connections; },
                  std::chrono::seconds(5));
  }
  result.unexpected =
      result.calls - (result.outcomes.contains(scenario.expected) ? result.outcomes[scenario.expected] : 0);
  result.cpu_us_per_call = result.calls > 0 ? cpu_ms * 1e3 / result.calls : 0;
  result.lateness = summarize(std::move(lateness_ms));
  result.submit_window = summarize(std::move(windows_ms));
  return result;
}

Report run_lateness(const CommonOptions& common, const LatenessOptions& options) {
  std::vector<const Scenario*> scenarios;
  if (options.kinds.empty()) {
    for (const Scenario& scenario : lateness_scenarios()) scenarios.push_back(&scenario);
  } else {
    for (const std::string& kind : options.kinds) {
      const Scenario* scenario = find_scenario(kind);
      if (scenario == nullptr) throw CLI::ValidationError("--kinds", "unknown kind '" + kind + "'");
      scenarios.push_back(scenario);
    }
  }
  const std::chrono::milliseconds limit(options.limit_ms);
  mock_llm::MockServerProcess mock({.binary = common.mock_server, .cpu = common.server_cpu});
  std::unique_ptr<std::ofstream> samples;
  if (!options.samples_path.empty()) {
    samples = std::make_unique<std::ofstream>(options.samples_path);
    if (!*samples) throw std::runtime_error("cannot write " + options.samples_path);
    *samples << "kind,in_flight,round,index,submitted_ms,outcome,lateness_ms\n";
  }

  Report report;
  report.command = "lateness";
  report.title = "How late each limit fires: elapsed − limit, as the TimeoutError reports it (limit " +
                 std::to_string(options.limit_ms) + " ms, " +
                 (options.stream ? "streaming calls through Runtime::submit_stream)" : "non-streaming calls through Runtime::submit)");
  Table table({{"kind", false},
               {"fault", false},
               {"in flight"},
               {"calls"},
               {"p50 ms"},
               {"p90 ms"},
               {"p99 ms"},
               {"max ms"},
               {"CPU µs/call"},
               {"outcomes", false}});
  nlohmann::json results = nlohmann::json::array();
  double worst_p99_at_max = 0;
  std::string worst_kind;
  const int top_level = *std::max_element(options.in_flight.begin(), options.in_flight.end());
  for (const Scenario* scenario : scenarios) {
    for (int in_flight : options.in_flight) {
      const LevelResult level =
          run_level(mock, *scenario, in_flight, calls_for(in_flight, options.calls), limit, options.stream, samples.get());
      const Summary& s = level.lateness;
      table.add_row({scenario->name, scenario->fault, std::to_string(in_flight), std::to_string(level.calls),
                     fixed(s.p50, 2), fixed(s.p90, 2), fixed(s.p99, 2), fixed(s.max, 2),
                     fixed(level.cpu_us_per_call, 1), format_outcomes(level.outcomes)});
      results.push_back({{"kind", scenario->name},
                         {"expected", scenario->expected},
                         {"fault", scenario->fault},
                         {"in_flight", in_flight},
                         {"calls", level.calls},
                         {"rounds", level.rounds},
                         {"lateness_ms", to_json(s)},
                         {"submit_window_ms", to_json(level.submit_window)},
                         {"cpu_us_per_call", level.cpu_us_per_call},
                         {"outcomes", level.outcomes},
                         {"unexpected", level.unexpected}});
      if (in_flight == top_level && s.p99 >= worst_p99_at_max) {
        worst_p99_at_max = s.p99;
        worst_kind = scenario->name;
      }
    }
  }
  report.tables.emplace_back("lateness (ms) by limit kind and calls in flight", std::move(table));
  report.notes.push_back("goal: p99 ≤ 5 ms with 1,000 calls in flight. Worst p99 at " + std::to_string(top_level) +
                         " in flight: " + fixed(worst_p99_at_max, 2) + " ms (" + worst_kind + ").");
  report.notes.push_back(
      "Each round submits N calls back to back; every call must end with its kind's timeout "
      "(outcomes column).");
  report.json = {{"limit_ms", options.limit_ms}, {"stream", options.stream}, {"results", std::move(results)}};
  return report;
}

}  // namespace

Subcommand add_lateness_command(CLI::App& app) {
  auto options = std::make_shared<LatenessOptions>();
  CLI::App* cmd =
      app.add_subcommand("lateness", "How late each limit kind fires with 1, 100 and 1,000 calls in flight");
  cmd->add_option("--in-flight", options->in_flight, "Calls in flight, one level per value")
      ->delimiter(',')
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--calls", options->calls,
                  "Calls per kind and level, in whole rounds of --in-flight (default: max(50, 5 × in flight))")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--limit-ms", options->limit_ms, "The limit under test, in milliseconds")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--kinds", options->kinds,
                  "Scenarios to run (default all): connect, ttfb, first, idle, request, total, deadline, "
                  "fallback-total, fallback-refuse")
      ->delimiter(',');
  cmd->add_flag("--stream", options->stream, "Streaming calls (Runtime::submit_stream) instead of whole ones");
  cmd->add_option("--samples", options->samples_path,
                  "Also write every call to this CSV file (kind, in flight, round, index, submitted_ms, outcome, "
                  "lateness_ms)");
  return {cmd, [options](const CommonOptions& common) { return run_lateness(common, *options); }};
}

}  // namespace runtime_bench
