// Values as data text: `tojson` (minijinja: field names, HTML-safe escapes) and BAML's
// `format(type=...)` filter (`json` compact with alias keys, `yaml` as serde_yaml writes it,
// `toon`).
#pragma once

#include <string>
#include <string_view>

#include "template/jvalue.h"

namespace baml::tmpl {

class Evaluator;

struct JsonStyle {
  bool alias_keys = false;  // class fields by their alias (BAML's format) or name (tojson)
  bool html_safe = false;   // escape < > & ' as \uXXXX (minijinja's tojson)
  int indent = -1;          // -1: compact
};

std::string to_json(Evaluator& ev, const JValue& v, const JsonStyle& style);
std::string to_yaml(Evaluator& ev, const JValue& v);
std::string to_toon(Evaluator& ev, const JValue& v);

}  // namespace baml::tmpl
