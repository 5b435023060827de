#include "compiler/driver/compilation.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <system_error>

#include "compiler/driver/syntax_cascade.h"
#include "compiler/sema/sema.h"
#include "compiler/syntax/parser.h"

namespace bamlc {

std::vector<std::filesystem::path> find_baml_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> out;
  std::error_code ec;
  if (std::filesystem::is_regular_file(dir, ec)) return {dir.lexically_normal()};
  auto options = std::filesystem::directory_options::skip_permission_denied;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, options, ec);
       !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_regular_file(ec) && it->path().extension() == ".baml") out.push_back(it->path().lexically_normal());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void add_source(Compilation& compilation, std::string path, std::string text) {
  const FileId id = compilation.sources.add(std::move(path), std::move(text));
  compilation.files.push_back(parse_file(compilation.sources.file(id), compilation.diags));
}

void analyze_project(Compilation& compilation) {
  const std::size_t first_semantic = compilation.diags.all().size();
  compilation.program = analyze(compilation.files, compilation.diags);
  drop_syntax_cascades(compilation.files, compilation.diags, first_semantic);
}

Compilation parse_project(const std::filesystem::path& dir) {
  Compilation compilation;
  for (const auto& path : find_baml_files(dir)) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    if (in) text << in.rdbuf();
    if (!in) {
      compilation.unreadable.push_back(path.string());
      continue;
    }
    add_source(compilation, path.string(), text.str());
  }
  analyze_project(compilation);
  return compilation;
}

}  // namespace bamlc
