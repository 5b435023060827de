// Schema-aligned parsing: a model's text → a Value of the declared type, as BAML 0.226.2's parser
// does it and beyond (FUNCTIONS.md, "Schema-aligned parsing"; docs/parsing.md). Finding the JSON
// (whole text, fenced blocks, objects in prose, several objects), fixing what models break, then
// coercing to the type (numbers from "1,234", enums by alias or description, unions by score,
// durations from "1m30s" or "PT1H30M", ...).
//
// The whole answer (`parse_answer`) must fit the full type, or a ValidationError says where it did
// not (`.experience[2].title: missing required field`). A partial answer (`partial = true`, the
// text received so far while streaming) yields the partial value BAML's parseStream yields:
// missing fields null, strings and lists growing, @stream.done / @stream.not_null / numbers /
// enum values held back until complete. StreamParser gives the same partial values delta by
// delta, reading the usual answers incrementally: a delta costs about what it adds plus the part
// of the answer still open, not a parse of the whole text (docs/parsing.md, "Streaming cost").
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <baml/value.h>

#include "value/types.h"

namespace baml::parse {

// `@stream.with_state` fields in a partial value: where they are and how complete.
enum class StreamState { Pending, Incomplete, Complete };
struct FieldState {
  std::string path;  // ".experience[1].title" (real field names; map values as ["key"]), from the root
  StreamState state;
};

struct ParseResult {
  Value value;
  std::vector<FieldState> states;  // partial mode only, for @stream.with_state fields
};

// Throws ValidationError: detail "PATH: reason" (PATH the first part that did not fit, or the
// type's name at the root: `.experience[2].title: missing required field`,
// `int: expected int, got "abc"`), raw_output the text. In partial mode it is thrown while the
// text holds nothing the type can show yet (a @stream.not_null field still missing, a number
// at the root still growing).
ParseResult parse_answer(std::string_view text, const ir::Type& type, const ir::TypeSystem& types, bool partial = false);
// The same, adding to `cost` what the parse took: the text's length plus its coercion steps
// (Coercer::steps), whether it succeeds or throws.
ParseResult parse_answer(std::string_view text, const ir::Type& type, const ir::TypeSystem& types, bool partial,
                         std::uint64_t& cost);

class StreamParser {
 public:
  StreamParser(const ir::Type& type, const ir::TypeSystem& types);
  ~StreamParser();
  // Feeds the next piece of text. Returns true when the partial value changed (then `current()`
  // holds it): after every delta, the value is parse_answer(text so far, partial), emitted when
  // it differs from the last one emitted — except that a text the incremental reading cannot
  // follow is, past 1 KB, parsed again only once it has grown by a sixteenth (docs/parsing.md,
  // "Streaming cost"). A text that cannot be parsed yet is not an error until `finish`.
  bool feed(std::string_view delta);
  const ParseResult& current() const;
  // The final value of the whole text; throws ValidationError.
  ParseResult finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace baml::parse
