// Strict JSON (RFC 8259), the first reading BAML tries: the whole text as one JSON document,
// surrounding whitespace allowed. Nesting deeper than serde_json's limit (128) is not strict JSON
// here either, so such a text goes on to the fixing parser as it does in BAML.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "parse/json_cursor.h"
#include "parse/jvalue.h"

namespace baml::parse {

std::optional<JValue> parse_strict_json(std::string_view text);
// The one value at the cursor (no surrounding whitespace), `depth` levels down already; the
// cursor ends after it. nullopt when it is not strict JSON.
std::optional<JValue> read_strict_value(JsonCursor& cursor, int depth);

// Whether parse_strict_json would accept the text, decided a byte at a time (for a text that
// arrives in pieces): `complete()` after feeding a text is exactly whether parse_strict_json(text)
// succeeds; `dead()` means it never will, whatever follows. Small and cheap to copy.
class StrictRecognizer {
 public:
  void feed(std::string_view bytes) {
    for (char c : bytes) {
      if (state_ == kDead) return;
      step(static_cast<unsigned char>(c));
    }
  }
  bool complete() const;
  bool dead() const { return state_ == kDead; }

 private:
  enum State : unsigned char {
    kRootValue,   // before the document's value (whitespace allowed)
    kRootAfter,   // after it (whitespace only)
    kArrFirst,    // after `[`: `]` or a value
    kArrValue,    // after `,` in an array: a value
    kArrAfter,    // after an item: `,` or `]`
    kObjFirst,    // after `{`: `}` or a key
    kObjKey,      // after `,` in an object: a key
    kObjColon,    // after a key: `:`
    kObjValue,    // after `:`: a value
    kObjAfter,    // after a value: `,` or `}`
    kString,      // in a string (key or value: see key_)
    kEscape,      // after a backslash
    kHex,         // in \uXXXX (hex_count_ digits read)
    kLowSlash,    // after a high surrogate: `\` of the low one
    kLowU,        // its `u`
    kLowHex,      // its digits
    kNumSign,     // `-`
    kNumZero,     // `0` (complete)
    kNumInt,      // digits (complete)
    kNumDot,      // `.`
    kNumFrac,     // fraction digits (complete)
    kNumE,        // `e`
    kNumESign,    // exponent sign
    kNumExp,      // exponent digits (complete)
    kLiteral,     // in true / false / null
    kDead,
  };
  void step(unsigned char c);
  void value_start(unsigned char c);
  void after_value();
  void after_value_char(unsigned char c);

  State state_ = kRootValue;
  bool key_ = false;               // the string being read is an object key
  unsigned char hex_count_ = 0;
  unsigned cp_ = 0;                // \u digits read
  const char* literal_ = nullptr;  // the literal being read, and how much of it
  unsigned char literal_at_ = 0;
  std::vector<char> stack_;        // open containers: 'a' array, 'o' object
};


}  // namespace baml::parse
