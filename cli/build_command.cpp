// `bamlc build [--from DIR] [--emit-ir FILE]`: compile a project and write its outputs. For now
// the output is the IR (docs/ir.md); C++ code generation is a later step.
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"

namespace bamlc::cli {

Runner add_build_command(CLI::App& app) {
  struct Options : CompileOptions {
    std::string emit_ir;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("build", "Compile a project and write its outputs");
  add_compile_options(*cmd, *options);
  cmd->add_option("--emit-ir", options->emit_ir, "Write the IR (JSON, see docs/ir.md) to FILE; `-` for stdout");
  return [cmd, options]() -> int {
    if (!cmd->parsed()) return -1;
    Compilation compilation;
    if (auto code = compile_or_exit(*options, compilation)) return *code;
    if (options->emit_ir.empty()) {
      std::cerr << "bamlc build: " << compilation.sources.size() << " files compiled; nothing to write (C++ generation is not "
                   "implemented yet; use --emit-ir FILE)\n";
      return kExitOk;
    }
    const std::string text = program_ir(compilation.program).dump(2) + "\n";
    if (options->emit_ir == "-") {
      std::cout << text;
      return kExitOk;
    }
    std::ofstream out(options->emit_ir, std::ios::binary);
    out << text;
    if (!out) {
      std::cerr << "bamlc: error: cannot write `" << options->emit_ir << "`\n";
      return kExitFailed;
    }
    return kExitOk;
  };
}

}  // namespace bamlc::cli
