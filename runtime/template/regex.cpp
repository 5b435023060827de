// regex_match's regular expressions (see regex.h): a recursive-descent parser into a small syntax
// tree, Thompson's construction into a program of states, and a search that keeps the set of
// states reachable at each position of the text.
#include "template/regex.h"

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>

namespace baml::tmpl {
namespace {

constexpr std::uint32_t kMaxCodePoint = 0x10FFFF;
constexpr std::uint32_t kNone = 0xFFFFFFFF;   // before the text's start, after its end
constexpr int kMaxDepth = 100;                // groups and classes nested in a pattern
constexpr std::uint32_t kMaxRepeat = 1000;    // {n,m}: n and m

enum Assertion : std::uint32_t { BeginText, EndText, BeginLine, EndLine, WordBoundary, NotWordBoundary };

using Ranges = std::vector<std::pair<std::uint32_t, std::uint32_t>>;

bool is_word(std::uint32_t cp) {
  return cp < 128 && ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_');
}

// One code point of UTF-8 text at `at`, and its length; a byte that starts no valid sequence is
// the value 0x110000 + byte (above every code point, so only negated classes match it).
std::uint32_t decode(std::string_view s, std::size_t at, std::size_t& length) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[at + i]); };
  const unsigned char c = b(0);
  length = 1;
  if (c < 0x80) return c;
  std::size_t n = 0;
  std::uint32_t cp = 0, min = 0;
  if ((c & 0xE0) == 0xC0) n = 2, cp = c & 0x1F, min = 0x80;
  else if ((c & 0xF0) == 0xE0) n = 3, cp = c & 0x0F, min = 0x800;
  else if ((c & 0xF8) == 0xF0) n = 4, cp = c & 0x07, min = 0x10000;
  else return 0x110000 + c;
  if (at + n > s.size()) return 0x110000 + c;
  for (std::size_t i = 1; i < n; ++i) {
    if ((b(i) & 0xC0) != 0x80) return 0x110000 + c;
    cp = (cp << 6) | (b(i) & 0x3F);
  }
  if (cp < min || cp > kMaxCodePoint || (cp >= 0xD800 && cp <= 0xDFFF)) return 0x110000 + c;
  length = n;
  return cp;
}

Ranges normalized(Ranges r) {
  std::sort(r.begin(), r.end());
  Ranges out;
  for (const auto& [lo, hi] : r) {
    if (!out.empty() && lo <= out.back().second + 1) {
      out.back().second = std::max(out.back().second, hi);
    } else {
      out.emplace_back(lo, hi);
    }
  }
  return out;
}

Ranges complement(const Ranges& r) {
  Ranges out;
  std::uint32_t next = 0;
  for (const auto& [lo, hi] : normalized(r)) {
    if (lo > next) out.emplace_back(next, lo - 1);
    next = hi + 1;
  }
  if (next <= kMaxCodePoint) out.emplace_back(next, kMaxCodePoint);
  return out;
}

// The other case of the ASCII letters in `r`.
void fold_ascii(Ranges& r) {
  const std::size_t n = r.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto [lo, hi] = r[i];
    const std::uint32_t a = std::max<std::uint32_t>(lo, 'a'), z = std::min<std::uint32_t>(hi, 'z');
    if (a <= z) r.emplace_back(a - 32, z - 32);
    const std::uint32_t A = std::max<std::uint32_t>(lo, 'A'), Z = std::min<std::uint32_t>(hi, 'Z');
    if (A <= Z) r.emplace_back(A + 32, Z + 32);
  }
}

struct Node {
  enum class Kind { Empty, Class, Assert, Concat, Alt, Repeat } kind = Kind::Empty;
  Regex::CharClass cls;
  std::uint32_t assertion = 0;
  std::vector<Node> children;
  std::uint32_t min = 0, max = 0;
  bool unbounded = false;
};

Node assert_node(std::uint32_t assertion) {
  Node n;
  n.kind = Node::Kind::Assert;
  n.assertion = assertion;
  return n;
}

Node class_node(Ranges ranges, bool negated) {
  Node n;
  n.kind = Node::Kind::Class;
  n.cls.ranges = normalized(std::move(ranges));
  n.cls.negated = negated;
  return n;
}

class Parser {
 public:
  explicit Parser(std::string_view pattern) : p_(pattern) {}

  Node parse() {
    Flags flags;
    Node n = alternation(flags, 0);
    if (!eof()) fail("unopened group: a `)` without its `(`");
    return n;
  }

 private:
  struct Flags {
    bool i = false, m = false, s = false, x = false;
  };

  [[noreturn]] void fail(const std::string& what) const {
    throw RegexError(what + " (at byte " + std::to_string(pos_) + " of the pattern)");
  }
  bool eof() const { return pos_ >= p_.size(); }
  char peek(std::size_t ahead = 0) const { return pos_ + ahead < p_.size() ? p_[pos_ + ahead] : '\0'; }
  bool take(char c) {
    if (peek() != c || eof()) return false;
    ++pos_;
    return true;
  }
  std::uint32_t next_cp() {
    std::size_t length = 1;
    const std::uint32_t cp = decode(p_, pos_, length);
    pos_ += length;
    return cp;
  }
  // Whitespace and `#` comments, ignored with the `x` flag.
  void skip_verbose(const Flags& f) {
    if (!f.x) return;
    while (!eof()) {
      const char c = p_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        ++pos_;
      } else if (c == '#') {
        while (!eof() && p_[pos_] != '\n') ++pos_;
      } else {
        return;
      }
    }
  }

  Node alternation(Flags& flags, int depth) {
    if (depth > kMaxDepth) fail("groups nested more than " + std::to_string(kMaxDepth) + " deep");
    Node alt;
    alt.kind = Node::Kind::Alt;
    alt.children.push_back(concat(flags, depth));
    while (take('|')) alt.children.push_back(concat(flags, depth));
    if (alt.children.size() == 1) return std::move(alt.children[0]);
    return alt;
  }

  Node concat(Flags& flags, int depth) {
    Node seq;
    seq.kind = Node::Kind::Concat;
    for (;;) {
      skip_verbose(flags);
      if (eof() || peek() == '|' || peek() == ')') break;
      bool quantifiable = true;
      Node atom_node = atom(flags, depth, quantifiable);
      for (int stacked = 0;; ++stacked) {
        if (stacked > kMaxDepth) fail("more than " + std::to_string(kMaxDepth) + " repetition operators in a row");
        skip_verbose(flags);
        std::uint32_t min = 0, max = 0;
        bool unbounded = false;
        if (take('*')) {
          unbounded = true;
        } else if (take('+')) {
          min = 1, unbounded = true;
        } else if (take('?')) {
          max = 1;
        } else if (peek() == '{') {
          ++pos_;
          counted(min, max, unbounded);
        } else {
          break;
        }
        if (!quantifiable) fail("a repetition operator without an expression to repeat");
        take('?');  // lazy: the same matches exist either way
        Node rep;
        rep.kind = Node::Kind::Repeat;
        rep.min = min, rep.max = max, rep.unbounded = unbounded;
        rep.children.push_back(std::move(atom_node));
        atom_node = std::move(rep);
      }
      seq.children.push_back(std::move(atom_node));
    }
    if (seq.children.size() == 1) return std::move(seq.children[0]);
    return seq;
  }

  std::uint32_t decimal() {
    if (peek() < '0' || peek() > '9') fail("a repetition count must be a decimal number");
    std::uint64_t n = 0;
    while (peek() >= '0' && peek() <= '9') {
      n = n * 10 + static_cast<std::uint64_t>(peek() - '0');
      ++pos_;
      if (n > kMaxRepeat) fail("a repetition count above " + std::to_string(kMaxRepeat));
    }
    return static_cast<std::uint32_t>(n);
  }

  // After `{`: `n}`, `n,}` or `n,m}`.
  void counted(std::uint32_t& min, std::uint32_t& max, bool& unbounded) {
    min = decimal();
    max = min;
    if (take(',')) {
      if (peek() == '}') {
        unbounded = true;
      } else {
        max = decimal();
        if (max < min) fail("an invalid repetition range {" + std::to_string(min) + "," + std::to_string(max) + "}");
      }
    }
    if (!take('}')) fail("an unclosed counted repetition");
  }

  Node atom(Flags& flags, int depth, bool& quantifiable) {
    const char c = peek();
    switch (c) {
      case '(': ++pos_; return group(flags, depth, quantifiable);
      case '[': {
        ++pos_;
        bool negated = false;
        Ranges ranges = char_class(flags, depth + 1, negated);
        return class_node(std::move(ranges), negated);
      }
      case '.':
        ++pos_;
        return flags.s ? class_node({{0, kMaxCodePoint}}, false) : class_node({{'\n', '\n'}}, true);
      case '^':
        ++pos_;
        return assert_node(flags.m ? BeginLine : BeginText);
      case '$':
        ++pos_;
        return assert_node(flags.m ? EndLine : EndText);
      case '*':
      case '+':
      case '?':
      case '{': fail("a repetition operator without an expression to repeat");
      case '\\': {
        ++pos_;
        if (std::uint32_t assertion = 0; escape_assertion(assertion)) return assert_node(assertion);
        bool negated = false;
        Ranges r = escape(flags, false, negated);
        return class_node(std::move(r), negated);
      }
      default: {
        const std::uint32_t cp = next_cp();
        Ranges r{{cp, cp}};
        if (flags.i) fold_ascii(r);
        return class_node(std::move(r), false);
      }
    }
  }

  // After `(`.
  Node group(Flags& flags, int depth, bool& quantifiable) {
    Flags inner = flags;
    if (take('?')) {
      if (take('P') || peek() == '<') {
        if (!take('<')) fail("a named group needs `<name>`");
        const std::size_t start = pos_;
        while (!eof() && (std::isalnum(static_cast<unsigned char>(peek())) || peek() == '_')) ++pos_;
        if (pos_ == start || !take('>')) fail("a group name is letters, digits and `_`, then `>`");
      } else {
        bool on = true;
        for (;;) {
          if (eof()) fail("an unclosed group");
          const char f = p_[pos_++];
          if (f == ':') break;
          if (f == ')') {
            flags = inner;  // (?flags): for the rest of the enclosing group
            quantifiable = false;
            return Node{};
          }
          switch (f) {
            case '-': on = false; break;
            case 'i': inner.i = on; break;
            case 'm': inner.m = on; break;
            case 's': inner.s = on; break;
            case 'x': inner.x = on; break;
            case 'u':
            case 'U': break;  // Unicode (always), swapped greed (no effect on whether it matches)
            default: fail(std::string("an unknown flag `") + f + "`");
          }
        }
      }
    }
    Node n = alternation(inner, depth + 1);
    if (!take(')')) fail("an unclosed group");
    return n;
  }

  // After `\`: an assertion (`\b \B \A \z`), consumed; false otherwise, nothing consumed.
  bool escape_assertion(std::uint32_t& assertion) {
    switch (peek()) {
      case 'b': assertion = WordBoundary; break;
      case 'B': assertion = NotWordBoundary; break;
      case 'A': assertion = BeginText; break;
      case 'z': assertion = EndText; break;
      default: return false;
    }
    ++pos_;
    return true;
  }

  std::uint32_t hex(std::size_t digits) {
    std::uint32_t value = 0;
    std::size_t n = 0;
    const bool braced = take('{');
    while (braced ? peek() != '}' : n < digits) {
      const char h = peek();
      int d = -1;
      if (h >= '0' && h <= '9') d = h - '0';
      else if (h >= 'a' && h <= 'f') d = h - 'a' + 10;
      else if (h >= 'A' && h <= 'F') d = h - 'A' + 10;
      if (d < 0 || n == 8) fail("an invalid hexadecimal escape");
      value = value * 16 + static_cast<std::uint32_t>(d);
      ++pos_;
      ++n;
    }
    if (braced && (!take('}') || n == 0)) fail("an invalid hexadecimal escape");
    if (value > kMaxCodePoint || (value >= 0xD800 && value <= 0xDFFF)) fail("an escape that is not a Unicode scalar value");
    return value;
  }

  // After `\` (not an assertion): the code points it stands for; `negated` for `\D \W \S`.
  Ranges escape(const Flags& flags, bool in_class, bool& negated) {
    if (eof()) fail("a trailing `\\`");
    const char c = p_[pos_];
    const auto one = [&](std::uint32_t cp) {
      ++pos_;
      Ranges r{{cp, cp}};
      if (flags.i) fold_ascii(r);
      return r;
    };
    switch (c) {
      case 'd': case 'D': ++pos_; negated = c == 'D'; return {{'0', '9'}};
      case 'w': case 'W': ++pos_; negated = c == 'W'; return {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
      case 's': case 'S': ++pos_; negated = c == 'S'; return {{'\t', '\r'}, {' ', ' '}};
      case 'n': return one('\n');
      case 't': return one('\t');
      case 'r': return one('\r');
      case 'f': return one('\f');
      case 'v': return one('\v');
      case 'a': return one('\a');
      case 'x': ++pos_; { const std::uint32_t cp = hex(2); Ranges r{{cp, cp}}; if (flags.i) fold_ascii(r); return r; }
      case 'u': ++pos_; { const std::uint32_t cp = hex(4); Ranges r{{cp, cp}}; if (flags.i) fold_ascii(r); return r; }
      case 'U': ++pos_; { const std::uint32_t cp = hex(8); Ranges r{{cp, cp}}; if (flags.i) fold_ascii(r); return r; }
      case 'p': case 'P': fail("Unicode classes (\\p{...}) are not supported");
      default: break;
    }
    if (c >= '0' && c <= '9') fail("backreferences and octal escapes are not supported");
    if (std::isalpha(static_cast<unsigned char>(c))) {
      fail(std::string("an unknown escape `\\") + c + "`" + (in_class ? " in a class" : ""));
    }
    // Punctuation, a space, any other character: itself.
    const std::uint32_t cp = next_cp();
    Ranges r{{cp, cp}};
    if (flags.i) fold_ascii(r);
    return r;
  }

  // After `[` (and reads the closing `]`): the class's ranges, `negated` for `[^...]`.
  Ranges char_class(const Flags& flags, int depth, bool& negated) {
    if (depth > kMaxDepth) fail("classes nested more than " + std::to_string(kMaxDepth) + " deep");
    negated = take('^');
    Ranges ranges;
    bool first = true;
    for (;;) {
      skip_verbose(flags);
      if (eof()) fail("an unclosed character class");
      const char c = peek();
      if (c == ']' && !first) {
        ++pos_;
        break;
      }
      if ((c == '&' && peek(1) == '&') || (c == '~' && peek(1) == '~') || (c == '-' && peek(1) == '-')) {
        fail("class set operations (&&, --, ~~) are not supported");
      }
      first = false;
      if (c == '[' && peek(1) == ':') {
        posix_class(ranges);
        continue;
      }
      if (c == '[') {
        ++pos_;
        bool inner_negated = false;
        Ranges inner = char_class(flags, depth + 1, inner_negated);
        if (inner_negated) inner = complement(inner);
        ranges.insert(ranges.end(), inner.begin(), inner.end());
        continue;
      }
      bool single = true;
      std::uint32_t lo = 0;
      Ranges item = class_item(flags, single, lo);
      if (single && peek() == '-' && peek(1) != ']' && peek(1) != '\0') {
        ++pos_;
        std::uint32_t hi = 0;
        bool hi_single = true;
        (void)class_item(flags, hi_single, hi);
        if (!hi_single) fail("a class range ends with a class");
        if (hi < lo) fail("an invalid class range (its end comes before its start)");
        item = {{lo, hi}};
        if (flags.i) fold_ascii(item);
      }
      ranges.insert(ranges.end(), item.begin(), item.end());
    }
    return ranges;
  }

  // One item of a class: a character (`single`, its value in `cp`) or an escape class.
  Ranges class_item(const Flags& flags, bool& single, std::uint32_t& cp) {
    if (take('\\')) {
      if (peek() == 'b' || peek() == 'B' || peek() == 'A' || peek() == 'z') fail("an assertion inside a class");
      bool negated = false;
      Ranges r = escape(Flags{}, true, negated);
      single = !negated && r.size() == 1 && r[0].first == r[0].second;
      cp = r[0].first;
      if (negated) r = complement(r);
      if (flags.i) fold_ascii(r);
      return r;
    }
    cp = next_cp();
    single = true;
    Ranges r{{cp, cp}};
    if (flags.i) fold_ascii(r);
    return r;
  }

  // `[:name:]` or `[:^name:]`, the ASCII classes.
  void posix_class(Ranges& ranges) {
    pos_ += 2;
    const bool negated = take('^');
    const std::size_t end = p_.find(":]", pos_);
    if (end == std::string_view::npos) fail("an unclosed `[:class:]`");
    const std::string_view name = p_.substr(pos_, end - pos_);
    pos_ = end + 2;
    Ranges r;
    if (name == "alnum") r = {{'0', '9'}, {'A', 'Z'}, {'a', 'z'}};
    else if (name == "alpha") r = {{'A', 'Z'}, {'a', 'z'}};
    else if (name == "ascii") r = {{0, 0x7F}};
    else if (name == "blank") r = {{'\t', '\t'}, {' ', ' '}};
    else if (name == "cntrl") r = {{0, 0x1F}, {0x7F, 0x7F}};
    else if (name == "digit") r = {{'0', '9'}};
    else if (name == "graph") r = {{'!', '~'}};
    else if (name == "lower") r = {{'a', 'z'}};
    else if (name == "print") r = {{' ', '~'}};
    else if (name == "punct") r = {{'!', '/'}, {':', '@'}, {'[', '`'}, {'{', '~'}};
    else if (name == "space") r = {{'\t', '\r'}, {' ', ' '}};
    else if (name == "upper") r = {{'A', 'Z'}};
    else if (name == "word") r = {{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}};
    else if (name == "xdigit") r = {{'0', '9'}, {'A', 'F'}, {'a', 'f'}};
    else fail("an unknown class `[:" + std::string(name) + ":]`");
    if (negated) r = complement(r);
    ranges.insert(ranges.end(), r.begin(), r.end());
  }

  std::string_view p_;
  std::size_t pos_ = 0;
};

class Compiler {
 public:
  Compiler(std::vector<Regex::Inst>& program, std::vector<Regex::CharClass>& classes)
      : program_(program), classes_(classes) {}

  void emit(const Node& n) {
    using Op = Regex::Inst::Op;
    switch (n.kind) {
      case Node::Kind::Empty: return;
      case Node::Kind::Class:
        classes_.push_back(n.cls);
        push({Op::Class, static_cast<std::uint32_t>(classes_.size() - 1), 0});
        return;
      case Node::Kind::Assert: push({Op::Assert, n.assertion, 0}); return;
      case Node::Kind::Concat:
        for (const Node& c : n.children) emit(c);
        return;
      case Node::Kind::Alt: {
        std::vector<std::size_t> exits;
        for (std::size_t i = 0; i < n.children.size(); ++i) {
          if (i + 1 == n.children.size()) {
            emit(n.children[i]);
            break;
          }
          const std::size_t split = push({Op::Split, 0, 0});
          program_[split].x = here();
          emit(n.children[i]);
          exits.push_back(push({Op::Jmp, 0, 0}));
          program_[split].y = here();
        }
        for (std::size_t e : exits) program_[e].x = here();
        return;
      }
      case Node::Kind::Repeat: {
        const Node& body = n.children[0];
        for (std::uint32_t i = 0; i < n.min; ++i) emit(body);
        if (n.unbounded) {
          const std::size_t loop = push({Op::Split, 0, 0});
          program_[loop].x = here();
          emit(body);
          push({Op::Jmp, static_cast<std::uint32_t>(loop), 0});
          program_[loop].y = here();
          return;
        }
        std::vector<std::size_t> skips;
        for (std::uint32_t i = n.min; i < n.max; ++i) {
          const std::size_t split = push({Op::Split, 0, 0});
          program_[split].x = here();
          skips.push_back(split);
          emit(body);
        }
        for (std::size_t s : skips) program_[s].y = here();
        return;
      }
    }
  }

  std::size_t push(Regex::Inst inst) {
    if (program_.size() >= Regex::kMaxStates) {
      throw RegexError("the pattern is too large (more than " + std::to_string(Regex::kMaxStates) + " states)");
    }
    program_.push_back(inst);
    return program_.size() - 1;
  }
  std::uint32_t here() const { return static_cast<std::uint32_t>(program_.size()); }

 private:
  std::vector<Regex::Inst>& program_;
  std::vector<Regex::CharClass>& classes_;
};

}  // namespace

bool Regex::CharClass::contains(std::uint32_t cp) const {
  auto it = std::upper_bound(ranges.begin(), ranges.end(), cp,
                             [](std::uint32_t value, const std::pair<std::uint32_t, std::uint32_t>& r) { return value < r.first; });
  const bool in = it != ranges.begin() && cp <= std::prev(it)->second;
  return in != negated;
}

Regex::Regex(std::string_view pattern) {
  const Node tree = Parser(pattern).parse();
  Compiler compiler(program_, classes_);
  compiler.emit(tree);
  compiler.push({Inst::Op::Match, 0, 0});
}

bool Regex::search(std::string_view text) const {
  const std::size_t n = program_.size();
  std::vector<std::uint32_t> seen(n, 0);  // the step a state was last added in
  std::vector<std::uint32_t> stack, waiting, seeds;
  stack.reserve(n);
  std::uint32_t step = 0;
  std::uint32_t prev = kNone;
  for (std::size_t pos = 0;;) {
    std::size_t length = 0;
    const std::uint32_t next = pos < text.size() ? decode(text, pos, length) : kNone;
    ++step;
    waiting.clear();
    stack.assign(seeds.begin(), seeds.end());
    stack.push_back(0);  // unanchored: a match may start here
    seeds.clear();
    while (!stack.empty()) {
      const std::uint32_t pc = stack.back();
      stack.pop_back();
      if (seen[pc] == step) continue;
      seen[pc] = step;
      const Inst& inst = program_[pc];
      switch (inst.op) {
        case Inst::Op::Match: return true;
        case Inst::Op::Jmp: stack.push_back(inst.x); break;
        case Inst::Op::Split:
          stack.push_back(inst.y);
          stack.push_back(inst.x);
          break;
        case Inst::Op::Assert: {
          bool holds = false;
          switch (inst.x) {
            case BeginText: holds = pos == 0; break;
            case EndText: holds = pos == text.size(); break;
            case BeginLine: holds = pos == 0 || prev == '\n'; break;
            case EndLine: holds = pos == text.size() || next == '\n'; break;
            case WordBoundary: holds = is_word(prev) != is_word(next); break;
            case NotWordBoundary: holds = is_word(prev) == is_word(next); break;
            default: break;
          }
          if (holds) stack.push_back(pc + 1);
          break;
        }
        case Inst::Op::Class: waiting.push_back(pc); break;
      }
    }
    if (pos >= text.size()) return false;
    for (std::uint32_t pc : waiting) {
      if (classes_[program_[pc].x].contains(next)) seeds.push_back(pc + 1);
    }
    prev = next;
    pos += length;
  }
}

}  // namespace baml::tmpl
