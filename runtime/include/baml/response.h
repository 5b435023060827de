// What a successful call returns: the model's text with its finish reason, token usage and the
// timings of the attempt that answered, and the history of every attempt the call made.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <baml/attempt_record.h>
#include <baml/usage.h>

namespace baml {

struct Response {
  std::string client;             // the leaf client that answered
  std::vector<std::string> path;  // the client called, through composites, down to `client`
  std::string text;
  std::optional<std::string> finish_reason;
  Usage usage;
  std::string model;  // as the provider reported it; empty if it did not
  int status = 0;
  std::size_t bytes_received = 0;
  bool reused_connection = false;  // the attempt ran on a connection kept from an earlier call
  AttemptTimings timings;          // of the attempt that answered
  // Every attempt of the call in order; the last one is the answer.
  std::vector<AttemptRecord> attempts;
};

}  // namespace baml
