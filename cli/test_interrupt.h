// Ctrl-C during `bamlc test` (TESTING.md): the first SIGINT (or SIGTERM) only sets a flag, which
// the runner polls to cancel the calls in flight and still print the summary and write the JUnit
// file; a second one ends the process at once, as a user pressing Ctrl-C twice expects.
#pragma once

#include <atomic>

namespace bamlc::cli {

class InterruptHandler {
 public:
  InterruptHandler();   // installs the handlers
  ~InterruptHandler();  // restores the previous ones
  InterruptHandler(const InterruptHandler&) = delete;
  InterruptHandler& operator=(const InterruptHandler&) = delete;

  const std::atomic<bool>& flag() const;
  bool interrupted() const { return flag().load(); }
};

}  // namespace bamlc::cli
