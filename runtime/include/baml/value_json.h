// A Value as JSON, the form the CLI prints and the runtime API's JSON entry points read
// (docs/runtime.md, "Values"): a class is an object keyed by field name, an enum value its name,
// a map an object, a duration a string in bamlc's duration syntax ("1m30s"), media
// {"url": ..., "media_type": ...} or {"base64": ..., "media_type": ...}. Reading JSON back needs
// the declared type (a string could be an enum value or a duration), so it lives with the
// function API, which knows the parameters.
#pragma once

#include <nlohmann/json.hpp>

#include <baml/value.h>

namespace baml {

nlohmann::json to_json(const Value& value);

}  // namespace baml
