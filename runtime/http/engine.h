// The HTTP engine: one event loop on the libcurl multi interface that drives every attempt in
// flight of a Runtime, and runs the timers its calls wait on.
//
// The loop is event-driven (curl_multi_socket_action over epoll): libcurl says which sockets to
// watch and when its own timer is due, and each pass hands libcurl only the sockets that are
// ready, so a pass costs what happened, not how many transfers are open. Each pass admits new
// attempts (at most a slice of a burst, so limits are looked at between slices), reads, collects the transfers libcurl finished, ends every transfer whose limit has
// passed or whose call was cancelled (before the reads when it has nothing to read, after them
// when data is waiting, so data that came in time is never turned into a timeout), then runs the
// due timers, so that a strategy reacting to an attempt's end sees every outcome of the pass. It
// then sleeps in epoll_wait until the earliest of libcurl's timer, any transfer's next limit and
// the next timer. New work, cancellation and shutdown wake it through an eventfd in the same epoll
// set. Connections are reused across calls through the multi handle's cache; libcurl never
// retries on its own (Transfer refuses its re-send).
//
// Who runs the loop: the engine's thread, except while a synchronous caller (Runtime::call or
// Runtime::stream) waits for its call and nobody else is running it. That caller then runs the
// loop itself (CallerDrive) until its call has something to deliver, and hands whatever is still
// in flight to the engine's thread when it leaves: handing a call to another thread and back costs
// two cross-thread wake-ups, as much as the whole client-side work of a short call
// (docs/performance.md). One thread runs the loop at a time, so the table of transfers, the
// handle pool and every callback the loop runs (limits, observers, timers, the strategy layer)
// are touched by one thread at a time. A caller running the loop never runs its own callbacks
// (on_delta, on_attempt) from it: it stops driving as soon as it has an event to deliver, so a
// slow callback never holds up other calls' limits.
//
// The clock is given once, here: every instant of the engine, its transfers and the calls run
// on it is read from it.
#pragma once

#include <curl/curl.h>
#include <sys/epoll.h>

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "http/attempt.h"
#include "http/connection_census.h"
#include "http/easy_handle_pool.h"
#include "http/proxy_settings.h"
#include "http/socket_registry.h"
#include "http/timer_queue.h"
#include "http/tls_settings.h"
#include "http/transfer_table.h"
#include "time/clock.h"

namespace baml {

class Engine {
 public:
  // `clock` must outlive the engine; `tls` says which CAs every transfer trusts.
  explicit Engine(const Clock& clock, TlsSettings tls = TlsSettings::resolve("", ""));
  // Ends every attempt still in flight with a CancelledError, then joins the engine's thread.
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  const Clock& clock() const { return clock_; }

  // Starts an attempt; its clock starts now. Thread-safe, and callable from an observer (a
  // strategy layer starts the next attempt from the previous one's on_done). The observer's
  // on_done is called exactly once, on the thread running the loop.
  void start(AttemptSpec spec, AttemptObserver observer);

  // Runs `callback` on the thread running the loop once `at` has passed (timer_queue.h).
  // Thread-safe.
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
  // noexcept: an exception escaping it would leave the loop half-updated, so it ends the process.
  std::optional<SteadyTime> pass() noexcept;
  // Wakes whoever runs the loop (or the engine's thread when nobody does) about new work. Called
  // with `mutex_` held; returns what to do once it is released.
  enum class Nudge { kNone, kEventfd, kThread };
  Nudge nudge_locked();
  void send(Nudge nudge);
  void admit(std::vector<std::unique_ptr<Transfer>>& incoming);
  // While a burst waits for admission: ends the waiting attempts whose limit has passed by `now`
  // (a limit counts from the attempt's start, waiting included) and those cancelled, so that
  // they end on time instead of when their turn comes.
  void end_expired_while_queued(SteadyTime now);
  // Before the pass's reads: ends the transfers whose limit has passed by `now` and that have
  // nothing waiting to be read (their socket is not among those epoll reported ready). Reading
  // first is for data that may have come in time; it cannot save a transfer with no data, and with
  // a burst of reads to do (a streamed chunk costs ~20 µs) its report would only wait. A transfer
  // whose socket is ready, or not known, is left to end_expired_and_cancelled after the reads.
  void end_expired_without_data(SteadyTime now);
  // Hands libcurl the sockets epoll reported ready, then its timer if it is due.
  void drive_curl();
  void collect_finished();
  // Ends what must end by `now`; returns the instant before which no surviving transfer's limit
  // passes.
  std::optional<SteadyTime> end_expired_and_cancelled(SteadyTime now);
  // Runs every timer due by now, one at a time (a callback may schedule or cancel others).
  void run_due_timers();
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
  // Keeps a reported transfer (expired or cancelled) to be detached when the loop has nothing more
  // urgent to do (see wait()).
  void remove_later(Transfer* transfer);
  // Removes the transfer's handle from the multi handle and hands the transfer back for finishing.
  std::unique_ptr<Transfer> detach(Transfer* transfer);
  void wake();
  // Empties the wake-up counter after epoll reported it readable.
  void drain_wake();

  const Clock& clock_;
  CURLM* multi_ = nullptr;
  int epoll_fd_ = -1;
  SocketRegistry sockets_;  // what is in the epoll set for libcurl; the loop's only
  ConnectionCensus census_;  // connections and transfers per plain-HTTP origin; the loop's only
  int wake_fd_ = -1;  // an eventfd in the epoll set
  std::optional<SteadyTime> curl_timer_;  // when libcurl wants CURL_SOCKET_TIMEOUT; the loop's only
  TransferTable transfers_;  // the loop's only
  // Passes in a row that had something due and removed no ended transfer; at the maximum one is
  // removed anyway (a bound on the clean-up's lag counted in passes, not a timeout).
  int passes_without_removal_ = 0;
  static constexpr int kMaxPassesWithoutRemoval = 8;
  // Attempts admitted per pass at most; the rest of a burst waits, first in line, for the next,
  // and one whose limit passes (or that is cancelled) while it waits ends then, without
  // connecting (end_expired_while_queued).
  static constexpr std::size_t kMaxAdmittedPerPass = 128;
  // A cancellation was requested since the last look at every transfer (set from any thread).
  std::atomic<bool> cancel_pending_{false};
  std::vector<epoll_event> ready_;        // what the last epoll_wait reported; the loop's only
  std::size_t ready_count_ = 0;
  // By socket number: 1 while the socket is among ready_'s unread events. The loop's only.
  std::vector<std::uint8_t> readable_;
  bool pwait2_works_ = true;  // epoll_pwait2 (nanosecond timeouts) until the kernel says ENOSYS
  // The loop's only: the thread running it queued work itself (an observer starting the next
  // attempt, a timer scheduling another), so the next sleep must not wait for a wake-up it
  // skipped sending.
  bool self_nudged_ = false;
  EasyHandlePool handles_;  // the loop's only
  const ProxySettings proxies_;  // read from the environment once, for every transfer
  const TlsSettings tls_;
  std::mutex mutex_;  // guards incoming_, stopping_, timers_ and who runs the loop
  std::condition_variable work_;  // the engine's thread waits here while it does not run the loop
  std::vector<std::unique_ptr<Transfer>> incoming_;
  bool stopping_ = false;
  bool driven_ = false;            // some thread runs the loop
  std::thread::id driver_;         // which one, while driven_
  bool left_transfers_ = false;    // a caller gave the loop up with transfers still active
  TimerQueue timers_;
  std::vector<std::unique_ptr<Transfer>> admitting_;  // swapped with incoming_ each pass, so both keep their capacity
  std::thread thread_;
};

}  // namespace baml
