// `bamlc run FUNCTION --args JSON [--args-file F] [--from DIR] [--stream] [--client NAME]
// [--timeout D] [--format text|json] [-v]`: compile the project, call the function through the
// runtime (render, call under every limit, parse, checks) and print its value. With --stream each
// new partial value is printed as it arrives. Exit codes as every command's (CLI.md): 0 the value;
// 1 the project does not check, an unknown function or client, an argument that does not fit, a
// call that failed, an answer that does not fit (ValidationError); 2 a bad command line.
#include <chrono>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include <baml/attempt_record.h>
#include <baml/duration.h>
#include <baml/errors.h>
#include <baml/functions.h>
#include <baml/printable.h>
#include <baml/value_json.h>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include "cli/runtime_options.h"
#include "cli/function_args.h"

namespace bamlc::cli {
namespace {

struct RunCommandOptions : CompileOptions {
  std::string function;
  std::string args;
  std::string args_file;
  std::string client;
  std::string timeout;
  bool stream = false;
  bool verbose = false;
  std::string ca_bundle;
};

std::string usage_text(const baml::Usage& usage) {
  if (!usage.known()) return "";
  return ", " + std::to_string(usage.input_tokens.value_or(0)) + " tokens in, " +
         std::to_string(usage.output_tokens.value_or(0)) + " out";
}

nlohmann::ordered_json success_json(const baml::Program& program, const std::string& function,
                                    const baml::FunctionResult& r, std::chrono::milliseconds elapsed) {
  nlohmann::ordered_json out{{"ok", true},
                     {"value", baml::result_to_json(program, function, r.value, r.checks)},
                     {"client", r.response.client},
                     {"raw_text", r.raw_text},
                     {"elapsed_ms", elapsed.count()},
                     {"attempts", baml::attempts_to_json(r.response.attempts)}};
  if (r.response.usage.input_tokens) out["usage"]["input_tokens"] = *r.response.usage.input_tokens;
  if (r.response.usage.output_tokens) out["usage"]["output_tokens"] = *r.response.usage.output_tokens;
  return out;
}

// The request the first client would be sent, for -v.
void print_request(const baml::Program& program, const RunCommandOptions& options, const nlohmann::ordered_json& args) {
  baml::RenderOptions render_options;
  if (!options.client.empty()) render_options.client_override = options.client;
  render_options.stream = options.stream;
  render_options.redact_secrets = true;
  const auto requests = baml::render_requests_json(program, options.function, args, render_options);
  if (requests.empty()) return;
  std::cerr << "bamlc run: request to " << requests[0].client << ": POST " << baml::printable(requests[0].http.url) << '\n'
            << baml::printable(requests[0].http.body) << '\n';
}

}  // namespace

Runner add_run_command(CLI::App& app) {
  auto options = std::make_shared<RunCommandOptions>();
  CLI::App* cmd = app.add_subcommand("run", "Call a function: render its prompt, call its client, parse the answer");
  cmd->add_option("function", options->function, "The function to call")->required();
  cmd->add_option("--args", options->args, "The arguments, a JSON object keyed by parameter name");
  cmd->add_option("--args-file", options->args_file, "Read the arguments from this JSON file instead");
  add_compile_options(*cmd, *options);
  cmd->add_option("--client", options->client, "Call this client instead of the function's own");
  cmd->add_flag("--stream", options->stream, "Stream the answer, printing each new partial value");
  cmd->add_option("--timeout", options->timeout, "Your own deadline for the whole call, e.g. 30s (only tightens)");
  add_ca_bundle_option(*cmd, options->ca_bundle);
  cmd->add_flag("-v,--verbose", options->verbose, "Also show the request sent and the raw answer (stderr)");
  cmd->footer("Text: the value as JSON on stdout (partials one a line first, with --stream); the client, time and\n"
              "usage on stderr. --format json: {\"kind\": \"partial\", \"value\": ...} lines, then one\n"
              "{\"ok\": true, \"value\", \"client\", \"raw_text\", \"attempts\", ...} or {\"ok\": false, \"error\": {...}}.\n"
              "Exit codes: 0 the value; 1 the project does not check, an unknown function or client, an\n"
              "argument that does not fit, a failed call (TimeoutError, HttpError, ...), an answer that does\n"
              "not fit the return type (ValidationError); 2 a bad command line.");
  return [cmd, options]() -> int {
    if (!cmd->parsed()) return -1;
    int exit_code = kExitOk;
    const auto args = read_function_args(options->args, options->args_file, "run", exit_code);
    if (!args) return exit_code;
    std::optional<std::chrono::milliseconds> timeout;
    if (!options->timeout.empty()) {
      const baml::DurationParse parsed = baml::parse_duration(options->timeout);
      if (!parsed.value || parsed.value->count() <= 0) {
        std::cerr << "bamlc run: error: --timeout `" << options->timeout << "` is not a duration longer than 0\n";
        return kExitUsage;
      }
      timeout = *parsed.value;
    }
    Compilation compilation;
    if (auto code = compile_or_exit(*options, compilation)) return *code;
    if (!options->client.empty() && find_named_client(compilation.program, options->client) == nullptr) return kExitFailed;
    const bool json = options->format == OutputFormat::Json;
    try {
      const baml::Program program = baml::Program::from_ir(program_ir(compilation.program));
      if (!program.has_function(options->function)) {
        // The same message as any unknown function; render_requests_json says it.
        baml::render_requests_json(program, options->function, *args);
      }
      if (options->verbose) print_request(program, *options, *args);
      baml::CallOptions call_options;
      call_options.timeout = timeout;
      if (!options->client.empty()) call_options.client_override = options->client;
      if (!json) {
        call_options.on_attempt = [](const baml::AttemptRecord& attempt) {
          std::cerr << "  " << baml::printable(baml::describe_attempt(attempt)) << '\n';
        };
      }
      // Arguments as Values of the declared types (the same rules as render).
      const baml::Args values = baml::function_args_from_json(program, options->function, *args);
      baml::Runtime runtime(runtime_options(options->ca_bundle));
      const auto start = std::chrono::steady_clock::now();
      baml::FunctionResult result;
      if (options->stream) {
        result = baml::stream_function(runtime, program, options->function, values, call_options,
                                       [&](const baml::PartialResult& partial) {
                                         const nlohmann::ordered_json v = baml::result_to_json(
                                             program, options->function, partial.value, partial.checks, partial.states);
                                         if (json) {
                                           std::cout << json_text(nlohmann::ordered_json{{"kind", "partial"}, {"value", v}})
                                                     << std::endl;
                                         } else {
                                           std::cout << json_text(v) << std::endl;
                                         }
                                       });
      } else {
        result = baml::call_function(runtime, program, options->function, values, call_options);
      }
      const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
      if (json) {
        std::cout << json_text(success_json(program, options->function, result, elapsed)) << '\n';
      } else {
        std::cout << json_text(baml::result_to_json(program, options->function, result.value, result.checks), 2) << '\n';
        if (options->verbose) std::cerr << "bamlc run: raw answer: " << baml::printable(result.raw_text) << '\n';
        std::cerr << "bamlc run: " << result.response.client << " answered in " << elapsed.count() << "ms"
                  << usage_text(result.response.usage) << '\n';
      }
      return kExitOk;
    } catch (const baml::Error& error) {
      if (json) {
        std::cout << json_text(nlohmann::json{{"ok", false}, {"error", error.to_json()}}) << '\n';
      } else {
        std::cerr << "bamlc run: " << baml::printable(error.message()) << '\n';
        if (error.info().raw_output && (options->verbose || error.type() == baml::ErrorType::Validation)) {
          std::cerr << "  the model wrote: " << json_text(nlohmann::json(*error.info().raw_output)) << '\n';
        }
        if (error.info().partial_value) {
          std::cerr << "  last partial value: " << json_text(baml::to_json(*error.info().partial_value)) << '\n';
        }
      }
      return kExitFailed;
    }
  };
}

}  // namespace bamlc::cli
