// The front door (see compiler.h): each entry delegates to the phase that owns it.
#include "compiler/compiler.h"

#include "compiler/ir/ir_writer.h"
#include "compiler/sema/timeout_plan.h"

namespace bamlc {

Compilation compile_project(const std::filesystem::path& dir) {
  return parse_project(dir);
}

nlohmann::json program_ir(const model::Program& program) {
  return ir::to_json(program);
}

model::Plan plan_call(const model::Program& program, const model::Client& client) {
  return sema::plan_call(program, client);
}

}  // namespace bamlc
