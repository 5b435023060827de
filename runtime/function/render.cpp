// render_requests: arguments checked, the prompt rendered once per leaf client of the plan (the
// client's name, provider and default role are part of what the template sees), split into
// messages, and turned into each leaf's HTTP request by its provider.
#include <baml/functions.h>

#include <nlohmann/json.hpp>

#include <baml/errors.h>

#include "errors/redactor.h"
#include "function/program.h"
#include "function/render_plan.h"
#include "providers/options.h"
#include "providers/provider.h"
#include "strategy/plan.h"
#include "value/from_json.h"

namespace baml {
namespace {

// The values of the headers that carry credentials, whatever the provider calls them.
bool is_credential_header(std::string_view name) {
  static constexpr std::string_view kNames[] = {"authorization", "x-api-key", "api-key", "x-goog-api-key",
                                                "x-amz-security-token"};
  for (std::string_view known : kNames) {
    if (name.size() == known.size() &&
        std::equal(name.begin(), name.end(), known.begin(), [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; })) {
      return true;
    }
  }
  return false;
}

HttpRequest build_http(const ClientSpec& client, const Request& request, const RenderOptions& options) {
  SecretRedactor redactor;
  const ResolvedOptions resolved = resolve_options(client, options.env, redactor);
  HttpRequest http = request_builder_for(client).build_request(resolved, request, options.stream);
  if (!options.redact_secrets) return http;
  for (auto& [name, value] : http.headers) {
    if (is_credential_header(name)) redactor.add(value);
  }
  const SecretRedactor::Secrets secrets = redactor.secrets();
  http.url = SecretRedactor::scrub(*secrets, http.url);
  for (auto& header : http.headers) {
    header.second = is_credential_header(header.first) ? std::string(SecretRedactor::kReplacement)
                                                       : SecretRedactor::scrub(*secrets, header.second);
  }
  http.body = SecretRedactor::scrub(*secrets, http.body);
  return http;
}

std::vector<RenderedRequest> render_checked(const Program& program, const fn::Function& function, const Args& args,
                                            const RenderOptions& options) {
  const Program::Impl& impl = program.impl();
  const std::string& client_name = options.client_override ? *options.client_override : function.client;
  // Rendering only builds requests: a provider that can build one but not yet be called renders.
  const std::shared_ptr<const PlanNode> plan = resolve_plan(impl.clients, client_name, PlanUse::BuildRequests);
  const std::vector<const ClientSpec*> leaves = fn::plan_leaves(*plan);
  std::vector<RenderedRequest> out;
  out.reserve(leaves.size());
  for (const ClientSpec* leaf : leaves) {
    RenderedRequest r;
    r.client = leaf->name;
    r.provider = leaf->provider_name;
    r.request.function = function.name;
    r.request.messages = fn::render_for_client(impl, function, args, *leaf, options);
    r.request.rendered = true;
    r.http = build_http(*leaf, r.request, options);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

std::vector<RenderedRequest> render_requests(const Program& program, std::string_view function, const Args& args,
                                             const RenderOptions& options) {
  const fn::Function& f = program.impl().function(function);
  return render_checked(program, f, ir::conform_args(args, f.parameters, program.impl().types, f.name), options);
}

std::vector<RenderedRequest> render_requests_json(const Program& program, std::string_view function,
                                                  const nlohmann::json& args, const RenderOptions& options) {
  const fn::Function& f = program.impl().function(function);
  return render_checked(program, f, ir::args_from_json(args, f.parameters, program.impl().types, f.name), options);
}

std::vector<RenderedRequest> render_requests_json(const Program& program, std::string_view function,
                                                  const nlohmann::ordered_json& args, const RenderOptions& options) {
  const fn::Function& f = program.impl().function(function);
  return render_checked(program, f, ir::args_from_json(args, f.parameters, program.impl().types, f.name), options);
}

Args function_args_from_json(const Program& program, std::string_view function, const nlohmann::ordered_json& args) {
  const fn::Function& f = program.impl().function(function);
  return ir::args_from_json(args, f.parameters, program.impl().types, f.name);
}

std::vector<Message> render_messages(const Program& program, std::string_view function, const Args& args,
                                     std::string_view client, const RenderOptions& options) {
  const Program::Impl& impl = program.impl();
  const fn::Function& f = impl.function(function);
  const ClientSpec* spec = impl.clients.find_client(client);
  if (!spec) throw_config_error("unknown client `" + std::string(client) + "`");
  return fn::render_for_client(impl, f, ir::conform_args(args, f.parameters, impl.types, f.name), *spec, options);
}

}  // namespace baml
