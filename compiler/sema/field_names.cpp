#include "compiler/sema/field_names.h"

#include <algorithm>
#include <array>
#include <string>

namespace bamlc::sema {
namespace {

// Taken from baml-cli 0.226.2 itself: about 300 keywords of C++, Python, TypeScript, Go, Rust,
// Java, Kotlin, Swift, Ruby and C#, and BAML's own words, were checked as field names; these are
// the ones it refused (`if`, `match` and `type`, for instance, it accepts). Sorted, for the search.
constexpr std::array kRefused = {
    "Self", "and", "and_eq", "any", "assert", "asserts", "async", "audio", "await", "bigint", "bool", "box",
    "break", "byte", "catch", "chan", "char", "char16_t", "char32_t", "char8_t", "class", "compl", "const",
    "consteval", "constexpr", "constructor", "continue", "crossinline", "debugger", "declare", "defer",
    "delegate", "do", "dyn", "dynamic", "elif", "else", "emit", "enum", "export", "extends", "extern",
    "false", "finally", "fixed", "float", "for", "foreach", "func", "function", "get", "global", "go", "goto",
    "image", "implements", "import", "in", "inline", "instanceof", "int", "internal", "keyof", "lambda",
    "lazy", "let", "lock", "long", "macro", "module", "move", "mut", "namespace", "native", "new", "nil",
    "noexcept", "nonlocal", "not", "not_eq", "null", "nullptr", "or", "or_eq", "package", "params", "pdf",
    "private", "protected", "pub", "public", "readonly", "ref", "reflexpr", "register", "reinterpret_cast",
    "requires", "return", "sbyte", "sealed", "select", "self", "set", "short", "sizeof", "stackalloc",
    "static", "static_assert", "static_cast", "std", "strictfp", "string", "struct", "subscript", "super",
    "switch", "template", "this", "thread_local", "throw", "throws", "trait", "transient", "true", "try",
    "typealias", "typedef", "typeof", "uint", "ulong", "union", "unsafe", "unsigned", "unsized", "use",
    "using", "var", "video", "virtual", "void", "volatile", "wchar_t", "while", "with", "xor", "xor_eq",
    "yield",
};

}  // namespace

bool baml_cli_rejects_field_name(std::string_view name) {
  return std::binary_search(kRefused.begin(), kRefused.end(), name,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

void warn_if_keyword_field(std::string_view owner, const ast::Name& name, bool has_alias, DiagnosticSink& diags) {
  if (!baml_cli_rejects_field_name(name.text)) return;
  Diagnostic& d = diags.report(DiagKind::KeywordFieldName, name.span,
                               "baml-cli rejects field `" + name.text + "` of class `" + std::string(owner) +
                                   "`: BAML reserves the name (a keyword of BAML or of a language it generates)");
  if (has_alias) {
    d.with_hint("rename the field; its @alias keeps the key the model writes");
  } else {
    d.with_hint("rename it (e.g. `" + name.text + "_`) and add `@alias(\"" + name.text +
                "\")` to keep the key the model writes");
  }
}

}  // namespace bamlc::sema
