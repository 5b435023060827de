// BAML functions: typed arguments in, a prompt rendered from them, the request each client of the
// function would be sent (FUNCTIONS.md). A Program is the whole IR loaded once (clients, types,
// functions, template_strings, templates compiled); it is immutable, cheap to copy and safe to
// share between threads.
//
//   baml::Program program = baml::Program::from_ir_text(ir_json);
//   auto requests = baml::render_requests(program, "ExtractResume", {{"text", baml::Value::string(t)}});
//   requests[0].http.body;  // the exact JSON body the first client of the plan would be sent
//
// Arguments are checked against the parameters first: a mismatch, an unknown or a missing
// parameter is an InvalidArgumentError; a template that fails is a TemplateError; a client that
// cannot be called (a missing env variable, an unknown client) a ConfigError.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <baml/client_spec.h>
#include <baml/environment.h>
#include <baml/http_request.h>
#include <baml/request.h>
#include <baml/value.h>

namespace baml {

class Program {
 public:
  // Reads a whole IR document (docs/ir.md). Throws ConfigError naming the JSON path of anything
  // malformed.
  static Program from_ir(const nlohmann::json& ir);
  static Program from_ir_text(std::string_view ir_json);

  const ClientIr& clients() const;
  bool has_function(std::string_view name) const;
  std::vector<std::string> function_names() const;
  // The client a function declares.
  const std::string& function_client(std::string_view name) const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  Program() = default;
  std::shared_ptr<const Impl> impl_;
};

struct RenderOptions {
  // Render for this client instead of the function's own (like CallOptions::client_override).
  std::optional<std::string> client_override;
  // The request of a streaming call.
  bool stream = false;
  // Resolves {"env": NAME} option values.
  EnvLookup env = process_environment();
  // Replace every secret (API keys and other values read from the environment for credentials,
  // and the values of the credential headers) in the URL, headers and body by "[REDACTED]".
  bool redact_secrets = false;
  // `ctx.tags` in the prompt.
  Value::Entries tags;
};

// What one leaf client of a function's plan would be sent.
struct RenderedRequest {
  std::string client;    // the leaf client's name
  std::string provider;  // its provider, as the IR spells it
  Request request;       // the rendered chat messages (roles as the template wrote them)
  HttpRequest http;      // method POST; url, headers, body exactly as sent
};

// Renders `function`'s prompt once for each leaf client of its plan, in plan order (a fallback's
// children in order, a round-robin's children in order, retries not repeated), and builds each
// leaf's HTTP request without sending it. Throws InvalidArgumentError, TemplateError, ConfigError.
std::vector<RenderedRequest> render_requests(const Program& program, std::string_view function, const Args& args,
                                             const RenderOptions& options = {});
// The same with the arguments as a JSON object (value_json.h describes the form).
std::vector<RenderedRequest> render_requests_json(const Program& program, std::string_view function,
                                                  const nlohmann::json& args, const RenderOptions& options = {});

// The chat messages of `function`'s prompt for one client (the first step of render_requests).
std::vector<Message> render_messages(const Program& program, std::string_view function, const Args& args,
                                     std::string_view client, const RenderOptions& options = {});

}  // namespace baml
