// Unicode folds (text_fold.h), over tables the build writes from Python's unicodedata
// (make_fold_tables.py): sorted by code point, searched by binary search.
#include "parse/text_fold.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace baml::parse {

namespace {

#include "unicode_fold_tables.inc"

// The code point starting at `i` and its length in bytes; length 0 when the bytes there are not
// one well-formed UTF-8 sequence.
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
  if (n == 0 || i + n > s.size()) return {0, 0};
  char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {0, 0};
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  return {cp, n};
}

void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Each code point of `text` (with its bytes) given to `each`, which appends what it becomes.
template <class Each>
std::string map_code_points(std::string_view text, Each each) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      each(static_cast<char32_t>(c), text.substr(i, 1), out);
      ++i;
      continue;
    }
    auto [cp, n] = decode(text, i);
    if (n == 0) {
      out += text[i++];
      continue;
    }
    each(cp, text.substr(i, n), out);
    i += n;
  }
  return out;
}

// Whether the character `bytes` (a view into `text`) ends a word that began before it: something
// other than a space or punctuation written before it, nothing but those after it (Unicode's
// Final_Sigma condition, for ASCII neighbours).
bool ends_word(std::string_view text, std::string_view bytes, const std::string& before) {
  auto word_char = [](unsigned char c) { return c >= 0x80 || std::isalnum(c); };
  std::size_t after = static_cast<std::size_t>(bytes.data() - text.data()) + bytes.size();
  bool follows_word = !before.empty() && word_char(static_cast<unsigned char>(before.back()));
  bool word_goes_on = after < text.size() && word_char(static_cast<unsigned char>(text[after]));
  return follows_word && !word_goes_on;
}

}  // namespace

std::string fold_accents(std::string_view text) {
  return map_code_points(text, [](char32_t cp, std::string_view bytes, std::string& out) {
    if (cp < 0x80) {
      out += bytes;
      return;
    }
    auto it = std::lower_bound(std::begin(kAccentFolds), std::end(kAccentFolds), cp,
                               [](const AccentFold& f, char32_t c) { return f.code < c; });
    if (it != std::end(kAccentFolds) && it->code == cp) out += it->text;
    else out += bytes;
  });
}

std::string fold_case(std::string_view text) {
  return map_code_points(text, [text](char32_t cp, std::string_view bytes, std::string& out) {
    if (cp < 0x80) {
      out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
      return;
    }
    if (cp == 0x3A3 && ends_word(text, bytes, out)) {
      out += "\xCF\x82";  // final sigma, as Rust's and Python's lowercase write it
      return;
    }
    auto it = std::lower_bound(std::begin(kLowercase), std::end(kLowercase), cp,
                               [](const Lowercase& l, char32_t c) { return l.code < c; });
    if (it != std::end(kLowercase) && it->code == cp) encode(it->lower, out);
    else out += bytes;
  });
}

}  // namespace baml::parse
