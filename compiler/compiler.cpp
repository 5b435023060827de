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

std::vector<GeneratorBlock> generator_blocks(const Compilation& compilation) {
  std::vector<GeneratorBlock> out;
  auto text = [](const ast::MapEntry* e) -> std::string {
    if (e == nullptr || !e->value) return {};
    const ast::Value& v = *e->value;
    if (v.kind == ast::ValueKind::String || v.kind == ast::ValueKind::RawString || v.kind == ast::ValueKind::Word) return v.text;
    return {};
  };
  for (const ast::File& file : compilation.files) {
    for (const ast::Declaration& d : file.declarations) {
      if (const auto* g = std::get_if<ast::GeneratorDecl>(&d)) {
        out.push_back({g->name.text, text(ast::find_entry(g->body, "output_type")), text(ast::find_entry(g->body, "output_dir")),
                       text(ast::find_entry(g->body, "namespace"))});
      }
    }
  }
  return out;
}

model::Plan plan_call(const model::Program& program, const model::Client& client) {
  return sema::plan_call(program, client);
}

}  // namespace bamlc
