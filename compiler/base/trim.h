// Whitespace taken off both ends of a text (spaces, tabs, line ends).
#pragma once

#include <string>

namespace bamlc {

inline std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace bamlc
