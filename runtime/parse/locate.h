// Finding the JSON in a model's answer (BAML's jsonish entry parser), in BAML's order: the whole
// text as strict JSON; ```fenced blocks (an unclosed fence too); every balanced {...} / [...] in
// the prose; the fixing parser over the whole text; and at last the text itself as a string.
// The result is an AnyOf of the readings found, which keeps the raw text for string targets;
// several values found also yield their list, so a list type can collect them.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "parse/jvalue.h"

namespace baml::parse {

// `partial`: the text may be cut short (a number at its very end may still grow).
// Throws NestingTooDeep.
JValue locate(std::string_view text, bool partial);

// The pieces of locate's reading, for the streaming parser to build the same reading from the
// parts it keeps (stream_parser.cpp).
namespace located {
JValue any_of(std::vector<JValue> candidates, std::string_view raw);
JValue array_of(const std::vector<JValue>& items);
// The reading of the balanced fragments found in a text / of the values the fixing parser found
// in it (nullopt when there are none), as locate's entry makes them.
std::optional<JValue> of_objects(std::vector<JValue> found, std::string_view raw);
std::optional<JValue> of_fixed(std::vector<JValue> found, std::string_view raw);
// A fenced block's reading: its content read, the tag (trimmed); `alone`: the answer's only
// candidate (no other block, no text after it), which BAML 0.226.2 counts as unfinished in a
// partial answer even once closed; among others a block is as finished as its content.
JValue markdown_block(JValue inner, std::string_view tag, bool alone);
// In a partial text, a number ending the text may still grow.
void mark_trailing_number(JValue& v);
}  // namespace located

}  // namespace baml::parse
