// The `--hang-port` socket: it listens with a backlog of 1, is never accepted from, and is
// pre-filled by the server's own connections, so the kernel drops any further SYN and a client's
// connect() hangs until the client's own connect timeout. That is the fixture for testing
// `connect_timeout`, which a refused or accepted connection cannot exercise.
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <vector>

namespace mock_llm {

class HangPort {
 public:
  // Binds `address` (port 0 picks a free one), listens and fills the accept queue.
  // Throws std::runtime_error if any of that fails.
  HangPort(const sockaddr_storage& address, socklen_t length);
  ~HangPort();
  HangPort(const HangPort&) = delete;
  HangPort& operator=(const HangPort&) = delete;

  std::uint16_t port() const { return port_; }
  std::size_t filler_count() const { return fillers_.size(); }

 private:
  void open_and_fill(const sockaddr_storage& address, socklen_t length);
  void release();

  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::vector<int> fillers_;  // our own connections sitting in the accept queue
};

}  // namespace mock_llm
