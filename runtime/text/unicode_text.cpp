// Unicode case mapping and accent folding (unicode_text.h), over tables the build writes from
// Python's unicodedata (make_unicode_tables.py): sorted by code point, searched by binary search.
#include "text/unicode_text.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <utility>

#include <baml/utf8.h>

namespace baml::text {

namespace {

#include "unicode_tables.inc"

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

template <std::size_t N>
const char* lookup(const CodeText (&table)[N], char32_t cp) {
  auto it = std::lower_bound(std::begin(table), std::end(table), cp,
                             [](const CodeText& e, char32_t c) { return e.code < c; });
  return it != std::end(table) && it->code == cp ? it->text : nullptr;
}

template <std::size_t N>
bool in_ranges(const CodeRange (&table)[N], char32_t cp) {
  auto it = std::upper_bound(std::begin(table), std::end(table), cp,
                             [](char32_t c, const CodeRange& r) { return c < r.first; });
  return it != std::begin(table) && cp <= std::prev(it)->last;
}

// Each code point of `text` (with its bytes) given to `each`, which appends what it becomes;
// bytes that are not UTF-8 are copied.
template <class Each>
std::string map_code_points(std::string_view text, Each each) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto [cp, n] = decode(text, i);
    if (n == 0) {
      out += text[i++];
      continue;
    }
    each(cp, text.substr(i, n), i, out);
    i += n;
  }
  return out;
}

// `c` mapped by `table` (ASCII by `ascii`), appended to `out`; unmapped code points as they are.
template <std::size_t N>
void append_mapped(char32_t c, std::string& out, const CodeText (&table)[N], int (*ascii)(int)) {
  if (c < 0x80) out += static_cast<char>(ascii(static_cast<int>(c)));
  else if (const char* t = lookup(table, c)) out += t;
  else append_utf8(out, c);
}

bool cased(char32_t c) { return is_lowercase(c) || is_uppercase(c); }

// Unicode's Final_Sigma condition, simplified to the neighbouring code points: a cased letter
// before the Σ at `at`, none right after it.
bool final_sigma(std::string_view text, std::size_t at, std::size_t length, bool after_cased) {
  if (!after_cased) return false;
  std::size_t next = at + length;
  if (next >= text.size()) return true;
  auto [cp, n] = decode(text, next);
  return n == 0 || !cased(cp);
}

}  // namespace

std::string fold_accents(std::string_view text) {
  return map_code_points(text, [](char32_t cp, std::string_view bytes, std::size_t, std::string& out) {
    if (cp >= 0x80) {
      if (const char* t = lookup(kAccentFolds, cp)) {
        out += t;
        return;
      }
    }
    out += bytes;
  });
}

void append_lowercase(char32_t c, std::string& out) {
  append_mapped(c, out, kLowerFull, [](int x) { return std::tolower(x); });
}

void append_uppercase(char32_t c, std::string& out) {
  append_mapped(c, out, kUpperFull, [](int x) { return std::toupper(x); });
}

std::string lowercase(std::string_view text) {
  bool after_cased = false;
  return map_code_points(text, [&](char32_t cp, std::string_view bytes, std::size_t at, std::string& out) {
    if (cp == 0x3A3 && final_sigma(text, at, bytes.size(), after_cased)) out += "\xCF\x82";  // ς
    else append_lowercase(cp, out);
    after_cased = cased(cp);
  });
}

std::string uppercase(std::string_view text) {
  return map_code_points(text, [](char32_t cp, std::string_view, std::size_t, std::string& out) { append_uppercase(cp, out); });
}

bool debug_escaped(char32_t c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && in_ranges(kDebugEscaped, c)); }

bool is_lowercase(char32_t c) { return c < 0x80 ? (c >= 'a' && c <= 'z') : in_ranges(kLowercase, c); }
bool is_uppercase(char32_t c) { return c < 0x80 ? (c >= 'A' && c <= 'Z') : in_ranges(kUppercase, c); }

}  // namespace baml::text
