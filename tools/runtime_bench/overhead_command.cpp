// `runtime_bench overhead`: what the runtime costs per call over a plain libcurl loop (issue 4's
// figure (b); goal ≤ 1.1× the plain loop's median).
//
// A comparison pits a baseline against a candidate, each a way of making one call to the same
// mock server with the same request. Calls are sequential on one connection kept alive, with
// `mock:reply=hi`, so the server's own work is as small as it gets and the difference is the
// client's. Every contender is warmed up, then all are measured in interleaved blocks (A B C,
// B C A, ...) so a change in machine load during the run hits them alike. The figure is the ratio
// of the medians of per-call wall time, the runtime's against the plain loop's. A third contender,
// the plain loop driven from a worker thread, separates the cost of handing a call to another
// thread (which the runtime's engine-thread design pays) from the runtime's own work.
//
// The `strategy` comparison is issue 5's figure (goal: within 2%): the same leaf called as a bare
// single attempt (the ClientSpec entry point, a one-node plan without the IR) against the calls
// that go through the strategy layer: the leaf named in the IR (its plan resolved per call), the
// leaf with a retry policy that never has to retry, and a fallback of one child.
#include <sys/resource.h>

#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <vector>

#include "calls.h"
#include "commands.h"
#include "ir_builder.h"
#include "launcher.h"
#include "plain_curl.h"
#include "stats.h"

namespace runtime_bench {

namespace {

struct OverheadOptions {
  int calls = 2000;  // measured calls per contender and comparison
  int warmup = 200;
  int blocks = 10;
  std::vector<std::string> modes = {"call", "stream", "strategy"};
};

// One way of making a call. Returns whether the call reused a kept-alive connection; throws on
// failure (a failed call is counted, never timed).
struct Contender {
  std::string name;
  std::function<bool()> call;
};

// `contenders[0]` is the baseline every other contender's ratio is taken against.
struct Comparison {
  std::string name;
  std::vector<Contender> contenders;
  double goal = 1.10;  // the ratio each contender's median should stay within
};

struct ContenderResult {
  std::vector<double> micros;
  double cpu_micros = 0;  // this process's CPU time (user + system, every thread) over the blocks
  long reused = 0;
  OutcomeCounts failures;
};

// CPU time of the whole process: the caller's thread plus the runtime's engine thread, so a cost
// moved to the engine thread is not hidden. The mock server is another process.
double process_cpu_micros() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto micros = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_usec); };
  return micros(usage.ru_utime) + micros(usage.ru_stime);
}

void run_block(const Contender& contender, int calls, ContenderResult* result) {
  const double cpu_before = process_cpu_micros();
  for (int i = 0; i < calls; ++i) {
    const auto start = std::chrono::steady_clock::now();
    try {
      const bool reused = contender.call();
      const auto elapsed = std::chrono::steady_clock::now() - start;
      if (result == nullptr) continue;
      result->micros.push_back(to_us(elapsed));
      if (reused) ++result->reused;
    } catch (const baml::Error&) {
      if (result != nullptr) ++result->failures[outcome_name(std::current_exception())];
    } catch (const std::exception&) {
      if (result != nullptr) ++result->failures["exception"];
    }
  }
  if (result != nullptr) result->cpu_micros += process_cpu_micros() - cpu_before;
}

std::vector<ContenderResult> measure(const Comparison& comparison, const OverheadOptions& options) {
  const std::size_t n = comparison.contenders.size();
  for (const Contender& contender : comparison.contenders) run_block(contender, options.warmup, nullptr);
  std::vector<ContenderResult> results(n);
  const int per_block = (options.calls + options.blocks - 1) / options.blocks;
  for (int block = 0; block < options.blocks; ++block) {
    // Each block starts with the next contender, so none always runs right after another.
    for (std::size_t k = 0; k < n; ++k) {
      const std::size_t i = (k + static_cast<std::size_t>(block)) % n;
      run_block(comparison.contenders[i], per_block, &results[i]);
    }
  }
  return results;
}

// Everything the comparisons call through, kept alive for the whole run.
struct Fixture {
  explicit Fixture(const mock_llm::MockServerProcess& mock)
      : ir(IrBuilder()
               .leaf("Bench", mock.openai_base_url(), "mock:reply=hi", generous_limits())
               .retry_policy({{"name", "Patient"},
                              {"max_retries", 3},
                              {"strategy", {{"type", "constant_delay"}, {"delay_ms", 200}}}})
               .leaf("Patient", mock.openai_base_url(), "mock:reply=hi", generous_limits(), "Patient")
               .composite("One", "fallback", {"Bench"}, Limits{})
               .read()),
        client(*ir.find_client("Bench")),
        plain_call(baml::http_request_for(client, bench_request(), false)),
        plain_stream(baml::http_request_for(client, bench_request(), true)),
        handoff_call(baml::http_request_for(client, bench_request(), false)),
        handoff_stream(baml::http_request_for(client, bench_request(), true)) {}

  baml::ClientIr ir;
  const baml::ClientSpec& client;
  baml::Runtime runtime;
  PlainCurlClient plain_call;
  PlainCurlClient plain_stream;
  HandoffCurlClient handoff_call;
  HandoffCurlClient handoff_stream;
};

std::vector<Comparison> make_comparisons(Fixture& f, const std::vector<std::string>& modes) {
  std::vector<Comparison> out;
  for (const std::string& mode : modes) {
    if (mode == "call") {
      out.push_back(
          {"call",
           {{"plain libcurl",
             [&f] {
               f.plain_call.call();
               return f.plain_call.reused_connection();
             }},
            {"plain libcurl on a worker thread", [&f] { return f.handoff_call.call(); }},
            {"Runtime::call", [&f] { return f.runtime.call(f.client, bench_request()).reused_connection; }}}});
    } else if (mode == "stream") {
      out.push_back(
          {"stream",
           {{"plain libcurl (SSE)",
             [&f] {
               f.plain_stream.call();
               return f.plain_stream.reused_connection();
             }},
            {"plain libcurl (SSE) on a worker thread", [&f] { return f.handoff_stream.call(); }},
            {"Runtime::stream", [&f] {
               return f.runtime.stream(f.client, bench_request(), {}, [](std::string_view) {}).reused_connection;
             }}}});
    } else if (mode == "strategy") {
      Comparison strategy{"strategy",
                          {{"leaf ClientSpec: Runtime::call(client)",
                            [&f] { return f.runtime.call(f.client, bench_request()).reused_connection; }},
                           {"leaf in the IR: Runtime::call(ir, \"Bench\")",
                            [&f] { return f.runtime.call(f.ir, "Bench", bench_request()).reused_connection; }},
                           {"leaf with a retry policy, never retried",
                            [&f] { return f.runtime.call(f.ir, "Patient", bench_request()).reused_connection; }},
                           {"fallback of one child",
                            [&f] { return f.runtime.call(f.ir, "One", bench_request()).reused_connection; }}},
                          1.02};
      out.push_back(std::move(strategy));
    } else {
      throw CLI::ValidationError("--modes", "unknown mode '" + mode + "' (call, stream, strategy)");
    }
  }
  return out;
}

Report run_overhead(const CommonOptions& common, const OverheadOptions& options) {
  mock_llm::MockServerProcess mock({.binary = common.mock_server, .cpu = common.server_cpu});
  Fixture fixture(mock);
  const std::vector<Comparison> comparisons = make_comparisons(fixture, options.modes);

  Report report;
  report.command = "overhead";
  report.title =
      "Per-call cost of the runtime against a plain libcurl loop (sequential calls, one kept-alive "
      "connection, mock:reply=hi)";
  Table table({{"mode", false},
               {"client", false},
               {"calls"},
               {"p50 µs"},
               {"p90 µs"},
               {"p99 µs"},
               {"mean µs"},
               {"CPU µs"},
               {"reused"},
               {"failed"},
               {"ratio p50"}});
  nlohmann::json results = nlohmann::json::array();
  for (const Comparison& comparison : comparisons) {
    const std::vector<ContenderResult> measured = measure(comparison, options);
    const Summary baseline = summarize(measured[0].micros);
    nlohmann::json contenders = nlohmann::json::array();
    for (std::size_t i = 0; i < measured.size(); ++i) {
      const Contender& contender = comparison.contenders[i];
      const ContenderResult& r = measured[i];
      const Summary s = summarize(r.micros);
      const double ratio = baseline.p50 > 0 ? s.p50 / baseline.p50 : 0;
      const double cpu_per_call = r.micros.empty() ? 0 : r.cpu_micros / static_cast<double>(r.micros.size());
      long failed = 0;
      for (const auto& entry : r.failures) failed += entry.second;
      table.add_row({i == 0 ? comparison.name : "", contender.name, std::to_string(s.count), fixed(s.p50, 1),
                     fixed(s.p90, 1), fixed(s.p99, 1), fixed(s.mean, 1), fixed(cpu_per_call, 1),
                     std::to_string(r.reused), std::to_string(failed), fixed(ratio, 3)});
      contenders.push_back({{"name", contender.name},
                            {"per_call_us", to_json(s)},
                            {"cpu_us_per_call", cpu_per_call},
                            {"reused_connection", r.reused},
                            {"failures", r.failures},
                            {"ratio_p50", ratio},
                            {"ratio_mean", baseline.mean > 0 ? s.mean / baseline.mean : 0}});
      // The runtime's figure of `call`/`stream` is the last contender; every contender of
      // `strategy` is one.
      if (i + 1 == measured.size() || (comparison.name == "strategy" && i > 0)) {
        report.notes.push_back(comparison.name + ": " + contender.name + " costs " + fixed(s.p50 - baseline.p50, 2) +
                               " µs more per call than " + comparison.contenders[0].name + " at the median (" +
                               fixed(ratio, 3) + "×, mean " + fixed(baseline.mean > 0 ? s.mean / baseline.mean : 0, 3) +
                               "×; goal ≤ " + fixed(comparison.goal, 2) + "×).");
      }
    }
    results.push_back({{"mode", comparison.name}, {"goal_ratio", comparison.goal}, {"contenders", std::move(contenders)}});
  }
  report.tables.emplace_back("per-call wall time", std::move(table));
  report.json = {{"calls", options.calls},
                 {"warmup", options.warmup},
                 {"blocks", options.blocks},
                 {"results", std::move(results)}};
  return report;
}

}  // namespace

Subcommand add_overhead_command(CLI::App& app) {
  auto options = std::make_shared<OverheadOptions>();
  CLI::App* cmd = app.add_subcommand("overhead", "Per-call cost of the runtime against a plain libcurl loop");
  cmd->add_option("--calls", options->calls, "Measured calls per client and mode")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--warmup", options->warmup, "Unmeasured calls per client first")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  cmd->add_option("--blocks", options->blocks, "Alternating blocks the calls are split into")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--modes", options->modes, "Comparisons to run: call, stream, strategy")->delimiter(',')->capture_default_str();
  return {cmd, [options](const CommonOptions& common) { return run_overhead(common, *options); }};
}

}  // namespace runtime_bench
