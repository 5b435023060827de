// The shared rotation of round-robin clients (see round_robin.h).
#include "strategy/round_robin.h"

#include <mutex>

#include <baml/round_robin_start.h>

namespace baml {

std::atomic<std::uint64_t>& RoundRobinCounters::counter(const std::string& client) {
  {
    std::shared_lock lock(mutex_);
    auto it = counters_.find(client);
    if (it != counters_.end()) return *it->second;
  }
  std::unique_lock lock(mutex_);
  auto& slot = counters_[client];
  if (!slot) slot = std::make_unique<std::atomic<std::uint64_t>>(0);
  return *slot;
}

std::size_t first_child(std::optional<int> start, std::size_t children) {
  return round_robin_first(start.value_or(0), children);
}

std::size_t RoundRobinCounters::next(const std::string& client, std::optional<int> start, std::size_t children) {
  if (children == 0) return 0;
  const std::uint64_t turn = counter(client).fetch_add(1, std::memory_order_relaxed);
  return static_cast<std::size_t>((first_child(start, children) + turn) % children);
}

}  // namespace baml
