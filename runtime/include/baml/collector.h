// A Collector keeps a record of every call made with it (CallOptions::collector): the client
// called, how the call ended, and every attempt with its timings, status and usage. One collector
// may be shared by many calls on many threads (a whole request handler, say) and read at any
// time; a call's record is added once, when the call ends, whatever its outcome. (A call whose
// client cannot even be resolved, a ConfigError thrown before it starts, leaves no record.)
#pragma once

#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include <baml/attempt_record.h>
#include <baml/error_kind.h>
#include <baml/usage.h>

namespace baml {

struct CallRecord {
  std::string function;  // the BAML function, if the request named one
  std::string client;    // the client called (after CallOptions::client_override)
  AttemptOutcome outcome = AttemptOutcome::Ok;
  std::optional<ErrorType> error_type;  // how the call failed
  std::optional<TimeoutKind> timeout_kind;
  std::string message;                  // the error's message (secrets scrubbed)
  std::chrono::nanoseconds elapsed{0};  // from the start of the call to its end
  // Summed over every attempt, failed ones included: what the call cost.
  Usage usage;
  std::vector<AttemptRecord> attempts;
};

class Collector {
 public:
  // Thread-safe.
  void add(CallRecord record);
  std::vector<CallRecord> calls() const;
  std::optional<CallRecord> last() const;
  void clear();

  // [{"function", "client", "outcome", "error_type", "kind", "message", "elapsed_ms", "usage",
  //   "attempts": [...]}], the attempts as attempts_to_json writes them.
  nlohmann::json to_json() const;

 private:
  mutable std::mutex mutex_;
  std::vector<CallRecord> calls_;
};

// The sum of the usage of `attempts` (a count stays unknown only if no attempt reported it).
Usage total_usage(const std::vector<AttemptRecord>& attempts);

}  // namespace baml
