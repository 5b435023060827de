// Where a round-robin client starts: BAML's `start` option taken modulo the number of its
// clients, negative values included (`start -1` of 3 is the last). One rule for the checker's
// warning (W0602) and the runtime's rotation.
#pragma once

#include <cstddef>
#include <cstdint>

namespace baml {

// The index of the first client, in [0, children). `children` must not be 0.
inline std::size_t round_robin_first(std::int64_t start, std::size_t children) {
  const auto n = static_cast<std::int64_t>(children);
  return static_cast<std::size_t>(((start % n) + n) % n);
}

}  // namespace baml
