// The event loop (see engine.h).
#include "http/engine.h"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <system_error>
#include <thread>

namespace baml {

namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

Engine::Engine(const Clock& clock, TlsSettings tls)
    : clock_(clock),
      epoll_fd_(epoll_create1(EPOLL_CLOEXEC)),
      sockets_(epoll_fd_),
      proxies_(ProxySettings::from_environment()),
      tls_(std::move(tls)) {
  global_init();
  multi_ = curl_multi_init();
  if (multi_ == nullptr) {
    if (epoll_fd_ >= 0) close(epoll_fd_);
    throw std::runtime_error("libcurl: could not create a multi handle");
  }
  int failure = epoll_fd_ < 0 ? errno : 0;
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (failure == 0 && wake_fd_ < 0) failure = errno;
  epoll_event wake_event{};
  wake_event.events = EPOLLIN;
  wake_event.data.fd = wake_fd_;
  if (failure == 0 && epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &wake_event) != 0) failure = errno;
  if (failure != 0) {
    if (epoll_fd_ >= 0) close(epoll_fd_);
    if (wake_fd_ >= 0) close(wake_fd_);
    curl_multi_cleanup(multi_);
    // Out of file descriptors, most likely: the environment's problem, said as such.
    throw std::system_error(failure, std::system_category(), "the HTTP engine could not create its epoll set and eventfd");
  }
  curl_multi_setopt(multi_, CURLMOPT_SOCKETFUNCTION, &Engine::on_socket);
  curl_multi_setopt(multi_, CURLMOPT_SOCKETDATA, this);
  curl_multi_setopt(multi_, CURLMOPT_TIMERFUNCTION, &Engine::on_timer);
  curl_multi_setopt(multi_, CURLMOPT_TIMERDATA, this);
  ready_.resize(256);  // per epoll_wait; more ready sockets are reported by the next one
  thread_ = std::thread([this] { run(); });
}

Engine::~Engine() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_one();
  wake();
  thread_.join();
  curl_multi_cleanup(multi_);
  close(wake_fd_);
  close(epoll_fd_);
}

void Engine::wake() {
  // Only fails with EAGAIN when the counter is at its maximum, and then a wake-up is pending anyway.
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t written = write(wake_fd_, &one, sizeof one);
}

void Engine::drain_wake() {
  std::uint64_t count = 0;
  [[maybe_unused]] const ssize_t read_bytes = read(wake_fd_, &count, sizeof count);
}

void Engine::start(AttemptSpec spec, AttemptObserver observer) {
  auto transfer = std::make_unique<Transfer>(std::move(spec), std::move(observer), clock_);
  std::unique_lock lock(mutex_);
  if (stopping_) {
    lock.unlock();
    transfer->finish_cancelled(clock_.now(), "the runtime is shutting down");
    return;
  }
  incoming_.push_back(std::move(transfer));
  const Nudge nudge = nudge_locked();
  lock.unlock();
  send(nudge);
}

Engine::Nudge Engine::nudge_locked() {
  if (!driven_) return Nudge::kThread;
  if (driver_ == std::this_thread::get_id()) {
    self_nudged_ = true;  // this thread runs the loop: it is not asleep, and sees the work next pass
    return Nudge::kNone;
  }
  return Nudge::kEventfd;
}

void Engine::send(Nudge nudge) {
  if (nudge == Nudge::kThread) work_.notify_one();
  if (nudge == Nudge::kEventfd) wake();
}

bool Engine::has_work_locked() const {
  return !incoming_.empty() || !timers_.empty() || left_transfers_;
}

bool Engine::try_claim_locked() {
  if (driven_) return false;
  driven_ = true;
  driver_ = std::this_thread::get_id();
  return true;
}

void Engine::give_up() {
  bool work_left = false;
  {
    std::lock_guard lock(mutex_);
    left_transfers_ = !transfers_.empty();
    driven_ = false;
    driver_ = {};
    work_left = has_work_locked() || stopping_;
  }
  if (work_left) work_.notify_one();
}

std::optional<SteadyTime> Engine::pass() noexcept {
  {
    std::lock_guard lock(mutex_);
    admitting_.swap(incoming_);
  }
  self_nudged_ = false;  // what was queued so far is admitted now, or put back first in line
  // A burst is admitted a slice per pass, so that limits of calls already in flight are looked at
  // between slices: admitting (and libcurl connecting, in drive_curl) 10,000 calls at once held
  // the loop for longer than a 300 ms limit.
  const bool more_to_admit = admitting_.size() > kMaxAdmittedPerPass;
  if (more_to_admit) {
    std::lock_guard lock(mutex_);
    incoming_.insert(incoming_.begin(), std::make_move_iterator(admitting_.begin() + kMaxAdmittedPerPass),
                     std::make_move_iterator(admitting_.end()));
    admitting_.resize(kMaxAdmittedPerPass);
  }
  admit(admitting_);
  admitting_.clear();
  if (more_to_admit) end_expired_while_queued(clock_.now());
  if (ready_count_ > 0) end_expired_without_data(clock_.now());
  drive_curl();
  collect_finished();
  std::optional<SteadyTime> next = end_expired_and_cancelled(clock_.now());
  run_due_timers();
  if (const std::optional<SteadyTime> timer = next_timer(); timer && (!next || *timer < *next)) next = timer;
  if (self_nudged_ || more_to_admit) {
    self_nudged_ = false;
    next = SteadyTime::min();  // work this pass queued or left: the next pass comes at once
  }
  return next;
}

Engine::CallerDrive::CallerDrive(Engine& engine) : engine_(engine) {
  std::lock_guard lock(engine.mutex_);
  claimed_ = !engine.stopping_ && engine.try_claim_locked();
}

Engine::CallerDrive::~CallerDrive() { release(); }

void Engine::CallerDrive::run_until(const std::function<bool()>& ready) {
  if (!claimed_) return;
  for (;;) {
    const std::optional<SteadyTime> next = engine_.pass();
    if (ready()) return;
    engine_.wait(next);
  }
}

void Engine::CallerDrive::release() {
  if (!claimed_) return;
  claimed_ = false;
  engine_.give_up();
}

void Engine::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    work_.wait(lock, [this] { return !driven_ && (stopping_ || has_work_locked()); });
    if (stopping_) break;
    try_claim_locked();
    left_transfers_ = false;
    for (;;) {
      lock.unlock();
      const std::optional<SteadyTime> next = pass();
      lock.lock();
      if (stopping_) break;
      if (transfers_.empty() && !has_work_locked()) {
        // Idle: give the loop up, so that the next synchronous caller runs it itself. Decided
        // under the lock that start() and schedule() take, so no work queued meanwhile is missed.
        driven_ = false;
        driver_ = {};
        break;
      }
      lock.unlock();
      wait(next);
      lock.lock();
    }
  }
  // Stopping, and nobody else runs the loop: this thread ends what is left.
  driven_ = true;
  driver_ = std::this_thread::get_id();
  admitting_.swap(incoming_);
  lock.unlock();
  for (auto& transfer : admitting_) transfer->finish_cancelled(clock_.now(), "the runtime shut down");
  admitting_.clear();
  std::vector<Transfer*> remaining;
  for (const auto& transfer : transfers_.all()) remaining.push_back(transfer.get());
  for (Transfer* transfer : remaining) detach(transfer)->finish_cancelled(clock_.now(), "the runtime shut down");
  drain_timers();
}

void Engine::end_expired_while_queued(SteadyTime now) {
  std::vector<std::pair<std::unique_ptr<Transfer>, Expiry>> expired;
  std::vector<std::unique_ptr<Transfer>> cancelled;
  {
    std::lock_guard lock(mutex_);
    auto kept = incoming_.begin();
    for (auto& transfer : incoming_) {
      if (transfer->cancel_requested()) {
        cancelled.push_back(std::move(transfer));
      } else if (std::optional<Expiry> expiry = transfer->next_expiry(); expiry && expiry->at <= now) {
        expired.emplace_back(std::move(transfer), *expiry);
      } else {
        *kept++ = std::move(transfer);
      }
    }
    incoming_.erase(kept, incoming_.end());
  }
  // Ended outside the lock: an observer may start the next attempt, which queues it.
  for (auto& [transfer, expiry] : expired) transfer->finish_expired(expiry, clock_.now());
  for (auto& transfer : cancelled) transfer->finish_cancelled(clock_.now(), "");
}

void Engine::admit(std::vector<std::unique_ptr<Transfer>>& incoming) {
  for (auto& transfer : incoming) {
    if (std::optional<ErrorInfo> failure = transfer->prepare(handles_, proxies_, tls_)) {
      transfer->finish_failed(std::move(*failure));
      continue;
    }
    transfer->watch_cancellation([this] {
      cancel_pending_.store(true, std::memory_order_release);
      wake();
    });
    // Connection sockets are made and closed by the registry, so that it hears of every close.
    const std::string& url = transfer->url();
    const ConnectionCensus::Origin origin = census_.origin_of(url, !proxies_.proxy_for(url).empty());
    transfer->socket_opener() = {this, origin};
    curl_easy_setopt(transfer->easy(), CURLOPT_OPENSOCKETFUNCTION, &Engine::on_open_socket);
    curl_easy_setopt(transfer->easy(), CURLOPT_OPENSOCKETDATA, &transfer->socket_opener());
    // No idle connection to find: spare libcurl its walk over the busy ones (connection_census.h).
    curl_easy_setopt(transfer->easy(), CURLOPT_FRESH_CONNECT, census_.no_idle_connection(origin) ? 1L : 0L);
    curl_easy_setopt(transfer->easy(), CURLOPT_CLOSESOCKETFUNCTION, &Engine::on_close_socket);
    curl_easy_setopt(transfer->easy(), CURLOPT_CLOSESOCKETDATA, this);
    if (curl_multi_add_handle(multi_, transfer->easy()) != CURLM_OK) {
      ErrorInfo info;
      info.type = ErrorType::Connection;
      info.detail = "libcurl refused the transfer";
      transfer->finish_failed(std::move(info));
      continue;
    }
    census_.transfer_admitted(origin);
    transfers_.add(std::move(transfer));
  }
}

void Engine::remove_later(Transfer* transfer) {
  // Until then, whatever else arrives on its connection is not read (socket_registry.h). Only on
  // an HTTP/1 connection, which serves this transfer alone; an HTTP/2 one may carry other calls.
  // Before an answer the version is not known yet (0); a connection the census counts (plain
  // HTTP, no proxy) is HTTP/1 all the same (connection_census.h).
  long version = 0;
  curl_easy_getinfo(transfer->easy(), CURLINFO_HTTP_VERSION, &version);
  const bool counted = transfer->socket_opener().origin != ConnectionCensus::kUncounted;
  if (version == CURL_HTTP_VERSION_1_0 || version == CURL_HTTP_VERSION_1_1 || (version == 0 && counted)) {
    sockets_.mute(transfer->watched_socket());
    // libcurl closes the connection of a transfer removed unfinished: reset it, leaving no TIME_WAIT.
    sockets_.reset_on_close(transfer->watched_socket());
  }
  transfers_.mark_ended(transfer);
}

std::unique_ptr<Transfer> Engine::detach(Transfer* transfer) {
  std::unique_ptr<Transfer> owned = transfers_.take(transfer);
  census_.transfer_removed(owned->socket_opener().origin);
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
    detach(transfer)->finish_completed(code, clock_.now());
  }
}

std::optional<SteadyTime> Engine::end_expired_and_cancelled(SteadyTime now) {
  // What ends here is reported at once and removed from the multi handle later (remove_later).
  if (cancel_pending_.exchange(false, std::memory_order_acq_rel)) {
    // Collected first: observers may start new attempts, never while the table is being iterated.
    std::vector<Transfer*> cancelled;
    for (const auto& transfer : transfers_.all()) {
      if (!transfer->finished() && transfer->cancel_requested()) cancelled.push_back(transfer.get());
    }
    for (Transfer* transfer : cancelled) {
      transfer->finish_cancelled(clock_.now(), "");
      remove_later(transfer);
    }
  }
  while (std::optional<TransferTable::Due> due = transfers_.pop_due(now)) {
    if (std::optional<Expiry> expiry = due->transfer->check_due(due->entry, now)) {
      due->transfer->finish_expired(*expiry, clock_.now());
      remove_later(due->transfer);
    }
    // Limits keep passing while a long batch is reported: look again, so none waits for a pass.
    if (const std::optional<SteadyTime> next = transfers_.earliest_expiry(); next && *next > now) now = clock_.now();
  }
  transfers_.compact_expiries();
  return transfers_.earliest_expiry();
}

TimerId Engine::schedule(SteadyTime at, TimerCallback callback) {
  std::unique_lock lock(mutex_);
  if (stopping_) {
    lock.unlock();
    callback(false);
    return 0;
  }
  const TimerId id = timers_.add(at, std::move(callback));
  const Nudge nudge = nudge_locked();
  lock.unlock();
  send(nudge);
  return id;
}

TimerId Engine::post(TimerCallback callback) {
  return schedule(SteadyTime::min(), std::move(callback));
}

bool Engine::cancel_timer(TimerId id) {
  std::lock_guard lock(mutex_);
  return timers_.cancel(id);
}

TimerCallback Engine::take_first_timer(std::optional<SteadyTime> due_by) {
  std::lock_guard lock(mutex_);
  return timers_.take_first(due_by);
}

void Engine::run_due_timers() {
  while (TimerCallback callback = take_first_timer(clock_.now())) callback(true);
}

std::optional<SteadyTime> Engine::next_timer() {
  std::lock_guard lock(mutex_);
  return timers_.earliest();
}

void Engine::drain_timers() {
  while (TimerCallback callback = take_first_timer(std::nullopt)) callback(false);
}

void Engine::wait(std::optional<SteadyTime> next_wake) {
  if (curl_timer_ && (!next_wake || *curl_timer_ < *next_wake)) next_wake = curl_timer_;
  const int capacity = static_cast<int>(ready_.size());
  int count = 0;
  if (Transfer* oldest = transfers_.oldest_ended()) {
    // Removing an ended transfer's handle closes its connection (~20 µs): the loop's least urgent
    // work, done one handle per pass, oldest first, and not while a limit or timer is due, so that
    // with 1,000 limits passing together no report waits for another's clean-up. Every
    // kMaxPassesWithoutRemoval-th pass removes one even then, so a loop that always has something
    // due cannot put the clean-up off for ever.
    count = epoll_wait(epoll_fd_, ready_.data(), capacity, 0);
    const bool due = next_wake && clock_.now() >= *next_wake;
    if (!due || ++passes_without_removal_ >= kMaxPassesWithoutRemoval) {
      passes_without_removal_ = 0;
      detach(oldest);
    }
  } else if (!next_wake) {
    // Nothing to time: sleep until I/O or a wake-up (new work, a cancellation, shutdown).
    count = epoll_wait(epoll_fd_, ready_.data(), capacity, -1);
  } else {
    std::chrono::nanoseconds left = std::max(remaining(clock_.now(), *next_wake), std::chrono::nanoseconds(0));
    // The kernel may end a sleep of d up to d/1000 (at least 50 µs) late, its timer slack, and
    // epoll_wait counts whole milliseconds, which made limits fire ~1 ms late. A long sleep stops
    // short by its slack and the next pass sleeps the rest, short and so precise; epoll_pwait2
    // takes the time in nanoseconds.
    if (left > std::chrono::milliseconds(2)) left -= left / 1000 + std::chrono::microseconds(50);
    if (pwait2_works_) {
      const timespec timeout{static_cast<time_t>(left.count() / 1'000'000'000),
                             static_cast<long>(left.count() % 1'000'000'000)};
      count = epoll_pwait2(epoll_fd_, ready_.data(), capacity, &timeout, nullptr);
      if (count < 0 && errno == ENOSYS) pwait2_works_ = false;  // a kernel before 5.11
    }
    if (!pwait2_works_) {
      const long ms = static_cast<long>(ceil_ms(left).count());
      count = epoll_wait(epoll_fd_, ready_.data(), capacity, static_cast<int>(std::clamp<long>(ms, 0, std::numeric_limits<int>::max())));
    }
  }
  ready_count_ = count > 0 ? static_cast<std::size_t>(count) : 0;
  // Drained now, before the next pass reads the queue, so a wake-up written after this is never
  // lost: it makes the next epoll_wait return at once.
  for (std::size_t i = 0; i < ready_count_; ++i) {
    const int fd = ready_[i].data.fd;
    if (fd == wake_fd_) {
      drain_wake();
      continue;
    }
    const auto index = static_cast<std::size_t>(fd);
    if (index >= readable_.size()) readable_.resize(index + 64);
    readable_[index] = 1;
  }
}

void Engine::end_expired_without_data(SteadyTime now) {
  if (const std::optional<SteadyTime> next = transfers_.earliest_expiry(); !next || *next > now) return;
  while (std::optional<TransferTable::Due> due = transfers_.pop_due(now)) {
    // No socket known (a stream sharing an HTTP/2 connection another transfer opened: libcurl
    // names a shared socket to its callback once) counts as data waiting: read first.
    const curl_socket_t socket = due->transfer->watched_socket();
    const auto index = static_cast<std::size_t>(socket);
    if (socket == CURL_SOCKET_BAD || (index < readable_.size() && readable_[index] != 0)) {
      transfers_.hold_back(due->entry);  // read first, then checked after the reads
      continue;
    }
    if (std::optional<Expiry> expiry = due->transfer->check_due(due->entry, now)) {
      due->transfer->finish_expired(*expiry, clock_.now());
      remove_later(due->transfer);
    }
  }
  transfers_.restore_held_back();
}

void Engine::drive_curl() {
  int running = 0;
  for (std::size_t i = 0; i < ready_count_; ++i) {
    const epoll_event& event = ready_[i];
    if (event.data.fd == wake_fd_) continue;  // drained in wait()
    readable_[static_cast<std::size_t>(event.data.fd)] = 0;
    if (!sockets_.accept_event(event.data.fd)) continue;  // parked: libcurl does not watch it now
    int action = 0;
    if ((event.events & EPOLLIN) != 0) action |= CURL_CSELECT_IN;
    if ((event.events & EPOLLOUT) != 0) action |= CURL_CSELECT_OUT;
    if ((event.events & (EPOLLERR | EPOLLHUP)) != 0) action |= CURL_CSELECT_ERR;
    curl_multi_socket_action(multi_, event.data.fd, action, &running);
  }
  ready_count_ = 0;
  // libcurl's own timeouts, and the first step of newly added transfers (it asks for a timer of 0).
  if (curl_timer_ && *curl_timer_ <= clock_.now()) {
    curl_timer_.reset();
    curl_multi_socket_action(multi_, CURL_SOCKET_TIMEOUT, 0, &running);
  }
}

int Engine::on_socket(CURL* easy, curl_socket_t socket, int what, void* self, void*) {
  static_cast<Engine*>(self)->sockets_.want(socket, what);
  // Which transfer the socket serves, for end_expired_without_data. (libcurl's own internal
  // handles, and pooled ones, have no transfer.)
  Transfer* transfer = nullptr;
  curl_easy_getinfo(easy, CURLINFO_PRIVATE, &transfer);
  if (transfer != nullptr) {
    if (what == CURL_POLL_REMOVE) {
      if (transfer->watched_socket() == socket) transfer->set_watched_socket(CURL_SOCKET_BAD);
    } else {
      transfer->set_watched_socket(socket);
    }
  }
  return 0;
}

curl_socket_t Engine::on_open_socket(void* opener_ptr, curlsocktype, curl_sockaddr* address) {
  auto& opener = *static_cast<Transfer::SocketOpener*>(opener_ptr);
  auto* self = static_cast<Engine*>(opener.engine);
  const curl_socket_t socket = self->sockets_.open(address->family, address->socktype, address->protocol, opener.origin);
  opener.socket_errno = socket == CURL_SOCKET_BAD ? errno : 0;
  if (socket != CURL_SOCKET_BAD) self->census_.connection_opened(opener.origin);
  return socket;
}

int Engine::on_close_socket(void* self_ptr, curl_socket_t socket) {
  auto* self = static_cast<Engine*>(self_ptr);
  self->census_.connection_closed(self->sockets_.tag(socket));
  return self->sockets_.close(socket);
}

int Engine::on_timer(CURLM*, long timeout_ms, void* self_ptr) {
  auto* self = static_cast<Engine*>(self_ptr);
  // Never call back into libcurl from here: the loop runs CURL_SOCKET_TIMEOUT when it is due.
  if (timeout_ms < 0) {
    self->curl_timer_.reset();
  } else {
    self->curl_timer_ = self->clock_.now() + milliseconds(timeout_ms);
  }
  return 0;
}

}  // namespace baml
