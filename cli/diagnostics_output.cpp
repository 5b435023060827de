#include "cli/diagnostics_output.h"

#include <filesystem>
#include <iostream>
#include <cctype>
#include <string>

#include "cli/commands.h"

namespace bamlc::cli {

void print_diagnostics(const Compilation& compilation, OutputFormat format) {
  for (const std::string& path : compilation.unreadable) {
    std::cerr << path << ": error: cannot read this file\n";
  }
  switch (format) {
    case OutputFormat::Text: render_text(std::cerr, compilation.diags, compilation.sources); break;
    case OutputFormat::Json: render_json(std::cout, compilation.diags, compilation.sources); break;
  }
  if (format == OutputFormat::Text) {
    const std::size_t errors = compilation.diags.error_count();
    const std::size_t warnings = compilation.diags.warning_count();
    auto plural = [](std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); };
    std::cerr << "bamlc: " << plural(compilation.sources.size(), "file") << " checked, " << plural(errors, "error")
              << ", " << plural(warnings, "warning") << '\n';
  }
}

bool check_source_dir(const std::string& dir) {
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return true;
  if (std::filesystem::is_regular_file(dir, ec) && std::filesystem::path(dir).extension() == ".baml") return true;
  if (std::filesystem::exists(dir, ec)) {
    std::cerr << "bamlc: error: `" << dir << "` is neither a directory nor a .baml file\n  help: pass the folder that holds your .baml files with --from DIR\n";
  } else {
    std::cerr << "bamlc: error: no such directory: `" << dir << "`\n  help: pass the folder that holds your .baml files with --from DIR (default: ./baml_src)\n";
  }
  return false;
}

void add_compile_options(CLI::App& cmd, CompileOptions& options) {
  cmd.add_option("--from", options.from, "Directory holding the .baml files (or one .baml file)")->default_str("./baml_src");
  // A custom transform, so a wrong value reads "`xml` is not a format: write text or json"
  // rather than CLI11's description of its own mapping.
  cmd.add_option("--format", options.format, "Output as text or as JSON")
      ->transform(
          [](std::string value) {
            for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            // CLI11 reads an enum option from its integer value.
            if (value == "text") return std::to_string(static_cast<int>(OutputFormat::Text));
            if (value == "json") return std::to_string(static_cast<int>(OutputFormat::Json));
            throw CLI::ValidationError("`" + value + "` is not a format: write text or json");
          },
          "")
      ->type_name("text|json")
      ->default_str("text");
}

std::optional<int> compile_or_exit(const CompileOptions& options, Compilation& out) {
  if (!check_source_dir(options.from)) return kExitUsage;
  out = compile_project(options.from);
  const bool failed = out.diags.has_errors() || !out.unreadable.empty();
  // A project that does not compile is the result: in JSON, its diagnostics go to stdout as
  // `check --format json` prints them (CLI.md). A successful command prints only what it was
  // asked for on stdout, but warnings are always shown, as text on stderr.
  if (failed) {
    print_diagnostics(out, options.format);
    return kExitFailed;
  }
  if (out.diags.warning_count() > 0) print_diagnostics(out, OutputFormat::Text);
  return std::nullopt;
}

const model::Client* find_named_client(model::Program& program, const std::string& name) {
  const ClientLookup found = find_client(program, name);
  for (const NameProblem& problem : found.problems) {
    std::cerr << "bamlc: error: " << problem.message << '\n';
    if (!problem.hint.empty()) std::cerr << "  help: " << problem.hint << '\n';
  }
  return found.client;
}

}  // namespace bamlc::cli
