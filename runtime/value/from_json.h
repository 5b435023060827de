// Reading JSON into a Value of a declared type, and a function's JSON arguments into checked
// Args. The rules (docs/runtime.md, "Arguments"): a class is an object keyed by field name (keys
// it does not declare are ignored, as BAML ignores them; a missing field is an error unless its
// type admits null, in which case it is absent), an enum value its name or alias, a map an object,
// a duration a string in bamlc's duration syntax or an integer of milliseconds, media
// {"url"[, "media_type"]} or {"base64", "media_type"}, an int an integral number, a float any
// number, a union its first member that fits, an optional null or its inner type.
// A mismatch is an InvalidArgumentError whose message gives the path inside the argument:
// `resume.experience[1].start: expected string, got 2019`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <baml/value.h>

#include "value/types.h"

namespace baml::ir {

// Throws InvalidArgumentError; `path` names the value in the message (a parameter name).
Value value_from_json(const nlohmann::json& json, const Type& type, const TypeSystem& types, const std::string& path);
// The same keeping the order of object keys as written (maps iterate in that order).
Value value_from_json(const nlohmann::ordered_json& json, const Type& type, const TypeSystem& types,
                      const std::string& path);

// JSON as a Value with no declared type to fit (an object is a map, in its key order). Throws
// InvalidArgumentError past the nesting limit.
Value value_from_json_untyped(const nlohmann::json& json, const std::string& path);

// Checks a Value built in C++ against `type`, the same rules as for JSON (an int given for a
// float becomes a float; a string given for an enum becomes the enum value). Returns the value as
// the type wants it. Throws InvalidArgumentError.
Value conform(const Value& value, const Type& type, const TypeSystem& types, const std::string& path);

// A function's arguments: `args` must be a JSON object; unknown names, missing required
// parameters and values that do not fit are InvalidArgumentErrors that name them. The result is
// in parameter order; an omitted optional parameter is absent.
Args args_from_json(const nlohmann::json& args, const std::vector<Parameter>& parameters, const TypeSystem& types,
                    std::string_view function);
Args args_from_json(const nlohmann::ordered_json& args, const std::vector<Parameter>& parameters,
                    const TypeSystem& types, std::string_view function);
// The same for Args built in C++.
Args conform_args(const Args& args, const std::vector<Parameter>& parameters, const TypeSystem& types,
                  std::string_view function);

}  // namespace baml::ir
