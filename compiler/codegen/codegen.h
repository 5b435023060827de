// The C++ bindings generator (CODEGEN.md): an IR document in, the four files of `baml_client/`
// out — types.hpp, client.hpp, client.cpp, ir.cpp — deterministic, with a banner that names
// bamlc's version and the relative source paths.
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace bamlc::codegen {

struct CodegenOptions {
  std::string ns = "baml_client";    // C++ namespace, `a::b` allowed
  std::string version;               // bamlc's version, for the banner
  std::vector<std::string> sources;  // the .baml files, relative to the project (banner only)
};

struct GeneratedFile {
  std::string name;  // "types.hpp", ...
  std::string text;
};

// Throws std::runtime_error for a namespace that is not a C++ qualified name.
std::vector<GeneratedFile> generate_cpp(const nlohmann::json& ir, const CodegenOptions& options);

// Writes each file under `dir` (created if needed) unless its bytes are already there, so that an
// unchanged file keeps its time stamp. Returns the paths written; throws std::runtime_error when a
// file cannot be written.
std::vector<std::filesystem::path> write_files(const std::filesystem::path& dir, const std::vector<GeneratedFile>& files);

}  // namespace bamlc::codegen
