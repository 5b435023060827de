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
      // A run of plain bytes (no quote, backslash or control byte) is copied in one go.
      std::size_t plain = i_;
      while (plain < t_.size() && t_[plain] != '"' && t_[plain] != '\\' && static_cast<unsigned char>(t_[plain]) >= 0x20) ++plain;
      out.append(t_.data() + i_, plain - i_);
      i_ = plain;
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

// The recognizer follows Reader above decision for decision: the same whitespace (space, tab,
// line feed, carriage return), the same nesting limit (a value deeper than kMaxDepth fails), the
// same string rules (no control characters; a high surrogate escape must be followed by a low
// one), the same number grammar.

bool StrictRecognizer::complete() const {
  if (!stack_.empty()) return false;
  switch (state_) {
    case kRootAfter: return true;
    case kNumZero:
    case kNumInt:
    case kNumFrac:
    case kNumExp: return true;  // a number at the root, ended by the end of the text
    default: return false;
  }
}

namespace {
bool json_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool hex_digit(unsigned char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
unsigned hex_value(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10u;
  return c - 'A' + 10u;
}
}  // namespace

// A value ended: what may follow depends on where it was.
void StrictRecognizer::after_value() {
  if (stack_.empty()) state_ = kRootAfter;
  else state_ = stack_.back() == 'a' ? kArrAfter : kObjAfter;
}

// A number ended by `c`, which belongs to what follows the value.
void StrictRecognizer::after_value_char(unsigned char c) {
  after_value();
  step(c);
}

void StrictRecognizer::value_start(unsigned char c) {
  if (stack_.size() > static_cast<std::size_t>(kMaxDepth)) { state_ = kDead; return; }
  switch (c) {
    case '{':
      stack_.push_back('o');
      state_ = kObjFirst;
      return;
    case '[':
      stack_.push_back('a');
      state_ = kArrFirst;
      return;
    case '"':
      key_ = false;
      state_ = kString;
      return;
    case 't': literal_ = "true"; break;
    case 'f': literal_ = "false"; break;
    case 'n': literal_ = "null"; break;
    case '-': state_ = kNumSign; return;
    case '0': state_ = kNumZero; return;
    default:
      if (c >= '1' && c <= '9') { state_ = kNumInt; return; }
      state_ = kDead;
      return;
  }
  literal_at_ = 1;
  state_ = kLiteral;
}

void StrictRecognizer::step(unsigned char c) {
  switch (state_) {
    case kRootValue:
      if (json_ws(c)) return;
      value_start(c);
      return;
    case kRootAfter:
      if (!json_ws(c)) state_ = kDead;
      return;
    case kArrFirst:
      if (json_ws(c)) return;
      if (c == ']') { stack_.pop_back(); after_value(); return; }
      value_start(c);
      return;
    case kArrValue:
    case kObjValue:
      if (json_ws(c)) return;
      value_start(c);
      return;
    case kArrAfter:
      if (json_ws(c)) return;
      if (c == ',') { state_ = kArrValue; return; }
      if (c == ']') { stack_.pop_back(); after_value(); return; }
      state_ = kDead;
      return;
    case kObjFirst:
    case kObjKey:
      if (json_ws(c)) return;
      if (c == '}' && state_ == kObjFirst) { stack_.pop_back(); after_value(); return; }
      if (c == '"') { key_ = true; state_ = kString; return; }
      state_ = kDead;
      return;
    case kObjColon:
      if (json_ws(c)) return;
      state_ = c == ':' ? kObjValue : kDead;
      return;
    case kObjAfter:
      if (json_ws(c)) return;
      if (c == ',') { state_ = kObjKey; return; }
      if (c == '}') { stack_.pop_back(); after_value(); return; }
      state_ = kDead;
      return;
    case kString:
      if (c == '"') {
        if (key_) state_ = kObjColon;
        else after_value();
        return;
      }
      if (c < 0x20) { state_ = kDead; return; }
      if (c == '\\') state_ = kEscape;
      return;
    case kEscape:
      switch (c) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't': state_ = kString; return;
        case 'u': state_ = kHex; hex_count_ = 0; cp_ = 0; return;
        default: state_ = kDead; return;
      }
    case kHex:
    case kLowHex:
      if (!hex_digit(c)) { state_ = kDead; return; }
      cp_ = cp_ * 16 + hex_value(c);
      if (++hex_count_ < 4) return;
      if (state_ == kHex) {
        if (cp_ >= 0xD800 && cp_ <= 0xDBFF) { state_ = kLowSlash; return; }
        state_ = cp_ >= 0xDC00 && cp_ <= 0xDFFF ? kDead : kString;
        return;
      }
      state_ = cp_ >= 0xDC00 && cp_ <= 0xDFFF ? kString : kDead;
      return;
    case kLowSlash:
      state_ = c == '\\' ? kLowU : kDead;
      return;
    case kLowU:
      if (c != 'u') { state_ = kDead; return; }
      state_ = kLowHex;
      hex_count_ = 0;
      cp_ = 0;
      return;
    case kNumSign:
      if (c == '0') state_ = kNumZero;
      else if (c >= '1' && c <= '9') state_ = kNumInt;
      else state_ = kDead;
      return;
    case kNumZero:
      if (c == '.') state_ = kNumDot;
      else if (c == 'e' || c == 'E') state_ = kNumE;
      else after_value_char(c);
      return;
    case kNumInt:
      if (c >= '0' && c <= '9') return;
      if (c == '.') state_ = kNumDot;
      else if (c == 'e' || c == 'E') state_ = kNumE;
      else after_value_char(c);
      return;
    case kNumDot:
      state_ = c >= '0' && c <= '9' ? kNumFrac : kDead;
      return;
    case kNumFrac:
      if (c >= '0' && c <= '9') return;
      if (c == 'e' || c == 'E') state_ = kNumE;
      else after_value_char(c);
      return;
    case kNumE:
      if (c == '+' || c == '-') state_ = kNumESign;
      else if (c >= '0' && c <= '9') state_ = kNumExp;
      else state_ = kDead;
      return;
    case kNumESign:
      state_ = c >= '0' && c <= '9' ? kNumExp : kDead;
      return;
    case kNumExp:
      if (c >= '0' && c <= '9') return;
      after_value_char(c);
      return;
    case kLiteral:
      if (static_cast<unsigned char>(literal_[literal_at_]) != c) { state_ = kDead; return; }
      if (literal_[++literal_at_] == '\0') after_value();
      return;
    case kDead: return;
  }
}

}  // namespace baml::parse
