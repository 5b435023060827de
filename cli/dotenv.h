// A `.env` file's variables put into the process environment before a command reads any, as
// baml-cli's --dotenv does. Variables already set win. Lines: `NAME=value`, `export NAME=value`,
// `# comments`, values in single quotes (taken as written) or double quotes (\n, \", \\ escapes).
#pragma once

#include <string>

namespace bamlc::cli {

// Loads `path`; false (with `error` set) when it cannot be read or a line is not an assignment.
bool load_dotenv(const std::string& path, std::string& error);

}  // namespace bamlc::cli
