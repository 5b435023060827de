// The fast path for clean answers: a whole text that is strict JSON, read straight into a Value of
// the declared type in one pass, without the JValue tree and the coercion that parse_answer
// builds in general (docs/parsing.md, "Clean answers").
//
// It gives exactly what parse_answer gives, or nothing. Where the JSON fits the type exactly
// (BAML's try_cast: kinds match, keys are the rendered names, each once, no other key) the value
// is built as it is read. A part that does not fit exactly, where BAML's coercion would coerce that
// part on its own (a list item, a class field whose object otherwise fits), is handed to the
// Coercer as a JValue; the result is the Coercer's. Anywhere else (a union with several members,
// a map with enum keys, a root of string or enum type, invalid UTF-8, nesting beyond 64), the
// whole text is left to parse_answer's general path.
#pragma once

#include <optional>
#include <string_view>

#include <baml/value.h>

#include "value/types.h"

namespace baml::parse {

class Coercer;

// The value of `text` for `type` (non-partial), or nullopt when the general path must decide.
std::optional<Value> read_exact_json(std::string_view text, const ir::Type& type, Coercer& coercer);

}  // namespace baml::parse
