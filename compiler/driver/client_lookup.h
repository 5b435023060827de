// Finding the client a command names (`bamlc call CLIENT`, `bamlc explain CLIENT`): a declared
// client, or a "provider/model" shorthand, which is added to the program the way a function's
// `client "openai/gpt-4o"` adds it. One place, so every command accepts the same names and says
// the same thing about a name it cannot find.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "compiler/model/program.h"

namespace bamlc {

struct NameProblem {
  std::string message;  // what is wrong
  std::string hint;     // what to write instead; may be empty
};

struct ClientLookup {
  const model::Client* client = nullptr;  // null when the name names no client
  std::vector<NameProblem> problems;      // why not, when client is null
};

// The client named `name` in `program`, adding a shorthand client when `name` is one. When there
// is none, says why: an unknown provider, a missing model, or no such client (with a
// did-you-mean).
ClientLookup find_client(model::Program& program, std::string_view name);

}  // namespace bamlc
