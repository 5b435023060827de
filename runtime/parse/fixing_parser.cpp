// BAML's fixing state machine over bytes (every decision character is ASCII, so UTF-8 passes
// through untouched). Each open thing — object, array, string, comment — is a frame on a stack;
// a frame that completes is handed to its parent (an object alternates keys and values).
//
// Each step reads what it needs (the character, and a lookahead for the decisions that look
// ahead) before it changes anything. That lets a stream keep the machine between deltas
// (IncrementalFixer): a step whose reads stay inside the text that can no longer change is final
// and changes the kept state; the first step that reads beyond it is not taken, and the rest of
// the text is read on a copy of the open frames (their finished children shared, not copied).
#include "parse/fixing_parser.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "parse/json_cursor.h"  // hex_digit_value
#include "parse/numbers.h"
#include "parse/strict_json.h"
#include "text/whitespace.h"

namespace baml::parse {

namespace {

enum class FrameKind { Object, Array, Quoted, Single, Backtick, Triple, TripleBacktick, Unquoted, LineComment, BlockComment };

using Entry = std::pair<std::string, JValue>;

// A ```-quoted string's value, as BAML 0.226.2 gives it (checked against the oracle): its first
// line (a language tag) dropped; the lines after it (a trailing \r dropped from each, no empty line
// after a final \n) stripped of their common indentation and joined by \n.
std::string code_block_content(const std::string& s) {
  std::size_t nl = s.find('\n');
  if (nl == std::string::npos) return s;
  std::string_view body = std::string_view(s).substr(nl + 1);
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at < body.size();) {
    std::size_t e = body.find('\n', at);
    std::string_view line = body.substr(at, e == std::string_view::npos ? std::string_view::npos : e - at);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (e == std::string_view::npos) break;
    at = e + 1;
  }
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v'; };
  std::size_t indent = std::string_view::npos;
  for (std::string_view line : lines) {
    std::size_t n = 0;
    while (n < line.size() && ws(line[n])) ++n;
    if (n < line.size()) indent = std::min(indent, n);
  }
  if (indent == std::string_view::npos) indent = 0;
  std::string out;
  for (std::size_t k = 0; k < lines.size(); ++k) {
    if (k) out += '\n';
    out += lines[k].substr(std::min(indent, lines[k].size()));
  }
  return out;
}

struct Frame {
  FrameKind kind;
  std::string s;                 // strings, comments, unquoted values
  std::size_t stray_quotes = 0;  // quotes taken into a string's content (not escaped)
  bool pending = false;          // Object: a key read, its value not yet
  std::string pending_key;
  JSeq<Entry> entries;  // Object: the finished key/value pairs
  JSeq<JValue> items;   // Array
  // In a stream's kept state: where finished children go (shared with every partial reading).
  std::shared_ptr<JSeq<Entry>::Store> entry_store;
  std::shared_ptr<JSeq<JValue>::Store> item_store;
};

struct Done {
  JValue value;
  bool collection;
};

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

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

// What an unquoted value read so far can only be whole (BAML's is_possible_value): a number,
// true/false/null in any case, or one word without a parenthesis.
bool possible_value(std::string_view v) {
  auto ieq = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k)
      if (std::tolower(static_cast<unsigned char>(a[k])) != b[k]) return false;
    return true;
  };
  std::string t(text::trim(v));  // Rust's str::trim, as BAML
  double d = 0;
  if (parse_rust_float(t, d) || ieq(t, "true") || ieq(t, "false") || ieq(t, "null")) return true;
  return v.find(' ') == std::string_view::npos && v.find('(') == std::string_view::npos;
}

JValue unquoted_value(std::string_view raw, bool complete) {
  std::string s(text::trim(raw));
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
    v.text = serde_number_text(s);  // a u64 stays whole; other numbers print as f64
  } else {
    v.kind = JValue::Kind::String;
    v.text = std::move(s);
  }
  return v;
}

class Machine {
 public:
  static constexpr std::size_t kRefused = std::string_view::npos;

  // `persistent`: the kept state of a stream (finished children go to shared stores and are stable).
  explicit Machine(bool persistent) : persistent_(persistent) {}

  // The text read from now on, and the first index whose reading makes a step provisional.
  void set_text(std::string_view t, std::size_t guard) {
    t_ = t;
    guard_ = guard;
  }

  // Steps from `i` while `i < limit`; with a guard, stops before the first step that reads at or
  // beyond it. Returns where it stopped.
  std::size_t run_from(std::size_t i, std::size_t limit) {
    while (i < limit) {
      touched_ = false;
      std::size_t next = step(i);
      if (next == kRefused) break;
      i = next;
    }
    return i;
  }

  // Closes what is open, as at the end of the text, and returns the values found.
  std::vector<JValue> finish() {
    while (!stack_.empty()) complete(false);
    std::vector<JValue> out;
    if (done_.size() <= 1) {
      for (auto& d : done_) out.push_back(std::move(d.value));
      return out;
    }
    for (auto& d : done_)
      if (d.collection) out.push_back(std::move(d.value));
    return out;
  }

  // A machine in the same state that changes nothing of this one (frames copied, their finished
  // children shared).
  Machine overlay() const {
    Machine m(false);
    m.stack_.reserve(stack_.size() + 4);
    for (const Frame& f : stack_) {
      Frame c;
      c.kind = f.kind;
      c.s = f.s;
      c.stray_quotes = f.stray_quotes;
      c.pending = f.pending;
      c.pending_key = f.pending_key;
      if (f.entry_store) c.entries.share(f.entry_store, f.entry_store->size());
      else c.entries = f.entries;
      if (f.item_store) c.items.share(f.item_store, f.item_store->size());
      else c.items = f.items;
      m.stack_.push_back(std::move(c));
    }
    m.done_ = done_;
    return m;
  }

 private:
  bool persistent_;
  std::string_view t_;
  std::size_t guard_ = std::string_view::npos;
  bool touched_ = false;  // a read of this step reached the guard
  std::vector<Frame> stack_;
  std::deque<Done> done_;

  // Reads, each noting when it reaches the guard.
  bool has(std::size_t i) {
    if (i >= guard_) touched_ = true;
    return i < t_.size();
  }
  char ch(std::size_t i) {
    if (i >= guard_) touched_ = true;
    return t_[i];
  }
  char at(std::size_t i) {
    if (i >= guard_) touched_ = true;
    return i < t_.size() ? t_[i] : '\0';
  }

  void push(FrameKind k) {
    if (stack_.size() >= kMaxNesting) throw NestingTooDeep();
    stack_.emplace_back();
    Frame& f = stack_.back();
    f.kind = k;
    if (persistent_) {
      if (k == FrameKind::Object) f.entry_store = std::make_shared<JSeq<Entry>::Store>();
      if (k == FrameKind::Array) f.item_store = std::make_shared<JSeq<JValue>::Store>();
    }
  }

  void add_item(Frame& p, JValue v) {
    if (p.item_store) {
      p.item_store->push_back(std::move(v));
      p.item_store->back().stable = true;
    } else {
      p.items.push_back(std::move(v));
    }
  }
  void add_entry(Frame& p, std::string k, JValue v) {
    if (p.entry_store) {
      p.entry_store->emplace_back(std::move(k), std::move(v));
      p.entry_store->back().second.stable = true;
    } else {
      p.entries.emplace_back(std::move(k), std::move(v));
    }
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
        collection = true;
        break;
      case FrameKind::Array:
        v.kind = JValue::Kind::Array;
        collection = true;
        break;
      case FrameKind::Quoted:
      case FrameKind::Single:
      case FrameKind::Backtick:
      case FrameKind::Triple: v = JValue::string(std::move(f.s)); break;
      case FrameKind::TripleBacktick: v = JValue::string(code_block_content(f.s)); break;
      case FrameKind::Unquoted:
        v = unquoted_value(f.s, complete_state);
        // `true`, `false` and `null` cut by the end of the text are whole words already
        // (BAML 0.226.2: `{"ok": true` shows true; `tru` and `True` stay incomplete).
        if (v.kind == JValue::Kind::Bool || v.kind == JValue::Kind::Null) complete_state = true;
        break;
    }
    if (f.kind == FrameKind::Object) {
      if (f.entry_store) {
        std::size_t n = f.entry_store->size();
        v.entries.share(std::move(f.entry_store), n);
      } else {
        v.entries = std::move(f.entries);
      }
    } else if (f.kind == FrameKind::Array) {
      if (f.item_store) {
        std::size_t n = f.item_store->size();
        v.items.share(std::move(f.item_store), n);
      } else {
        v.items = std::move(f.items);
      }
    }
    v.complete = complete_state;
    if (stack_.empty()) {
      done_.push_back(Done{std::move(v), collection});
      if (persistent_) done_.back().value.stable = true;
      return;
    }
    Frame& p = stack_.back();
    if (p.kind == FrameKind::Object) {
      if (!p.pending) {
        p.pending = true;
        p.pending_key = v.kind == JValue::Kind::String ? std::move(v.text) : v.display();
      } else {
        p.pending = false;
        add_entry(p, std::move(p.pending_key), std::move(v));
        p.pending_key.clear();
      }
    } else if (p.kind == FrameKind::Array) {
      add_item(p, std::move(v));
    }
  }

  // Where the string being read sits: 0 top level, 2 object key, 3 object value, 4 array item.
  int position() const {
    if (stack_.size() < 2) return 0;
    const Frame& p = stack_[stack_.size() - 2];
    if (p.kind == FrameKind::Object) return p.pending ? 3 : 2;
    if (p.kind == FrameKind::Array) return 4;
    return 1;
  }

  // One character (or, after `, `, one looked-ahead run) of an unquoted value, the top frame.
  // The value ends at what ends it (not consumed); the end of the text leaves it open (closed,
  // incomplete, by `finish`).
  std::size_t unquoted_step(std::size_t i) {
    Frame& top = stack_.back();
    char c = t_[i];
    switch (position()) {
      case 0:
        if (c == '{' || c == '[') { complete(true); return i; }
        top.s += c;
        return i + 1;
      case 2:
        if (c == ':') { complete(true); return i; }
        top.s += c;
        return i + 1;
      case 3: {
        if (c == '}') { complete(true); return i; }
        if (c != ',') {
          top.s += c;
          return i + 1;
        }
        if (!has(i + 1)) {
          if (touched_) return kRefused;
          complete(true);
          return i;
        }
        char n = ch(i + 1);
        if (n == '\n') {
          if (touched_) return kRefused;
          complete(true);
          return i;
        }
        if (n != ' ') {
          if (touched_) return kRefused;
          top.s += c;
          return i + 1;
        }
        // ", " after what can only be a whole value (a number, true/false/null in any case, one
        // word without a parenthesis) ends it. Otherwise ", " then a comment, a quote, or a line
        // end with nothing before it ends it too; anything else belongs to the value, up to and
        // including the character that decided it.
        if (possible_value(top.s)) {
          if (touched_) return kRefused;
          complete(true);
          return i;
        }
        std::size_t j = i + 1;
        bool anything = false;
        bool closes = false;
        for (; has(j); ++j) {
          char x = ch(j);
          anything = anything || !is_ws(x);
          if (x == ' ') continue;
          if (x == '\n') {
            if (!anything) { closes = true; break; }
            continue;
          }
          if (x == '/' && (at(j + 1) == '/' || at(j + 1) == '*')) { closes = true; break; }
          if (x == '/') continue;
          if (x == '"') { closes = true; break; }
          ++j;
          break;
        }
        if (touched_) return kRefused;
        if (closes) { complete(true); return i; }
        top.s.append(t_.substr(i, j - i));
        return j;
      }
      case 4:
        if (c == ',' || c == ']') { complete(true); return i; }
        top.s += c;
        return i + 1;
      default:
        top.s += c;
        return i + 1;
    }
  }

  // Whether a quote at `i - 1` ends the string, judged by what follows (BAML's rules).
  bool should_close_string(std::size_t i, char closing) {
    bool has_object = false, in_key = false, in_value = false, in_array = false;
    if (stack_.size() >= 2) {
      const Frame& p = stack_[stack_.size() - 2];
      has_object = true;
      if (p.kind == FrameKind::Object) {
        if (!p.pending) in_key = true;
        else in_value = in_array = true;
      } else if (p.kind == FrameKind::Array) {
        in_array = true;
      }
    }
    if (!has(i)) return true;
    // After an odd number of stray quotes in the content, a comma does not end the string (the
    // model is quoting something inside it), as BAML 0.226.2 reads `"c++"", "go"`.
    bool comma_ends = stack_.back().stray_quotes % 2 == 0;
    char n = ch(i);
    if ((n == ':' || n == '}') && in_key) return true;
    if (((n == ',' && comma_ends) || n == '}') && in_value) return true;
    if (((n == ',' && comma_ends) || n == ']') && in_array) return true;
    if (n == ' ' || n == '\t' || n == '\n') {
      for (std::size_t j = i; has(j); ++j) {
        char c = ch(j);
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

  // Processes the character at `i`; returns the index of the next one to process, or kRefused
  // (nothing changed) when a read reached the guard.
  std::size_t step(std::size_t i) {
    if (stack_.empty()) return start_value(i);
    Frame& top = stack_.back();
    char c = t_[i];
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
        if (c == '"') {
          bool closes = !has(i + 1) || ch(i + 1) == '"';
          if (touched_) return kRefused;
          if (closes) {
            complete(true);
            return i + 4;  // as BAML: the closing quotes and one character more
          }
        }
        top.s += c;
        return i + 1;
      case FrameKind::Quoted:
        if (c == '"') {
          bool closes = should_close_string(i + 1, '"');
          if (touched_) return kRefused;
          if (closes) { complete(true); return i + 1; }
          top.s += c;
          ++top.stray_quotes;
          return i + 1;
        }
        if (c == '\\') {
          if (!has(i + 1)) {
            if (touched_) return kRefused;
            top.s += c;
            return i + 1;
          }
          char e = ch(i + 1);
          if (touched_) return kRefused;
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
                int h = hex_digit_value(ch(i + 2 + static_cast<std::size_t>(k)));
                if (h < 0) break;
                cp = cp * 16 + static_cast<unsigned>(h);
              }
              if (touched_) return kRefused;
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
      case FrameKind::TripleBacktick:
        if (c == '`') {
          bool closes = at(i + 1) == '`' && at(i + 2) == '`';
          if (touched_) return kRefused;
          if (closes) {
            complete(true);
            return i + 3;
          }
        }
        top.s += c;
        return i + 1;
      case FrameKind::Single:
      case FrameKind::Backtick: {
        char q = top.kind == FrameKind::Single ? '\'' : '`';
        if (c == q) {
          bool closes = should_close_string(i + 1, q);
          if (touched_) return kRefused;
          if (closes) { complete(true); return i + 1; }
        }
        top.s += c;
        return i + 1;
      }
      case FrameKind::Unquoted: return unquoted_step(i);
      case FrameKind::LineComment:
        if (c == '\n') { complete(true); return i + 1; }
        top.s += c;
        return i + 1;
      case FrameKind::BlockComment:
        if (c == '*') {
          bool closes = at(i + 1) == '/';
          if (touched_) return kRefused;
          if (closes) { complete(true); return i + 2; }
          return i + 1;
        }
        top.s += c;
        return i + 1;
    }
    return i + 1;
  }

  // A string opened by the quote at `i`: tripled (""" or ```) or single.
  std::size_t open_string(std::size_t i, FrameKind tripled, FrameKind single) {
    char q = t_[i];
    bool triple = at(i + 1) == q && at(i + 2) == q;
    if (touched_) return kRefused;
    if (triple) {
      push(tripled);
      return i + 3;
    }
    push(single);
    return i + 1;
  }

  std::size_t start_value(std::size_t i) {
    char c = t_[i];
    switch (c) {
      case '{': push(FrameKind::Object); return i + 1;
      case '[': push(FrameKind::Array); return i + 1;
      case '"': return open_string(i, FrameKind::Triple, FrameKind::Quoted);
      case '\'': push(FrameKind::Single); return i + 1;
      case '`': return open_string(i, FrameKind::TripleBacktick, FrameKind::Backtick);
      case '/': {
        char n = at(i + 1);
        if (touched_) return kRefused;
        if (n == '/') { push(FrameKind::LineComment); return i + 2; }
        if (n == '*') { push(FrameKind::BlockComment); return i + 2; }
        return i + 1;
      }
      default: {
        if (is_ws(c)) return i + 1;
        if (static_cast<unsigned char>(c) >= 0xC2) {
          // Unicode whitespace between tokens is skipped, as BAML skips it; a character cut by
          // the end of a delta waits for the rest.
          const auto b1 = static_cast<unsigned char>(at(i + 1));
          const auto b2 = static_cast<unsigned char>(at(i + 2));
          if (touched_) return kRefused;
          if (std::size_t n = text::non_ascii_whitespace_length(static_cast<unsigned char>(c), b1, b2); n > 0) return i + n;
        }
        // An unquoted value: read on by unquoted_step, one character at a time.
        push(FrameKind::Unquoted);
        stack_.back().s += c;
        return i + 1;
      }
    }
  }
};

}  // namespace

std::vector<JValue> fixing_parse(std::string_view text) {
  Machine m(false);
  m.set_text(text, std::string_view::npos);
  m.run_from(0, text.size());
  return m.finish();
}

struct IncrementalFixer::Kept {
  Machine machine{true};
  std::size_t pos = 0;  // the next index to read; everything before it is final
};

IncrementalFixer::IncrementalFixer() : kept_(std::make_unique<Kept>()) {}
IncrementalFixer::~IncrementalFixer() = default;

void IncrementalFixer::advance(std::string_view text, std::size_t stable, bool final) {
  Kept& k = *kept_;
  std::size_t guard = final ? std::string_view::npos : stable;
  k.machine.set_text(text, guard);
  k.pos = k.machine.run_from(k.pos, final ? text.size() : std::min(stable, text.size()));
}

std::vector<JValue> IncrementalFixer::snapshot(std::string_view text) const {
  Machine m = kept_->machine.overlay();
  m.set_text(text, std::string_view::npos);
  m.run_from(kept_->pos, text.size());
  return m.finish();
}

std::size_t IncrementalFixer::position() const { return kept_->pos; }

void IncrementalFixer::reset() { kept_ = std::make_unique<Kept>(); }

}  // namespace baml::parse
