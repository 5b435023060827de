// The baseline of `runtime_bench overhead`: the plain libcurl client any C++ programmer would
// write, one easy handle reused for every call (so libcurl keeps the connection alive) and
// curl_easy_perform on the calling thread. It sends byte for byte the request the runtime sends:
// the request is built by the runtime's own provider code (baml::http_request_for), and the handle gets the
// runtime's transport options (no signals, TCP keep-alive, `Expect:` suppressed). It does not
// parse the answer: it is the floor that the runtime's per-call cost is compared with.
#pragma once

#include <curl/curl.h>

#include <condition_variable>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <baml/client_spec.h>
#include <baml/http_request.h>
#include <baml/runtime.h>

namespace runtime_bench {

class PlainCurlClient {
 public:
  explicit PlainCurlClient(const baml::HttpRequest& request);
  ~PlainCurlClient();
  PlainCurlClient(const PlainCurlClient&) = delete;
  PlainCurlClient& operator=(const PlainCurlClient&) = delete;

  // One POST, blocking; returns the raw body (JSON or SSE). Throws std::runtime_error on a
  // transport failure or a status other than 200, so a broken baseline cannot look fast.
  const std::string& call();
  // Whether the last call ran on a connection kept from an earlier one.
  bool reused_connection() const;

 private:
  CURL* easy_ = nullptr;
  curl_slist* headers_ = nullptr;
  std::string url_;
  std::string body_;
  std::string response_;
};

// The same plain client driven by a worker thread: the caller hands each call over and waits on a
// future, as it does with the runtime's engine thread. Not the baseline of the goal: it shows how
// much of the runtime's cost is the hand-off between two threads, which any design with an
// event-loop thread pays, and how much is the runtime's own work.
class HandoffCurlClient {
 public:
  explicit HandoffCurlClient(const baml::HttpRequest& request);
  ~HandoffCurlClient();
  HandoffCurlClient(const HandoffCurlClient&) = delete;
  HandoffCurlClient& operator=(const HandoffCurlClient&) = delete;

  // One call on the worker; returns whether it reused the connection. Throws as PlainCurlClient.
  bool call();

 private:
  void run();

  PlainCurlClient client_;  // touched by the worker only
  std::mutex mutex_;
  std::condition_variable wake_;
  std::optional<std::promise<bool>> pending_;
  bool stopping_ = false;
  std::thread worker_;  // last: started once everything it uses exists
};

}  // namespace runtime_bench
