// The client a command names (see client_lookup.h).
#include "compiler/driver/client_lookup.h"

#include <span>

#include "compiler/base/spelling.h"
#include "compiler/sema/clients.h"
#include "compiler/sema/context.h"

namespace bamlc {
namespace {

// The same anonymous client a function's `client "openai/gpt-4o"` makes (sema/clients.h: the
// provider's defaults, api_key from its environment variable, the default limits).
ClientLookup add_shorthand_client(model::Program& program, std::string_view text) {
  const std::vector<ast::File> no_files;
  DiagnosticSink diags;
  sema::Context ctx{no_files, diags, {}, std::move(program)};
  ast::Value reference;
  reference.kind = ast::ValueKind::String;
  reference.text = std::string(text);
  const bool resolved = sema::resolve_client_reference(ctx, reference).has_value();
  program = std::move(ctx.program);
  ClientLookup out;
  if (resolved) out.client = program.find_client(text);
  for (const Diagnostic& diag : diags.all()) out.problems.push_back({diag.message, diag.hint});
  return out;
}

}  // namespace

ClientLookup find_client(model::Program& program, std::string_view name) {
  if (const model::Client* client = program.find_client(name)) return ClientLookup{client, {}};
  // A function of the project may already have made a shorthand; otherwise it is made here.
  if (name.find('/') != std::string_view::npos) return add_shorthand_client(program, name);
  std::vector<std::string> names;
  for (const model::Client& c : program.clients) names.push_back(c.name);
  NameProblem problem{"no client named `" + std::string(name) + "`", ""};
  if (auto guess = closest_match(name, std::span<const std::string>(names))) {
    problem.hint = "did you mean `" + *guess + "`?";
  }
  return ClientLookup{nullptr, {problem}};
}

}  // namespace bamlc
