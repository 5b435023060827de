// libFuzzer target for the IR reader (docs/fuzzing.md): the input is an IR document (docs/ir.md),
// read as the runtime reads it at run time: the client part alone (read_client_ir_text, what a
// program calling clients by hand loads), then the whole program (Program::from_ir_text: clients,
// retry policies, types, functions, template_strings, every template and check compiled). When it
// loads, every client's plan is resolved (for a call and for rendering: unknown children, cycles,
// unknown retry policies) and its rounds counted (at least one each), and every function is rendered, for each of its leaf clients, with the
// arguments of each test that names it and with none, as `bamlc test` and `bamlc render` would.
// Environment variables are never read: every `{"env": NAME}` is "k".
// A ConfigError (a malformed IR), an InvalidArgumentError (arguments that do not fit) and a
// TemplateError are the expected outcomes; anything else (a crash, a sanitizer report, another
// exception, a hang) is a finding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <baml/client_ir.h>
#include <baml/errors.h>
#include <baml/functions.h>

#include "fuzz/fuzz_support.h"
#include "strategy/plan.h"

namespace {

void render(const baml::Program& program, const std::string& function, const nlohmann::ordered_json& args) {
  baml::RenderOptions options;
  options.env = [](const std::string&) { return std::optional<std::string>("k"); };
  options.redact_secrets = true;
  for (const bool stream : {false, true}) {
    options.stream = stream;
    try {
      (void)baml::render_requests_json(program, function, args, options);
    } catch (const baml::ConfigError&) {
    } catch (const baml::InvalidArgumentError&) {
    } catch (const baml::TemplateError&) {
    }
  }
}

// What a call reads of its plan first: how many times each node runs.
void rounds(const baml::PlanNode& node) {
  if (node.rounds() < 1) baml::fuzz::finding("a plan node of " + node.client.name + " runs fewer than once");
  for (const baml::PlanNode& child : node.children) rounds(child);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)baml::read_client_ir_text(text);
  } catch (const baml::ConfigError&) {
  }
  std::optional<baml::Program> program;
  try {
    program = baml::Program::from_ir_text(text);
  } catch (const baml::ConfigError&) {
    return 0;
  }
  for (const baml::ClientSpec& client : program->clients().clients) {
    for (const baml::PlanUse use : {baml::PlanUse::Call, baml::PlanUse::BuildRequests}) {
      try {
        rounds(*baml::resolve_plan(program->clients(), client.name, use));
      } catch (const baml::ConfigError&) {
      }
    }
  }
  // The tests' arguments, from the document itself (the runtime's reader ignores `tests`).
  const nlohmann::ordered_json ir = nlohmann::ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  const auto tests = ir.find("tests");
  for (const std::string& function : program->function_names()) {
    render(*program, function, nlohmann::ordered_json::object());
    if (tests == ir.end() || !tests->is_array()) continue;
    for (const nlohmann::ordered_json& test : *tests) {
      if (!test.is_object() || !test.contains("args") || !test.contains("functions") || !test["functions"].is_array()) continue;
      for (const nlohmann::ordered_json& name : test["functions"]) {
        if (name == function) render(*program, function, test["args"]);
      }
    }
  }
  return 0;
}
