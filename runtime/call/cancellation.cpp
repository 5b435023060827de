// The shared state behind CancellationToken (see cancellation.h).
#include <baml/cancellation.h>

#include <atomic>
#include <mutex>
#include <utility>
#include <vector>

namespace baml {

struct CancellationToken::State {
  std::atomic<bool> cancelled{false};
  std::mutex mutex;
  std::uint64_t next_id = 1;
  std::vector<std::pair<std::uint64_t, Listener>> listeners;
};

CancellationToken::CancellationToken() : state_(std::make_shared<State>()) {}

void CancellationToken::cancel() const {
  std::lock_guard lock(state_->mutex);
  if (state_->cancelled.exchange(true)) return;
  for (auto& [id, listener] : state_->listeners) listener();
  state_->listeners.clear();
}

bool CancellationToken::cancelled() const {
  return state_->cancelled.load();
}

std::uint64_t CancellationToken::subscribe(Listener listener) const {
  std::lock_guard lock(state_->mutex);
  const std::uint64_t id = state_->next_id++;
  if (state_->cancelled.load()) {
    listener();
  } else {
    state_->listeners.emplace_back(id, std::move(listener));
  }
  return id;
}

void CancellationToken::unsubscribe(std::uint64_t id) const {
  std::lock_guard lock(state_->mutex);
  std::erase_if(state_->listeners, [id](const auto& entry) { return entry.first == id; });
}

}  // namespace baml
