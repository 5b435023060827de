// The subcommands of runtime_bench. Each registers its options on the CLI11 app and returns a
// function that runs the measurement and hands back a Report (report.h); main() prints it.
// Adding a measurement (issue 5's budget overshoot through fallback chains, the strategy layer's
// cost) means a scenario in scenarios.cpp, a contender in overhead_command.cpp, or one more
// subcommand declared here.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

#include "report.h"

namespace runtime_bench {

// Options every subcommand understands (given before or after the subcommand's name).
struct CommonOptions {
  bool json = false;
  std::string mock_server;        // the mock_llm_server binary
  std::optional<int> server_cpu;  // pin the mock server to this CPU
};

using Command = std::function<Report(const CommonOptions&)>;

struct Subcommand {
  CLI::App* app;
  Command run;
};

Subcommand add_lateness_command(CLI::App& app);
Subcommand add_overhead_command(CLI::App& app);
Subcommand add_memory_command(CLI::App& app);

}  // namespace runtime_bench
