// What `bamlc render`, `run` and `test` share: the function's arguments from --args or
// --args-file, as JSON that keeps the order its keys were written in (a map argument iterates in
// that order, as in BAML).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace bamlc::cli {

// The arguments, or nothing after printing what is wrong (exit_code then says kExitUsage): both
// flags given, a file that cannot be read, text that is not a JSON object. Neither given: `{}`.
std::optional<nlohmann::ordered_json> read_function_args(const std::string& args, const std::string& args_file,
                                                         const std::string& command, int& exit_code);

// Text as JSON, what is not UTF-8 replaced by U+FFFD instead of failing.
std::string json_text(const nlohmann::json& value, int indent = -1);
std::string json_text(const nlohmann::ordered_json& value, int indent = -1);

}  // namespace bamlc::cli
