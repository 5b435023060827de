// A test's arguments as the runtime takes them: the IR's plain JSON with `env.NAME` read from the
// environment and `{ file "path" }` media read from disk (relative to the test's .baml file) and
// passed inline as base64.
#pragma once

#include <nlohmann/json.hpp>

#include <baml/functions.h>

#include "cli/test_selection.h"

namespace bamlc::cli {

// Throws ConfigError for a variable that is not set or a media file that cannot be read.
nlohmann::ordered_json test_arguments_json(const baml::Program& program, const TestCase& test);

}  // namespace bamlc::cli
