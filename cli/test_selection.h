// Which tests `bamlc test` runs (TESTING.md, "Flags"): every (test, function) pair of the
// project in a deterministic order (file order of the tests, then the order of their functions),
// narrowed by -i/--include and -x/--exclude patterns and by --shard K/N.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compiler/compiler.h"

namespace bamlc::cli {

// One test of one function: what runs, and where it was written.
struct TestCase {
  std::string test;
  std::string function;
  std::string file;  // as shown: relative to the working directory when under it
  std::string file_dir;  // the directory of the .baml file, for `file` media arguments
  unsigned line = 0;
  nlohmann::json args;    // the IR's plain JSON arguments
  nlohmann::json checks;  // the IR's @@check / @@assert, with expression_ast
  bool has_type_builder = false;

  std::string id() const { return function + "::" + test; }
};

// Every test of a checked compilation, `ir` being its program_ir.
std::vector<TestCase> collect_tests(const Compilation& compilation, const nlohmann::json& ir);

// `Fn::Test`, `Fn::`, `::Test`, or a bare name (function or test); `*` matches any run of
// characters, `?` one. Case-sensitive, as the names are.
bool test_matches(const std::string& pattern, const TestCase& test);

struct Shard {
  std::size_t index = 1;  // K, from 1
  std::size_t count = 1;  // N
};
// "K/N" with 1 <= K <= N, or nothing.
std::optional<Shard> parse_shard(const std::string& text);

// The tests that pass the filters (exclude wins), then those of the shard: of the selected
// tests in order, those whose position modulo N is K-1.
std::vector<TestCase> select_tests(const std::vector<TestCase>& all, const std::vector<std::string>& include,
                                   const std::vector<std::string>& exclude, const Shard& shard);

}  // namespace bamlc::cli
