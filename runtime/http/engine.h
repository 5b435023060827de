// The HTTP engine: one thread running a libcurl multi loop that drives every attempt in flight.
// The loop is event-driven (curl_multi_socket_action over epoll): libcurl tells it which sockets
// to watch and when its own timer is due, and each pass hands libcurl only the sockets that are
// ready, so a pass costs what happened, not how many transfers are open (curl_multi_perform and
// curl_multi_poll walk and poll every transfer on every pass: with 1,000 in flight that walk was
// most of the loop's time and of how late limits fired). Each pass then collects finished
// transfers, ends every transfer whose limit has passed or whose call was cancelled, and sleeps in
// epoll_wait until the earliest of libcurl's timer and the next instant any transfer's limit or
// engine timer passes. New work, cancellation and shutdown wake it through an eventfd in the same
// epoll set. Connections are reused across calls through the multi handle's connection cache;
// libcurl never retries on its own (Transfer refuses its re-send).
//
// The loop also runs timers: a strategy layer waits (backoff, Retry-After) by scheduling the next
// step instead of sleeping a thread, so any number of calls can wait at once on this one thread.
// Timers share the sleep with the transfers' limits: the loop sleeps until the earliest of both.
//
// Who runs the loop: the engine's thread, except while a synchronous caller (Runtime::call or
// Runtime::stream) waits for its call and nobody else is running it. That caller then runs the
// loop itself (CallerDrive) until its call has something to deliver, and hands whatever is still in
// flight to the engine's thread when it leaves. Handing a call to another thread and back costs
// two cross-thread wake-ups, each as long as the whole client-side work of a short call on a
// virtual machine (see docs/performance.md); a caller that waits anyway might as well run the
// loop. Only one thread runs the loop at a time (`driven_`), so everything marked "the loop's
// only" below is touched by one thread at a time, and all of the callbacks the loop runs (limits,
// observers, timers, the strategy layer) run in one pass at a time, as before. A caller running
// the loop never runs its own callbacks (on_delta, on_attempt) from it: it stops driving as soon
// as it has an event to deliver, so a slow callback never holds up other calls' limits.
#pragma once

#include <curl/curl.h>
#include <sys/epoll.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <vector>

#include "http/attempt.h"
#include "http/expiry_queue.h"
#include "http/proxy_settings.h"
#include "http/socket_registry.h"

namespace baml {

class Transfer;

// Easy handles kept for the next attempt instead of being destroyed (`curl_easy_init` and
// `curl_easy_cleanup` cost more than all of a transfer's option setting). A released handle keeps
// nothing that points into the attempt that used it: the options holding its pointers (the
// callbacks' user pointers, headers, body, error buffer, CURLOPT_PRIVATE) are cleared at once.
// Its other options stay until the next attempt, which sets every option it uses again (so
// Transfer::prepare sets each option on every path), the way a curl_easy_perform loop reuses one
// handle; a full curl_easy_reset per attempt cost more than all of that option setting.
// Connections are not in an easy handle but in the multi handle's cache, so pooling changes
// nothing about reuse. Used by the thread running the loop only.
class EasyHandlePool {
 public:
  // Enough for bursts of calls ending and starting together; beyond it released handles are freed.
  static constexpr std::size_t kMaxIdle = 32;

  EasyHandlePool() = default;
  ~EasyHandlePool();
  EasyHandlePool(const EasyHandlePool&) = delete;
  EasyHandlePool& operator=(const EasyHandlePool&) = delete;

  // A handle with every option at its default; nullptr when libcurl cannot make one.
  CURL* acquire();
  // Takes back a handle that is in no multi handle.
  void release(CURL* easy);

 private:
  std::vector<CURL*> idle_;
};

// Runs on the thread running the loop. `fired` is false when the engine shut down before the instant (the
// callback then runs at once, possibly on the thread destroying the engine or scheduling it): it
// must end whatever it was waiting for, not start new work.
using TimerCallback = std::function<void(bool fired)>;
using TimerId = std::uint64_t;

class Engine {
 public:
  Engine();
  // Ends every attempt still in flight with a CancelledError, then joins the engine's thread.
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  // Starts an attempt; its clock starts now. Thread-safe, and callable from an observer (a
  // strategy layer starts the next attempt from the previous one's on_done). The observer's
  // on_done is called exactly once, on the thread running the loop.
  void start(AttemptSpec spec, AttemptObserver observer);

  // Runs `callback` on the thread running the loop once `at` has passed (timers due at the same
  // instant run in the order they were scheduled). Thread-safe.
  TimerId schedule(SteadyTime at, TimerCallback callback);
  // Runs `callback` on the thread running the loop as soon as possible. Thread-safe.
  TimerId post(TimerCallback callback);
  // Forgets a timer that has not run yet; returns whether it did. Called from the loop (an
  // observer, a timer), a `true` guarantees the callback never runs; from another thread the
  // callback may be running.
  bool cancel_timer(TimerId id);

  // A synchronous caller's turn at running the loop (see the top of this file). Constructed before
  // the caller starts its call, so that the start does not wake the engine's thread for nothing.
  class CallerDrive {
   public:
    // Takes the loop if no thread is running it; otherwise `claimed()` is false and the caller
    // waits for its call as usual.
    explicit CallerDrive(Engine& engine);
    // Gives the loop back (see release()).
    ~CallerDrive();
    CallerDrive(const CallerDrive&) = delete;
    CallerDrive& operator=(const CallerDrive&) = delete;

    bool claimed() const { return claimed_; }
    // Runs passes of the loop until `ready()` is true (asked after every pass); nothing when the
    // loop was not claimed. `ready` must be quick and must not call back into the engine.
    void run_until(const std::function<bool()>& ready);
    // Stops running the loop; whatever is still in flight or waiting goes on on the engine's
    // thread. Idempotent.
    void release();

   private:
    Engine& engine_;
    bool claimed_ = false;
  };

 private:
  // The engine's thread: runs the loop whenever there is work and no caller is running it.
  void run();
  // Takes the loop for the calling thread if nobody runs it; `mutex_` held.
  bool try_claim_locked();
  // Gives the loop up, waking the engine's thread when work is left; `mutex_` not held.
  void give_up();
  // Whether anything would need the loop: `mutex_` held.
  bool has_work_locked() const;
  // One turn of the loop without its sleep; returns the instant it must wake by at the latest.
  // noexcept: an exception escaping it would leave the loop half-updated; as on the engine's
  // thread before callers could run it, it ends the process instead.
  std::optional<SteadyTime> pass() noexcept;
  // Wakes whoever runs the loop (or the engine's thread when nobody does) about new work. Called
  // with `mutex_` held; returns what to do once it is released.
  enum class Nudge { kNone, kEventfd, kThread };
  Nudge nudge_locked();
  void send(Nudge nudge);
  void admit(std::vector<std::unique_ptr<Transfer>>& incoming);
  // Before this pass's reads: ends the transfers whose limit has passed by `now` and that have
  // nothing waiting to be read (their connection is not among the sockets epoll reported ready).
  // Reading first is for data that may have come in time; it cannot save a transfer with no data,
  // and with a burst of reads to do (a streamed chunk costs ~20 µs) its report would only wait.
  // A transfer whose socket is ready (its connection, or the one still connecting), or whose
  // socket is not known, is left to end_expired_and_cancelled after the reads, as before.
  void end_expired_without_data(SteadyTime now);
  // Hands libcurl the sockets epoll reported ready, then its timer if it is due.
  void drive_curl();
  void collect_finished();
  // Ends what must end by `now`; returns the instant before which no surviving transfer's limit
  // passes.
  std::optional<SteadyTime> end_expired_and_cancelled(SteadyTime now);
  // Runs every timer due by now, one at a time (a callback may schedule or cancel others).
  void run_due_timers();
  // Removes and returns the earliest timer if it is due by `due_by` (any timer when nullopt);
  // an empty callback when there is none.
  TimerCallback take_first_timer(std::optional<SteadyTime> due_by);
  std::optional<SteadyTime> next_timer();
  // Ends every timer with fired = false, until none is left.
  void drain_timers();
  // Sleeps in epoll_wait until I/O, a wake-up or `next_wake`, whichever comes first; while ended
  // transfers wait to be detached, does not sleep but detaches one of them instead.
  void wait(std::optional<SteadyTime> next_wake);
  // libcurl's CURLMOPT_SOCKETFUNCTION and CURLMOPT_TIMERFUNCTION: keep the epoll set and the
  // timer in step with what libcurl wants to wait for.
  static int on_socket(CURL* easy, curl_socket_t socket, int what, void* self, void* socket_data);
  // CURLOPT_OPENSOCKETFUNCTION and CURLOPT_CLOSESOCKETFUNCTION of every transfer (socket_registry.h).
  static curl_socket_t on_open_socket(void* self, curlsocktype purpose, curl_sockaddr* address);
  static int on_close_socket(void* self, curl_socket_t socket);
  static int on_timer(CURLM* multi, long timeout_ms, void* self);
  // Keeps an ended transfer (reported: expired or cancelled) to be detached when the loop has
  // nothing more urgent to do (see wait()).
  void remove_later(Transfer* transfer);
  // Detaches the oldest ended transfer, if any.
  void remove_one_ended();
  // Pops the places of ended transfers detached meanwhile off the front of the queue.
  void drop_removed_ended();
  // Removes the transfer's handle from the multi handle and hands the transfer back for finishing.
  std::unique_ptr<Transfer> detach(Transfer* transfer);
  void wake();
  // Empties the wake-up counter after epoll reported it readable.
  void drain_wake();

  CURLM* multi_ = nullptr;
  int epoll_fd_ = -1;
  SocketRegistry sockets_;  // what is in the epoll set for libcurl; the loop's only
  int wake_fd_ = -1;  // an eventfd in the epoll set
  std::optional<SteadyTime> curl_timer_;  // when libcurl wants CURL_SOCKET_TIMEOUT; the loop's only
  // When each transfer in flight must be looked at next (expiry_queue.h); the loop's only.
  ExpiryQueue expiries_;
  std::uint64_t next_serial_ = 1;  // of the next transfer admitted
  // Transfers reported (expired, cancelled) whose handles are still in the multi handle, oldest
  // first. Each knows its place (Transfer::ended_slot: ended_first_ + its index); one detached
  // otherwise (libcurl ended it meanwhile) leaves its place empty. The loop's only.
  std::deque<Transfer*> ended_;  // nullptr: detached meanwhile
  std::size_t ended_first_ = 0;
  // Passes in a row that had something due and removed no ended transfer; at the maximum one is
  // removed anyway (a bound on the clean-up's lag counted in passes, not a timeout).
  int passes_without_removal_ = 0;
  static constexpr int kMaxPassesWithoutRemoval = 8;
  // A cancellation was requested since the last look at every transfer (set from any thread).
  std::atomic<bool> cancel_pending_{false};
  std::vector<epoll_event> ready_;        // what the last epoll_wait reported; the loop's only
  std::size_t ready_count_ = 0;
  // By socket number: 1 while the socket is among ready_'s unread events. The loop's only.
  std::vector<std::uint8_t> readable_;
  std::vector<ExpiryQueue::Entry> held_back_;  // end_expired_without_data's, kept for its reuse
  bool pwait2_works_ = true;  // epoll_pwait2 (nanosecond timeouts) until the kernel says ENOSYS
  // The loop's only: the thread running it queued work itself (an observer starting the next
  // attempt, a timer scheduling another), so the next sleep must not wait for a wake-up it
  // skipped sending.
  bool self_nudged_ = false;
  EasyHandlePool handles_;  // the loop's only
  const ProxySettings proxies_;  // read from the environment once, for every transfer
  std::mutex mutex_;  // guards incoming_, stopping_, the timers and who runs the loop
  std::condition_variable work_;  // the engine's thread waits here while it does not run the loop
  std::vector<std::unique_ptr<Transfer>> incoming_;
  bool stopping_ = false;
  bool driven_ = false;            // some thread runs the loop
  std::thread::id driver_;         // which one, while driven_
  bool left_transfers_ = false;    // a caller gave the loop up with transfers still active
  // Ordered by instant, then by id (so by scheduling order); the index finds a timer to cancel.
  std::map<std::pair<SteadyTime, TimerId>, TimerCallback> timers_;
  std::unordered_map<TimerId, SteadyTime> timer_index_;
  TimerId next_timer_id_ = 1;
  // The loop's only. A transfer knows its index (Transfer::engine_slot), so removing one
  // moves the last into its place: no allocation per attempt, unlike a node-based map.
  std::vector<std::unique_ptr<Transfer>> active_;
  std::vector<std::unique_ptr<Transfer>> admitting_;  // swapped with incoming_ each pass, so both keep their capacity
  std::thread thread_;
};

}  // namespace baml
