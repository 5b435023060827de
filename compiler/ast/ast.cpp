#include "compiler/ast/ast.h"

namespace bamlc::ast {

const MapEntry* find_entry(const std::vector<MapEntry>& entries, std::string_view key) {
  for (const MapEntry& entry : entries) {
    if (entry.key.text == key) return &entry;
  }
  return nullptr;
}

std::string_view value_kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::String: return "a string";
    case ValueKind::RawString: return "a raw string";
    case ValueKind::Int: return "an integer";
    case ValueKind::Float: return "a number";
    case ValueKind::Duration: return "a duration";
    case ValueKind::Word: return "a bare word";
    case ValueKind::EnvRef: return "an environment variable";
    case ValueKind::Map: return "a block";
    case ValueKind::List: return "a list";
    case ValueKind::JinjaExpr: return "a Jinja expression";
    case ValueKind::Invalid: return "an invalid value";
  }
  return "a value";
}

}  // namespace bamlc::ast
