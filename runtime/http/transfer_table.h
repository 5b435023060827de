// The transfers in flight on one engine, in the order the loop needs them: by slot (a transfer
// knows its index, so taking one out moves the last into its place, with no allocation per
// attempt), by when each must be looked at next (expiry_queue.h), and, for those already reported
// (expired, cancelled) whose handles are still in the multi handle, oldest first, so the loop can
// detach them one at a time when it has nothing more urgent to do. Not thread-safe: the thread
// running the loop only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "http/expiry_queue.h"
#include "http/transfer.h"

namespace baml {

class TransferTable {
 public:
  // An entry of the expiry queue that has come due, with the transfer now in its slot (for which
  // it may be stale: Transfer::check_due tells).
  struct Due {
    Transfer* transfer;
    ExpiryQueue::Entry entry;
  };

  bool empty() const { return active_.empty(); }
  const std::vector<std::unique_ptr<Transfer>>& all() const { return active_; }

  // Takes the transfer in; from now on it keeps its entries in this table's expiry queue.
  void add(std::unique_ptr<Transfer> transfer);
  // Takes the transfer out (forgetting it among the ended ones, if it was), for the caller to
  // remove its handle from the multi handle and finish it.
  std::unique_ptr<Transfer> take(Transfer* transfer);

  // No transfer's limit passes before this instant.
  std::optional<SteadyTime> earliest_expiry() const { return expiries_.earliest(); }
  // The next entry due by `now` whose slot still holds a transfer.
  std::optional<Due> pop_due(SteadyTime now) {
    while (std::optional<ExpiryQueue::Entry> entry = expiries_.pop_due(now)) {
      if (entry->slot < active_.size()) return Due{active_[entry->slot].get(), *entry};
    }
    return std::nullopt;
  }
  // Puts a popped entry aside, to go back into the queue at restore_held_back().
  void hold_back(const ExpiryQueue::Entry& entry) { held_back_.push_back(entry); }
  void restore_held_back();
  // Most entries are stale when they come due; a queue grown well past the transfers in flight
  // (calls that ended long before their limits) is rebuilt from the live entries.
  void compact_expiries();

  // A transfer that was reported but whose handle is still in the multi handle.
  void mark_ended(Transfer* transfer);
  // The oldest of those, nullptr when there is none.
  Transfer* oldest_ended() const { return ended_.empty() ? nullptr : ended_.front(); }

 private:
  // Pops the places of ended transfers taken out meanwhile off the front of the queue.
  void drop_taken_ended();

  std::vector<std::unique_ptr<Transfer>> active_;
  ExpiryQueue expiries_;
  std::uint64_t next_serial_ = 1;  // of the next transfer added
  std::vector<ExpiryQueue::Entry> held_back_;
  // Each ended transfer knows its place (Transfer::ended_slot: ended_first_ + its index); one
  // taken out meanwhile (libcurl ended it too) leaves its place empty until it reaches the front.
  std::deque<Transfer*> ended_;
  std::size_t ended_first_ = 0;
};

}  // namespace baml
