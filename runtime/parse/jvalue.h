// The "JSON-ish" value the locating and fixing stages produce and coercion consumes (BAML's
// jsonish::Value): JSON plus the alternatives a text offers (AnyOf: every reading of the text,
// with the raw text itself kept for string targets), where a value came from (a fenced block, a
// repaired fragment), and whether it was complete when the text ended (streaming).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace baml::parse {

struct JValue {
  enum class Kind { Null, Bool, Number, String, Object, Array, AnyOf, Markdown, Fixed };
  Kind kind = Kind::Null;
  bool complete = true;  // false: cut off by the end of the text
  bool boolean = false;
  std::string text;  // Number: its literal; String: contents; AnyOf: the raw text; Markdown: the tag
  std::vector<std::pair<std::string, JValue>> entries;  // Object, in the text's order (duplicates kept)
  std::vector<JValue> items;  // Array; AnyOf: candidates; Markdown, Fixed: the one inner value

  // Out of line: a JValue holds pairs of JValues, complete only after the class (clang's
  // libstdc++ checks instantiate the pair's destructor eagerly otherwise).
  JValue();
  ~JValue();
  JValue(const JValue&);
  JValue(JValue&&) noexcept;
  JValue& operator=(const JValue&);
  JValue& operator=(JValue&&) noexcept;

  static JValue null_value(bool complete = true) { JValue v; v.complete = complete; return v; }
  static JValue string(std::string s, bool complete = true) {
    JValue v; v.kind = Kind::String; v.text = std::move(s); v.complete = complete; return v;
  }
  static JValue wrap(Kind kind, JValue inner, std::string text = {}) {
    JValue v; v.kind = kind; v.text = std::move(text); v.complete = inner.complete;
    v.items.push_back(std::move(inner)); return v;
  }

  // BAML's Display of a jsonish value, which is what a non-string value becomes when a string is
  // wanted inside a larger value: `{a: 1, b: [x, y]}` (strings unquoted).
  std::string display() const;
  // The value with Markdown / Fixed wrappers taken off (AnyOf left alone).
  const JValue& unwrapped() const;
};

}  // namespace baml::parse
