// `runtime_bench memory`: resident memory per call in flight (issue 4's figure (c); goal ≤ 64 KiB).
//
// N calls are held in flight on one Runtime: each gets its response headers and one chunk, then
// the mock server stalls (`mock:stall_after=1`) under a long idle limit, which is how a slow model
// holds a call open. Once the server has read all N requests and the first chunks have had time
// to arrive, VmRSS is read; the figure is (VmRSS loaded − VmRSS before) / N. The baseline is taken
// after a few warm-up calls, so the engine thread, libcurl's global state and the allocator's
// first arenas count as fixed cost, not per call. Everything the caller holds per call (the
// future and what the runtime keeps for it) is in the figure; the mock server is another process.
// VmHWM (the peak) is reported too: it includes transient allocations while the calls started.
#include <chrono>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "calls.h"
#include "commands.h"
#include "ir_builder.h"
#include "launcher.h"
#include "process_info.h"
#include "stats.h"

namespace runtime_bench {

namespace {

struct MemoryOptions {
  int in_flight = 1000;
  int settle_ms = 500;  // after the server has read every request, for the first chunks to land
};

Report run_memory(const CommonOptions& common, const MemoryOptions& options) {
  mock_llm::MockServerProcess mock({.binary = common.mock_server, .cpu = common.server_cpu});
  Limits held = generous_limits();
  held.idle = std::chrono::milliseconds(600'000);
  const baml::ClientIr ir = IrBuilder()
                                .leaf("Held", mock.openai_base_url(), "mock:stall_after=1", held)
                                .leaf("Warm", mock.openai_base_url(), "mock:reply=hi", generous_limits())
                                .read();
  baml::Runtime runtime;
  for (int i = 0; i < 20; ++i) runtime.call(*ir.find_client("Warm"), bench_request());

  const long requests_before = mock.counters()["requests"].get<long>();
  const long baseline_rss = status_kib("VmRSS");
  const long baseline_hwm = status_kib("VmHWM");
  baml::CancellationToken release;
  baml::CallOptions call_options;
  call_options.cancel = release;
  std::vector<baml::CallFuture> futures;
  futures.reserve(static_cast<std::size_t>(options.in_flight));
  const baml::ClientSpec& client = *ir.find_client("Held");
  for (int i = 0; i < options.in_flight; ++i) futures.push_back(runtime.submit(client, bench_request(), call_options));
  const bool all_held = mock.wait_for(
      [&](const nlohmann::json& c) { return c["requests"].get<long>() - requests_before >= options.in_flight; },
      std::chrono::seconds(60));
  std::this_thread::sleep_for(std::chrono::milliseconds(options.settle_ms));
  const long loaded_rss = status_kib("VmRSS");
  const long loaded_hwm = status_kib("VmHWM");
  const long open_at_server = mock.counters()["open_connections"].get<long>();

  release.cancel();
  OutcomeCounts outcomes;
  for (auto& future : futures) ++outcomes[collect(future).outcome];
  const long after_rss = status_kib("VmRSS");

  const double n = options.in_flight;
  const double per_call = static_cast<double>(loaded_rss - baseline_rss) / n;
  const double peak_per_call = static_cast<double>(loaded_hwm - baseline_rss) / n;

  Report report;
  report.command = "memory";
  report.title = "Resident memory per call in flight (" + std::to_string(options.in_flight) +
                 " non-streaming calls held open by mock:stall_after=1)";
  Table table({{"what", false}, {"KiB"}});
  table.add_row({"VmRSS before", std::to_string(baseline_rss)});
  table.add_row({"VmRSS with the calls in flight", std::to_string(loaded_rss)});
  table.add_row({"VmHWM with the calls in flight", std::to_string(loaded_hwm)});
  table.add_row({"VmRSS after they were cancelled", std::to_string(after_rss)});
  table.add_row({"per call in flight (VmRSS)", fixed(per_call, 1)});
  table.add_row({"per call in flight (VmHWM − VmRSS before)", fixed(peak_per_call, 1)});
  report.tables.emplace_back("memory", std::move(table));
  report.notes.push_back("goal: ≤ 64 KiB per call in flight; measured " + fixed(per_call, 1) + " KiB (peak " +
                         fixed(peak_per_call, 1) + " KiB).");
  report.notes.push_back(std::string("server saw every request: ") + (all_held ? "yes" : "NO (figure too low)") +
                         "; its open connections: " + std::to_string(open_at_server) +
                         "; outcomes after the release: " + format_outcomes(outcomes));
  report.json = {{"in_flight", options.in_flight},
                 {"baseline_rss_kib", baseline_rss},
                 {"baseline_hwm_kib", baseline_hwm},
                 {"loaded_rss_kib", loaded_rss},
                 {"loaded_hwm_kib", loaded_hwm},
                 {"after_rss_kib", after_rss},
                 {"per_call_kib", per_call},
                 {"peak_per_call_kib", peak_per_call},
                 {"all_requests_seen", all_held},
                 {"server_open_connections", open_at_server},
                 {"outcomes", outcomes}};
  return report;
}

}  // namespace

Subcommand add_memory_command(CLI::App& app) {
  auto options = std::make_shared<MemoryOptions>();
  CLI::App* cmd = app.add_subcommand("memory", "Resident memory per call held in flight");
  cmd->add_option("--in-flight", options->in_flight, "Calls held in flight")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--settle-ms", options->settle_ms, "Wait after the server has read every request")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  return {cmd, [options](const CommonOptions& common) { return run_memory(common, *options); }};
}

}  // namespace runtime_bench
