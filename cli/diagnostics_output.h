// Printing a compilation's diagnostics the way the user asked (text to stderr, or JSON lines to
// stdout), shared by every subcommand that compiles.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "compiler/compiler.h"

namespace bamlc::cli {

enum class OutputFormat { Text, Json };

// Prints every diagnostic in file/line order, then (text only) a one-line summary.
void print_diagnostics(const Compilation& compilation, OutputFormat format);

// Checks that --from names a directory (or a single .baml file); prints the problem and returns false otherwise.
bool check_source_dir(const std::string& dir);

// What every compiling subcommand shares: --from and --format.
struct CompileOptions {
  std::string from = "./baml_src";
  OutputFormat format = OutputFormat::Text;
};
void add_compile_options(CLI::App& cmd, CompileOptions& options);

// Compiles the project and prints its diagnostics. Returns the exit code to stop with
// (kExitUsage, kExitFailed), or nothing when the program is error-free and the command goes on.
std::optional<int> compile_or_exit(const CompileOptions& options, Compilation& out);

// The client `name` names in the program (a declared client or a provider/model shorthand), or
// nullptr after printing why there is none.
const model::Client* find_named_client(model::Program& program, const std::string& name);

}  // namespace bamlc::cli
