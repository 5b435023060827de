// One attempt of a call as its history records it: which leaf client (and the composites above
// it) was tried, the how-manieth attempt of that client's own retry policy it was, how it ended,
// how long the strategy waited before starting it, and its timings. A call's history is the list
// of these records in the order the attempts ran; every Response and every error carries it, and
// a Collector keeps it per call. The JSON form and the one-line text form are defined here, next
// to the struct, so the CLI, the collector and error messages all print attempts alike.
#pragma once

#include <chrono>
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include <baml/attempt_message.h>
#include <baml/error_kind.h>
#include <baml/usage.h>

namespace baml {

// Measured from the start of the attempt. `connect` ends when the connection is ready (a reused
// connection is ready at once); `first_token` at the first content (see docs/runtime.md).
struct AttemptTimings {
  std::optional<std::chrono::nanoseconds> connect;
  std::optional<std::chrono::nanoseconds> request_sent;
  std::optional<std::chrono::nanoseconds> first_token;
  std::chrono::nanoseconds total{0};
};

enum class AttemptOutcome { Ok, Error };

// The round of the innermost composite above a leaf that repeats its whole strategy (a retry
// policy on a fallback or round-robin). Without it a leaf's "attempt 1 of 1" on the third round
// of its fallback would read like the first try.
struct CompositeRound {
  std::string client;  // the composite
  int round = 1;       // from 1
  int of = 1;          // 1 + the composite's max_retries
};

// "Agent round 2 of 3", as attempt labels and error messages show it.
std::string round_phrase(const CompositeRound& round);
// {"client", "round", "of"}, as attempt records and errors carry it.
nlohmann::json round_to_json(const CompositeRound& round);

struct AttemptRecord {
  std::vector<std::string> path;  // the client called, through composites, down to the leaf (back())
  int attempt = 1;                // of this leaf within its own retry policy, from 1
  int of = 1;                     // 1 + the leaf's max_retries
  std::optional<CompositeRound> composite_round;  // when a composite above repeats its strategy
  AttemptOutcome outcome = AttemptOutcome::Ok;
  // For an error: its type, and which limit fired (timeouts) or why the connection failed.
  std::optional<ErrorType> error_type;
  std::optional<TimeoutKind> timeout_kind;
  std::optional<ConnectionFailure> connection_failure;
  std::optional<int> status;  // HTTP status, once one was received
  // The backoff or Retry-After wait the strategy slept right before this attempt.
  std::optional<std::chrono::milliseconds> wait_before;
  AttemptTimings timings;
  Usage usage;
  std::size_t bytes_received = 0;
  AttemptMessage message;  // an error's message (secrets scrubbed), made when first read; empty on success

  // The leaf client, or "" for an empty path.
  const std::string& client() const;
};

// {"client", "path", "attempt", "of", "round": {"client", "round", "of"}, "outcome": "ok"|"error",
//  "error_type": "TimeoutError",
//  "kind", "status", "wait_before_ms", "connect_ms", "first_token_ms", "elapsed_ms", "usage",
//  "bytes_received", "message"}; a field that does not apply is absent.
nlohmann::json attempt_to_json(const AttemptRecord& record);
nlohmann::json attempts_to_json(const std::vector<AttemptRecord>& records);

// "Agent → Primary (attempt 2 of 4)"; "Agent → Primary (Agent round 2 of 3, attempt 1 of 1)".
std::string attempt_label(const AttemptRecord& record);
// One line: "Agent → Primary (attempt 2 of 4): ok, first token 120ms, 812ms" or
// "Agent → Primary (attempt 1 of 4): HttpError 503, 12ms", after "waited 200ms, " if it waited.
std::string describe_attempt(const AttemptRecord& record);

}  // namespace baml
