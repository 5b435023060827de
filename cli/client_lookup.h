// Finding the client a subcommand names (`bamlc call CLIENT`, `bamlc explain CLIENT`): a declared
// client, or a "provider/model" shorthand, which is added to the program the way a function's
// `client "openai/gpt-4o"` adds it. One place, so both commands accept the same names and say the
// same thing about a name they cannot find.
#pragma once

#include <string>

#include "compiler/model/program.h"

namespace bamlc::cli {

// The client named `name` in `program`, adding a shorthand client when `name` is one. When there
// is none, prints why on stderr (an unknown provider, a missing model, or no such client with a
// did-you-mean) and returns nullptr.
const model::Client* find_named_client(model::Program& program, const std::string& name);

}  // namespace bamlc::cli
