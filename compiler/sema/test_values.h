// Test arguments against parameter types: whether a value written in a test's `args` block
// (a string, a number, a duration, a word, a block, a list) can be passed as a value of a model
// type, checked recursively through classes, lists, maps, optionals, unions and aliases. Each
// mismatch is reported at the value itself, named by its path (`ticket.tags[1]`): an error when
// durations are involved (bamlc's own syntax), a warning otherwise (baml-cli accepts such a
// file and fails the test only when it runs).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "compiler/ast/ast.h"
#include "compiler/model/program.h"
#include "compiler/sema/context.h"

namespace bamlc::sema {

// The simplest value of a type, for hints such as "add `x <value>`": `"..."`, `1`, `10s`, ...
std::string example_value(const model::Program& program, const model::Type& type, int depth = 0);

class ValueChecker {
 public:
  // Indexes the classes, enums and aliases of ctx.program, which must not change afterwards.
  explicit ValueChecker(Context& ctx);

  // Reports what is wrong with `value` as a `type` for the argument at `path`; true when fine.
  bool check(const model::Type& type, const ast::Value& value, const std::string& path);

  // True when the duration literal at `span` was taken as the text of a string (`x 10s`,
  // LANGUAGE.md), so the IR must carry its text rather than its milliseconds.
  bool took_as_text(const Span& span) const;

 private:
  bool matches(const model::Type& type, const ast::Value& value, const std::string& path, bool report);
  bool check_union(const model::Type& type, const ast::Value& value, const std::string& path, bool report);
  bool check_class(const model::Class& cls, const ast::Value& value, const std::string& path, bool report);
  bool check_enum(const model::Enum& enm, const ast::Value& value, const std::string& path, bool report);
  bool check_map(const model::Type& type, const ast::Value& value, const std::string& path, bool report);
  bool check_media(const model::Type& type, const ast::Value& value, const std::string& path, bool report);
  bool check_duration(const model::Type& type, const ast::Value& value, const std::string& path, bool report);
  bool check_string(const model::Type& type, const ast::Value& value, const std::string& path, bool report);
  // Reports `path` expects `type`, found <value>, with a hint on how to write a `type`.
  bool mismatch(const model::Type& type, const ast::Value& value, const std::string& path, bool report);
  std::string how_to_write(const model::Type& type, int depth) const;
  const model::Type* alias_target(std::string_view name) const;
  bool mentions_duration(const model::Type& type, int depth) const;
  // Error or warning: see test_values.cpp.
  DiagKind mismatch_kind(const model::Type& type, const ast::Value& value) const;

  Context& ctx_;
  std::vector<Span> durations_as_text_;  // see took_as_text
  std::unordered_map<std::string_view, const model::Class*> classes_;
  std::unordered_map<std::string_view, const model::Enum*> enums_;
  std::unordered_map<std::string_view, const model::TypeAlias*> aliases_;
};

}  // namespace bamlc::sema
