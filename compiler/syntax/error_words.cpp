#include "compiler/syntax/error_words.h"

#include "antlr4-runtime.h"

namespace bamlc::syntax {

std::string describe_found(const antlr4::Token* token, std::string_view end_of) {
  if (token->getType() == antlr4::Token::EOF) return "end of " + std::string(end_of);
  std::string text = token->getText();
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return "`" + text + "`";
}

std::string join_alternatives(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += (i + 1 == items.size()) ? " or " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace bamlc::syntax
