#include "compiler/sema/sema.h"

#include "compiler/sema/clients.h"
#include "compiler/sema/composites.h"
#include "compiler/sema/context.h"
#include "compiler/sema/functions.h"
#include "compiler/sema/generators.h"
#include "compiler/sema/retry_policies.h"
#include "compiler/sema/prompt_roles.h"
#include "compiler/sema/template_check.h"
#include "compiler/sema/tests.h"
#include "compiler/sema/timeout_plan.h"
#include "compiler/sema/types.h"

namespace bamlc {

model::Program analyze(const std::vector<ast::File>& files, DiagnosticSink& diags) {
  sema::Context ctx{files, diags, {}, {}, false};
  ctx.symbols.collect(files, diags);
  // Order matters: later checkers read what earlier ones put into ctx.program.
  sema::check_types(ctx);
  sema::check_retry_policies(ctx);
  sema::check_clients(ctx);
  sema::check_composites(ctx);
  sema::check_functions(ctx);
  sema::check_tests(ctx);
  sema::check_templates(ctx);  // templates and check expressions, the tests' included
  sema::check_prompt_roles(ctx);
  sema::check_timeout_plans(ctx);  // after functions: which clients they call matters
  ctx.for_each<ast::GeneratorDecl>([&](const ast::GeneratorDecl& g) { sema::check_generator(g, diags); });
  return std::move(ctx.program);
}

}  // namespace bamlc
