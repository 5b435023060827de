// The one printer of the C++ generator: text with `$name$` substitutions and automatic
// indentation. Every line printed between indent() and outdent() is prefixed by two more spaces;
// a substituted value that spans several lines is indented line by line too. `$$` prints `$`.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace bamlc::codegen {

class Printer {
 public:
  using Vars = std::initializer_list<std::pair<std::string_view, std::string_view>>;

  // Prints `text` with every `$name$` replaced by its value in `vars` (an unknown name throws
  // std::logic_error: a template mistake, not a user error).
  void print(std::string_view text, Vars vars = {});
  void indent() { level_ += 1; }
  void outdent() { level_ -= 1; }
  const std::string& str() const { return out_; }

 private:
  void put(std::string_view piece);
  std::string out_;
  int level_ = 0;
  bool at_line_start_ = true;
};

}  // namespace bamlc::codegen
