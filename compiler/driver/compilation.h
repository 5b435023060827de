// A compilation: the files of one project, their diagnostics, and the result of each phase run
// so far. This is the compiler's entry point for the CLI and the tests.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/base/source.h"
#include "compiler/diag/diagnostic.h"
#include "compiler/model/program.h"

namespace bamlc {

struct Compilation {
  SourceManager sources;
  DiagnosticSink diags;
  std::vector<ast::File> files;
  model::Program program;  // filled by analysis; complete only when diags has no errors
  // Files that could not be read at all (not a language problem, so not a diagnostic).
  std::vector<std::string> unreadable;
};

// Every `.baml` file under `dir`, recursively, in path order (so output is deterministic);
// `dir` may also name one file.
std::vector<std::filesystem::path> find_baml_files(const std::filesystem::path& dir);

// Reads, parses and analyzes every `.baml` file under `dir`. An unreadable file is listed in
// `unreadable`, never an exception; the directory itself must exist (the CLI checks that first).
Compilation parse_project(const std::filesystem::path& dir);

// Parses one in-memory file, for tests and tools; call analyze_project() after the last one.
void add_source(Compilation& compilation, std::string path, std::string text);
void analyze_project(Compilation& compilation);

}  // namespace bamlc
