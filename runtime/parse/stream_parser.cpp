// StreamParser: the partial value of the text received so far, after each delta — the value
// parse_answer(text so far, partial) gives, computed without re-reading the whole text when the
// answer has a usual shape (docs/parsing.md, "Streaming cost").
//
// parse_answer reads a text as locate.cpp does: the whole text as strict JSON, else its fenced
// blocks, else its balanced {...}/[...] fragments, else the fixing parser over all of it. For the
// shapes almost every answer has, which reading wins is known from a few facts about the text,
// each kept up to date a byte at a time:
//
//  * prose, no bracket and no fence yet: read by the fixing parser, over the whole text;
//  * a JSON value, maybe after prose: [prose] {or[ ... — read as its one balanced fragment (from
//    the first bracket to its matching one, brackets counted, quotes not), the fixing parser over
//    that fragment, while no other fragment, fence or stray closing bracket appears;
//  * a fenced block: [prose\n] ```tag\n {or[ ... [```\n] — read as the block, whose content is
//    its one fragment; while it is unclosed, BAML's reading adds the list of blocks and the whole
//    text as prose (whose fragment a second fixer reads to the text's end, whitespace included).
//    Text after the closed block is one more candidate: from there on each delta is parsed whole.
//
// The text is read by an IncrementalFixer (fixing_parser.h) that keeps the parser's frames between
// deltas and reads only the new bytes; its finished subtrees are shared, stable nodes, whose
// coercion a memoizing Coercer keeps (coerce.h): each delta re-coerces only the open spine.
// Whether some text is strict JSON (which would make locate take the strict reading) is followed
// by StrictRecognizers. What the reading depends on is summed up in a small signature (how much of
// the fragment there is, whether it is final, the strict readings, the fence): when a delta leaves
// it unchanged, so is the value, and nothing is computed; when the reading is the same as the
// last one, so is the value.
//
// Anything else — a strict JSON reading, a fence being opened, a second fragment or block,
// nesting beyond the limit, an enum or string-literal target (which reads the raw text) — is
// parsed by parse_answer itself, for that delta (or, when the shape cannot come back, for the rest
// of the stream; past 1 KB only once the text has grown by a sixteenth). A plain `string` target's
// value is the text itself. The results are the same either way; the tests compare them delta by
// delta.
#include "parse/parse.h"

#include <baml/errors.h>

#include "parse/coerce.h"
#include "parse/fixing_parser.h"
#include "parse/locate.h"
#include "parse/strict_json.h"
#include "parse/utf8_clean.h"

namespace baml::parse {

namespace {

constexpr std::size_t npos = std::string_view::npos;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

bool trim_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool tag_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ';
}

// How many bytes of `s` from `i` form complete, valid UTF-8 characters; `bad` when an invalid
// sequence starts there (rather than one cut by the end of `s`). As utf8_clean.cpp's valid_at.
std::size_t valid_utf8_run(std::string_view s, std::size_t i, bool& bad) {
  std::size_t start = i;
  bad = false;
  while (i < s.size()) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = b(i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) n = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      bad = true;
      break;
    }
    std::size_t have = std::min(n, s.size() - i);
    for (std::size_t k = 1; k < have; ++k) {
      unsigned x = b(i + k);
      if (k == 1 ? (x < lo || x > hi) : (x < 0x80 || x > 0xBF)) {
        bad = true;
        return i - start;
      }
    }
    if (have < n) break;  // cut by the end: may still complete
    i += n;
  }
  return i - start;
}

// A located reading's dependencies, at one delta: equal signatures, equal readings.
struct Signature {
  int shape = 0;
  std::size_t v_size = 0, v_stable = 0;
  bool v_final = false, tail = false;
  int strict = 0;  // which readings are strict JSON: 1 the whole text or the block's content,
                   // 2 the fragment, 4 the whole text around a block
  int fence = 0;   // 0 open, 1 closed by a fence at the very end, 2 closed
  std::size_t raw = 0;  // the text's length, when the reading carries raw texts (else 0)
  bool operator==(const Signature& o) const {
    return shape == o.shape && v_size == o.v_size && v_stable == o.v_stable && v_final == o.v_final &&
           tail == o.tail && strict == o.strict && fence == o.fence && raw == o.raw;
  }
};

// Whether two readings are the same (finished children shared by both are not looked at).
bool same_reading(const JValue& a, const JValue& b);

template <class T, class Eq>
bool same_seq(const JSeq<T>& a, const JSeq<T>& b, Eq eq) {
  if (a.size() != b.size()) return false;
  std::size_t from = a.base() && a.base() == b.base() ? std::min(a.base_len(), b.base_len()) : 0;
  for (std::size_t i = from; i < a.size(); ++i)
    if (!eq(a[i], b[i])) return false;
  return true;
}

bool same_reading(const JValue& a, const JValue& b) {
  if (a.kind != b.kind || a.complete != b.complete || a.boolean != b.boolean || a.text != b.text) return false;
  return same_seq(a.items, b.items, [](const JValue& x, const JValue& y) { return same_reading(x, y); }) &&
         same_seq(a.entries, b.entries, [](const auto& x, const auto& y) {
           return x.first == y.first && same_reading(x.second, y.second);
         });
}

// Whether coercing to `type` may read the raw text of an AnyOf node below the root of a reading:
// a string, enum or string literal reached through lists, optionals, unions, aliases and one-field
// classes (which take a non-object whole) meets the candidates of a markdown reading as they are.
bool reads_raw_text(const ir::Type& type, const ir::TypeSystem& types, int depth = 0) {
  if (depth > 32) return true;  // a deep or recursive type: assume it does
  const ir::Type& t = types.resolve(type);
  if (takes_raw_text(t)) return true;
  switch (t.kind) {
    case ir::Type::Kind::Optional:
    case ir::Type::Kind::Union:
    case ir::Type::Kind::List:
      for (const ir::Type& c : t.children)
        if (reads_raw_text(c, types, depth + 1)) return true;
      return false;
    case ir::Type::Kind::Class: {
      const ir::Class* c = types.find_class(t.name);
      if (!c) return false;
      const ir::Field* only = nullptr;
      int n = 0;
      for (const ir::Field& f : c->fields)
        if (!f.skip && ++n == 1) only = &f;
      return n == 1 && reads_raw_text(only->type, types, depth + 1);
    }
    default: return false;
  }
}

bool same_states(const std::vector<FieldState>& a, const std::vector<FieldState>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i].path != b[i].path || a[i].state != b[i].state) return false;
  return true;
}

// The incremental reading of one stream (see the top of the file).
class Incremental {
 public:
  enum class Step { Unchanged, Value, NoValue, Reparse, GiveUp };

  Incremental(const ir::Type& type, const ir::TypeSystem& types)
      : type_(type), coercer_(types, true, true), raw_matters_(reads_raw_text(type, types)) {}

  // After the raw text grew to `raw`: what to make of it. With Step::Value, `out` is the value.
  // Throws NestingTooDeep.
  Step update(std::string_view raw, std::optional<ParseResult>& out);
  // The next delta is not judged against this one (whose value was not computed).
  void forget() {
    last_.reset();
    last_reading_.reset();
  }
  // Whether a value of this delta equals an earlier one.
  bool same(const Value& now, const Value& before) const { return same_value(now, before, &coercer_); }

 private:
  enum class Shape { Pre, Json, Fenced };

  void read_utf8(std::string_view raw);
  std::optional<Step> pre(std::size_t stable, std::optional<ParseResult>& out);
  bool whole_strict() const;
  Step json(std::size_t stable, std::optional<ParseResult>& out);
  Step fenced(std::size_t stable, std::optional<ParseResult>& out);
  // Scans [from, to) of the fragment's text for brackets: the fragment's end, or GiveUp.
  bool scan_brackets(std::size_t to);
  // Feeds the recognizer up to `to` (when it is not dead), noting its verdict at the fragment's end.
  void feed_strict(std::size_t to);
  bool strict_at(std::size_t end) const;
  Step finish(const Signature& sig, JValue reading, std::optional<ParseResult>& out);
  // parse_answer reads this delta: its reading is one the signature determines...
  Step reparse(const Signature& sig) {
    last_ = sig;
    last_reading_.reset();
    return Step::Reparse;
  }
  // ... or one it does not (the next delta cannot be judged unchanged against it).
  Step reparse() {
    last_.reset();
    last_reading_.reset();
    return Step::Reparse;
  }

  const ir::Type& type_;
  Coercer coercer_;
  // The readings' AnyOf nodes carry their raw text (a copy of the text at every delta) only when
  // the type may read it; otherwise it is left empty.
  bool raw_matters_;

  // The text: the complete characters received, and whether an incomplete one follows (read as
  // U+FFFD, as utf8_clean.cpp does, while it is incomplete).
  std::string text_;
  std::size_t raw_used_ = 0;
  bool tail_ = false;
  bool skipping_invalid_ = false;  // after an invalid byte: its continuation bytes are skipped

  StrictRecognizer whole_;              // the whole text, as far as it is stable
  std::size_t whole_pos_ = 0;

  Shape shape_ = Shape::Pre;
  std::size_t pre_pos_ = 0;             // Pre: scanned up to here
  std::size_t backticks_ = 0;           // backticks just before the scan position
  bool blank_line_ = true;              // Pre: the line so far holds only spaces and tabs
  bool ticks_at_line_start_ = false;    // Pre: ... and did before the backticks
  std::size_t fence_ = npos;            // the opening fence ```
  std::size_t content_ = npos;          // Fenced: after the fence's line
  std::string tag_;                     // Fenced: the tag as written (trimmed by markdown_block)
  std::size_t close_scan_ = npos;       // Fenced: no closing fence starts before this
  std::size_t close_ = npos;            // Fenced: the closing fence (followed by a line end)
  std::size_t after_scan_ = npos;       // Fenced: text after the closed block scanned up to here

  std::size_t start_ = npos;            // the fragment's first bracket
  std::size_t scan_ = npos;             // brackets scanned up to here
  std::vector<char> brackets_;          // open brackets of the fragment
  std::size_t end_ = npos;              // one past the fragment's closing bracket

  StrictRecognizer strict_;             // from the fragment's start
  std::size_t strict_pos_ = npos;
  bool strict_fragment_ = false;        // the whole fragment, once it has ended, is strict JSON

  IncrementalFixer fixer_;              // over the text in Pre, over the fragment after
  IncrementalFixer rest_fixer_;         // Fenced, unclosed: over the fragment to the text's end
  std::optional<Signature> last_;       // the signature of the last delta computed
  std::optional<JValue> last_reading_;  // its reading, when this class made it
};

Incremental::Step Incremental::update(std::string_view raw, std::optional<ParseResult>& out) {
  coercer_.forget_differences();
  read_utf8(raw);
  std::size_t stable = text_.size();
  // While a character is incomplete, the text read ends with U+FFFD for it (removed below).
  struct Tail {
    std::string& t;
    bool on;
    ~Tail() {
      if (on) t.resize(t.size() - kReplacement.size());
    }
  } tail{text_, tail_};
  if (tail_) text_.append(kReplacement);
  // Whether the whole text is strict JSON (then locate takes that reading).
  if (!whole_.dead()) whole_.feed(std::string_view(text_).substr(whole_pos_, stable - whole_pos_));
  whole_pos_ = stable;
  if (shape_ == Shape::Pre) {
    if (std::optional<Step> s = pre(stable, out)) return *s;  // else a shape was just found
  }
  if (shape_ == Shape::Json) return json(stable, out);
  return fenced(stable, out);
}

bool Incremental::whole_strict() const {
  if (whole_.dead()) return false;
  if (!tail_) return whole_.complete();
  StrictRecognizer r = whole_;
  r.feed(kReplacement);
  return r.complete();
}

// Appends the new complete characters to the text, each invalid sequence as one U+FFFD as
// to_valid_utf8 writes it (parse_answer reads that text): the byte that cannot start or continue
// a character, then every continuation byte after it, which may arrive in later deltas.
void Incremental::read_utf8(std::string_view raw) {
  auto continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  while (raw_used_ < raw.size()) {
    if (skipping_invalid_) {
      while (raw_used_ < raw.size() && continuation(raw[raw_used_])) ++raw_used_;
      if (raw_used_ == raw.size()) break;
      skipping_invalid_ = false;
    }
    bool bad = false;
    std::size_t n = valid_utf8_run(raw, raw_used_, bad);
    text_.append(raw.substr(raw_used_, n));
    raw_used_ += n;
    if (!bad) break;
    text_.append(kReplacement);
    ++raw_used_;
    skipping_invalid_ = true;
  }
  tail_ = raw_used_ < raw.size();
}

// Before the first bracket or fence: prose. locate finds no fence and no fragment in it, so
// unless it is strict JSON (a number, a string...) it reads it with the fixing parser, kept here
// over the whole text; a fence being written is left to parse_answer until its line ends.
std::optional<Incremental::Step> Incremental::pre(std::size_t stable, std::optional<ParseResult>& out) {
  for (std::size_t p = pre_pos_; p < stable; ++p) {
    char c = text_[p];
    if (fence_ != npos) {
      if (tag_char(c)) continue;
      // Not a fence after all (no tag, or more than a tag on the line): locate would look further.
      if (c != '\n' || p == fence_ + 3) return Step::GiveUp;
      shape_ = Shape::Fenced;
      fixer_.reset();
      rest_fixer_.reset();
      coercer_.forget_kept();
      backticks_ = 0;
      tag_ = text_.substr(fence_ + 3, p - fence_ - 3);
      content_ = p + 1;
      close_scan_ = content_;
      pre_pos_ = p + 1;
      return std::nullopt;
    }
    bool line_was_blank = blank_line_;
    blank_line_ = c == '\n' || ((c == ' ' || c == '\t') && blank_line_);
    if (c == '`') {
      if (++backticks_ == 1) ticks_at_line_start_ = line_was_blank;
      if (backticks_ == 3) {
        if (!ticks_at_line_start_) return Step::GiveUp;  // ``` after prose on its line opens nothing
        fence_ = p - 2;
      }
      continue;
    }
    backticks_ = 0;
    if (c == '{' || c == '[') {
      shape_ = Shape::Json;
      start_ = scan_ = strict_pos_ = p;
      pre_pos_ = p;
      fixer_.reset();
      rest_fixer_.reset();
      coercer_.forget_kept();
      return std::nullopt;
    }
    if (c == '}' || c == ']') return Step::GiveUp;  // a stray closing bracket makes a fragment of the prose
  }
  pre_pos_ = stable;
  if (fence_ != npos) return reparse();
  std::string_view v = text_;
  fixer_.advance(v, stable, false);
  Signature sig;
  sig.shape = 3;
  sig.v_size = v.size();
  sig.v_stable = stable;
  sig.tail = tail_;
  sig.strict = whole_strict() ? 1 : 0;
  if (last_ && *last_ == sig) return Step::Unchanged;
  if (sig.strict) return reparse(sig);
  std::vector<JValue> found = fixer_.snapshot(v);
  // As locate's entry: a reading that is the text itself is the plain string.
  if (found.size() == 1 && found[0].kind == JValue::Kind::String && found[0].text == text_)
    return finish(sig, std::move(found[0]), out);
  auto reading = located::of_fixed(std::move(found), {});
  return finish(sig, reading ? std::move(*reading) : JValue::string(text_), out);
}

bool Incremental::scan_brackets(std::size_t to) {
  for (; scan_ < to; ++scan_) {
    char c = text_[scan_];
    if (end_ == npos) {
      if (c == '{' || c == '[') {
        brackets_.push_back(c);
      } else if (c == '}' || c == ']') {
        if (brackets_.back() != (c == '}' ? '{' : '[')) return false;  // all_objects gives up
        brackets_.pop_back();
        if (brackets_.empty()) end_ = scan_ + 1;
      }
    } else if (c == '{' || c == '[' || c == '}' || c == ']') {
      return false;  // a second fragment, or a stray closing bracket re-reading the first
    }
  }
  return true;
}

void Incremental::feed_strict(std::size_t to) {
  if (strict_pos_ >= to) return;
  if (end_ != npos && strict_pos_ < end_ && to >= end_) {
    strict_.feed(std::string_view(text_).substr(strict_pos_, end_ - strict_pos_));
    strict_pos_ = end_;
    strict_fragment_ = strict_.complete();
  }
  if (!strict_.dead()) strict_.feed(std::string_view(text_).substr(strict_pos_, to - strict_pos_));
  strict_pos_ = to;
}

// Whether the text from the fragment's start up to `end` is strict JSON.
bool Incremental::strict_at(std::size_t end) const {
  if (strict_.dead()) return false;
  if (end <= strict_pos_) return strict_.complete();  // only whitespace was fed beyond `end`
  StrictRecognizer r = strict_;
  r.feed(std::string_view(text_).substr(strict_pos_, end - strict_pos_));
  return r.complete();
}

// [prose] {... — locate: strict JSON of the whole text, no fence, then all_objects: the one
// fragment, read by entry (strict JSON of the fragment, else the fixing parser over it).
Incremental::Step Incremental::json(std::size_t stable, std::optional<ParseResult>& out) {
  // A fence anywhere would make locate read the text as markdown.
  for (std::size_t p = pre_pos_; p < stable; ++p) {
    if (text_[p] != '`') backticks_ = 0;
    else if (++backticks_ == 3) return Step::GiveUp;
  }
  pre_pos_ = stable;
  if (!scan_brackets(stable)) return Step::GiveUp;
  feed_strict(stable);
  bool closed = end_ != npos;
  std::size_t v_end = closed ? end_ : text_.size();
  std::string_view v = std::string_view(text_).substr(start_, v_end - start_);
  std::size_t v_stable = closed ? v.size() : stable - start_;
  fixer_.advance(v, v_stable, closed);

  Signature sig;
  sig.shape = 1;
  sig.v_size = v.size();
  sig.v_stable = v_stable;
  sig.v_final = closed;
  sig.tail = tail_ && v_end == text_.size();
  bool fragment_strict = closed ? strict_fragment_ : strict_at(text_.size());
  sig.strict = (whole_strict() ? 1 : 0) | (fragment_strict ? 2 : 0);
  if (last_ && *last_ == sig) return Step::Unchanged;
  if (sig.strict) return reparse(sig);

  auto fragment = located::of_fixed(fixer_.snapshot(v), {});
  if (!fragment) return reparse(sig);
  std::vector<JValue> found;
  found.push_back(std::move(*fragment));
  return finish(sig, std::move(*located::of_objects(std::move(found), {})), out);
}

// [prose] ```tag\n {... [```\n ...] — locate: the one block; its content (trimmed) read by entry
// without markdown: strict JSON of the content, else all_objects: the one fragment (strict JSON,
// else the fixing parser).
Incremental::Step Incremental::fenced(std::size_t stable, std::optional<ParseResult>& out) {
  // The content starts with a bracket.
  if (start_ == npos) {
    for (; pre_pos_ < stable; ++pre_pos_) {
      char c = text_[pre_pos_];
      if (trim_ws(c)) continue;
      if (c != '{' && c != '[') return Step::GiveUp;
      start_ = scan_ = strict_pos_ = pre_pos_;
      break;
    }
    if (start_ == npos) return reparse();
  }
  // The closing fence: the first line (maybe indented) holding ``` alone, from the content on (or
  // ``` on the last line, for now). A content that starts with a bracket reads as something
  // whatever follows it, so the first such line closes the block (locate.cpp's markdown_blocks).
  auto line_start = [&](std::size_t p) {
    while (p > content_ && (text_[p - 1] == ' ' || text_[p - 1] == '\t')) --p;
    return p == content_ || text_[p - 1] == '\n';
  };
  if (close_ == npos) {
    for (; close_scan_ + 3 < stable; ++close_scan_) {
      if (text_.compare(close_scan_, 3, "```") == 0 && text_[close_scan_ + 3] == '\n' && line_start(close_scan_)) {
        close_ = close_scan_;
        after_scan_ = close_ + 4;
        break;
      }
    }
  }
  int fence = 2;
  std::size_t body_end = close_;
  if (close_ == npos) {
    fence = 0;
    body_end = text_.size();
    std::size_t n = text_.size();
    if (!tail_ && n >= 3 && n - 3 >= close_scan_ && text_.compare(n - 3, 3, "```") == 0 && line_start(n - 3)) {
      fence = 1;
      body_end = n - 3;
    }
  } else {
    // After the block: any text is one more candidate (the rest), and may hold another block.
    for (; after_scan_ < stable; ++after_scan_)
      if (!trim_ws(text_[after_scan_])) return Step::GiveUp;
  }
  while (body_end > start_ && trim_ws(text_[body_end - 1])) --body_end;
  // What can no longer change: before any possible closing fence.
  std::size_t body_stable = std::min(close_ != npos ? close_ : std::min(close_scan_, stable), body_end);
  if (!scan_brackets(body_stable)) return Step::GiveUp;
  feed_strict(body_stable);
  // The last bytes of the content, before a fence that may still come, scanned on a copy: the
  // fragment may end there (for now).
  std::size_t end = end_;
  {
    std::vector<char> open = brackets_;
    for (std::size_t p = scan_; p < body_end; ++p) {
      char c = text_[p];
      bool opens = c == '{' || c == '[', closes = c == '}' || c == ']';
      if (!opens && !closes) continue;
      if (end != npos) return reparse();  // a second fragment, for now
      if (opens) {
        open.push_back(c);
      } else {
        if (open.back() != (c == '}' ? '{' : '[')) return reparse();
        open.pop_back();
        if (open.empty()) end = p + 1;
      }
    }
  }
  // The block's content is read by the fixing parser as a whole (no fragments inside a block):
  // text after the fragment would be read too.
  if (end != npos && end < body_end) return reparse();
  bool v_final = end_ != npos || close_ != npos;
  std::size_t v_end = end != npos ? end : body_end;
  std::string_view v = std::string_view(text_).substr(start_, v_end - start_);
  std::size_t v_stable = v.size();
  if (!v_final) {
    // The content is trimmed: whitespace a closing fence may follow is not part of it for sure.
    std::size_t e = std::min(body_stable, v_end);
    while (e > start_ && trim_ws(text_[e - 1])) --e;
    v_stable = e - start_;
  }
  fixer_.advance(v, v_stable, v_final);

  Signature sig;
  sig.shape = 2;
  sig.v_size = v.size();
  sig.v_stable = v_stable;
  sig.v_final = v_final;
  sig.tail = tail_ && v_end == text_.size();
  sig.fence = fence;
  // An unclosed block's rest reads its fragment to the end of the text, whitespace included.
  if (fence == 0 && (raw_matters_ || end == npos)) sig.raw = text_.size();
  bool content_strict = strict_at(body_end);
  bool fragment_strict = end_ != npos ? strict_fragment_ : strict_at(v_end);
  sig.strict = (content_strict ? 1 : 0) | (fragment_strict ? 2 : 0) | (whole_strict() ? 4 : 0);
  if (last_ && *last_ == sig) return Step::Unchanged;
  if (sig.strict) return reparse(sig);

  // An unclosed block leaves the whole text as the rest (markdown_blocks), read as prose: its one
  // fragment is the block's content (v) once the fragment has closed, else that content and the
  // whitespace after it.
  bool rest = fence == 0;
  bool raw = rest && raw_matters_;
  auto fragment = located::of_fixed(fixer_.snapshot(v), raw ? v : std::string_view());
  if (!fragment) return reparse(sig);
  std::vector<JValue> candidates;
  if (rest) {
    std::vector<JValue> found;
    if (end == npos) {
      // The rest's fragment runs on over the whitespace the block's content is trimmed of (a
      // string still open takes it): read by its own fixer, kept as the first is — at every
      // delta, so that successive readings share its finished nodes (same_reading skips them).
      std::string_view w = std::string_view(text_).substr(start_);
      rest_fixer_.advance(w, stable - start_, false);
      auto longer = located::of_fixed(rest_fixer_.snapshot(w), raw ? w : std::string_view());
      if (!longer) return reparse(sig);
      found.push_back(std::move(*longer));
    } else {
      found.push_back(*fragment);
    }
    candidates.push_back(located::markdown_block(std::move(*fragment), tag_, /*alone=*/false));
    candidates.push_back(located::array_of(candidates));
    candidates.push_back(std::move(*located::of_objects(std::move(found), raw ? std::string_view(text_) : std::string_view())));
  } else {
    candidates.push_back(located::markdown_block(std::move(*fragment), tag_, /*alone=*/true));
  }
  return finish(sig, located::any_of(std::move(candidates), {}), out);
}

Incremental::Step Incremental::finish(const Signature& sig, JValue reading, std::optional<ParseResult>& out) {
  located::mark_trailing_number(reading);
  last_ = sig;
  // The same reading as the last delta's (a key, a number or whitespace went by): the same value.
  if (last_reading_ && same_reading(reading, *last_reading_)) return Step::Unchanged;
  out = coerce_located(coercer_, reading, type_, true, nullptr);
  last_reading_ = std::move(reading);
  return out ? Step::Value : Step::NoValue;
}

}  // namespace

struct StreamParser::State {
  const ir::Type& type;
  const ir::TypeSystem& types;
  std::string text;
  ParseResult current;
  bool has_value = false;
  std::unique_ptr<Incremental> incremental;  // null: each delta re-parses the text so far
  // A plain `string` (no checks, no stream attributes): its value is the text so far, so a delta
  // costs a copy of it instead of a parse (which would read it as JSON only to take it raw).
  bool plain_string = false;
  std::size_t parsed_at = 0;     // the length of the text parse_answer last read
  std::uint64_t parse_cost = 0;  // what the parses of this stream cost (parse_answer's `cost`)
};

// A text the incremental reading cannot follow is parsed whole at every delta while it is at most
// 1 KB long and those parses have cost at most kParseCostPerByte per byte of it (an answer of
// 1 KB read at every byte costs ~1,000 per byte; a hostile one costs more per parse); past
// either, only once it has grown by a sixteenth since the last parse (docs/parsing.md,
// "Streaming cost"): a hostile answer streamed a byte at a time costs O(n) parses' worth, not
// O(n^2), and its partial values lag the text by at most that much.
constexpr std::size_t kParseEveryDeltaUpTo = 1024;
constexpr std::uint64_t kParseCostPerByte = 1024;

StreamParser::StreamParser(const ir::Type& type, const ir::TypeSystem& types)
    : state_(std::make_unique<State>(State{type, types, {}, {}, false, nullptr, false, 0, 0})) {
  // A string, enum or string literal target takes the raw text itself: nothing to keep.
  if (!takes_raw_text(types.resolve(type))) state_->incremental = std::make_unique<Incremental>(type, types);
  state_->plain_string = type.kind == ir::Type::Kind::String && type.checks.empty() && type.stream.empty();
}

StreamParser::~StreamParser() = default;

bool StreamParser::feed(std::string_view delta) {
  State& s = *state_;
  if (delta.empty()) return false;
  s.text.append(delta);
  if (s.plain_string) {
    // parse_answer's value for it: the text, invalid UTF-8 (a character still cut short
    // included) as U+FFFD.
    std::string now = is_valid_utf8(s.text) ? s.text : to_valid_utf8(s.text);
    if (s.has_value && s.current.value.as_string() == now) return false;
    s.current.value = Value::string(std::move(now));
    s.has_value = true;
    return true;
  }
  std::optional<ParseResult> next;
  bool reparse = true;
  if (s.incremental) {
    Incremental::Step step = Incremental::Step::GiveUp;
    try {
      step = s.incremental->update(s.text, next);
    } catch (const NestingTooDeep&) {
      step = Incremental::Step::GiveUp;
    }
    switch (step) {
      case Incremental::Step::Unchanged:
      case Incremental::Step::NoValue: return false;
      case Incremental::Step::Value: reparse = false; break;
      case Incremental::Step::Reparse: break;
      case Incremental::Step::GiveUp: s.incremental.reset(); break;
    }
  }
  if (reparse) {
    const bool every_delta =
        s.text.size() <= kParseEveryDeltaUpTo && s.parse_cost <= kParseCostPerByte * s.text.size();
    if (!every_delta && s.text.size() < s.parsed_at + s.parsed_at / 16) {
      if (s.incremental) s.incremental->forget();
      return false;
    }
    s.parsed_at = s.text.size();
    try {
      next = parse_answer(s.text, s.type, s.types, true, s.parse_cost);
    } catch (const ValidationError&) {
      return false;  // nothing that fits yet
    }
  }
  if (s.has_value && same_states(next->states, s.current.states) &&
      (reparse || !s.incremental ? same_value(next->value, s.current.value, nullptr)
                                 : s.incremental->same(next->value, s.current.value)))
    return false;
  s.current = std::move(*next);
  s.has_value = true;
  return true;
}

const ParseResult& StreamParser::current() const { return state_->current; }

ParseResult StreamParser::finish() { return parse_answer(state_->text, state_->type, state_->types, false); }

}  // namespace baml::parse
