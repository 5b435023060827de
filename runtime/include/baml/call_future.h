// What Runtime::submit and submit_stream return: the call's outcome once it has one, with
// std::future's interface (valid, get, wait, wait_for, wait_until) and the same one-reader rule
// (get() once, from one thread).
//
// Why not std::future: the engine's loop fulfils these, often a thousand within a millisecond
// when limits pass together, and fulfilling a std::promise makes a futex system call every time
// (libstdc++ sets the result through std::call_once, and glibc's pthread_once wakes waiters
// without knowing whether there are any): ~1.2 µs on the development VM, a fifth of what the
// loop spends reporting one timeout. Here the loop hands over the outcome as data under an
// uncontended mutex and wakes the reader only if one is waiting; an error becomes its typed
// exception (errors.h) on the reader's thread, in get(), not on the loop.
#pragma once

#include <chrono>
#include <condition_variable>
#include <exception>
#include <future>
#include <memory>
#include <mutex>
#include <variant>

#include <baml/error_info.h>
#include <baml/response.h>

namespace baml {

class CallFuture {
 public:
  // The state shared with whoever fulfils it (the runtime).
  class State;

  CallFuture() = default;  // not valid: no call
  explicit CallFuture(std::shared_ptr<State> state) : state_(std::move(state)) {}

  // Whether this refers to a call (false after get(), or when default-made).
  bool valid() const { return state_ != nullptr; }
  // Waits for the outcome and returns the Response or throws the typed error; then !valid().
  Response get();
  // Whether the outcome is there (get() would not wait).
  bool ready() const;
  void wait() const;
  template <class Rep, class Period>
  std::future_status wait_for(const std::chrono::duration<Rep, Period>& timeout) const {
    return wait_until(std::chrono::steady_clock::now() + timeout);
  }
  template <class Clock, class Duration>
  std::future_status wait_until(const std::chrono::time_point<Clock, Duration>& deadline) const;

 private:
  std::shared_ptr<State> state_;
};

class CallFuture::State {
 public:
  // Each at most once, from any thread.
  void fulfil(Response response) { set(std::move(response)); }
  void fail(ErrorInfo error) { set(std::move(error)); }
  void fail(std::exception_ptr error) { set(std::move(error)); }

 private:
  friend class CallFuture;
  using Outcome = std::variant<std::monostate, Response, ErrorInfo, std::exception_ptr>;
  void set(Outcome outcome);
  // Waits (holding `lock`) until there is an outcome or `deadline` passes; whether there is one.
  template <class Clock, class Duration>
  bool wait_locked(std::unique_lock<std::mutex>& lock, const std::chrono::time_point<Clock, Duration>* deadline);

  mutable std::mutex mutex_;
  std::condition_variable done_;
  int waiting_ = 0;  // readers blocked in wait: the setter notifies only then
  Outcome outcome_;
};

template <class Clock, class Duration>
bool CallFuture::State::wait_locked(std::unique_lock<std::mutex>& lock,
                                    const std::chrono::time_point<Clock, Duration>* deadline) {
  ++waiting_;
  while (outcome_.index() == 0) {
    if (deadline == nullptr) {
      done_.wait(lock);
    } else if (done_.wait_until(lock, *deadline) == std::cv_status::timeout) {
      break;
    }
  }
  --waiting_;
  return outcome_.index() != 0;
}

template <class Clock, class Duration>
std::future_status CallFuture::wait_until(const std::chrono::time_point<Clock, Duration>& deadline) const {
  if (!state_) throw std::future_error(std::future_errc::no_state);
  std::unique_lock lock(state_->mutex_);
  return state_->wait_locked(lock, &deadline) ? std::future_status::ready : std::future_status::timeout;
}

}  // namespace baml
