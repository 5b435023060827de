// A thread-safe cancellation token. Copies share one state, so the caller keeps one copy and
// hands another to the call; `cancel()` from any thread ends the call's transfer at once. The
// engine learns of a cancellation through a listener (which wakes its event loop), not by polling.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

namespace baml {

class CancellationToken {
 public:
  using Listener = std::function<void()>;

  CancellationToken();

  // Idempotent. Runs every listener, on the calling thread, before returning.
  void cancel() const;
  bool cancelled() const;

  // Runs `listener` once when the token is cancelled, or at once if it already is. Listeners run
  // under the token's lock: they must be quick and must not touch the token. After
  // `unsubscribe(id)` returns, the listener is not running and never will.
  std::uint64_t subscribe(Listener listener) const;
  void unsubscribe(std::uint64_t id) const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace baml
