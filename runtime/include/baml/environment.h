// Where a call reads the values of {"env": "NAME"} options (API keys, base URLs): the process
// environment by default, or a lookup of the program's own (RuntimeOptions::env), read at call
// time so that a key rotated in the environment takes effect without reloading the IR.
#pragma once

#include <functional>
#include <optional>
#include <string>

namespace baml {

// The value of the variable `name`, or nullopt when it is not set.
using EnvLookup = std::function<std::optional<std::string>(const std::string& name)>;

// getenv.
EnvLookup process_environment();

}  // namespace baml
