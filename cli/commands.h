// The subcommands of `bamlc`. Each registers its options on the CLI11 app and runs later;
// run functions return the process exit code.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace bamlc::cli {

// Exit codes shared by every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;  // the project has errors, or the call failed
inline constexpr int kExitUsage = 2;   // bad arguments, a missing directory

// `bamlc test` has a test runner's exit codes (TESTING.md), not the ones above.
inline constexpr int kTestPassed = 0;       // all passed (needs-eval too, unless --require-human-eval)
inline constexpr int kTestNeedsEval = 1;    // only needs-eval, with --require-human-eval
inline constexpr int kTestFailed = 2;       // a test failed or errored
inline constexpr int kTestInterrupted = 3;  // Ctrl-C
inline constexpr int kTestUsage = 4;        // usage, compile or internal error
inline constexpr int kTestNoTests = 5;      // no tests selected

using Runner = std::function<int()>;

Runner add_check_command(CLI::App& app);
Runner add_build_command(CLI::App& app);
Runner add_explain_command(CLI::App& app);
Runner add_call_command(CLI::App& app);
Runner add_render_command(CLI::App& app);
Runner add_run_command(CLI::App& app);
Runner add_parse_command(CLI::App& app);
Runner add_test_command(CLI::App& app);

}  // namespace bamlc::cli
