#include "cli/test_selection.h"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>
#include <tuple>
#include <utility>
#include <variant>

namespace bamlc::cli {
namespace {

// Glob with `*` and `?`, iterative with one backtrack point (linear enough for names).
bool glob(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string shown_path(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path absolute = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const fs::path cwd = fs::current_path(ec);
  if (!ec) {
    const fs::path relative = absolute.lexically_relative(cwd);
    if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
  }
  return fs::path(path).lexically_normal().generic_string();
}

}  // namespace

std::vector<TestCase> collect_tests(const Compilation& compilation, const nlohmann::json& ir) {
  // The IR lists the model's tests in its order (two tests may share a name when they test
  // different functions); the model gives each its span, the AST whether it has a type_builder.
  const std::vector<model::Test>& model_tests = compilation.program.tests;
  std::map<std::pair<FileId, std::uint32_t>, bool> type_builders;  // by the test's span
  for (const ast::File& file : compilation.files) {
    for (const ast::Declaration& decl : file.declarations) {
      if (const auto* test = std::get_if<ast::TestDecl>(&decl)) {
        if (test->type_builder) type_builders[{test->span.file, test->span.begin}] = true;
      }
    }
  }
  struct Entry {
    std::string path;
    std::uint32_t offset;
    std::vector<TestCase> cases;
  };
  std::vector<Entry> entries;
  const nlohmann::json ir_tests = ir.value("tests", nlohmann::json::array());
  for (std::size_t i = 0; i < ir_tests.size(); ++i) {
    const nlohmann::json& t = ir_tests[i];
    const std::string name = t.value("name", "");
    Entry entry{"", 0, {}};
    TestCase base;
    base.test = name;
    base.args = t.value("args", nlohmann::json::object());
    base.checks = t.value("checks", nlohmann::json::array());
    const model::Test* m = i < model_tests.size() && model_tests[i].name == name ? &model_tests[i] : nullptr;
    if (m != nullptr && m->span.valid()) {
      const SourceFile& file = compilation.sources.file(m->span.file);
      entry.path = file.path();
      entry.offset = m->span.begin;
      base.file = shown_path(file.path());
      base.file_dir = std::filesystem::path(file.path()).parent_path().string();
      base.line = file.line_col(m->span.begin).line;
      base.has_type_builder = type_builders.count({m->span.file, m->span.begin}) > 0;
    }
    for (const nlohmann::json& fn : t.value("functions", nlohmann::json::array())) {
      TestCase c = base;
      c.function = fn.get<std::string>();
      // A test may list functions with different parameters: each runs with the arguments it
      // takes (the checker warned about the others, W0811).
      if (const model::Function* function = compilation.program.find_function(c.function); function != nullptr && c.args.is_object()) {
        for (auto it = c.args.begin(); it != c.args.end();) {
          const bool taken = std::any_of(function->parameters.begin(), function->parameters.end(),
                                         [&](const model::Parameter& p) { return p.name == it.key(); });
          it = taken ? std::next(it) : c.args.erase(it);
        }
      }
      entry.cases.push_back(std::move(c));
    }
    entries.push_back(std::move(entry));
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.path, a.offset) < std::tie(b.path, b.offset);
  });
  std::vector<TestCase> out;
  for (Entry& e : entries) {
    for (TestCase& c : e.cases) out.push_back(std::move(c));
  }
  return out;
}

bool test_matches(const std::string& pattern, const TestCase& test) {
  const auto sep = pattern.find("::");
  if (sep == std::string::npos) return glob(pattern, test.function) || glob(pattern, test.test);
  const std::string fn = pattern.substr(0, sep);
  const std::string name = pattern.substr(sep + 2);
  return (fn.empty() || glob(fn, test.function)) && (name.empty() || glob(name, test.test));
}

std::optional<Shard> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 >= text.size()) return std::nullopt;
  auto number = [](const std::string& s) -> std::optional<std::size_t> {
    if (s.empty() || s.size() > 6 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::nullopt;
    }
    return static_cast<std::size_t>(std::stoul(s));
  };
  const auto k = number(text.substr(0, slash));
  const auto n = number(text.substr(slash + 1));
  if (!k || !n || *k < 1 || *n < 1 || *k > *n) return std::nullopt;
  return Shard{*k, *n};
}

std::vector<TestCase> select_tests(const std::vector<TestCase>& all, const std::vector<std::string>& include,
                                   const std::vector<std::string>& exclude, const Shard& shard) {
  std::vector<TestCase> selected;
  for (const TestCase& t : all) {
    const bool in = include.empty() ||
                    std::any_of(include.begin(), include.end(), [&](const std::string& p) { return test_matches(p, t); });
    const bool out = std::any_of(exclude.begin(), exclude.end(), [&](const std::string& p) { return test_matches(p, t); });
    if (in && !out) selected.push_back(t);
  }
  if (shard.count <= 1) return selected;
  std::vector<TestCase> mine;
  for (std::size_t i = 0; i < selected.size(); ++i) {
    if (i % shard.count == shard.index - 1) mine.push_back(std::move(selected[i]));
  }
  return mine;
}

}  // namespace bamlc::cli
