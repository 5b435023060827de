// What every semantic checker works with: the parsed files, the symbol table, the diagnostics
// sink and the program being built. Checkers run in a fixed order (sema.cpp); each fills its
// part of the program and may read the parts filled before it.
#pragma once

#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/model/program.h"
#include "compiler/sema/symbols.h"

namespace bamlc::sema {

struct Context {
  const std::vector<ast::File>& files;
  DiagnosticSink& diags;
  SymbolTable symbols;
  model::Program program;
  // Composites nest past kMaxNestingDepth (reported by check_composites): the passes that follow
  // strategies recursively skip the program.
  bool strategies_too_deep = false;

  // Calls fn for every top-level declaration of type T, in file order.
  template <typename T, typename Fn>
  void for_each(Fn&& fn) const {
    for (const ast::File& file : files) {
      for (const ast::Declaration& decl : file.declarations) {
        if (const T* d = std::get_if<T>(&decl)) fn(*d);
      }
    }
  }
};

}  // namespace bamlc::sema
