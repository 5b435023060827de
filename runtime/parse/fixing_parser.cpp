// BAML's fixing state machine over bytes (every decision character is ASCII, so UTF-8 passes
// through untouched). Each open thing — object, array, string, comment — is a frame on a stack;
// a frame that completes is handed to its parent (an object alternates keys and values).
#include "parse/fixing_parser.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "parse/strict_json.h"

namespace baml::parse {

namespace {

enum class FrameKind { Object, Array, Quoted, Single, Backtick, Triple, Unquoted, LineComment, BlockComment };

struct Frame {
  FrameKind kind;
  std::string s;                   // strings and comments
  std::vector<std::string> keys;   // Object
  std::vector<JValue> values;      // Object values, Array items
  std::size_t stray_quotes = 0;    // quotes taken into a string's content (not escaped)
};

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && is_ws(s[b])) ++b;
  while (e > b && is_ws(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

// A number's text as serde_json prints it: integers as they are, floats with a fraction.
std::string float_text(double d) {
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d);
  std::string s(buf, r.ptr);
  if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
  return s;
}

// Rust's `str::parse::<f64>` accepts an optional sign, digits with an optional fraction (either
// side may be empty but not both), an optional exponent; we refuse inf/nan (BAML would panic).
bool parse_rust_float(std::string_view s, double& out) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    std::size_t ed = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i, ++ed;
    if (ed == 0) return false;
  }
  if (i != s.size()) return false;
  std::string z(s);
  out = std::strtod(z.c_str(), nullptr);
  return std::isfinite(out);
}

bool parse_rust_int(std::string_view s, std::int64_t& out) {
  std::string_view d = s;
  if (!d.empty() && d[0] == '+') d.remove_prefix(1);
  if (d.empty() || d[0] == '+') return false;
  auto r = std::from_chars(d.data(), d.data() + d.size(), out);
  return r.ec == std::errc() && r.ptr == d.data() + d.size();
}

JValue unquoted_value(std::string_view raw, bool complete) {
  std::string s = trim(raw);
  JValue v;
  v.complete = complete;
  if (s == "true" || s == "false") {
    v.kind = JValue::Kind::Bool;
    v.boolean = s == "true";
    return v;
  }
  if (s == "null") return v;
  std::int64_t i = 0;
  double d = 0;
  if (parse_rust_int(s, i)) {
    v.kind = JValue::Kind::Number;
    v.text = std::to_string(i);
  } else if (parse_rust_float(s, d)) {
    v.kind = JValue::Kind::Number;
    v.text = float_text(d);
  } else {
    v.kind = JValue::Kind::String;
    v.text = std::move(s);
  }
  return v;
}

class Machine {
 public:
  explicit Machine(std::string_view t) : t_(t) {}

  std::vector<JValue> run() {
    std::size_t i = 0;
    while (i < t_.size()) i = step(i);
    while (!stack_.empty()) complete(false);
    if (done_.size() <= 1) {
      std::vector<JValue> out;
      for (auto& d : done_) out.push_back(std::move(d.value));
      return out;
    }
    std::vector<JValue> out;
    for (auto& d : done_)
      if (d.collection) out.push_back(std::move(d.value));
    return out;
  }

 private:
  struct Done {
    JValue value;
    bool collection;
  };
  std::string_view t_;
  std::vector<Frame> stack_;
  std::vector<Done> done_;

  char at(std::size_t i) const { return i < t_.size() ? t_[i] : '\0'; }
  bool has(std::size_t i) const { return i < t_.size(); }

  void push(FrameKind k) {
    if (stack_.size() >= kMaxNesting) throw NestingTooDeep();
    stack_.push_back(Frame{k, {}, {}, {}});
  }

  // Pops the top frame and gives its value to the parent (or to the finished values).
  void complete(bool complete_state) {
    Frame f = std::move(stack_.back());
    stack_.pop_back();
    JValue v;
    bool collection = false;
    switch (f.kind) {
      case FrameKind::LineComment:
      case FrameKind::BlockComment: return;
      case FrameKind::Object:
        v.kind = JValue::Kind::Object;
        for (std::size_t k = 0; k < f.keys.size() && k < f.values.size(); ++k)
          v.entries.emplace_back(std::move(f.keys[k]), std::move(f.values[k]));
        collection = true;
        break;
      case FrameKind::Array:
        v.kind = JValue::Kind::Array;
        v.items = std::move(f.values);
        collection = true;
        break;
      case FrameKind::Quoted:
      case FrameKind::Single:
      case FrameKind::Backtick:
      case FrameKind::Triple: v = JValue::string(std::move(f.s)); break;
      case FrameKind::Unquoted:
        v = unquoted_value(f.s, complete_state);
        // `true`, `false` and `null` cut by the end of the text are whole words already
        // (BAML 0.226.2: `{"ok": true` shows true; `tru` and `True` stay incomplete).
        if (v.kind == JValue::Kind::Bool || v.kind == JValue::Kind::Null) complete_state = true;
        break;
    }
    v.complete = complete_state;
    if (stack_.empty()) {
      done_.push_back(Done{std::move(v), collection});
      return;
    }
    Frame& p = stack_.back();
    if (p.kind == FrameKind::Object) {
      if (p.keys.size() == p.values.size()) {
        p.keys.push_back(v.kind == JValue::Kind::String ? std::move(v.text) : v.display());
      } else {
        p.values.push_back(std::move(v));
      }
    } else if (p.kind == FrameKind::Array) {
      p.values.push_back(std::move(v));
    }
  }

  // Where the string being read sits: 0 top level, 2 object key, 3 object value, 4 array item.
  int position() const {
    if (stack_.size() < 2) return 0;
    const Frame& p = stack_[stack_.size() - 2];
    if (p.kind == FrameKind::Object) return p.keys.size() == p.values.size() ? 2 : 3;
    if (p.kind == FrameKind::Array) return 4;
    return 1;
  }

  // An unquoted value: reads on from `i` into the top frame until what ends it; returns where to
  // go on from. Ends at the end of the text mark the value incomplete.
  std::size_t close_unquoted(std::size_t i) {
    std::string& s = stack_.back().s;
    switch (position()) {
      case 0:
        for (; has(i); ++i) {
          if (t_[i] == '{' || t_[i] == '[') { complete(true); return i; }
          s += t_[i];
        }
        break;
      case 2:
        for (; has(i); ++i) {
          if (t_[i] == ':') { complete(true); return i; }
          s += t_[i];
        }
        break;
      case 3:
        while (has(i)) {
          char c = t_[i];
          if (c == '}') { complete(true); return i; }
          if (c == ',') {
            if (!has(i + 1)) { complete(true); return i; }
            char n = t_[i + 1];
            if (n == '\n') { complete(true); return i; }
            if (n == ' ') {
              // ", " then a comment, a quote, a line end, or (after a one-word value) words up to a ":" (a new key): the
              // value ended here. Otherwise what was looked at belongs to the value, up to and
              // including a comma that decided it.
              std::size_t start = i;
              bool one_word = s.find_first_of(" \t\n\r") == std::string::npos;
              std::size_t j = i + 1;
              bool anything = false;
              bool closes = false;
              for (; has(j); ++j) {
                char x = t_[j];
                if (x == ' ' || x == '\t') continue;
                if (x == '\n') {
                  if (!anything) { closes = true; break; }
                  continue;
                }
                if (x == '/' && (at(j + 1) == '/' || at(j + 1) == '*')) { closes = true; break; }
                if (x == '"' && !anything) { closes = true; break; }
                if (x == ':') { closes = anything && one_word; if (!closes) ++j; break; }
                if (x == ',') { ++j; break; }
                if (x == '}') break;
                anything = true;
              }
              if (closes) { complete(true); return i; }
              s.append(t_.substr(i, j - i));
              i = j;
              if (!has(i) && one_word) {  // BAML: the text ending after ", " ends a one-word value at the comma
                s.resize(s.size() - (j - start));
                complete(true);
                return start;
              }
              continue;
            }
            s += c;
            ++i;
            continue;
          }
          s += c;
          ++i;
        }
        break;
      case 4:
        for (; has(i); ++i) {
          if (t_[i] == ',' || t_[i] == ']') { complete(true); return i; }
          s += t_[i];
        }
        break;
      default: return i;
    }
    complete(false);
    return t_.size();
  }

  // Whether a quote at `i - 1` ends the string, judged by what follows (BAML's rules).
  bool should_close_string(std::size_t i, char closing) const {
    bool has_object = false, in_key = false, in_value = false, in_array = false;
    if (stack_.size() >= 2) {
      const Frame& p = stack_[stack_.size() - 2];
      has_object = true;
      if (p.kind == FrameKind::Object) {
        if (p.keys.size() == p.values.size()) in_key = true;
        else in_value = in_array = true;
      } else if (p.kind == FrameKind::Array) {
        in_array = true;
      }
    }
    if (!has(i)) return true;
    // After an odd number of stray quotes in the content, a comma does not end the string (the
    // model is quoting something inside it), as BAML 0.226.2 reads `"c++"", "go"`.
    bool comma_ends = stack_.back().stray_quotes % 2 == 0;
    char n = t_[i];
    if ((n == ':' || n == '}') && in_key) return true;
    if (((n == ',' && comma_ends) || n == '}') && in_value) return true;
    if (((n == ',' && comma_ends) || n == ']') && in_array) return true;
    if (n == ' ' || n == '\t' || n == '\n') {
      for (std::size_t j = i; has(j); ++j) {
        char c = t_[j];
        if (c == ' ' || c == '\t' || c == '\n') continue;
        if (c == '}' && (in_key || in_value)) return true;
        if (c == ':' && in_key) return true;
        if (c == ',' && in_value && comma_ends) return true;
        if (((c == ',' && comma_ends) || c == ']') && in_array) return true;
        if (c == '/') return at(j + 1) == '/' || at(j + 1) == '*';
        return false;
      }
      return true;
    }
    if (n == closing) return false;
    if (n == '{' || n == '"' || n == '\'' || n == '[') return !has_object;
    return false;
  }

  static int hexval(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // Processes the character at `i`; returns the index of the next one to process.
  std::size_t step(std::size_t i) {
    char c = t_[i];
    if (stack_.empty()) return start_value(i);
    Frame& top = stack_.back();
    switch (top.kind) {
      case FrameKind::Object:
        if (c == '}') { complete(true); return i + 1; }
        if (c == ',' || c == ':') return i + 1;
        return start_value(i);
      case FrameKind::Array:
        if (c == ']') { complete(true); return i + 1; }
        if (c == ',') return i + 1;
        return start_value(i);
      case FrameKind::Triple:
        if (c == '"' && (!has(i + 1) || t_[i + 1] == '"')) {
          complete(true);
          return i + 4;  // as BAML: the closing quotes and one character more
        }
        top.s += c;
        return i + 1;
      case FrameKind::Quoted:
        if (c == '"') {
          if (should_close_string(i + 1, '"')) { complete(true); return i + 1; }
          top.s += c;
          ++top.stray_quotes;
          return i + 1;
        }
        if (c == '\\' && has(i + 1)) {
          char e = t_[i + 1];
          switch (e) {
            case 'n': top.s += '\n'; return i + 2;
            case 't': top.s += '\t'; return i + 2;
            case 'r': top.s += '\r'; return i + 2;
            case 'b': top.s += '\b'; return i + 2;
            case 'f': top.s += '\f'; return i + 2;
            case '\\': top.s += '\\'; return i + 2;
            case '"': top.s += '"'; return i + 2;
            case 'u': {
              unsigned cp = 0;
              int k = 0;
              for (; k < 4 && has(i + 2 + static_cast<std::size_t>(k)); ++k) {
                int h = hexval(t_[i + 2 + static_cast<std::size_t>(k)]);
                if (h < 0) break;
                cp = cp * 16 + static_cast<unsigned>(h);
              }
              if (k == 4 && !(cp >= 0xD800 && cp <= 0xDFFF)) {
                append_utf8(top.s, cp);
                return i + 6;
              }
              top.s += c;
              return i + 1;
            }
            default: top.s += c; return i + 1;
          }
        }
        top.s += c;
        return i + 1;
      case FrameKind::Single:
      case FrameKind::Backtick: {
        char q = top.kind == FrameKind::Single ? '\'' : '`';
        if (c == q && should_close_string(i + 1, q)) { complete(true); return i + 1; }
        top.s += c;
        return i + 1;
      }
      case FrameKind::Unquoted:
        top.s += c;
        return close_unquoted(i + 1);
      case FrameKind::LineComment:
        if (c == '\n') { complete(true); return i + 1; }
        top.s += c;
        return i + 1;
      case FrameKind::BlockComment:
        if (c == '*') {
          if (at(i + 1) == '/') { complete(true); return i + 2; }
          return i + 1;
        }
        top.s += c;
        return i + 1;
    }
    return i + 1;
  }

  std::size_t start_value(std::size_t i) {
    char c = t_[i];
    switch (c) {
      case '{': push(FrameKind::Object); return i + 1;
      case '[': push(FrameKind::Array); return i + 1;
      case '"':
        if (at(i + 1) == '"' && at(i + 2) == '"') { push(FrameKind::Triple); return i + 3; }
        push(FrameKind::Quoted);
        return i + 1;
      case '\'': push(FrameKind::Single); return i + 1;
      case '`': push(FrameKind::Backtick); return i + 1;
      case '/':
        if (at(i + 1) == '/') { push(FrameKind::LineComment); return i + 2; }
        if (at(i + 1) == '*') { push(FrameKind::BlockComment); return i + 2; }
        return i + 1;
      default:
        if (is_ws(c)) return i + 1;
        push(FrameKind::Unquoted);
        stack_.back().s += c;
        return close_unquoted(i + 1);
    }
  }
};

}  // namespace

std::vector<JValue> fixing_parse(std::string_view text) { return Machine(text).run(); }

}  // namespace baml::parse
