// A forward-only reader over JSON text, for decoding answers without building a document: the
// caller walks the objects it cares about and skips everything else, so a reply costs a pass over
// its bytes and the copies of the few strings kept (the text, the model, the finish reason).
//
// It accepts only what nlohmann::json::parse accepts, and reads the same values from it; it may
// refuse some valid JSON it does not bother with (a byte order mark, nesting deeper than
// kMaxDepth, an integer of more than 18 digits where a value is wanted). Any refusal, and any
// syntax error, puts the reader in the failed state: every later call does nothing. Callers use
// it as a fast path and decode with nlohmann::json when it fails, so errors (and their messages)
// come from one place.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <baml/utf8.h>

#include "call/utf8.h"

namespace baml::wire {

class JsonReader {
 public:
  static constexpr int kMaxDepth = 64;

  explicit JsonReader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

  bool ok() const { return ok_; }
  void fail() {
    ok_ = false;
    p_ = end_;
  }

  // The kind of the next value: '{', '[', '"', 't', 'f', 'n', '0' for a number; 0 when failed or
  // at the end of the text.
  char peek() {
    skip_whitespace();
    if (p_ == end_) return 0;
    const char c = *p_;
    if (c == '-' || (c >= '0' && c <= '9')) return '0';
    return c;
  }

  // The text was one value and nothing but whitespace follows it.
  bool finished() {
    skip_whitespace();
    return ok_ && p_ == end_;
  }

  // Reads an object, calling on_member(key) for each member; on_member must consume the value
  // (read it or skip it), and must use `key` before reading anything else.
  template <class OnMember>
  void object(OnMember&& on_member) {
    if (peek() != '{' || !enter()) return fail();
    ++p_;
    if (peek() == '}') {
      ++p_;
      --depth_;
      return;
    }
    for (;;) {
      if (peek() != '"') return fail();
      std::string_view key;
      if (!scan_string(&key_, &key)) return;
      if (peek() != ':') return fail();
      ++p_;
      on_member(key);
      if (!ok_) return;
      const char next = peek();
      if (next != ',' && next != '}') return fail();
      ++p_;
      if (next == '}') break;
    }
    --depth_;
  }

  // Reads an array, calling on_element(index) for each element; on_element must consume it.
  template <class OnElement>
  void array(OnElement&& on_element) {
    if (peek() != '[' || !enter()) return fail();
    ++p_;
    if (peek() == ']') {
      ++p_;
      --depth_;
      return;
    }
    for (std::size_t i = 0;; ++i) {
      on_element(i);
      if (!ok_) return;
      const char next = peek();
      if (next != ',' && next != ']') return fail();
      ++p_;
      if (next == ']') break;
    }
    --depth_;
  }

  // Reads a string value into `out` (replacing its contents).
  void string(std::string& out) {
    if (peek() != '"') return fail();
    std::string_view view;
    if (!scan_string(&out, &view)) return;
    if (view.data() != out.data()) out.assign(view);
  }

  // Reads a number. An integer (no fraction, no exponent) sets `value`; any other number leaves it
  // unset, as nlohmann reads it as a float. An integer too long to be read here fails.
  void number(std::optional<std::int64_t>& value) {
    value.reset();
    if (peek() != '0') return fail();
    bool small_integer = false;
    scan_number(value, small_integer);
    if (ok_ && !small_integer && !value) {
      // A float, or an integer of more than 18 digits, which nlohmann may read as an unsigned.
      const char* start = number_start_;
      const bool plain = std::all_of(start, p_, [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
      if (plain) fail();
    }
  }

  // Skips one value of any kind, checking its syntax.
  void skip() {
    switch (peek()) {
      case '{': return object([this](std::string_view) { skip(); });
      case '[': return array([this](std::size_t) { skip(); });
      case '"': {
        std::string_view ignored;
        scan_string(nullptr, &ignored);
        return;
      }
      case '0': {
        std::optional<std::int64_t> ignored;
        bool small_integer = false;
        return scan_number(ignored, small_integer);
      }
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default: return fail();
    }
  }

 private:
  bool enter() { return ++depth_ <= kMaxDepth; }

  void skip_whitespace() {
    while (p_ != end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
  }

  bool skip_digits() {
    const char* start = p_;
    while (p_ != end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    return p_ != start;
  }

  // At a number (RFC 8259 syntax). An integer of at most 18 digits sets `value` and
  // `small_integer`. Any other number must be one nlohmann reads as a finite double (it rejects
  // an overflow); a number from_chars cannot read exactly that way (an underflow) fails here.
  void scan_number(std::optional<std::int64_t>& value, bool& small_integer) {
    number_start_ = p_;
    const bool negative = *p_ == '-';
    if (negative) ++p_;
    if (p_ == end_) return fail();
    std::int64_t magnitude = 0;
    int digits = 0;
    if (*p_ == '0') {
      ++p_;
      digits = 1;
    } else if (*p_ >= '1' && *p_ <= '9') {
      while (p_ != end_ && *p_ >= '0' && *p_ <= '9') {
        if (++digits <= 18) magnitude = magnitude * 10 + (*p_ - '0');
        ++p_;
      }
    } else {
      return fail();
    }
    bool integer = true;
    if (p_ != end_ && *p_ == '.') {
      ++p_;
      if (!skip_digits()) return fail();
      integer = false;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!skip_digits()) return fail();
      integer = false;
    }
    if (integer && digits <= 18) {
      small_integer = true;
      value = negative ? -magnitude : magnitude;
      return;
    }
    double parsed = 0;
    const auto [end, error] = std::from_chars(number_start_, p_, parsed);
    if (error != std::errc() || end != p_ || !std::isfinite(parsed)) return fail();
  }

  void literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return fail();
    p_ += word.size();
  }

  int hex4() {
    if (end_ - p_ < 4) return -1;
    int value = 0;
    for (int i = 0; i < 4; ++i) {
      const char c = *p_++;
      value <<= 4;
      if (c >= '0' && c <= '9') {
        value |= c - '0';
      } else if (c >= 'a' && c <= 'f') {
        value |= c - 'a' + 10;
      } else if (c >= 'A' && c <= 'F') {
        value |= c - 'A' + 10;
      } else {
        return -1;
      }
    }
    return value;
  }

  // At an opening quote: reads the string. Without escapes `*view` points into the text; with
  // them the decoded string is built in `*buffer` (if given) and `*view` points there.
  bool scan_string(std::string* buffer, std::string_view* view) {
    ++p_;
    const char* start = p_;
    while (p_ != end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        *view = std::string_view(start, static_cast<std::size_t>(p_ - start));
        ++p_;
        return true;
      }
      if (c == '\\' || c < 0x20 || c >= 0x80) break;
      ++p_;
    }
    if (buffer != nullptr) buffer->assign(start, p_);
    while (p_ != end_) {
      const auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        ++p_;
        *view = buffer != nullptr ? std::string_view(*buffer) : std::string_view();
        return true;
      }
      if (c < 0x20) break;
      if (c >= 0x80) {
        const std::size_t n = utf8_sequence_length(p_, end_);
        if (n == 0) break;
        if (buffer != nullptr) buffer->append(p_, n);
        p_ += n;
        continue;
      }
      if (c != '\\') {
        if (buffer != nullptr) *buffer += static_cast<char>(c);
        ++p_;
        continue;
      }
      if (++p_ == end_) break;
      char plain = 0;
      switch (*p_) {
        case '"': plain = '"'; break;
        case '\\': plain = '\\'; break;
        case '/': plain = '/'; break;
        case 'b': plain = '\b'; break;
        case 'f': plain = '\f'; break;
        case 'n': plain = '\n'; break;
        case 'r': plain = '\r'; break;
        case 't': plain = '\t'; break;
        case 'u': {
          ++p_;
          const int first = hex4();
          if (first < 0 || (first >= 0xDC00 && first <= 0xDFFF)) return fail(), false;
          std::uint32_t cp = static_cast<std::uint32_t>(first);
          if (first >= 0xD800 && first <= 0xDBFF) {
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return fail(), false;
            p_ += 2;
            const int second = hex4();
            if (second < 0xDC00 || second > 0xDFFF) return fail(), false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (static_cast<std::uint32_t>(second) - 0xDC00);
          }
          if (buffer != nullptr) append_utf8(*buffer, cp);
          continue;
        }
        default: return fail(), false;
      }
      if (buffer != nullptr) *buffer += plain;
      ++p_;
    }
    fail();
    return false;
  }

  const char* p_;
  const char* end_;
  const char* number_start_ = nullptr;
  int depth_ = 0;
  bool ok_ = true;
  std::string key_;  // a key that had escapes, decoded
};

}  // namespace baml::wire
