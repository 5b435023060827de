// Running a round of calls: `in_flight` threads, each making one call at a time through the
// runtime's public function API (call_function, stream_function, or submit_function then get),
// a canceller thread that cancels the calls drawn for it at their instant, and the check of every
// call against what the oracle said it must end with.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>
#include <string>
#include <thread>
#include <vector>

#include <baml/cancellation.h>
#include <baml/functions.h>
#include <baml/runtime.h>

#include "calls.h"

namespace soak {

using Clock = std::chrono::steady_clock;

// Cancels tokens at their instants, from one thread of its own (it lives as long as the soak, so
// it is part of the thread baseline, not of a round).
class Canceller {
 public:
  Canceller();
  ~Canceller();
  Canceller(const Canceller&) = delete;
  Canceller& operator=(const Canceller&) = delete;
  // A call's cancellation: its token, and when the canceller cancelled it.
  struct Slot {
    baml::CancellationToken token;
    std::optional<Clock::time_point> fired;
  };
  // Cancels `slot->token` at `at` (or at once if `at` has passed).
  void schedule(Clock::time_point at, std::shared_ptr<Slot> slot);
  // When the slot's token was cancelled, if it was.
  std::optional<Clock::time_point> fired(const Slot& slot);
  // Forgets every scheduled cancellation that has not fired (the round is over).
  void clear();

 private:
  struct Entry {
    Clock::time_point at;
    std::shared_ptr<Slot> slot;
    bool operator>(const Entry& other) const { return at > other.at; }
  };
  void loop();
  std::mutex mutex_;
  std::condition_variable wake_;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue_;
  bool stop_ = false;
  std::thread thread_;
};

// The threads that make the calls, `in_flight` of them, made once for the whole soak (as a
// server's request threads are): each thread keeps its place in the allocator's arenas from round
// to round, and the thread count of a round's end is the same as the baseline's.
class WorkerPool {
 public:
  explicit WorkerPool(int threads);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;
  // Runs job(i) for every i in [0, n) on the pool's threads; returns when all have run.
  void run(std::size_t n, const std::function<void(std::size_t)>& job);
  int size() const { return static_cast<int>(threads_.size()); }

 private:
  void loop();
  std::mutex mutex_;
  std::condition_variable start_, done_;
  const std::function<void(std::size_t)>* job_ = nullptr;
  std::size_t n_ = 0;
  std::atomic<std::size_t> next_{0};
  int active_ = 0;
  std::uint64_t generation_ = 0;
  bool stop_ = false;
  std::vector<std::thread> threads_;
};

// One call as it went.
struct Observation {
  Outcome outcome;  // as the caller saw it (Validation and Cancelled included)
  bool refused_wait = false;
  int attempts = 0;
  std::string answering_client;
  double elapsed_ms = 0;                       // from just before the call to the caller having its outcome
  std::optional<double> reported_lateness_ms;  // a TimeoutError's elapsed − limit
  std::optional<double> cancelled_at_ms;       // when the canceller cancelled it
  int partials = 0;                            // partial values a stream delivered
  std::string problem;                         // "" when the call ended as it must
  std::string message;                         // the error's message, for reports of problems
};

struct RoundSettings {
  double late_ms = 250;  // a call must end by its deadline + this
};

// Runs `calls` on the pool's threads (as many in flight as it has threads) and checks each; the
// observations are in the calls' order.
std::vector<Observation> run_round(baml::Runtime& runtime, const baml::Program& program,
                                   const std::vector<CallSpec>& calls, const RoundSettings& settings, WorkerPool& pool,
                                   Canceller& canceller);

// What the call must end with, as the caller sees it (the answer's parse included).
Outcome final_outcome(const CallSpec& call);

}  // namespace soak
