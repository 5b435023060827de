// A small strict JSON reader producing JValues (numbers as BAML prints them once parsed).
#include "parse/strict_json.h"

#include <cstdint>

#include "parse/numbers.h"

namespace baml::parse {

namespace {

class Reader {
 public:
  explicit Reader(JsonCursor& c) : c_(c) {}

  std::optional<JValue> value(int depth) {
    if (c_.at_end() || depth > kMaxStrictDepth) return std::nullopt;
    char c = c_.peek();
    JValue v;
    if (c == '{') {
      c_.eat('{');
      v.kind = JValue::Kind::Object;
      c_.ws();
      if (c_.eat('}')) return v;
      for (;;) {
        c_.ws();
        if (c_.at_end() || c_.peek() != '"') return std::nullopt;
        auto k = string();
        if (!k) return std::nullopt;
        c_.ws();
        if (!c_.eat(':')) return std::nullopt;
        c_.ws();
        auto x = value(depth + 1);
        if (!x) return std::nullopt;
        v.entries.emplace_back(std::move(*k), std::move(*x));
        c_.ws();
        if (c_.eat(',')) continue;
        if (c_.eat('}')) return v;
        return std::nullopt;
      }
    }
    if (c == '[') {
      c_.eat('[');
      v.kind = JValue::Kind::Array;
      c_.ws();
      if (c_.eat(']')) return v;
      for (;;) {
        c_.ws();
        auto x = value(depth + 1);
        if (!x) return std::nullopt;
        v.items.push_back(std::move(*x));
        c_.ws();
        if (c_.eat(',')) continue;
        if (c_.eat(']')) return v;
        return std::nullopt;
      }
    }
    if (c == '"') {
      auto s = string();
      if (!s) return std::nullopt;
      return JValue::string(std::move(*s));
    }
    if (c_.lit("true")) { v.kind = JValue::Kind::Bool; v.boolean = true; return v; }
    if (c_.lit("false")) { v.kind = JValue::Kind::Bool; return v; }
    if (c_.lit("null")) return v;
    auto n = c_.number();
    if (!n) return std::nullopt;
    v.kind = JValue::Kind::Number;
    v.text = serde_number_text(*n);  // as BAML prints it, should a string want it: 3.50 → 3.5
    return v;
  }

 private:
  JsonCursor& c_;

  std::optional<std::string> string() {
    std::string out;
    if (!c_.string(out)) return std::nullopt;
    return out;
  }
};

}  // namespace

std::optional<JValue> parse_strict_json(std::string_view text) {
  JsonCursor c{text};
  c.ws();
  auto v = Reader(c).value(0);
  c.ws();
  if (!v || !c.at_end()) return std::nullopt;
  return v;
}

std::optional<JValue> read_strict_value(JsonCursor& cursor, int depth) { return Reader(cursor).value(depth); }

// The recognizer follows Reader above decision for decision: the same whitespace (space, tab,
// line feed, carriage return), the same nesting limit (a value deeper than kMaxStrictDepth fails), the
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
  if (stack_.size() > static_cast<std::size_t>(kMaxStrictDepth)) { state_ = kDead; return; }
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
      if (const int h = hex_digit_value(static_cast<char>(c)); h >= 0) {
        cp_ = cp_ * 16 + static_cast<unsigned>(h);
      } else {
        state_ = kDead;
        return;
      }
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
