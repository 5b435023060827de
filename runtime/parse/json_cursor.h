// The tokens of strict JSON (RFC 8259), read in place: whitespace, literals, numbers (as their
// text), strings (unescaped, or as a view of the text when they hold no escape). Shared by the
// strict reader that builds JValues (strict_json.cpp) and the typed reader that builds Values
// straight from clean answers (exact_json.cpp), so that both accept exactly the same texts.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <baml/utf8.h>  // append_utf8

namespace baml::parse {

// Nesting deeper than this is not strict JSON here (serde_json's limit, as BAML's).
inline constexpr int kMaxStrictDepth = 128;

// A hex digit's value, or -1.
inline int hex_digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct JsonCursor {
  std::string_view t;
  std::size_t i = 0;

  bool at_end() const { return i >= t.size(); }
  char peek() const { return t[i]; }
  // Consumes `c` when it comes next.
  bool eat(char c) {
    if (i < t.size() && t[i] == c) {
      ++i;
      return true;
    }
    return false;
  }
  void ws() {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) ++i;
  }
  bool lit(std::string_view w) {
    if (t.substr(i, w.size()) != w) return false;
    i += w.size();
    return true;
  }

  // A number's text (JSON's grammar), or nullopt.
  std::optional<std::string_view> number() {
    std::size_t start = i;
    if (i < t.size() && t[i] == '-') ++i;
    if (i >= t.size()) return std::nullopt;
    if (t[i] == '0') {
      ++i;
    } else if (t[i] >= '1' && t[i] <= '9') {
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    } else {
      return std::nullopt;
    }
    if (i < t.size() && t[i] == '.') {
      ++i;
      std::size_t d = i;
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
      if (i == d) return std::nullopt;
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
      ++i;
      if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
      std::size_t d = i;
      while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
      if (i == d) return std::nullopt;
    }
    return t.substr(start, i - start);
  }

  // A string at the cursor (on its opening quote). Returns false when it is not valid JSON. When
  // it holds no escape, `view` is its content in the text and `out` is untouched; otherwise
  // `out` is the unescaped content and `view` refers to it.
  bool string(std::string& out, std::string_view& view) {
    ++i;  // opening quote
    std::size_t start = i;
    std::size_t plain = plain_run(i);
    if (plain < t.size() && t[plain] == '"') {
      view = t.substr(start, plain - start);
      i = plain + 1;
      return true;
    }
    out.assign(t.data() + start, plain - start);
    i = plain;
    if (!escaped_rest(out)) return false;
    view = out;
    return true;
  }
  // The same, the content always in `out`.
  bool string(std::string& out) {
    std::string_view view;
    if (!string(out, view)) return false;
    if (view.data() != out.data()) out.assign(view);
    return true;
  }

 private:
  // The end of a run of plain bytes from `p` (no quote, backslash or control byte).
  std::size_t plain_run(std::size_t p) const {
    while (p < t.size() && t[p] != '"' && t[p] != '\\' && static_cast<unsigned char>(t[p]) >= 0x20) ++p;
    return p;
  }
  bool hex4(unsigned& cp) {
    if (i + 4 > t.size()) return false;
    cp = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      int h = hex_digit_value(t[i + k]);
      if (h < 0) return false;
      cp = cp * 16 + static_cast<unsigned>(h);
    }
    i += 4;
    return true;
  }
  // The rest of a string from the cursor, appended to `out` unescaped, through its closing quote.
  bool escaped_rest(std::string& out) {
    for (;;) {
      std::size_t plain = plain_run(i);
      out.append(t.data() + i, plain - i);
      i = plain;
      if (i >= t.size()) return false;
      char c = t[i++];
      if (c == '"') return true;
      if (c != '\\') return false;  // a control byte
      if (i >= t.size()) return false;
      char e = t[i++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned lo = 0;
            if (i + 1 >= t.size() || t[i] != '\\' || t[i + 1] != 'u') return false;
            i += 2;
            if (!hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return false;
          }
          append_utf8(out, cp);
          break;
        }
        default: return false;
      }
    }
  }
};

}  // namespace baml::parse
