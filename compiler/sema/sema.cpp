#include "compiler/sema/sema.h"

#include "compiler/sema/generators.h"

namespace bamlc {

void analyze(const std::vector<ast::File>& files, DiagnosticSink& diags) {
  for (const ast::File& file : files) {
    for (const ast::Declaration& decl : file.declarations) {
      if (const auto* generator = std::get_if<ast::GeneratorDecl>(&decl)) sema::check_generator(*generator, diags);
    }
  }
}

}  // namespace bamlc
