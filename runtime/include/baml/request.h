// What a caller asks a client for: the rendered prompt as chat messages. The template layer
// produces it; the providers turn it into their wire format.
#pragma once

#include <string>
#include <vector>

namespace baml {

struct Message {
  std::string role;  // "system", "user", "assistant", ...
  std::string content;
};

struct Request {
  std::string function;  // the BAML function being called; only used to name the call in errors
  std::vector<Message> messages;
};

}  // namespace baml
