// Random small edits of a JSON text (a character replaced, dropped or inserted, from an alphabet
// of JSON's own characters and some invalid UTF-8), for the provider tests that check the fast
// decoder against the full JSON parser on thousands of near-valid texts.
#pragma once

#include <random>
#include <string>

namespace baml::testing {

inline std::string mutated(std::string text, std::mt19937& random) {
  static const std::string kAlphabet = "{}[]:,\"\\u0123456789abcdefnltrue-+.eE \n\t\xC3\xA9\xED\x80";
  const int edits = 1 + static_cast<int>(random() % 3);
  for (int i = 0; i < edits && !text.empty(); ++i) {
    const std::size_t at = random() % text.size();
    const char c = kAlphabet[random() % kAlphabet.size()];
    switch (random() % 3) {
      case 0: text[at] = c; break;
      case 1: text.erase(at, 1); break;
      default: text.insert(at, 1, c); break;
    }
  }
  return text;
}

}  // namespace baml::testing
