// A small strict JSON reader producing JValues (numbers keep their literal text).
#include "parse/strict_json.h"

#include <cstdint>

namespace baml::parse {

namespace {

constexpr int kMaxDepth = 128;

class Reader {
 public:
  explicit Reader(std::string_view t) : t_(t) {}

  std::optional<JValue> document() {
    ws();
    auto v = value(0);
    if (!v) return std::nullopt;
    ws();
    if (i_ != t_.size()) return std::nullopt;
    return v;
  }

 private:
  std::string_view t_;
  std::size_t i_ = 0;

  void ws() {
    while (i_ < t_.size() && (t_[i_] == ' ' || t_[i_] == '\t' || t_[i_] == '\n' || t_[i_] == '\r')) ++i_;
  }
  bool lit(std::string_view w) {
    if (t_.substr(i_, w.size()) != w) return false;
    i_ += w.size();
    return true;
  }

  std::optional<JValue> value(int depth) {
    if (i_ >= t_.size() || depth > kMaxDepth) return std::nullopt;
    char c = t_[i_];
    JValue v;
    if (c == '{') {
      ++i_;
      v.kind = JValue::Kind::Object;
      ws();
      if (i_ < t_.size() && t_[i_] == '}') { ++i_; return v; }
      for (;;) {
        ws();
        if (i_ >= t_.size() || t_[i_] != '"') return std::nullopt;
        auto k = string();
        if (!k) return std::nullopt;
        ws();
        if (i_ >= t_.size() || t_[i_] != ':') return std::nullopt;
        ++i_;
        ws();
        auto x = value(depth + 1);
        if (!x) return std::nullopt;
        v.entries.emplace_back(std::move(*k), std::move(*x));
        ws();
        if (i_ >= t_.size()) return std::nullopt;
        if (t_[i_] == ',') { ++i_; continue; }
        if (t_[i_] == '}') { ++i_; return v; }
        return std::nullopt;
      }
    }
    if (c == '[') {
      ++i_;
      v.kind = JValue::Kind::Array;
      ws();
      if (i_ < t_.size() && t_[i_] == ']') { ++i_; return v; }
      for (;;) {
        ws();
        auto x = value(depth + 1);
        if (!x) return std::nullopt;
        v.items.push_back(std::move(*x));
        ws();
        if (i_ >= t_.size()) return std::nullopt;
        if (t_[i_] == ',') { ++i_; continue; }
        if (t_[i_] == ']') { ++i_; return v; }
        return std::nullopt;
      }
    }
    if (c == '"') {
      auto s = string();
      if (!s) return std::nullopt;
      return JValue::string(std::move(*s));
    }
    if (lit("true")) { v.kind = JValue::Kind::Bool; v.boolean = true; return v; }
    if (lit("false")) { v.kind = JValue::Kind::Bool; return v; }
    if (lit("null")) return v;
    return number();
  }

  std::optional<JValue> number() {
    std::size_t start = i_;
    if (i_ < t_.size() && t_[i_] == '-') ++i_;
    if (i_ >= t_.size()) return std::nullopt;
    if (t_[i_] == '0') {
      ++i_;
    } else if (t_[i_] >= '1' && t_[i_] <= '9') {
      while (i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9') ++i_;
    } else {
      return std::nullopt;
    }
    if (i_ < t_.size() && t_[i_] == '.') {
      ++i_;
      std::size_t d = i_;
      while (i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9') ++i_;
      if (i_ == d) return std::nullopt;
    }
    if (i_ < t_.size() && (t_[i_] == 'e' || t_[i_] == 'E')) {
      ++i_;
      if (i_ < t_.size() && (t_[i_] == '+' || t_[i_] == '-')) ++i_;
      std::size_t d = i_;
      while (i_ < t_.size() && t_[i_] >= '0' && t_[i_] <= '9') ++i_;
      if (i_ == d) return std::nullopt;
    }
    JValue v;
    v.kind = JValue::Kind::Number;
    v.text = std::string(t_.substr(start, i_ - start));
    return v;
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }
  bool hex4(unsigned& cp) {
    if (i_ + 4 > t_.size()) return false;
    cp = 0;
    for (int k = 0; k < 4; ++k) {
      int h = hex(t_[i_ + static_cast<std::size_t>(k)]);
      if (h < 0) return false;
      cp = cp * 16 + static_cast<unsigned>(h);
    }
    i_ += 4;
    return true;
  }

  std::optional<std::string> string() {
    ++i_;  // opening quote
    std::string out;
    for (;;) {
      if (i_ >= t_.size()) return std::nullopt;
      char c = t_[i_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) return std::nullopt;
      if (c != '\\') { out += c; continue; }
      if (i_ >= t_.size()) return std::nullopt;
      char e = t_[i_++];
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
          if (!hex4(cp)) return std::nullopt;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned lo = 0;
            if (i_ + 1 < t_.size() && t_[i_] == '\\' && t_[i_ + 1] == 'u') {
              i_ += 2;
              if (!hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return std::nullopt;
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            } else {
              return std::nullopt;
            }
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return std::nullopt;
          }
          append_utf8(out, cp);
          break;
        }
        default: return std::nullopt;
      }
    }
  }
};

}  // namespace

std::optional<JValue> parse_strict_json(std::string_view text) { return Reader(text).document(); }

}  // namespace baml::parse
