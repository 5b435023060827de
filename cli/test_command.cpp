// `bamlc test [--from DIR] [-i PATTERN]... [-x PATTERN]... [--list] [--parallel N] [--repeat N]
// [--client NAME] [--timeout D] [--shard K/N] [--junit FILE] [--format text|github|json]
// [--require-human-eval] [--pass-if-no-tests] [--dotenv-path FILE] [-v]`: compile the project,
// run its `test` blocks through the runtime and report them (TESTING.md). Its exit codes are a
// test runner's, not the other commands' (CLI.md): see kTest* below and docs/cli.md.
#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <system_error>
#include <unistd.h>

#include <baml/duration.h>
#include <baml/errors.h>
#include <baml/functions.h>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include "cli/dotenv.h"
#include "cli/test_interrupt.h"
#include "cli/runtime_options.h"
#include "cli/test_junit.h"
#include "cli/test_output.h"
#include "cli/test_runner.h"
#include "cli/test_selection.h"

namespace bamlc::cli {
namespace {

struct TestCommandOptions {
  std::string from = "./baml_src";
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  bool list = false;
  std::size_t parallel = 10;
  std::size_t repeat = 1;
  std::string client;
  std::string timeout;
  std::string shard;
  std::string junit;
  TestFormat format = TestFormat::Text;
  bool require_human_eval = false;
  bool pass_if_no_tests = false;
  bool dotenv = true;
  std::string dotenv_path;
  bool verbose = false;
  std::string ca_bundle;
};

int usage_error(const std::string& message) {
  std::cerr << "bamlc test: error: " << message << '\n';
  return kTestUsage;
}

int exit_code_of(const TestCounts& c, bool interrupted, bool require_human_eval) {
  if (interrupted) return kTestInterrupted;
  if (c.failed > 0 || c.errors > 0) return kTestFailed;
  if (c.needs_eval > 0 && require_human_eval) return kTestNeedsEval;
  return kTestPassed;
}

bool is_terminal(int fd) { return ::isatty(fd) == 1; }

int run_test_command(const TestCommandOptions& o) {
  std::optional<std::chrono::milliseconds> timeout;
  if (!o.timeout.empty()) {
    const baml::DurationParse parsed = baml::parse_duration(o.timeout);
    if (!parsed.value || parsed.value->count() <= 0) {
      return usage_error("--timeout `" + o.timeout + "` is not a duration longer than 0 (write e.g. 30s or 2m)");
    }
    timeout = *parsed.value;
  }
  Shard shard;
  if (!o.shard.empty()) {
    const auto parsed = parse_shard(o.shard);
    if (!parsed) return usage_error("--shard `" + o.shard + "` is not K/N with 1 <= K <= N (e.g. 2/4)");
    shard = *parsed;
  }
  if (o.parallel < 1) return usage_error("--parallel must be at least 1");
  if (o.repeat < 1) return usage_error("--repeat must be at least 1");
  if (!o.dotenv_path.empty() || o.dotenv) {
    const std::string path = o.dotenv_path.empty() ? ".env" : o.dotenv_path;
    std::string error;
    std::error_code ec;
    if ((!o.dotenv_path.empty() || std::filesystem::exists(path, ec)) && !load_dotenv(path, error)) {
      return usage_error("--dotenv: " + error);
    }
  }

  CompileOptions compile_options;
  compile_options.from = o.from;
  compile_options.format = o.format == TestFormat::Json ? OutputFormat::Json : OutputFormat::Text;
  Compilation compilation;
  if (compile_or_exit(compile_options, compilation)) return kTestUsage;
  if (!o.client.empty() && find_named_client(compilation.program, o.client) == nullptr) return kTestUsage;
  const nlohmann::json ir = program_ir(compilation.program);
  const std::vector<TestCase> selected =
      select_tests(collect_tests(compilation, ir), o.include, o.exclude, shard);

  const bool colour = o.format != TestFormat::Json && is_terminal(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
  const bool progress = o.format != TestFormat::Json && is_terminal(STDERR_FILENO) && !o.list;
  TestPrinter printer(std::cout, std::cerr, o.format, o.verbose, colour, progress);
  if (o.list) {
    for (const TestCase& t : selected) printer.listed(t);
  }
  if (selected.empty()) {
    std::cerr << "bamlc test: no tests selected" << (o.include.empty() && o.exclude.empty() ? "" : " by the filters")
              << (o.pass_if_no_tests ? "" : " (pass --pass-if-no-tests to exit 0)") << '\n';
    if (!o.junit.empty() && !o.list && !write_junit(o.junit, junit_xml({}, {}, false))) return kTestUsage;
    return o.pass_if_no_tests ? kTestPassed : kTestNoTests;
  }
  if (o.list) return kTestPassed;

  const baml::Program program = baml::Program::from_ir(ir);
  RunnerOptions runner;
  runner.parallel = o.parallel;
  runner.repeat = o.repeat;
  runner.timeout = timeout;
  if (!o.client.empty()) runner.client = o.client;
  runner.verbose = o.verbose;
  runner.ca_bundle = o.ca_bundle;
  RunnerCallbacks callbacks;
  callbacks.on_report = [&](const TestReport& r) { printer.report(r); };
  callbacks.on_progress = [&](std::size_t finished, std::size_t total, std::size_t running) {
    printer.progress(finished, total, running);
  };

  InterruptHandler interrupt;
  const auto start = std::chrono::steady_clock::now();
  const std::vector<TestReport> reports = run_tests(program, selected, runner, callbacks, interrupt.flag());
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const bool interrupted = interrupt.interrupted();
  const TestCounts counts = count_reports(reports);
  int code = exit_code_of(counts, interrupted, o.require_human_eval);
  if (!o.junit.empty() && !write_junit(o.junit, junit_xml(reports, elapsed, interrupted)) && code == kTestPassed) {
    code = kTestUsage;
  }
  printer.summary(counts, elapsed, interrupted, code);
  return code;
}

}  // namespace

Runner add_test_command(CLI::App& app) {
  auto o = std::make_shared<TestCommandOptions>();
  CLI::App* cmd = app.add_subcommand("test", "Run the project's test blocks through the runtime and report them");
  cmd->add_option("--from", o->from, "Directory holding the .baml files (or one .baml file)")->default_str("./baml_src");
  cmd->add_option("-i,--include", o->include,
                  "Run only the tests matching PATTERN: Fn::Test, Fn::, ::Test or a bare name; * and ? are wildcards "
                  "(repeatable)")
      ->type_name("PATTERN");
  cmd->add_option("-x,--exclude", o->exclude, "Skip the tests matching PATTERN; exclude wins over include (repeatable)")
      ->type_name("PATTERN");
  cmd->add_flag("--list", o->list, "List the selected tests (Fn::Test  file:line) without running them");
  cmd->add_option("--parallel", o->parallel, "Calls in flight at once (default 10); the output order does not change")
      ->type_name("N");
  cmd->add_option("--repeat", o->repeat, "Run each test N times; a test whose runs disagree is reported flaky")
      ->type_name("N");
  cmd->add_option("--client", o->client, "Run every test against this client instead of its function's")
      ->type_name("NAME");
  cmd->add_option("--timeout", o->timeout, "A budget for each test's call, e.g. 30s (only tightens the declared limits)")
      ->type_name("D");
  add_ca_bundle_option(*cmd, o->ca_bundle);
  cmd->add_option("--shard", o->shard, "Run shard K of N: the selected tests whose position modulo N is K-1")
      ->type_name("K/N");
  cmd->add_option("--junit", o->junit, "Write a JUnit XML report to FILE (also when tests fail or the run is interrupted)")
      ->type_name("FILE");
  cmd->add_option("--format", o->format, "Output as text, text with GitHub Actions annotations, or JSON lines")
      ->transform(
          [](std::string value) {
            for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (value == "text") return std::to_string(static_cast<int>(TestFormat::Text));
            if (value == "github") return std::to_string(static_cast<int>(TestFormat::Github));
            if (value == "json") return std::to_string(static_cast<int>(TestFormat::Json));
            throw CLI::ValidationError("`" + value + "` is not a format: write text, github or json");
          },
          "")
      ->type_name("text|github|json")
      ->default_str("text");
  cmd->add_flag("--require-human-eval,!--no-require-human-eval", o->require_human_eval,
                "Exit 1 when tests need human evaluation (a failed @@check) and nothing worse happened");
  cmd->add_flag("--pass-if-no-tests", o->pass_if_no_tests, "Exit 0 instead of 5 when no test is selected");
  cmd->add_flag("--dotenv,!--no-dotenv", o->dotenv, "Load ./.env into the environment first (default on; set variables win)");
  cmd->add_option("--dotenv-path", o->dotenv_path, "Load this .env file instead of ./.env")->type_name("FILE");
  cmd->add_flag("-v,--verbose", o->verbose, "Also show each test's request (keys redacted) and raw answer");
  cmd->footer(
      "Outcomes: PASSED; FAILED (an @@assert failed, or the answer did not parse); NEEDS EVAL (only\n"
      "@@checks failed); ERROR (the call failed: timeout, HTTP, connection, configuration, ...).\n"
      "Exit codes (bamlc test only; docs/cli.md):\n"
      "  0  all passed (NEEDS EVAL counts as passed unless --require-human-eval)\n"
      "  1  only needs-eval, with --require-human-eval\n"
      "  2  a test failed or errored\n"
      "  3  interrupted (Ctrl-C): calls in flight cancelled, the summary printed, the JUnit file written\n"
      "  4  usage, compile or internal error\n"
      "  5  no tests selected (0 with --pass-if-no-tests)");
  return [cmd, o]() -> int {
    if (!cmd->parsed()) return -1;
    try {
      return run_test_command(*o);
    } catch (const baml::Error& e) {
      std::cerr << "bamlc test: error: " << e.message() << '\n';
      return kTestUsage;
    } catch (const std::system_error& e) {
      std::cerr << "bamlc test: error: " << e.what() << '\n';
      return kTestUsage;
    } catch (const std::exception& e) {
      std::cerr << "bamlc test: internal error: " << e.what() << "\n  help: this is a bug in bamlc; please report it\n";
      return kTestUsage;
    }
  };
}

}  // namespace bamlc::cli
