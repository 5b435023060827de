// One attempt on the wire: the libcurl easy handle with its options and callbacks, the attempt's
// timeline and the response decoder. libcurl's callbacks only record what happened (phase
// instants, bytes, deltas); deciding that a limit passed is the engine's job, done on its thread
// between calls into libcurl. A Transfer ends exactly once, through one of the finish_* methods,
// after the engine has removed its handle from the multi handle.
//
// How the phase instants are observed (libcurl 7.88):
// * connected: CURLOPT_PREREQFUNCTION, called when the connection (TCP + TLS, or a reused one) is
//   ready and the request is about to go out. It is also where libcurl's own re-send is refused:
//   when a reused connection dies before the first response byte, libcurl would silently send
//   the request again on a fresh one; the second call of the callback aborts that, so the attempt
//   ends as a ConnectionError and bamlc's retry policy, the only retry loop, decides;
// * request sent: the first CURLOPT_XFERINFOFUNCTION call after that in which the uploaded byte
//   count has reached the body size. libcurl calls it from every perform that touches the handle,
//   right after writing to the socket (its once-per-second rate applies only to idle transfers),
//   so the instant is within one loop iteration of the last byte reaching the kernel;
// * first content and data: the write callback, through the decoder's classification;
// * response headers also imply "request sent", in case the upload report is missed.
#pragma once

#include <curl/curl.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "http/attempt.h"
#include "http/attempt_timeline.h"
#include "http/expiry_queue.h"
#include "http/response_decoder.h"
#include "http/tls_settings.h"

namespace baml {

class EasyHandlePool;
class ProxySettings;

class Transfer {
 public:
  // The attempt's clock starts now, as `clock` tells; every later instant is read from it too.
  Transfer(AttemptSpec spec, AttemptObserver observer, const Clock& clock);
  ~Transfer();
  Transfer(const Transfer&) = delete;
  Transfer& operator=(const Transfer&) = delete;

  // Takes an easy handle from `pool` and configures it; the handle goes back to the pool when the
  // transfer is destroyed, which must then be on the thread running the loop, after the handle
  // has left the multi handle. On failure returns the error; the transfer must then be ended with
  // finish_failed without being added to a multi handle.
  std::optional<ErrorInfo> prepare(EasyHandlePool& pool, const ProxySettings& proxies, const TlsSettings& tls);
  CURL* easy() const { return easy_; }
  const std::string& url() const { return spec_.request.url; }

  // Subscribes to the call's cancellation token; `wake` must wake the engine's loop.
  void watch_cancellation(std::function<void()> wake);
  bool cancel_requested() const { return cancel_requested_.load(std::memory_order_acquire); }

  std::optional<Expiry> next_expiry() const { return timeline_.next_expiry(); }
  // Keeps an entry for this transfer in `queue` (expiry_queue.h): now, whenever a phase change
  // brings its next expiry before the entry it last pushed, and when it moves to another slot.
  // `serial` tells this transfer's entries from those of others that had its slot. Called once
  // the transfer has its slot; by the thread running the loop only.
  void watch_expiry(ExpiryQueue* queue, std::uint64_t serial) {
    expiry_queue_ = queue;
    serial_ = serial;
    note_expiry();
  }
  // An entry of the queue for this transfer's slot has come due: the expiry, if it has passed by
  // `now` (the transfer must then be ended with finish_expired); nullopt if it has not (a new
  // entry is pushed for when it will) or if the entry was stale (not this transfer's, or not its
  // latest).
  std::optional<Expiry> check_due(const ExpiryQueue::Entry& entry, SteadyTime now);
  // Pushes this transfer's latest entry into `queue` (a rebuilt one), if it has one.
  void requeue(ExpiryQueue* queue) {
    expiry_queue_ = queue;
    if (queued_at_) queue->push(*queued_at_, engine_slot_, serial_);
  }
  // Whether finish_* has run: the transfer waits only to leave the multi handle.
  bool finished() const { return delivered_; }

  // Where the engine keeps this transfer among those ended but still in the multi handle, if it is.
  static constexpr std::size_t kNotEnded = static_cast<std::size_t>(-1);
  std::size_t ended_slot() const { return ended_slot_; }
  void set_ended_slot(std::size_t slot) { ended_slot_ = slot; }

  // The socket libcurl last asked the loop to watch for this transfer (its connection, or the
  // one still connecting), CURL_SOCKET_BAD while it watches none or names it for another
  // transfer only (streams sharing an HTTP/2 connection). Kept by the engine.
  // Who opens this transfer's connection sockets: CURLOPT_OPENSOCKETDATA points here, so the
  // engine knows which origin (connection_census.h) a new socket counts in.
  struct SocketOpener {
    void* engine = nullptr;
    std::uint32_t origin = 0;
    int socket_errno = 0;  // why the last socket could not be made, when it could not
  };
  SocketOpener& socket_opener() { return socket_opener_; }

  curl_socket_t watched_socket() const { return watched_socket_; }
  void set_watched_socket(curl_socket_t socket) { watched_socket_ = socket; }

  // Where the engine keeps this transfer among those in flight.
  std::size_t engine_slot() const { return engine_slot_; }
  void set_engine_slot(std::size_t slot);

  // libcurl completed the transfer with `code`.
  void finish_completed(CURLcode code, SteadyTime now);
  // A limit passed before libcurl finished.
  void finish_expired(const Expiry& expiry, SteadyTime now);
  // The caller cancelled, or the engine is shutting down (`detail` says which).
  void finish_cancelled(SteadyTime now, std::string detail);
  void finish_failed(ErrorInfo info);

 private:
  static std::size_t on_write(char* data, std::size_t size, std::size_t count, void* self);
  static std::size_t on_header(char* data, std::size_t size, std::size_t count, void* self);
  static int on_progress(void* self, curl_off_t dl_total, curl_off_t dl_now, curl_off_t ul_total, curl_off_t ul_now);
  static int on_prereq(void* self, char* remote_ip, char* local_ip, int remote_port, int local_port);

  void headers_complete(SteadyTime now);
  // After every timeline event: pushes an entry if the next expiry moved before the latest one.
  void note_expiry();
  // An ErrorInfo with everything this transfer knows filled in.
  ErrorInfo error_base(ErrorType type, SteadyTime now) const;
  void deliver(AttemptResult result);
  void stop_watching_cancellation();

  const Clock& clock_;
  AttemptSpec spec_;
  AttemptObserver observer_;
  AttemptTimeline timeline_;
  ResponseDecoder decoder_;
  EasyHandlePool* pool_ = nullptr;  // where easy_ came from
  CURL* easy_ = nullptr;
  // The request's header lines, NUL-separated in one buffer, and the list libcurl reads pointing
  // into it: two allocations per attempt instead of two per header with curl_slist_append.
  std::string header_text_;
  std::vector<curl_slist> header_list_;
  char error_buffer_[CURL_ERROR_SIZE] = {};
  bool headers_done_ = false;
  int request_sends_ = 0;          // how often libcurl was about to send the request
  bool refused_resend_ = false;    // libcurl's hidden re-send was aborted (see on_prereq)
  std::optional<milliseconds> retry_after_;
  std::atomic<bool> cancel_requested_{false};
  std::optional<std::uint64_t> cancel_subscription_;
  std::function<void()> wake_;  // the engine's wake-up, for the cancellation listener
  bool delivered_ = false;
  std::size_t engine_slot_ = 0;
  std::size_t ended_slot_ = kNotEnded;
  curl_socket_t watched_socket_ = CURL_SOCKET_BAD;
  SocketOpener socket_opener_;
  ExpiryQueue* expiry_queue_ = nullptr;  // the engine's, see watch_expiry
  std::uint64_t serial_ = 0;
  std::optional<SteadyTime> queued_at_;  // the instant of this transfer's latest entry in the queue
};

}  // namespace baml
