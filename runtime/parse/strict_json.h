// Strict JSON (RFC 8259), the first reading BAML tries: the whole text as one JSON document,
// surrounding whitespace allowed. Nesting deeper than serde_json's limit (128) is not strict JSON
// here either, so such a text goes on to the fixing parser as it does in BAML.
#pragma once

#include <optional>
#include <string_view>

#include <baml/utf8.h>  // append_utf8

#include "parse/jvalue.h"

namespace baml::parse {

std::optional<JValue> parse_strict_json(std::string_view text);


}  // namespace baml::parse
