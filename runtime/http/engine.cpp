// The event loop (see engine.h). Within one pass, I/O is performed before limits are checked: data
// that arrived in time is read even if the loop itself woke late, so a busy loop never turns an
// on-time answer into a timeout. Timers run after the transfers' limits are checked, so a strategy
// that reacts to an attempt's end sees every outcome the pass produced first.
#include "http/engine.h"

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <unordered_set>

#include "http/transfer.h"

namespace baml {

namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

EasyHandlePool::~EasyHandlePool() {
  for (CURL* easy : idle_) curl_easy_cleanup(easy);
}

CURL* EasyHandlePool::acquire() {
  if (idle_.empty()) return curl_easy_init();
  CURL* easy = idle_.back();
  idle_.pop_back();
  return easy;
}

void EasyHandlePool::release(CURL* easy) {
  if (easy == nullptr) return;
  if (idle_.size() >= kMaxIdle) {
    curl_easy_cleanup(easy);
    return;
  }
  curl_easy_reset(easy);
  idle_.push_back(easy);
}

Engine::Engine() {
  global_init();
  multi_ = curl_multi_init();
  if (multi_ == nullptr) throw std::runtime_error("libcurl: could not create a multi handle");
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  thread_ = std::thread([this] { run(); });
}

Engine::~Engine() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake();
  thread_.join();
  curl_multi_cleanup(multi_);
  if (wake_fd_ >= 0) close(wake_fd_);
}

void Engine::wake() {
  if (wake_fd_ < 0) {
    curl_multi_wakeup(multi_);
    return;
  }
  // Only fails with EAGAIN when the counter is at its maximum, and then a wake-up is pending anyway.
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t written = write(wake_fd_, &one, sizeof one);
}

void Engine::drain_wake() {
  std::uint64_t count = 0;
  [[maybe_unused]] const ssize_t read_bytes = read(wake_fd_, &count, sizeof count);
}

void Engine::start(AttemptSpec spec, AttemptObserver observer) {
  auto transfer = std::make_unique<Transfer>(std::move(spec), std::move(observer), real_clock().now());
  std::unique_lock lock(mutex_);
  if (stopping_) {
    lock.unlock();
    transfer->finish_cancelled(real_clock().now(), "the runtime is shutting down");
    return;
  }
  incoming_.push_back(std::move(transfer));
  lock.unlock();
  wake();
}

void Engine::run() {
  for (;;) {
    bool stopping = false;
    {
      std::lock_guard lock(mutex_);
      admitting_.swap(incoming_);
      stopping = stopping_;
    }
    if (stopping) {
      for (auto& transfer : admitting_) transfer->finish_cancelled(real_clock().now(), "the runtime shut down");
      admitting_.clear();
      break;
    }
    admit(admitting_);
    admitting_.clear();
    int running = 0;
    curl_multi_perform(multi_, &running);
    collect_finished();
    std::optional<SteadyTime> next = end_expired_and_cancelled(real_clock().now());
    run_due_timers();
    if (const std::optional<SteadyTime> timer = next_timer(); timer && (!next || *timer < *next)) next = timer;
    curl_waitfd wake_wait{wake_fd_, CURL_WAIT_POLLIN, 0};
    const unsigned extra = wake_fd_ >= 0 ? 1 : 0;
    curl_multi_poll(multi_, extra != 0 ? &wake_wait : nullptr, extra, poll_timeout_ms(next), nullptr);
    // Drained before the next pass looks at the queue, so a wake-up after this is never lost.
    if ((wake_wait.revents & CURL_WAIT_POLLIN) != 0) drain_wake();
  }
  std::vector<Transfer*> remaining;
  for (auto& transfer : active_) remaining.push_back(transfer.get());
  for (Transfer* transfer : remaining) detach(transfer)->finish_cancelled(real_clock().now(), "the runtime shut down");
  drain_timers();
}

void Engine::admit(std::vector<std::unique_ptr<Transfer>>& incoming) {
  for (auto& transfer : incoming) {
    if (std::optional<ErrorInfo> failure = transfer->prepare(handles_)) {
      transfer->finish_failed(std::move(*failure));
      continue;
    }
    transfer->watch_cancellation([this] { wake(); });
    if (curl_multi_add_handle(multi_, transfer->easy()) != CURLM_OK) {
      ErrorInfo info;
      info.type = ErrorType::Connection;
      info.detail = "libcurl refused the transfer";
      transfer->finish_failed(std::move(info));
      continue;
    }
    transfer->set_engine_slot(active_.size());
    active_.push_back(std::move(transfer));
  }
}

std::unique_ptr<Transfer> Engine::detach(Transfer* transfer) {
  const std::size_t slot = transfer->engine_slot();
  std::unique_ptr<Transfer> owned = std::move(active_[slot]);
  if (slot + 1 != active_.size()) {
    active_[slot] = std::move(active_.back());
    active_[slot]->set_engine_slot(slot);
  }
  active_.pop_back();
  // Removing an unfinished transfer closes its connection, so the server sees the disconnect.
  curl_multi_remove_handle(multi_, owned->easy());
  return owned;
}

void Engine::collect_finished() {
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi_, &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    const CURLcode code = message->data.result;
    Transfer* transfer = nullptr;
    curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &transfer);
    // `message` is invalid once the handle is removed; everything needed was copied above.
    detach(transfer)->finish_completed(code, real_clock().now());
  }
}

std::optional<SteadyTime> Engine::end_expired_and_cancelled(SteadyTime now) {
  struct Ending {
    Transfer* transfer;
    std::optional<Expiry> expiry;  // nullopt: cancelled
  };
  // Reported but not yet removed from the multi handle. Removing a handle closes its connection
  // (about 20 µs each), so with a thousand transfers ending at once the clean-up takes tens of
  // milliseconds: it is done a handle at a time, and whenever another limit passes meanwhile the
  // loop goes back to report it first, so that no caller waits for other calls' clean-up.
  std::vector<Transfer*> to_detach;
  std::unordered_set<Transfer*> reported;
  for (;;) {
    std::vector<Ending> ending;
    std::optional<SteadyTime> next;
    for (auto& transfer : active_) {
      Transfer* key = transfer.get();
      if (reported.count(key) != 0) continue;
      if (transfer->cancel_requested()) {
        ending.push_back({key, std::nullopt});
        continue;
      }
      std::optional<Expiry> expiry = transfer->next_expiry();
      if (!expiry) continue;
      if (expiry->at <= now) {
        ending.push_back({key, expiry});
      } else if (!next || expiry->at < *next) {
        next = expiry->at;
      }
    }
    // Observers may start new attempts, so they never run while active_ is being iterated; the
    // handles stay in the multi handle untouched until they are detached below.
    for (const Ending& end : ending) {
      if (end.expiry) {
        end.transfer->finish_expired(*end.expiry, real_clock().now());
      } else {
        end.transfer->finish_cancelled(real_clock().now(), "");
      }
      reported.insert(end.transfer);
      to_detach.push_back(end.transfer);
    }
    while (!to_detach.empty() && !(next && real_clock().now() >= *next)) {
      detach(to_detach.back());
      to_detach.pop_back();
    }
    if (to_detach.empty()) return next;
    now = real_clock().now();
  }
}

TimerId Engine::schedule(SteadyTime at, TimerCallback callback) {
  std::unique_lock lock(mutex_);
  if (stopping_) {
    lock.unlock();
    callback(false);
    return 0;
  }
  const TimerId id = next_timer_id_++;
  timers_.emplace(std::make_pair(at, id), std::move(callback));
  timer_index_.emplace(id, at);
  lock.unlock();
  wake();
  return id;
}

TimerId Engine::post(TimerCallback callback) {
  return schedule(SteadyTime::min(), std::move(callback));
}

bool Engine::cancel_timer(TimerId id) {
  std::lock_guard lock(mutex_);
  auto it = timer_index_.find(id);
  if (it == timer_index_.end()) return false;
  timers_.erase(std::make_pair(it->second, id));
  timer_index_.erase(it);
  return true;
}

TimerCallback Engine::take_first_timer(std::optional<SteadyTime> due_by) {
  std::lock_guard lock(mutex_);
  if (timers_.empty()) return {};
  auto first = timers_.begin();
  if (due_by && first->first.first > *due_by) return {};
  TimerCallback callback = std::move(first->second);
  timer_index_.erase(first->first.second);
  timers_.erase(first);
  return callback;
}

void Engine::run_due_timers() {
  while (TimerCallback callback = take_first_timer(real_clock().now())) callback(true);
}

std::optional<SteadyTime> Engine::next_timer() {
  std::lock_guard lock(mutex_);
  if (timers_.empty()) return std::nullopt;
  return timers_.begin()->first.first;
}

void Engine::drain_timers() {
  while (TimerCallback callback = take_first_timer(std::nullopt)) callback(false);
}

int Engine::poll_timeout_ms(std::optional<SteadyTime> next_wake) const {
  long wait = -1;  // libcurl's own next timer; -1 when it has none
  curl_multi_timeout(multi_, &wait);
  if (next_wake) {
    const long ours = static_cast<long>(ceil_ms(remaining(real_clock().now(), *next_wake)).count());
    wait = wait < 0 ? ours : std::min(wait, ours);
  }
  // Nothing to time: sleep until I/O or a wake-up (new work, a cancellation, shutdown).
  if (wait < 0) return std::numeric_limits<int>::max();
  return static_cast<int>(std::min<long>(wait, std::numeric_limits<int>::max()));
}

}  // namespace baml
