// A call's outcome handed from the engine's loop to the caller (see call_future.h).
#include <baml/call_future.h>

#include <baml/errors.h>

namespace baml {

void CallFuture::State::set(Outcome outcome) {
  bool notify = false;
  {
    std::lock_guard lock(mutex_);
    if (outcome_.index() != 0) return;  // fulfilled already: the first outcome stands
    outcome_ = std::move(outcome);
    notify = waiting_ > 0;
  }
  if (notify) done_.notify_all();
}

Response CallFuture::get() {
  if (!state_) throw std::future_error(std::future_errc::no_state);
  const std::shared_ptr<State> state = std::move(state_);  // one get() per call, as std::future
  State::Outcome outcome;
  {
    std::unique_lock lock(state->mutex_);
    state->wait_locked<std::chrono::steady_clock, std::chrono::steady_clock::duration>(lock, nullptr);
    outcome = std::move(state->outcome_);
  }
  if (auto* error = std::get_if<ErrorInfo>(&outcome)) throw_error(std::move(*error));
  if (auto* error = std::get_if<std::exception_ptr>(&outcome)) std::rethrow_exception(*error);
  return std::get<Response>(std::move(outcome));
}

bool CallFuture::ready() const {
  if (!state_) throw std::future_error(std::future_errc::no_state);
  std::lock_guard lock(state_->mutex_);
  return state_->outcome_.index() != 0;
}

void CallFuture::wait() const {
  if (!state_) throw std::future_error(std::future_errc::no_state);
  std::unique_lock lock(state_->mutex_);
  state_->wait_locked<std::chrono::steady_clock, std::chrono::steady_clock::duration>(lock, nullptr);
}

}  // namespace baml
