// `bamlc check [--from DIR] [--format text|json]`: compile a project and report what is wrong.
// Exit 0 when clean (warnings allowed), 1 on any error, 2 on usage errors.
#include <map>
#include <memory>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include "compiler/driver/compilation.h"

namespace bamlc::cli {

Runner add_check_command(CLI::App& app) {
  struct Options {
    std::string from = "./baml_src";
    OutputFormat format = OutputFormat::Text;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("check", "Check the .baml files of a project and report every problem");
  cmd->add_option("--from", options->from, "Directory holding the .baml files (or one .baml file)")->default_str("./baml_src");
  const std::map<std::string, OutputFormat> formats{{"text", OutputFormat::Text}, {"json", OutputFormat::Json}};
  cmd->add_option("--format", options->format, "Diagnostics as text (stderr) or JSON lines (stdout)")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case))
      ->default_str("text");
  return [cmd, options]() -> int {
    if (!cmd->parsed()) return -1;
    if (!check_source_dir(options->from)) return kExitUsage;
    const Compilation compilation = parse_project(options->from);
    print_diagnostics(compilation, options->format);
    return compilation.diags.has_errors() || !compilation.unreadable.empty() ? kExitFailed : kExitOk;
  };
}

}  // namespace bamlc::cli
