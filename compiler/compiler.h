// The compiler's front door: everything bamlc's commands (check, explain, build, call, and the
// render, run, parse and test to come) need from the compiler, and the only compiler header
// they include. Compile a project into diagnostics and a checked program; lower the program to
// the IR the runtime loads; find the client a command names; plan a call through it.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string_view>

#include "compiler/codegen/codegen.h"
#include "compiler/diag/render.h"
#include "compiler/driver/client_lookup.h"
#include "compiler/driver/compilation.h"
#include "compiler/model/plan.h"
#include "compiler/model/program.h"

namespace bamlc {

// Reads, parses and checks every `.baml` file under `dir` (or the one file `dir` names). The
// program is complete only when the compilation has no error.
Compilation compile_project(const std::filesystem::path& dir);

// The IR of a checked program (docs/ir.md): what the runtime and the generated code load.
nlohmann::json program_ir(const model::Program& program);

// A `generator` block of the project (CODEGEN.md): its name, output_type, output_dir (as
// written, relative to the project directory) and namespace ("" when absent).
struct GeneratorBlock {
  std::string name;
  std::string output_type;
  std::string output_dir;
  std::string ns;
};
std::vector<GeneratorBlock> generator_blocks(const Compilation& compilation);

// Every attempt a call through `client` can make, with its limits, and the worst case.
model::Plan plan_call(const model::Program& program, const model::Client& client);

}  // namespace bamlc
