// The rotation of round-robin clients. Each round-robin client sends each call (and each round of
// its retry policy) to one child, the next in turn: the first to child `start` (BAML's option;
// 0 when absent), then start+1, ... wrapping around. The turn is one atomic counter per client per
// Runtime, so calls from many threads share the rotation and never skip or repeat a child more
// than the interleaving of their increments does.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

namespace baml {

// The child a round-robin client's first call goes to: `start` (BAML's option, 0 when absent)
// taken modulo `children`, negative values included. `children` must not be 0.
std::size_t first_child(std::optional<int> start, std::size_t children);

class RoundRobinCounters {
 public:
  // The index of the child to use next, in [0, children). Thread-safe. `start` may be any
  // integer; it is taken modulo `children`.
  std::size_t next(const std::string& client, std::optional<int> start, std::size_t children);

 private:
  std::atomic<std::uint64_t>& counter(const std::string& client);

  std::shared_mutex mutex_;  // guards the map; the counters themselves are atomic
  std::unordered_map<std::string, std::unique_ptr<std::atomic<std::uint64_t>>> counters_;
};

}  // namespace baml
