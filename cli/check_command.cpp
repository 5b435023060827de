// `bamlc check [--from DIR] [--format text|json]`: compile a project and report what is wrong.
// Exit 0 when clean (warnings allowed), 1 on any error, 2 on usage errors.
#include <algorithm>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include "compiler/compiler.h"

namespace bamlc::cli {

namespace {

// Clients the project declares: a function's `client "openai/gpt-4o"` adds a shorthand client to
// the program, which the project did not declare.
std::size_t declared_clients(const model::Program& program) {
  return static_cast<std::size_t>(std::count_if(program.clients.begin(), program.clients.end(),
                                                 [](const model::Client& c) { return !c.shorthand; }));
}

// What a clean project declares, after the summary line: the demo's "printout of what it found".
void print_declarations(const model::Program& program) {
  auto count = [](std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
  };
  std::cerr << "bamlc: found " << count(program.classes.size(), "class", "classes") << ", "
            << count(program.enums.size(), "enum", "enums") << ", "
            << count(program.functions.size(), "function", "functions") << ", "
            << count(declared_clients(program), "client", "clients") << ", "
            << count(program.retry_policies.size(), "retry policy", "retry policies") << ", "
            << count(program.tests.size(), "test", "tests") << '\n';
}

}  // namespace

Runner add_check_command(CLI::App& app) {
  auto options = std::make_shared<CompileOptions>();
  CLI::App* cmd = app.add_subcommand("check", "Check the .baml files of a project and report every problem");
  add_compile_options(*cmd, *options);
  return [cmd, options]() -> int {
    if (!cmd->parsed()) return -1;
    if (!check_source_dir(options->from)) return kExitUsage;
    const Compilation compilation = compile_project(options->from);
    print_diagnostics(compilation, options->format);
    const bool failed = compilation.diags.has_errors() || !compilation.unreadable.empty();
    // The program is complete only when there is no error.
    if (!failed && options->format == OutputFormat::Text) print_declarations(compilation.program);
    return failed ? kExitFailed : kExitOk;
  };
}

}  // namespace bamlc::cli
