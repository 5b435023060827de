// `bamlc build [--from DIR] [--emit-ir FILE] [--cpp-out DIR [--namespace NS] [--depfile F]]`:
// compile a project and write its outputs: the IR (docs/ir.md) and the C++ bindings
// (CODEGEN.md, docs/generated-api.md). With --cpp-out the bindings go to DIR/baml_client/ and
// generator blocks are ignored; without it, each `generator` block with `output_type "cpp"` is
// honoured (`output_dir` relative to the project directory, naming the folder that receives
// baml_client/) and the others are skipped with a note; --emit-ir alone writes only the IR.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/diagnostics_output.h"

#ifndef BAMLC_VERSION
#define BAMLC_VERSION "0.0.0"
#endif

namespace bamlc::cli {
namespace {

namespace fs = std::filesystem;

std::string depfile_escape(const std::string& path) {
  std::string out;
  for (char ch : path) {
    if (ch == ' ' || ch == '#' || ch == '\\') out += '\\';
    if (ch == '$') out += '$';
    out += ch;
  }
  return out;
}

// Generates DIR/baml_client/ for namespace `ns`; returns the exit code.
int generate(const Compilation& compilation, const std::string& from, const fs::path& dir, const std::string& ns,
             const std::string& depfile) {
  const fs::path root = fs::is_directory(from) ? fs::path(from) : fs::path(from).parent_path();
  const std::vector<fs::path> files = find_baml_files(from);
  codegen::CodegenOptions options;
  options.ns = ns;
  options.version = BAMLC_VERSION;
  for (const fs::path& f : files) {
    std::error_code ec;
    fs::path rel = fs::relative(f, root, ec);
    options.sources.push_back((ec || rel.empty() ? f.filename() : rel).generic_string());
  }
  std::vector<codegen::GeneratedFile> generated;
  try {
    generated = codegen::generate_cpp(program_ir(compilation.program), options);
  } catch (const std::exception& e) {
    std::cerr << "bamlc: error: " << e.what() << "\n";
    return kExitUsage;
  }
  const fs::path out_dir = dir / "baml_client";
  try {
    codegen::write_files(out_dir, generated);
  } catch (const std::exception& e) {
    std::cerr << "bamlc: error: " << e.what() << "\n";
    return kExitFailed;
  }
  if (!depfile.empty()) {
    std::string text = depfile_escape((out_dir / "types.hpp").string()) + ":";
    for (const fs::path& f : files) text += " \\\n  " + depfile_escape(fs::absolute(f).lexically_normal().string());
    text += "\n";
    std::ifstream in(depfile, std::ios::binary);
    std::string old((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (old != text) {
      std::ofstream out(depfile, std::ios::binary | std::ios::trunc);
      out << text;
      if (!out) {
        std::cerr << "bamlc: error: cannot write `" << depfile << "`\n";
        return kExitFailed;
      }
    }
  }
  return kExitOk;
}

}  // namespace

Runner add_build_command(CLI::App& app) {
  struct Options : CompileOptions {
    std::string emit_ir;
    std::string cpp_out;
    std::string ns;
    std::string depfile;
  };
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("build", "Compile a project and write its outputs");
  add_compile_options(*cmd, *options);
  cmd->add_option("--emit-ir", options->emit_ir, "Write the IR (JSON, see docs/ir.md) to FILE; `-` for stdout");
  cmd->add_option("--cpp-out", options->cpp_out,
                  "Write the C++ bindings to DIR/baml_client/ (types.hpp, client.hpp, client.cpp, ir.cpp); generator blocks are then ignored");
  cmd->add_option("--namespace", options->ns, "C++ namespace of the bindings written by --cpp-out (default baml_client)");
  cmd->add_option("--depfile", options->depfile, "With --cpp-out, write a Makefile-style depfile listing every .baml file read");
  return [cmd, options]() -> int {
    if (!cmd->parsed()) return -1;
    if (options->cpp_out.empty() && (!options->ns.empty() || !options->depfile.empty())) {
      std::cerr << "bamlc: error: --namespace and --depfile need --cpp-out\n";
      return kExitUsage;
    }
    Compilation compilation;
    if (auto code = compile_or_exit(*options, compilation)) return *code;
    if (!options->emit_ir.empty()) {
      const std::string text = program_ir(compilation.program).dump(2) + "\n";
      if (options->emit_ir == "-") {
        std::cout << text;
      } else {
        std::ofstream out(options->emit_ir, std::ios::binary);
        out << text;
        if (!out) {
          std::cerr << "bamlc: error: cannot write `" << options->emit_ir << "`\n";
          return kExitFailed;
        }
      }
    }
    if (!options->cpp_out.empty()) {
      return generate(compilation, options->from, options->cpp_out, options->ns.empty() ? "baml_client" : options->ns,
                      options->depfile);
    }
    if (!options->emit_ir.empty()) return kExitOk;  // --emit-ir alone writes only the IR
    int generated = 0;
    const fs::path root = fs::is_directory(options->from) ? fs::path(options->from) : fs::path(options->from).parent_path();
    for (const GeneratorBlock& g : generator_blocks(compilation)) {
      if (g.output_type != "cpp") {
        std::cerr << "bamlc build: note: generator `" << g.name << "` (output_type \"" << g.output_type
                  << "\") is for baml-cli; skipped\n";
        continue;
      }
      const fs::path dir = root / (g.output_dir.empty() ? std::string("../") : g.output_dir);
      if (int code = generate(compilation, options->from, dir.lexically_normal(), g.ns.empty() ? "baml_client" : g.ns, "")) {
        return code;
      }
      ++generated;
    }
    if (generated == 0) {
      std::cerr << "bamlc build: " << compilation.sources.size()
                << " files compiled; nothing to write (no generator block with output_type \"cpp\"; use --cpp-out DIR or "
                   "--emit-ir FILE)\n";
    }
    return kExitOk;
  };
}

}  // namespace bamlc::cli
