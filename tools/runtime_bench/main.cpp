// `runtime_bench`: measures the runtime (libbaml_runtime over libcurl) against the project's mock
// LLM server, which it starts itself. Subcommands, one per figure of docs/performance.md
// ("Runtime"):
//
//   runtime_bench lateness [--in-flight 1,100,1000] [--calls N] [--limit-ms 300] [--kinds ...]
//                          (kinds: every limit kind, and fallback-total, fallback-refuse: issue 5)
//   runtime_bench overhead [--calls 2000] [--warmup 200] [--modes call,stream,strategy]
//   runtime_bench memory   [--in-flight 1000]
//
// `--json` prints one JSON document instead of tables (figures.py reads it). This is a benchmark:
// it reports, it never asserts; the exit status is 0 unless the measurement could not be made.
#include <curl/curl.h>

#include <csignal>
#include <iostream>
#include <vector>

#include <baml/runtime.h>

#include "commands.h"
#include "launcher.h"
#include "process_info.h"

int main(int argc, char** argv) {
  using namespace runtime_bench;
  CLI::App app{"Benchmark of the bamlc runtime against the mock LLM server (see docs/performance.md, \"Runtime\")",
               "runtime_bench"};
  app.require_subcommand(1);
  app.fallthrough();  // the common options may follow the subcommand's name
  CommonOptions common;
  common.mock_server = mock_llm::MockServerProcess::default_binary();
  app.add_flag("--json", common.json, "Print one JSON document instead of tables");
  app.add_option("--mock-server", common.mock_server, "The mock_llm_server binary")->capture_default_str();
  app.add_option("--server-cpu", common.server_cpu, "Pin the mock server to this CPU (default: not pinned)");
  std::vector<Subcommand> subcommands{add_lateness_command(app), add_overhead_command(app), add_memory_command(app)};
  CLI11_PARSE(app, argc, argv);

  // 1,000 calls in flight are 1,000 sockets, beyond the usual soft limit.
  baml::raise_open_file_limit();  // 10,000 calls in flight hold as many sockets
  // A plain libcurl handle may be made before any Runtime (which would otherwise do this).
  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::signal(SIGPIPE, SIG_IGN);
  for (const Subcommand& subcommand : subcommands) {
    if (!subcommand.app->parsed()) continue;
    try {
      const MachineLoad before = machine_load();
      const Report report = subcommand.run(common);
      print_report(report, before, machine_load(), common.json, std::cout);
      return 0;
    } catch (const CLI::Error& e) {
      return app.exit(e);
    } catch (const std::exception& e) {
      std::cerr << "runtime_bench: " << e.what() << '\n';
      return 1;
    }
  }
  return 2;
}
