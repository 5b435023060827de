// Printing a compilation's diagnostics the way the user asked (text to stderr, or JSON lines to
// stdout), shared by every subcommand that compiles.
#pragma once

#include <string>

#include "compiler/driver/compilation.h"

namespace bamlc::cli {

enum class OutputFormat { Text, Json };

// Prints every diagnostic in file/line order, then (text only) a one-line summary.
void print_diagnostics(const Compilation& compilation, OutputFormat format);

// Checks that --from names a directory (or a single .baml file); prints the problem and returns false otherwise.
bool check_source_dir(const std::string& dir);

}  // namespace bamlc::cli
