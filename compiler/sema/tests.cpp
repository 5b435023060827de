// The checks of `test` blocks. BAML's own rules (baml-lib's test case visitor): `functions`
// (legacy: `function`) and `args` (legacy: `input`) are the only entries; an unknown argument
// and a missing required one are warnings there, so they are here. bamlc adds what BAML leaves
// to run time: values of the wrong type (sema/test_values.cpp), reported at the value.
#include "compiler/sema/tests.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "compiler/base/spelling.h"
#include "compiler/sema/attributes.h"
#include "compiler/sema/test_values.h"
#include "compiler/sema/type_builder.h"
#include "compiler/sema/types.h"

namespace bamlc::sema {
namespace {

constexpr std::array<std::string_view, 2> kTestKeys = {"functions", "args"};

class TestChecker {
 public:
  TestChecker(Context& ctx, ValueChecker& values, const ast::TestDecl& decl)
      : ctx_(ctx), values_(values), decl_(decl) {}

  model::Test check() {
    out_.name = decl_.name.text;
    out_.span = decl_.span;
    read_body();
    check_functions();
    if (args_ != nullptr && args_->value) out_.args = args_->value->entries;
    check_args();
    for (ast::MapEntry& entry : out_.args) {
      if (entry.value) pass_durations_as_text(*entry.value);
    }
    out_.checks = check_attributes(ctx_, AttributeSite::TestBlock, decl_.block_attributes).checks;
    return std::move(out_);
  }

 private:
  void read_body() {
    const ast::MapEntry* functions = nullptr;
    for (const ast::MapEntry& entry : decl_.body) {
      const std::string& key = entry.key.text;
      // BAML still reads its legacy spellings `function NAME` and `input { ... }`.
      const bool is_functions = key == "functions" || key == "function";
      const bool is_args = key == "args" || key == "input";
      if (!is_functions && !is_args) {
        Diagnostic& d = ctx_.diags.report(DiagKind::UnknownEntry, entry.key.span,
                                          "unknown entry `" + key + "` in test `" + decl_.name.text + "`");
        if (auto guess = closest_match(key, std::span<const std::string_view>(kTestKeys))) {
          d.with_hint("did you mean `" + *guess + "`?");
        } else {
          d.with_hint(
              "a test holds `functions [...]` and `args { ... }`, plus `@@check`, `@@assert` and `type_builder`");
        }
        continue;
      }
      const ast::MapEntry*& slot = is_functions ? functions : args_;
      if (slot != nullptr) {
        ctx_.diags
            .report(DiagKind::DuplicateEntry, entry.key.span,
                    "`" + key + "` is given twice in test `" + decl_.name.text + "`")
            .with_hint("keep one of them")
            .with_note(slot->key.span, "first given here");
        continue;
      }
      slot = &entry;
    }
    functions_entry_ = functions;
    if (functions == nullptr) {
      ctx_.diags
          .report(DiagKind::MissingTestFunctions, decl_.name.span,
                  "test `" + decl_.name.text + "` names no function to run")
          .with_hint("add `functions [F]`, naming the function (or functions) to test");
    }
    if (args_ != nullptr && args_->value && args_->value->kind != ast::ValueKind::Map &&
        args_->value->kind != ast::ValueKind::Invalid) {
      ctx_.diags
          .report(DiagKind::InvalidEntryValue, args_->value->span,
                  "`args` takes a block of `name value` entries, not " +
                      std::string(ast::value_kind_name(args_->value->kind)))
          .with_hint("write `args { name \"value\" }`");
      args_ = nullptr;
      args_invalid_ = true;
    }
  }

  void check_functions() {
    if (functions_entry_ == nullptr || !functions_entry_->value) return;
    const ast::Value& value = *functions_entry_->value;
    std::vector<const ast::Value*> names;
    if (value.kind == ast::ValueKind::List) {
      for (const ast::Value& item : value.items) names.push_back(&item);
    } else {
      names.push_back(&value);  // `function F`, BAML's legacy single form
    }
    for (const ast::Value* name : names) {
      if (name->kind == ast::ValueKind::Invalid) continue;
      if (name->kind != ast::ValueKind::Word && name->kind != ast::ValueKind::String) {
        ctx_.diags
            .report(DiagKind::InvalidEntryValue, name->span,
                    "`functions` takes function names, not " + std::string(ast::value_kind_name(name->kind)))
            .with_hint("write `functions [F, G]`");
        continue;
      }
      const Symbol* symbol = ctx_.symbols.find(Namespace::Functions, name->text);
      const model::Function* function = symbol == nullptr ? nullptr : ctx_.program.find_function(name->text);
      if (symbol == nullptr) {
        ctx_.symbols.report_unknown(Namespace::Functions, "function", name->text, name->span, DiagKind::UnknownFunction,
                                    ctx_.diags);
        continue;
      }
      if (std::holds_alternative<ast::TemplateStringDecl>(*symbol->decl)) {
        ctx_.diags
            .report(DiagKind::UnknownFunction, name->span, "`" + name->text + "` is a template_string, not a function")
            .with_hint("a test runs functions; name a `function` here")
            .with_note(symbol->span, "declared here");
        continue;
      }
      if (function == nullptr) continue;
      out_.functions.push_back(function->name);
      functions_.push_back(function);
    }
  }

  // As baml-cli does, the arguments are checked against each function the test runs (they may
  // take different parameters: the test runs each with the arguments it takes). An argument is
  // checked once per parameter type, so functions that share a parameter share its warnings.
  void check_args() {
    std::vector<const ast::MapEntry*> given;
    if (args_ != nullptr && args_->value) {
      for (const ast::MapEntry& entry : args_->value->entries) {
        auto earlier = std::find_if(given.begin(), given.end(),
                                    [&](const ast::MapEntry* e) { return e->key.text == entry.key.text; });
        if (earlier != given.end()) {
          ctx_.diags
              .report(DiagKind::DuplicateEntry, entry.key.span, "argument `" + entry.key.text + "` is given twice")
              .with_hint("keep one of them")
              .with_note((*earlier)->key.span, "first given here");
          continue;
        }
        given.push_back(&entry);
      }
    }
    std::set<std::pair<std::string, std::string>> checked;  // (argument, type) pairs already checked
    for (const model::Function* function : functions_) {
      for (const ast::MapEntry* entry : given) {
        auto parameter = std::find_if(function->parameters.begin(), function->parameters.end(),
                                      [&](const model::Parameter& p) { return p.name == entry->key.text; });
        if (parameter == function->parameters.end()) {
          report_unknown_argument(*function, *entry);
        } else if (entry->value && checked.emplace(entry->key.text, model::to_string(parameter->type)).second) {
          values_.check(parameter->type, *entry->value, entry->key.text);
        }
      }
      report_missing_arguments(*function, given);
    }
  }

  void report_missing_arguments(const model::Function& function, const std::vector<const ast::MapEntry*>& given) {
    for (const model::Parameter& parameter : function.parameters) {
      if (args_invalid_) break;
      const bool present = std::any_of(given.begin(), given.end(),
                                       [&](const ast::MapEntry* e) { return e->key.text == parameter.name; });
      if (present || is_optional(ctx_.program, parameter.type)) continue;
      ctx_.diags
          .report(DiagKind::MissingTestArgument, args_ != nullptr ? args_->key.span : decl_.name.span,
                  "test `" + decl_.name.text + "` does not pass `" + parameter.name + "`, a required parameter of `" +
                      function.name + "`")
          .with_hint("add `" + parameter.name + " " + example_value(ctx_.program, parameter.type, 0) + "` to " +
                     (args_ != nullptr ? "`args`" : "an `args { ... }` block"));
    }
  }

  // `x 10s` where a string is expected is the text "10s" (LANGUAGE.md): the value checker says
  // which literals it took so, and the IR carries their text rather than their milliseconds.
  void pass_durations_as_text(ast::Value& value) {
    if (value.kind == ast::ValueKind::Duration && values_.took_as_text(value.span)) value.kind = ast::ValueKind::Word;
    for (ast::Value& item : value.items) pass_durations_as_text(item);
    for (ast::MapEntry& entry : value.entries) {
      if (entry.value) pass_durations_as_text(*entry.value);
    }
  }

  void report_unknown_argument(const model::Function& function, const ast::MapEntry& entry) {
    std::vector<std::string_view> names;
    for (const model::Parameter& p : function.parameters) names.push_back(p.name);
    Diagnostic& d = ctx_.diags.report(DiagKind::UnknownTestArgument, entry.key.span,
                                      "test `" + decl_.name.text + "` passes an unknown argument `" + entry.key.text +
                                          "` to `" + function.name + "`");
    if (auto guess = closest_match(entry.key.text, std::span<const std::string_view>(names))) {
      d.with_hint("did you mean `" + *guess + "`?");
    } else if (names.empty()) {
      d.with_hint("`" + function.name + "` takes no arguments; remove it");
    } else {
      d.with_hint("`" + function.name + "` takes " + quoted_list(std::span<const std::string_view>(names), "and"));
    }
  }

  Context& ctx_;
  ValueChecker& values_;
  const ast::TestDecl& decl_;
  const ast::MapEntry* functions_entry_ = nullptr;
  const ast::MapEntry* args_ = nullptr;
  bool args_invalid_ = false;                      // reported; missing arguments are not reported on top
  std::vector<const model::Function*> functions_;  // the listed functions that exist
  model::Test out_;
};

}  // namespace

void check_tests(Context& ctx) {
  ValueChecker values(ctx);
  // As in BAML, a test's name must be unique among the tests of each function it lists: two
  // tests named `Basic` for two different functions are fine.
  std::map<std::pair<std::string, std::string>, Span> named;  // (function, test) -> first test
  ctx.for_each<ast::TestDecl>([&](const ast::TestDecl& decl) {
    if (decl.name.text.empty()) return;
    model::Test test = TestChecker(ctx, values, decl).check();
    bool duplicate = false;
    for (const std::string& function : test.functions) {
      auto [it, fresh] = named.try_emplace({function, test.name}, decl.name.span);
      if (fresh || duplicate) continue;
      duplicate = true;
      ctx.diags.report(DiagKind::DuplicateDefinition, decl.name.span,
                       "test `" + test.name + "` is defined more than once for function `" + function + "`")
          .with_hint("rename one of them; a function's tests need names of their own")
          .with_note(it->second, "the first definition (test) is here");
    }
    if (duplicate) return;
    ctx.program.tests.push_back(std::move(test));
    if (decl.type_builder) check_type_builder(ctx, *decl.type_builder);
  });
}

}  // namespace bamlc::sema
