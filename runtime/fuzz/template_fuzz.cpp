// libFuzzer target for prompt templates (docs/fuzzing.md): the template parser of the compiler
// (compiler/syntax/template_parser.h) and its IR form, then the runtime's evaluator
// (template/template.h) on random arguments, as a prompt is rendered: the rendered text split
// into chat messages and each provider's request built from them. This is the one runtime target
// that links the compiler, since the runtime never parses Jinja itself.
//
// Input: a flag byte, then parts separated by NUL bytes: the template text; the arguments as a JSON
// object (keys named like the parameters of fuzz_support.h get that type when they fit, e.g.
// "person", "colors", "wait"); then template_strings, each `Name(a, b)` and a newline and its body.
// Flag bits: 0, the text is a check expression (`{{ }}`'s content) evaluated for its truthiness
// instead of a template; 1, `_.role` is not available; 2-4, the return type `ctx.output_format`
// describes. Evaluation is bounded (1 MiB of output, 200,000 steps) so that no input is slow.
// A template with a syntax error, or that is not UTF-8, is not evaluated (it never reaches the IR).
// Anything but a result or a TemplateError (a crash, a sanitizer report, another exception, a
// refusal of an IR the compiler wrote) is a finding.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <baml/errors.h>

#include "compiler/base/utf8.h"
#include "compiler/ir/template_json.h"
#include "compiler/syntax/template_parser.h"
#include "errors/redactor.h"
#include "function/messages.h"
#include "fuzz/fuzz_support.h"
#include "output_format/output_format.h"
#include "providers/options.h"
#include "providers/provider.h"
#include "template/template.h"

namespace {

using baml::fuzz::finding;

// The IR of a template, or null when the text has a syntax error. Text that is not UTF-8 never
// reaches the template parser (the compiler refuses the file first, as ANTLR would throw).
std::optional<nlohmann::json> template_ir(std::string_view text) {
  if (bamlc::first_invalid_utf8(text)) return std::nullopt;
  bamlc::DiagnosticSink diags;
  const auto parsed = bamlc::parse_template(text, bamlc::Span{0, 0, static_cast<std::uint32_t>(text.size())}, diags);
  if (diags.has_errors() || !parsed) return std::nullopt;
  return bamlc::ir::template_to_json(*parsed);
}

std::shared_ptr<const baml::tmpl::Template> compile(const nlohmann::json& ir) {
  try {
    return baml::tmpl::compile_template(ir, "fuzz");
  } catch (const baml::ConfigError& e) {
    finding(std::string("the evaluator refused a template the compiler lowered: ") + e.what());
  }
}

// `Name(a, b)\nbody`: a template_string. Nothing when the first line is not of that shape or the
// body has a syntax error.
void add_macro(std::string_view part, std::map<std::string, baml::tmpl::Macro, std::less<>>& macros) {
  const std::size_t newline = part.find('\n');
  const std::string_view head = part.substr(0, newline);
  const std::string_view body = newline == std::string_view::npos ? std::string_view() : part.substr(newline + 1);
  const std::size_t open = head.find('(');
  if (open == 0 || open == std::string_view::npos || head.back() != ')') return;
  baml::tmpl::Macro macro;
  for (std::string_view params = head.substr(open + 1, head.size() - open - 2); !params.empty();) {
    const std::size_t comma = params.find(',');
    std::string_view p = params.substr(0, comma);
    while (!p.empty() && p.front() == ' ') p.remove_prefix(1);
    while (!p.empty() && p.back() == ' ') p.remove_suffix(1);
    if (!p.empty()) macro.parameters.emplace_back(p);
    params = comma == std::string_view::npos ? std::string_view() : params.substr(comma + 1);
  }
  const auto ir = template_ir(body);
  if (!ir) return;
  macro.body = compile(*ir);
  macros.emplace(std::string(head.substr(0, open)), std::move(macro));
}

// Each provider's request built from the messages, as render_requests does.
void build_requests(const baml::Request& request) {
  static const std::vector<baml::ClientSpec> clients = [] {
    std::vector<baml::ClientSpec> out;
    for (const char* provider : {"openai", "openai-generic", "azure-openai", "ollama", "openai-responses", "anthropic",
                                 "google-ai", "aws-bedrock"}) {
      baml::ClientSpec c;
      c.name = std::string("Fuzz_") + provider;
      c.provider_name = provider;
      c.provider = baml::provider_kind(provider);
      c.options = {{"model", "m"}, {"api_key", "k"}, {"base_url", "https://example.com/v1"},
                   {"resource_name", "r"}, {"deployment_id", "d"}, {"api_version", "v"}, {"region", "us-east-1"}};
      out.push_back(std::move(c));
    }
    return out;
  }();
  const baml::EnvLookup no_env = [](const std::string&) { return std::optional<std::string>(); };
  for (const baml::ClientSpec& client : clients) {
    baml::SecretRedactor redactor;
    const baml::ResolvedOptions options = baml::resolve_options(client, no_env, redactor);
    for (const bool stream : {false, true}) {
      try {
        (void)baml::request_builder_for(client).build_request(options, request, stream);
      } catch (const baml::ConfigError&) {
        // aws-bedrock builds no streaming request, as in BAML
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::uint8_t flags = data[0];
  const auto parts = baml::fuzz::split(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1), '\0', 10);
  const std::string_view text = parts[0];

  std::map<std::string, baml::tmpl::Macro, std::less<>> macros;
  for (std::size_t i = 2; i < parts.size(); ++i) add_macro(parts[i], macros);

  static const std::vector<baml::ir::Type> return_types = [] {
    std::vector<baml::ir::Type> out;
    for (const char* name : {"person", "resume", "s", "pet", "colors", "json", "by_color", "maybe_wait"}) {
      for (const baml::ir::Parameter& p : baml::fuzz::parameters()) {
        if (p.name == name) out.push_back(p.type);
      }
    }
    return out;
  }();
  const baml::ir::Type& return_type = return_types[(flags >> 2) % return_types.size()];
  baml::tmpl::PromptContext ctx;
  ctx.client_name = "Fuzz";
  ctx.client_provider = "openai";
  ctx.tags = baml::Value::map({{"run", baml::Value::string("fuzz")}});
  ctx.output_format = [&](const baml::Value::Entries& options) {
    return baml::output_format::render(return_type, baml::fuzz::types(), options);
  };

  baml::tmpl::Environment env;
  env.types = &baml::fuzz::types();
  if (parts.size() > 1) env.variables = baml::fuzz::template_variables(parts[1]);
  env.macros = &macros;
  env.limits.max_output_bytes = 1u << 20;
  env.limits.max_steps = 200'000;

  try {
    if (flags & 1) {
      if (bamlc::first_invalid_utf8(text)) return 0;
      bamlc::DiagnosticSink diags;
      const auto expr =
          bamlc::parse_template_expression(text, bamlc::Span{0, 0, static_cast<std::uint32_t>(text.size())}, diags);
      if (diags.has_errors() || !expr) return 0;
      std::shared_ptr<const baml::tmpl::Expression> compiled;
      try {
        compiled = baml::tmpl::compile_expression(bamlc::ir::template_expr_to_json(*expr), "fuzz");
      } catch (const baml::ConfigError& e) {
        finding(std::string("the evaluator refused an expression the compiler lowered: ") + e.what());
      }
      (void)baml::tmpl::truthy(baml::tmpl::evaluate(*compiled, env));
      return 0;
    }
    const auto ir = template_ir(text);
    if (!ir) return 0;
    const auto compiled = compile(*ir);
    env.ctx = &ctx;
    env.role_helper = (flags & 2) == 0;
    const baml::tmpl::RenderOutput rendered = baml::tmpl::render(*compiled, env);
    baml::Request request;
    request.function = "Fuzz";
    request.messages = baml::fn::split_messages(rendered, "user");
    request.rendered = true;
    build_requests(request);
  } catch (const baml::TemplateError&) {
    // The expected outcome for a template that fails on its arguments.
  }
  return 0;
}
