// libFuzzer target for the `.baml` front end (docs/fuzzing.md): the input is the text of the one
// file of a project, compiled as `bamlc check` compiles it (UTF-8 check, the nesting scan, the
// ANTLR parser and its error recovery, the AST builder, every semantic pass, the template parser
// and checker), its diagnostics rendered as text and JSON; when it has no error, the program is
// lowered to the IR as `bamlc build` does (compiler.h's program_ir), printed, every client's call
// planned as `bamlc explain` does, and the IR loaded by the runtime as the generated code and
// `bamlc run` load it. It links the phases under compiler.h rather than the front door itself,
// which would bring the C++ bindings generator into the clang build for nothing untrusted.
// Diagnostics are the expected outcome for bad text. A finding is a crash, a sanitizer report, a
// hang, an exception out of the compiler (`bamlc` would die on it), or a program that checked but
// whose IR the runtime refuses.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include <baml/errors.h>
#include <baml/functions.h>

#include "compiler/diag/render.h"
#include "compiler/driver/compilation.h"
#include "compiler/ir/ir_writer.h"
#include "compiler/sema/timeout_plan.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bamlc::Compilation compilation;
  bamlc::add_source(compilation, "baml_src/fuzz.baml", std::string(reinterpret_cast<const char*>(data), size));
  bamlc::analyze_project(compilation);
  std::ostringstream printed;
  bamlc::render_text(printed, compilation.diags, compilation.sources);
  bamlc::render_json(printed, compilation.diags, compilation.sources);
  if (compilation.diags.has_errors()) return 0;

  const std::string ir_text = bamlc::ir::to_json(compilation.program).dump(2);
  for (const bamlc::model::Client& client : compilation.program.clients) {
    (void)bamlc::sema::plan_call(compilation.program, client);
  }
  try {
    (void)baml::Program::from_ir_text(ir_text);
  } catch (const baml::ConfigError& e) {
    std::fprintf(stderr, "compiler_fuzz: the runtime refused the IR of a checked program: %s\n", e.what());
    std::abort();
  }
  return 0;
}
