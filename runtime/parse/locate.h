// Finding the JSON in a model's answer (BAML's jsonish entry parser), in BAML's order: the whole
// text as strict JSON; ```fenced blocks (an unclosed fence too); every balanced {...} / [...] in
// the prose; the fixing parser over the whole text; and at last the text itself as a string.
// The result is an AnyOf of the readings found, which keeps the raw text for string targets;
// several values found also yield their list, so a list type can collect them.
#pragma once

#include <string_view>

#include "parse/jvalue.h"

namespace baml::parse {

// `partial`: the text may be cut short (a number at its very end may still grow).
// Throws NestingTooDeep.
JValue locate(std::string_view text, bool partial);

}  // namespace baml::parse
