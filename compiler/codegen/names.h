// C++ names for BAML names (CODEGEN.md, "Names"): BAML spellings kept; C++ keywords, alternative
// tokens and the usual macro names get a trailing `_`; a name that then collides with another in
// its scope, or with a reserved (generated) name, gets one more `_` until it is unique, in
// declaration order. The BAML name is kept beside the C++ name by the callers, never derived back.
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace bamlc::codegen {

// Whether `name` is a C++ keyword, alternative token or one of the listed macro names.
bool is_reserved_word(std::string_view name);

// Any text made into an identifier: characters outside [A-Za-z0-9_] become `_`, a leading digit
// gets a `_` in front, the empty text becomes `_`. (Literal values become enumerators this way.)
std::string identifier_from(std::string_view text);

// One naming scope: names handed out in order, each unique in the scope and never a reserved one.
class NameScope {
 public:
  NameScope() = default;
  explicit NameScope(std::set<std::string> reserved) : taken_(std::move(reserved)) {}
  // Reserves a name without handing it out (generated names of the scope).
  void reserve(const std::string& name) { taken_.insert(name); }
  // The C++ name for BAML name `baml_name`.
  std::string add(std::string_view baml_name);

 private:
  std::set<std::string> taken_;
};

}  // namespace bamlc::codegen
