// The client a subcommand names (see client_lookup.h).
#include "cli/client_lookup.h"

#include <iostream>
#include <span>
#include <vector>

#include "compiler/base/spelling.h"
#include "compiler/sema/clients.h"
#include "compiler/sema/context.h"

namespace bamlc::cli {

namespace {

// The same anonymous client a function's `client "openai/gpt-4o"` makes (sema/clients.h: the
// provider's defaults, api_key from its environment variable, the default limits). Reports and
// returns false when the provider is unknown or the model is missing.
bool add_shorthand_client(model::Program& program, const std::string& text) {
  const std::vector<ast::File> no_files;
  DiagnosticSink diags;
  sema::Context ctx{no_files, diags, {}, std::move(program)};
  ast::Value reference;
  reference.kind = ast::ValueKind::String;
  reference.text = text;
  const bool resolved = sema::resolve_client_reference(ctx, reference).has_value();
  program = std::move(ctx.program);
  for (const Diagnostic& diag : diags.all()) {
    std::cerr << "bamlc: error: " << diag.message << '\n';
    if (!diag.hint.empty()) std::cerr << "  help: " << diag.hint << '\n';
  }
  return resolved;
}

}  // namespace

const model::Client* find_named_client(model::Program& program, const std::string& name) {
  if (const model::Client* client = program.find_client(name)) return client;
  if (name.find('/') != std::string::npos) {
    // A function of the project may already have made it; otherwise it is made here.
    return add_shorthand_client(program, name) ? program.find_client(name) : nullptr;
  }
  std::vector<std::string> names;
  for (const model::Client& c : program.clients) names.push_back(c.name);
  std::cerr << "bamlc: error: no client named `" << name << "`\n";
  if (auto guess = closest_match(name, std::span<const std::string>(names))) {
    std::cerr << "  help: did you mean `" << *guess << "`?\n";
  }
  return nullptr;
}

}  // namespace bamlc::cli
