// Slots, expiry entries and the queue of ended transfers (see transfer_table.h).
#include "http/transfer_table.h"

namespace baml {

void TransferTable::add(std::unique_ptr<Transfer> transfer) {
  transfer->set_engine_slot(active_.size());
  transfer->watch_expiry(&expiries_, next_serial_++);
  active_.push_back(std::move(transfer));
}

std::unique_ptr<Transfer> TransferTable::take(Transfer* transfer) {
  if (const std::size_t ended = transfer->ended_slot(); ended != Transfer::kNotEnded) {
    ended_[ended - ended_first_] = nullptr;
    transfer->set_ended_slot(Transfer::kNotEnded);
    drop_taken_ended();
  }
  const std::size_t slot = transfer->engine_slot();
  std::unique_ptr<Transfer> owned = std::move(active_[slot]);
  if (slot + 1 != active_.size()) {
    active_[slot] = std::move(active_.back());
    active_[slot]->set_engine_slot(slot);
  }
  active_.pop_back();
  return owned;
}

void TransferTable::restore_held_back() {
  for (const ExpiryQueue::Entry& entry : held_back_) expiries_.push(entry.at, entry.slot, entry.serial);
  held_back_.clear();
}

void TransferTable::compact_expiries() {
  if (expiries_.size() <= 4 * active_.size() + 256) return;
  expiries_ = ExpiryQueue();
  for (auto& transfer : active_) transfer->requeue(&expiries_);
}

void TransferTable::mark_ended(Transfer* transfer) {
  transfer->set_ended_slot(ended_first_ + ended_.size());
  ended_.push_back(transfer);
}

void TransferTable::drop_taken_ended() {
  while (!ended_.empty() && ended_.front() == nullptr) {
    ended_.pop_front();
    ++ended_first_;
  }
}

}  // namespace baml
