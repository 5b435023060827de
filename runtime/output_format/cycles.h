// The recursive cycles among classes and among type aliases, found the way BAML 0.226.2 finds
// them (Tarjan's algorithm over declaration order), because their order is visible: the classes
// of a cycle are hoisted in the cycle's order, and so are recursive alias definitions.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

namespace baml::output_format {

struct Cycles {
  // Each cycle in BAML's order: the path in which the search met its nodes, rotated so that the
  // first-declared node comes first. Components without a cycle (one node, no self edge) are left out.
  std::vector<std::vector<std::size_t>> cycles;
  bool has_long_cycle = false;  // a cycle of 3+ nodes, whose order depends on where the search entered it
};

// Tarjan's strongly connected components over `nodes` (ascending ids, closed under
// `successors`), starting from each node in id order and visiting successors in id order.
// `successors(n, out)` appends n's successors (any order, duplicates allowed); `node_limit` is
// one past the largest id.
Cycles find_cycles(const std::vector<std::size_t>& nodes, std::size_t node_limit,
                   const std::function<void(std::size_t, std::vector<std::size_t>&)>& successors);

}  // namespace baml::output_format
