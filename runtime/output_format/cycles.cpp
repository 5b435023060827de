// Tarjan's algorithm with BAML's tie-breaking: roots and successors in ascending id order, each
// component reported in discovery order and rotated to start at its smallest id.
#include "output_format/cycles.h"

#include <algorithm>
#include <limits>

namespace baml::output_format {
namespace {

constexpr std::size_t kUnvisited = std::numeric_limits<std::size_t>::max();

class Tarjan {
 public:
  Tarjan(std::size_t limit, const std::function<void(std::size_t, std::vector<std::size_t>&)>& successors)
      : successors_(successors), index_(limit, kUnvisited), low_(limit, kUnvisited), on_stack_(limit, false) {}

  void visit_root(std::size_t node) {
    if (index_[node] == kUnvisited) connect(node);
  }
  Cycles take() { return std::move(result_); }

 private:
  void connect(std::size_t node) {
    index_[node] = low_[node] = counter_++;
    stack_.push_back(node);
    on_stack_[node] = true;

    std::vector<std::size_t> next;
    successors_(node, next);
    std::sort(next.begin(), next.end());
    next.erase(std::unique(next.begin(), next.end()), next.end());
    bool self_edge = false;
    for (std::size_t succ : next) {
      if (succ == node) self_edge = true;
      if (index_[succ] == kUnvisited) {
        connect(succ);
        low_[node] = std::min(low_[node], low_[succ]);
      } else if (on_stack_[succ]) {
        low_[node] = std::min(low_[node], index_[succ]);
      }
    }
    if (low_[node] != index_[node]) return;

    std::vector<std::size_t> component;
    while (!stack_.empty()) {
      std::size_t top = stack_.back();
      stack_.pop_back();
      on_stack_[top] = false;
      component.push_back(top);
      if (top == node) break;
    }
    std::reverse(component.begin(), component.end());
    if (component.size() > 1 || self_edge) {
      std::rotate(component.begin(), std::min_element(component.begin(), component.end()), component.end());
      if (component.size() > 2) result_.has_long_cycle = true;
      result_.cycles.push_back(std::move(component));
    }
  }

  const std::function<void(std::size_t, std::vector<std::size_t>&)>& successors_;
  std::vector<std::size_t> index_, low_;
  std::vector<bool> on_stack_;
  std::vector<std::size_t> stack_;
  std::size_t counter_ = 0;
  Cycles result_;
};

}  // namespace

Cycles find_cycles(const std::vector<std::size_t>& nodes, std::size_t node_limit,
                   const std::function<void(std::size_t, std::vector<std::size_t>&)>& successors) {
  Tarjan t(node_limit, successors);
  for (std::size_t n : nodes) t.visit_root(n);
  return t.take();
}

}  // namespace baml::output_format
