// `bamlc parse FUNCTION [--from DIR] [--partial] [--text-file F] [--format text|json]`: the
// model's text (stdin, or F) parsed into the function's return type, as BAML's b.parse /
// b.parseStream do, printed as JSON. Exit codes as every command's (CLI.md): 0 the value; 1 the
// text does not fit (ValidationError), an unknown function, a project that does not check; 2 a
// bad command line or a --text-file that cannot be read.
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include <baml/errors.h>
#include <baml/functions.h>
#include <baml/printable.h>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include "cli/function_args.h"

namespace bamlc::cli {
namespace {

struct ParseCommandOptions : CompileOptions {
  std::string function;
  std::string text_file;
  bool partial = false;
};

}  // namespace

Runner add_parse_command(CLI::App& app) {
  auto options = std::make_shared<ParseCommandOptions>();
  CLI::App* cmd = app.add_subcommand("parse", "Parse a model's answer (stdin) into a function's return type");
  cmd->add_option("function", options->function, "The function whose return type the text is parsed into")->required();
  add_compile_options(*cmd, *options);
  cmd->add_flag("--partial", options->partial, "Parse the text as the part of a stream received so far");
  cmd->add_option("--text-file", options->text_file, "Read the text from this file instead of stdin");
  cmd->footer("The value as JSON on stdout: every field under its BAML name, a missing optional field null,\n"
              "enum values by name, @check results as {\"value\", \"checks\"}, with --partial @stream.with_state\n"
              "fields as {\"value\", \"state\"}. Exit codes: 0 parsed; 1 the text does not fit (ValidationError;\n"
              "with --format json as {\"error\": {...}} on stdout), an unknown function, a project that does not\n"
              "check; 2 a bad command line or an unreadable --text-file.");
  return [cmd, options]() -> int {
    if (!cmd->parsed()) return -1;
    std::string text;
    if (!options->text_file.empty()) {
      std::ifstream in(options->text_file, std::ios::binary);
      if (!in) {
        std::cerr << "bamlc parse: error: cannot read --text-file `" << options->text_file << "`\n";
        return kExitUsage;
      }
      std::ostringstream buffer;
      buffer << in.rdbuf();
      text = buffer.str();
    } else {
      text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    }
    Compilation compilation;
    if (auto code = compile_or_exit(*options, compilation)) return *code;
    const bool json = options->format == OutputFormat::Json;
    try {
      const baml::Program program = baml::Program::from_ir(program_ir(compilation.program));
      nlohmann::ordered_json value;
      if (options->partial) {
        const baml::PartialResult r = baml::parse_function_partial(program, options->function, text);
        value = baml::result_to_json(program, options->function, r.value, r.checks, r.states);
      } else {
        const baml::FunctionResult r = baml::parse_function_answer(program, options->function, text);
        value = baml::result_to_json(program, options->function, r.value, r.checks);
      }
      std::cout << json_text(value, json ? -1 : 2) << '\n';
      return kExitOk;
    } catch (const baml::Error& error) {
      if (json) {
        std::cout << json_text(nlohmann::json{{"error", error.to_json()}}) << '\n';
      } else {
        std::cerr << "bamlc parse: " << baml::printable(error.message()) << '\n';
      }
      return kExitFailed;
    }
  };
}

}  // namespace bamlc::cli
