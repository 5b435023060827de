// One Server-Sent Event, as a streaming provider decodes it (provider.h). The type belongs to the
// providers, which give it meaning; http/sse_parser.h cuts a byte stream into these.
#pragma once

#include <string>

namespace baml {

struct SseEvent {
  std::string event;  // the `event:` field; empty means "message"
  std::string data;   // `data:` lines joined with "\n"
  std::string id;
};

}  // namespace baml
