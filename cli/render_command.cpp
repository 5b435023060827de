// `bamlc render FUNCTION --args JSON [--args-file F] [--from DIR] [--client NAME] [--stream]
// [--format text|json]`: compile the project, render the function's prompt from the arguments and
// print the HTTP request each leaf client of its plan would be sent, without sending anything.
// Secrets are redacted. Exit codes as every command's (CLI.md): 0 rendered; 1 the project does
// not check, the function or client is unknown, an argument does not fit, the template failed;
// 2 the command line is wrong (`--args` that is not JSON, an --args-file that cannot be read).
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include <baml/errors.h>
#include <baml/functions.h>
#include <baml/printable.h>
#include <baml/value_json.h>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"
#include "cli/function_args.h"

namespace bamlc::cli {
namespace {

struct RenderCommandOptions : CompileOptions {
  std::string function;
  std::string args;
  std::string args_file;
  std::string client;
  bool stream = false;
};

nlohmann::json request_json(const baml::RenderedRequest& r) {
  nlohmann::json headers = nlohmann::json::object();
  for (const auto& [name, value] : r.http.headers) headers[name] = value;
  nlohmann::json body = nlohmann::json::parse(r.http.body, nullptr, false);
  if (body.is_discarded()) body = r.http.body;
  return {{"client", r.client}, {"method", "POST"}, {"url", r.http.url}, {"headers", headers}, {"body", body}};
}

std::string describe_media(const baml::Media& m) {
  std::string out = "<" + std::string(baml::to_string(m.kind));
  if (m.by_url) {
    out += " " + m.url;
  } else {
    out += " base64, " + std::to_string(m.base64.size()) + " characters";
  }
  if (!m.media_type.empty()) out += ", " + m.media_type;
  return out + ">";
}

// The request as a person reads it: where it goes, then each message under its role.
void print_text(const baml::RenderedRequest& r, bool first) {
  if (!first) std::cout << '\n';
  std::cout << "── " << r.client << " (" << r.provider << ") ──\n";
  std::cout << "POST " << baml::printable(r.http.url) << '\n';
  for (const auto& [name, value] : r.http.headers) std::cout << name << ": " << baml::printable(value) << '\n';
  for (const baml::Message& m : r.request.messages) {
    std::cout << "\n[" << m.role << "]";
    if (!m.metadata.empty()) {
      nlohmann::json meta = nlohmann::json::object();
      for (const auto& [key, value] : m.metadata) meta[key] = baml::to_json(value);
      std::cout << ' ' << json_text(meta);
    }
    std::cout << '\n';
    if (m.parts.empty()) std::cout << m.content << '\n';
    for (const baml::ContentPart& part : m.parts) {
      std::cout << (part.kind == baml::ContentPart::Kind::Text ? part.text : describe_media(part.media)) << '\n';
    }
  }
  std::cout << "\n(body: " << r.http.body.size() << " bytes; --format json shows it)\n";
}

}  // namespace

Runner add_render_command(CLI::App& app) {
  auto options = std::make_shared<RenderCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "render", "Print the HTTP request each client of a function would be sent, without sending anything");
  cmd->add_option("function", options->function, "The function to render")->required();
  cmd->add_option("--args", options->args, "The arguments, a JSON object keyed by parameter name");
  cmd->add_option("--args-file", options->args_file, "Read the arguments from this JSON file instead");
  add_compile_options(*cmd, *options);
  cmd->add_option("--client", options->client, "Render for this client instead of the function's own");
  cmd->add_flag("--stream", options->stream, "The request of a streaming call");
  cmd->footer("Secrets (API keys, credential headers) are printed as [REDACTED]. With --format json: one JSON\n"
              "object a line per leaf client, in plan order: {client, method, url, headers, body}; a failure is\n"
              "{\"error\": {...}}. Exit codes: 0 rendered; 1 the project does not check, an unknown function or\n"
              "client, an argument that does not fit, a template that failed; 2 a bad command line (--args\n"
              "that is not JSON).");
  return [cmd, options]() -> int {
    if (!cmd->parsed()) return -1;
    int exit_code = kExitOk;
    const std::optional<nlohmann::ordered_json> args =
        read_function_args(options->args, options->args_file, "render", exit_code);
    if (!args) return exit_code;
    Compilation compilation;
    if (auto code = compile_or_exit(*options, compilation)) return *code;
    if (!options->client.empty() && find_named_client(compilation.program, options->client) == nullptr) return kExitFailed;
    const bool json = options->format == OutputFormat::Json;
    try {
      const baml::Program program = baml::Program::from_ir(program_ir(compilation.program));
      baml::RenderOptions render_options;
      if (!options->client.empty()) render_options.client_override = options->client;
      render_options.stream = options->stream;
      render_options.redact_secrets = true;
      const std::vector<baml::RenderedRequest> requests =
          baml::render_requests_json(program, options->function, *args, render_options);
      for (std::size_t i = 0; i < requests.size(); ++i) {
        if (json) {
          std::cout << json_text(request_json(requests[i])) << '\n';
        } else {
          print_text(requests[i], i == 0);
        }
      }
      return kExitOk;
    } catch (const baml::Error& error) {
      if (json) {
        std::cout << json_text(nlohmann::json{{"error", error.to_json()}}) << '\n';
      } else {
        std::cerr << "bamlc render: " << baml::printable(error.message()) << '\n';
      }
      return kExitFailed;
    }
  };
}

}  // namespace bamlc::cli
