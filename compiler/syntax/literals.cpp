#include "compiler/syntax/literals.h"

#include <algorithm>
#include <cctype>

namespace bamlc::syntax {

std::string decode_quoted_string(std::string_view token) {
  std::string_view body = token.substr(1);
  if (!body.empty() && body.back() == '"') body.remove_suffix(1);
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\\' || i + 1 == body.size()) {
      out += body[i];
      continue;
    }
    const char next = body[++i];
    switch (next) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '0': out += '\0'; break;
      case '"': out += '"'; break;
      case '\\': out += '\\'; break;
      default:
        out += '\\';
        out += next;
        break;
    }
  }
  return out;
}

RawStringParts split_raw_string(std::string_view token) {
  RawStringParts parts;
  while (parts.hashes < static_cast<int>(token.size()) && token[parts.hashes] == '#') ++parts.hashes;
  const std::size_t open = parts.hashes + 1;  // the hashes and the quote
  const std::string close = "\"" + std::string(parts.hashes, '#');
  parts.terminated = token.size() >= open + close.size() && token.substr(token.size() - close.size()) == close;
  const std::size_t end = parts.terminated ? token.size() - close.size() : token.size();
  parts.content = token.substr(std::min(open, end), end - std::min(open, end));
  return parts;
}

std::optional<NumberProblem> non_duration_number_problem(std::string_view token) {
  std::string_view digits = token;
  if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) digits.remove_prefix(1);
  const bool separators = digits.find('_') != std::string_view::npos &&
                          std::all_of(digits.begin(), digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '.'; });
  if (separators) {
    std::string plain(token);
    plain.erase(std::remove(plain.begin(), plain.end(), '_'), plain.end());
    return NumberProblem{"numbers cannot contain `_` digit separators", "write `" + plain + "`"};
  }
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    return NumberProblem{"hexadecimal numbers are not supported", "write the number in decimal"};
  }
  // 1e3, 2.5E-3: exponent notation.
  std::size_t i = 0;
  while (i < digits.size() && (std::isdigit(static_cast<unsigned char>(digits[i])) || digits[i] == '.')) ++i;
  if (i > 0 && i + 1 < digits.size() && (digits[i] == 'e' || digits[i] == 'E')) {
    std::size_t j = i + 1;
    if (digits[j] == '+' || digits[j] == '-') ++j;
    const bool all_digits = j < digits.size() && std::all_of(digits.begin() + j, digits.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (all_digits) return NumberProblem{"exponent notation is not supported", "write the number out in full"};
  }
  return std::nullopt;
}

}  // namespace bamlc::syntax
