// The regular expressions of `regex_match`, BAML's own filter, which matches with Rust's regex
// crate: its syntax, for what prompts and checks write, and its guarantee that matching takes time
// linear in the text. The pattern is compiled to a Thompson NFA, run over the text once as a set of
// states (no backtracking, no recursion on the text), so no pattern can hang on a short text
// (`(a+)+$`) and no long text (a model's answer checked by `@assert`) can overflow the stack, as
// std::regex did.
//
// Supported: literals (UTF-8), `.`, classes `[a-z]`, `[^...]`, nested classes, `[[:alpha:]]`,
// `\d \w \s \D \W \S` (ASCII, as std::regex had them; Rust's are Unicode), escapes of punctuation,
// `\n \t \r \f \v \a`, `\xHH \x{H..} \uHHHH \u{H..} \UHHHHHHHH \U{H..}`, anchors `^ $ \A \z \b \B`,
// groups `(...)`, `(?:...)`, `(?P<name>...)`, `(?<name>...)`, alternation, the quantifiers
// `* + ? {n} {n,} {n,m}` and their lazy forms, flags `(?imsxuU)` and `(?flags:...)`
// (case-insensitive matching folds ASCII letters only). Not supported (an error, as a pattern
// Rust refuses is): `\p{...}` classes and the class set operations `&&`, `--`, `~~`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace baml::tmpl {

class RegexError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Regex {
 public:
  // The most NFA states a pattern may compile to (a repetition count multiplies its operand).
  static constexpr std::size_t kMaxStates = 2000;

  // Throws RegexError saying what is wrong with the pattern.
  explicit Regex(std::string_view pattern);

  // Whether the pattern matches anywhere in `text` (Rust's `is_match`). Takes at most
  // (text bytes + 1) x states() steps.
  bool search(std::string_view text) const;
  std::size_t states() const { return program_.size(); }

  struct Inst {
    enum class Op : std::uint8_t { Class, Split, Jmp, Assert, Match } op = Op::Match;
    std::uint32_t x = 0;  // Class: index into classes_; Split, Jmp: target; Assert: kind
    std::uint32_t y = 0;  // Split: second target
  };
  // A set of code points: sorted, disjoint ranges; `negated` matches the others.
  struct CharClass {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;
    bool negated = false;
    bool contains(std::uint32_t cp) const;
  };

 private:
  std::vector<Inst> program_;
  std::vector<CharClass> classes_;
};

}  // namespace baml::tmpl
