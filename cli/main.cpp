// The `bamlc` command line: one subcommand per job, each in its own file.
#include <cstring>
#include <exception>
#include <iostream>
#include <system_error>
#include <vector>

#include <baml/runtime.h>

#include "cli/commands.h"

#ifndef BAMLC_VERSION
#error "BAMLC_VERSION is set by CMake"
#endif

int main(int argc, char** argv) {
  // `bamlc test --parallel 2000` holds that many sockets: the soft limit of open files goes up to
  // the hard one; past it a call fails with a ConnectionError that names the limit.
  baml::raise_open_file_limit();
  CLI::App app{"bamlc: compiler and runtime for BAML, with deadlines you can trust", "bamlc"};
  app.set_version_flag("--version", "bamlc " BAMLC_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit codes (every command; docs/cli.md):\n"
      "  0  it worked (warnings allowed)\n"
      "  1  the project, the data or the call is wrong: an error diagnostic, an unknown client, a failed call\n"
      "  2  the command line is wrong: an unknown flag, a bad value, a --from path that does not exist\n"
      "`bamlc test` has a test runner's codes instead: see `bamlc test --help`.");
  std::vector<bamlc::cli::Runner> runners{
      bamlc::cli::add_check_command(app),
      bamlc::cli::add_build_command(app),
      bamlc::cli::add_explain_command(app),
      bamlc::cli::add_call_command(app),
      bamlc::cli::add_render_command(app),
      bamlc::cli::add_run_command(app),
      bamlc::cli::add_parse_command(app),
      bamlc::cli::add_test_command(app),
  };
  // `bamlc test` reports a bad command line with its own code (TESTING.md).
  const bool test_command = argc > 1 && std::strcmp(argv[1], "test") == 0;
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);  // prints help, the version, or the usage error
    if (code == 0) return bamlc::cli::kExitOk;
    return test_command ? bamlc::cli::kTestUsage : bamlc::cli::kExitUsage;
  }
  // A bug of bamlc's own is reported as one, never as a signal or a stack trace (CLI.md).
  try {
    for (auto& run : runners) {
      const int code = run();
      if (code >= 0) return code;
    }
  } catch (const std::system_error& e) {
    // The system refused a resource (file descriptors, memory for a thread): not a bug of ours.
    std::cerr << "bamlc: error: " << e.what() << '\n';
    return test_command ? bamlc::cli::kTestUsage : bamlc::cli::kExitFailed;
  } catch (const std::exception& e) {
    std::cerr << "bamlc: internal error: " << e.what() << "\n  help: this is a bug in bamlc; please report it\n";
    return test_command ? bamlc::cli::kTestUsage : bamlc::cli::kExitFailed;
  }
  return bamlc::cli::kExitUsage;
}
