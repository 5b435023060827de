#include "compiler/codegen/names.h"

#include <algorithm>
#include <array>

namespace bamlc::codegen {
namespace {

// C++20 keywords (a superset of C++17's), the alternative tokens, and the macro names CODEGEN.md
// lists. Sorted, for binary search.
constexpr std::array<std::string_view, 112> kReserved = {
    "DOMAIN", "EOF", "FALSE", "NULL", "TRUE", "alignas", "alignof", "and", "and_eq", "asm", "assert",
    "atomic_cancel", "atomic_commit", "atomic_noexcept", "auto", "bitand", "bitor", "bool", "break", "case",
    "catch", "char", "char16_t", "char32_t", "char8_t", "class", "co_await", "co_return", "co_yield", "compl",
    "concept", "const", "const_cast", "consteval", "constexpr", "constinit", "continue", "decltype", "default",
    "delete", "do", "double", "dynamic_cast", "else", "enum", "errno", "explicit", "export", "extern", "false",
    "final", "float", "for", "friend", "goto", "if", "import", "inline", "int", "linux", "long", "module",
    "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq",
    "override", "private", "protected", "public", "reflexpr", "register", "reinterpret_cast", "requires",
    "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct", "switch",
    "synchronized", "template", "this", "thread_local", "throw", "transaction_safe",
    "transaction_safe_dynamic", "true", "try", "typedef", "typeid", "typename", "union", "unix", "unsigned",
    "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq"};

}  // namespace

bool is_reserved_word(std::string_view name) {
  return std::binary_search(kReserved.begin(), kReserved.end(), name);
}

std::string identifier_from(std::string_view text) {
  std::string out;
  for (char ch : text) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
    out += ok ? ch : '_';
  }
  if (out.empty() || (out[0] >= '0' && out[0] <= '9')) out.insert(out.begin(), '_');
  return out;
}

std::string NameScope::add(std::string_view baml_name) {
  std::string name(baml_name);
  if (is_reserved_word(name)) name += '_';
  while (taken_.count(name) != 0) name += '_';
  taken_.insert(name);
  return name;
}

}  // namespace bamlc::codegen
