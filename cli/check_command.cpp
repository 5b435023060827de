// `bamlc check [--from DIR] [--format text|json]`: compile a project and report what is wrong.
// Exit 0 when clean (warnings allowed), 1 on any error, 2 on usage errors.
#include <memory>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include "compiler/driver/compilation.h"

namespace bamlc::cli {

Runner add_check_command(CLI::App& app) {
  auto options = std::make_shared<CompileOptions>();
  CLI::App* cmd = app.add_subcommand("check", "Check the .baml files of a project and report every problem");
  add_compile_options(*cmd, *options);
  return [cmd, options]() -> int {
    if (!cmd->parsed()) return -1;
    if (!check_source_dir(options->from)) return kExitUsage;
    const Compilation compilation = parse_project(options->from);
    print_diagnostics(compilation, options->format);
    return compilation.diags.has_errors() || !compilation.unreadable.empty() ? kExitFailed : kExitOk;
  };
}

}  // namespace bamlc::cli
