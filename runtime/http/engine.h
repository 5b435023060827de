// The HTTP engine: one thread running a libcurl multi loop that drives every attempt in flight.
// Each pass performs I/O, collects finished transfers, then ends every transfer whose limit has
// passed or whose call was cancelled, and sleeps in curl_multi_poll until the earliest of
// libcurl's own timer and the next instant any transfer's limit passes. New work, cancellation and
// shutdown wake it through curl_multi_wakeup. Connections are reused across calls through the
// multi handle's connection cache; libcurl never retries on its own.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/attempt.h"

namespace baml {

class Transfer;

class Engine {
 public:
  Engine();
  // Ends every attempt still in flight with a CancelledError, then joins the loop thread.
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Starts an attempt; its clock starts now. Thread-safe, and callable from an observer (a
  // strategy layer starts the next attempt from the previous one's on_done). The observer's
  // on_done is called exactly once, on the engine's thread.
  void start(AttemptSpec spec, AttemptObserver observer);

 private:
  void run();
  void admit(std::vector<std::unique_ptr<Transfer>>& incoming);
  void collect_finished();
  // Ends what must end by `now`; returns the earliest instant a surviving transfer's limit passes.
  std::optional<SteadyTime> end_expired_and_cancelled(SteadyTime now);
  int poll_timeout_ms(std::optional<SteadyTime> next_expiry) const;
  // Removes the transfer's handle from the multi handle and hands the transfer back for finishing.
  std::unique_ptr<Transfer> detach(Transfer* transfer);
  void wake();

  CURLM* multi_ = nullptr;
  std::mutex mutex_;  // guards incoming_ and stopping_
  std::vector<std::unique_ptr<Transfer>> incoming_;
  bool stopping_ = false;
  std::unordered_map<Transfer*, std::unique_ptr<Transfer>> active_;  // the loop thread's only
  std::thread thread_;
};

}  // namespace baml
