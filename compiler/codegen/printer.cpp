#include "compiler/codegen/printer.h"

#include <stdexcept>

namespace bamlc::codegen {

void Printer::put(std::string_view piece) {
  // Whole runs between newlines at once: the generated files of a large project are megabytes.
  while (!piece.empty()) {
    const std::size_t nl = piece.find('\n');
    const std::string_view line = piece.substr(0, nl);
    if (!line.empty()) {
      if (at_line_start_) out_.append(static_cast<std::size_t>(level_ * 2), ' ');
      out_.append(line);
      at_line_start_ = false;
    }
    if (nl == std::string_view::npos) return;
    out_ += '\n';
    at_line_start_ = true;
    piece.remove_prefix(nl + 1);
  }
}

void Printer::print(std::string_view text, Vars vars) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t dollar = text.find('$', i);
    if (dollar == std::string_view::npos) {
      put(text.substr(i));
      return;
    }
    put(text.substr(i, dollar - i));
    const std::size_t end = text.find('$', dollar + 1);
    if (end == std::string_view::npos) throw std::logic_error("printer: unterminated $ in template");
    const std::string_view name = text.substr(dollar + 1, end - dollar - 1);
    if (name.empty()) {
      put("$");
    } else {
      bool found = false;
      for (const auto& [key, value] : vars) {
        if (key == name) {
          put(value);
          found = true;
          break;
        }
      }
      if (!found) throw std::logic_error("printer: no value for $" + std::string(name) + "$");
    }
    i = end + 1;
  }
}

}  // namespace bamlc::codegen
