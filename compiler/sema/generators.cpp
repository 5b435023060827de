#include "compiler/sema/generators.h"

#include <array>
#include <string_view>

#include "compiler/base/spelling.h"
#include "compiler/sema/duplicate_keys.h"

namespace bamlc::sema {
namespace {

constexpr std::string_view kOwnOutputType = "cpp";
// What baml-cli 0.226 generates; bamlc leaves these to it.
constexpr std::array<std::string_view, 8> kBamlOutputTypes = {
    "python/pydantic", "python/pydantic/v1", "typescript", "typescript/react",
    "ruby/sorbet",     "go",                 "rust",       "rest/openapi"};

}  // namespace

void check_generator(const ast::GeneratorDecl& generator, DiagnosticSink& diags) {
  report_duplicate_keys(diags, generator.body, "generator `" + generator.name.text + "`");
  const ast::MapEntry* output_type = ast::find_entry(generator.body, "output_type");
  if (output_type == nullptr) {
    diags.report(DiagKind::MissingOutputType, generator.name.span, "generator `" + generator.name.text + "` has no `output_type`")
        .with_hint("add `output_type \"cpp\"` to generate C++ bindings");
    return;
  }
  if (!output_type->value) return;  // reported by the parser
  const ast::Value& value = *output_type->value;
  if (value.kind != ast::ValueKind::String && value.kind != ast::ValueKind::Word) {
    diags.report(DiagKind::UnknownOutputType, value.span, "`output_type` takes a string, not " + std::string(ast::value_kind_name(value.kind)))
        .with_hint("write `output_type \"cpp\"`");
    return;
  }
  if (value.text == kOwnOutputType) return;
  for (std::string_view baml : kBamlOutputTypes) {
    if (value.text == baml) {
      diags.report(DiagKind::UnsupportedGenerator, value.span, "bamlc does not generate `" + value.text + "` code; generator `" + generator.name.text + "` is skipped")
          .with_hint("baml-cli still generates it; add a generator with `output_type \"cpp\"` for bamlc's C++ bindings");
      return;
    }
  }
  std::vector<std::string_view> known{kOwnOutputType};
  known.insert(known.end(), kBamlOutputTypes.begin(), kBamlOutputTypes.end());
  Diagnostic& d = diags.report(DiagKind::UnknownOutputType, value.span, "unknown output_type `" + value.text + "`");
  if (auto guess = closest_match(value.text, std::span<const std::string_view>(known))) {
    d.with_hint("did you mean `" + *guess + "`?");
  } else {
    d.with_hint("bamlc generates `cpp`; baml-cli also knows " + quoted_list(std::span<const std::string_view>(kBamlOutputTypes), "and"));
  }
}

}  // namespace bamlc::sema
