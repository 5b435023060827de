// Per-call options: a budget of the caller's own (a relative timeout or an absolute deadline; it
// only ever tightens the declared limits), a cancellation token, a client to call instead of the
// function's, extra HTTP headers, a collector that keeps the call's attempts, and a callback that
// sees each attempt end.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <baml/attempt_record.h>
#include <baml/cancellation.h>

namespace baml {

class Collector;

struct CallOptions {
  std::optional<std::chrono::milliseconds> timeout;  // from the start of the call
  std::optional<std::chrono::steady_clock::time_point> deadline;  // absolute
  // Cancels the call from any thread: the transfer in flight ends at once (its connection is
  // closed), a wait between attempts ends at once, and the call fails with CancelledError.
  std::optional<CancellationToken> cancel;
  // Call this client of the IR instead of the one named by the caller (Runtime's IR methods only;
  // an unknown name is a ConfigError).
  std::optional<std::string> client_override;
  // Sent with every attempt, replacing a client's header of the same name.
  std::vector<std::pair<std::string, std::string>> headers;
  // Receives the call's record (every attempt, timings, status, usage) when it ends.
  std::shared_ptr<Collector> collector;
  // Called as each attempt ends, before the next one starts: on the calling thread for `call` and
  // `stream` (in order with the deltas; if it throws, the call is cancelled and the exception
  // propagates), on the thread running the engine's loop for `submit` (keep it quick; an
  // exception is dropped).
  // In a stream, an attempt reported with outcome `error` is abandoned: the text on_delta
  // received since the previous report is not part of the answer.
  std::function<void(const AttemptRecord& attempt)> on_attempt;
};

}  // namespace baml
