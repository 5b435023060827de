// When the transfers in flight must be looked at next: a min-heap of (instant, transfer) entries,
// so that the loop finds the transfers whose limit has passed without looking at the others.
//
// Entries are hints, checked when they come due. A transfer pushes an entry whenever its next
// expiry moves before the one it last pushed (a phase change: the request sent starts its
// first-token limit, and so on); when its expiry moves later (data arrived, restarting its idle
// clock) nothing is pushed, and the due entry is found early, checked, and pushed again for the
// later instant. So the top of the heap is never later than the earliest real expiry. An entry
// names the transfer by its slot in the engine's table and its serial number: an entry whose slot
// now holds another transfer (the transfer ended, or moved to another slot, which pushes a new
// entry) or that is not its transfer's latest is stale and is dropped when it comes up.
//
// With 1,000 limits passing within a few milliseconds, the loop used to look at every transfer
// again after removing each expired one (removing one closes its connection, during which the next
// limit passes): 1,000 × 1,000 checks, which made the last report of such a batch ~10 ms late.
// Popping due entries costs O(log n) each.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <queue>
#include <vector>

#include "time/clock.h"

namespace baml {

class ExpiryQueue {
 public:
  struct Entry {
    SteadyTime at;
    std::size_t slot;
    std::uint64_t serial;
  };

  void push(SteadyTime at, std::size_t slot, std::uint64_t serial) { heap_.push(Entry{at, slot, serial}); }
  // The earliest entry's instant: no limit of any transfer passes before it.
  std::optional<SteadyTime> earliest() const {
    if (heap_.empty()) return std::nullopt;
    return heap_.top().at;
  }
  // Removes and returns the earliest entry if it is due by `now`.
  std::optional<Entry> pop_due(SteadyTime now) {
    if (heap_.empty() || heap_.top().at > now) return std::nullopt;
    Entry entry = heap_.top();
    heap_.pop();
    return entry;
  }
  std::size_t size() const { return heap_.size(); }

 private:
  struct Later {
    bool operator()(const Entry& a, const Entry& b) const { return a.at > b.at; }
  };
  std::priority_queue<Entry, std::vector<Entry>, Later> heap_;
};

}  // namespace baml
