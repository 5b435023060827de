// `bamlc call CLIENT [--from DIR] [--prompt TEXT] [--stream] [--timeout DURATION]
// [--format text|json]`: compile the project, send one user message to a client — a leaf or a
// composite — through the runtime, and print the answer (as it arrives, with --stream) or the
// typed error. In text, the plan comes first and each attempt's outcome as it ends, on stderr;
// in JSON, the attempts are part of the one object printed. Exit codes as every command's
// (CLI.md): 0 the call answered; 1 the call failed, the project does not compile or names no
// such client; 2 the command line is wrong (`--timeout abc`).
#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include <baml/duration.h>
#include <baml/printable.h>
#include <baml/runtime.h>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include "cli/runtime_options.h"

namespace bamlc::cli {
namespace {

struct CallCommandOptions : CompileOptions {
  std::string client;
  std::string prompt = "Say hello in one short sentence.";
  bool stream = false;
  std::string timeout;
  std::string ca_bundle;
};

// --timeout takes a duration literal, the same as a .baml file.
std::optional<std::chrono::milliseconds> parse_timeout(const std::string& text, bool& ok) {
  ok = true;
  if (text.empty()) return std::nullopt;
  const baml::DurationParse parsed = baml::parse_duration(text);
  if (parsed.value && parsed.value->count() > 0) return *parsed.value;
  ok = false;
  if (parsed.value) {
    std::cerr << "bamlc: error: --timeout `" << text << "` must be longer than 0\n";
    return std::nullopt;
  }
  std::cerr << "bamlc: error: --timeout `" << text << "` is not a duration";
  if (parsed.error) std::cerr << ": " << parsed.error->message << "\n  help: " << parsed.error->hint;
  std::cerr << "\n";
  return std::nullopt;
}

// Text from a server is bytes, not necessarily UTF-8 (a binary body, a broken proxy, a model that
// cut a character in two): in JSON output, what is not UTF-8 becomes U+FFFD instead of failing
// (nlohmann's plain dump() throws on it).
std::string json_text(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string describe_usage(const baml::Usage& usage) {
  if (!usage.known()) return "";
  return ", " + std::to_string(usage.input_tokens.value_or(0)) + " tokens in, " + std::to_string(usage.output_tokens.value_or(0)) +
         " out";
}

// "plan: Agent → Primary ×4, Agent → Backup; worst case 2m30s" — what explain prints, in a line.
void print_plan(const model::Program& program, const model::Client& client) {
  const model::Plan plan = plan_call(program, client);
  std::string line;
  for (std::size_t i = 0; i < plan.attempts.size();) {
    const model::PlannedAttempt& a = plan.attempts[i];
    std::size_t same = 1;
    while (i + same < plan.attempts.size() && plan.attempts[i + same].path == a.path) ++same;
    std::string path;
    for (const std::string& step : a.path) path += (path.empty() ? "" : " → ") + step;
    line += (line.empty() ? "" : ", ") + path + (same > 1 ? " ×" + std::to_string(same) : "");
    i += same;
  }
  if (plan.truncated) line += ", ...";
  std::cerr << "bamlc call: plan: " << line << "; worst case "
            << (plan.worst_case ? baml::format_duration(*plan.worst_case) : std::string("unbounded")) << '\n';
}

// The streamed text on stdout, and whether its last line is still open: a line the stream left
// unfinished is ended exactly once, before an attempt's report or the final message, and a
// stream that printed nothing (or ended its own line) gets no blank line.
struct StreamEcho {
  bool line_open = false;

  void print(std::string_view text) {
    if (text.empty()) return;
    std::cout << text << std::flush;
    line_open = text.back() != '\n';
  }
  void end_line() {
    if (!line_open) return;
    std::cout << std::endl;
    line_open = false;
  }
};

int report_success(const CallCommandOptions& options, const baml::Response& response, std::chrono::milliseconds elapsed,
                   StreamEcho& echo) {
  if (options.format == OutputFormat::Json) {
    nlohmann::json out{{"ok", true},
                       {"client", response.client},
                       {"text", response.text},
                       {"elapsed_ms", elapsed.count()},
                       {"attempts", baml::attempts_to_json(response.attempts)}};
    if (response.finish_reason) out["finish_reason"] = *response.finish_reason;
    if (response.usage.input_tokens) out["usage"]["input_tokens"] = *response.usage.input_tokens;
    if (response.usage.output_tokens) out["usage"]["output_tokens"] = *response.usage.output_tokens;
    std::cout << json_text(out) << '\n';
    return kExitOk;
  }
  if (options.stream) {
    echo.end_line();
  } else {
    std::cout << response.text << '\n';
  }
  std::cerr << "bamlc call: " << response.client << " answered in " << elapsed.count() << "ms"
            << describe_usage(response.usage) << '\n';
  return kExitOk;
}

int report_failure(const CallCommandOptions& options, const baml::Error& error, StreamEcho& echo) {
  if (options.format == OutputFormat::Json) {
    std::cout << json_text(nlohmann::json{{"ok", false}, {"error", error.to_json()}}) << '\n';
    return kExitFailed;
  }
  echo.end_line();  // the partial line the stream printed, if any
  std::cerr << "bamlc call: " << baml::printable(error.message()) << '\n';
  if (const auto* client_error = dynamic_cast<const baml::ClientError*>(&error)) {
    if (!options.stream && !client_error->partial_text().empty()) {
      std::cerr << "  received before the failure: " << json_text(client_error->partial_text()) << '\n';
    }
  }
  return kExitFailed;
}

}  // namespace

Runner add_call_command(CLI::App& app) {
  auto options = std::make_shared<CallCommandOptions>();
  CLI::App* cmd = app.add_subcommand("call", "Send one message to a client through the runtime and print the answer");
  cmd->add_option("client", options->client, "The client to call: a declared name, or a \"provider/model\" shorthand such as openai/gpt-4o (the provider's defaults; api_key from its environment variable)")->required();
  add_compile_options(*cmd, *options);
  cmd->add_option("--prompt", options->prompt, "The user message to send");
  cmd->add_flag("--stream", options->stream, "Stream the answer, printing text as it arrives");
  cmd->add_option("--timeout", options->timeout, "Your own deadline for the whole call, e.g. 30s (only tightens)");
  add_ca_bundle_option(*cmd, options->ca_bundle);
  return [cmd, options]() -> int {
    if (!cmd->parsed()) return -1;
    bool timeout_ok = true;
    const auto timeout = parse_timeout(options->timeout, timeout_ok);
    if (!timeout_ok) return kExitUsage;
    Compilation compilation;
    if (auto code = compile_or_exit(*options, compilation)) return *code;
    if (find_named_client(compilation.program, options->client) == nullptr) return kExitFailed;

    const baml::ClientIr ir = baml::read_client_ir(program_ir(compilation.program));
    baml::Runtime runtime(runtime_options(options->ca_bundle));
    const baml::Request request{"", {{"user", options->prompt}}};  // no BAML function: a bare call
    baml::CallOptions call_options;
    call_options.timeout = timeout;
    const bool text = options->format == OutputFormat::Text;
    auto echo = std::make_shared<StreamEcho>();
    if (text) {
      print_plan(compilation.program, *compilation.program.find_client(options->client));
      // Each attempt as it ends. In a stream, text printed by an attempt that then failed is
      // not part of the answer: say so on its own line.
      call_options.on_attempt = [echo](const baml::AttemptRecord& attempt) {
        echo->end_line();
        std::cerr << "  " << baml::printable(baml::describe_attempt(attempt)) << '\n';
      };
    }
    const auto start = std::chrono::steady_clock::now();
    try {
      baml::Response response;
      if (options->stream) {
        response = runtime.stream(ir, options->client, request, call_options, [echo, text](std::string_view delta) {
          if (text) echo->print(delta);
        });
      } else {
        response = runtime.call(ir, options->client, request, call_options);
      }
      const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
      return report_success(*options, response, elapsed, *echo);
    } catch (const baml::Error& error) {
      return report_failure(*options, error, *echo);
    }
  };
}

}  // namespace bamlc::cli
