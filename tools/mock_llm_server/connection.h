// Client connections of the mock server. The pool takes accepted sockets and owns one
// Connection per socket: a bufferevent plus two libevent timers that read requests, ask
// response_plan for the answer and play it out with the planned delays. Everything runs on one
// event loop, so ten thousand held-open connections cost memory, not threads.
#pragma once

#include <event2/util.h>

#include <unordered_set>
#include <vector>

struct event;
struct event_base;

namespace mock_llm {

class Connection;
class MockState;

class ConnectionPool {
 public:
  ConnectionPool(event_base* base, MockState& state);
  ~ConnectionPool();  // closes every connection still open
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  // Takes ownership of an accepted, non-blocking socket.
  void adopt(evutil_socket_t fd);

  event_base* base() const { return base_; }
  MockState& state() const { return state_; }

  // Called by a connection that has closed its socket: it is deleted once the callback that
  // closed it has returned, since that callback still runs on the connection's stack.
  void retire(Connection* connection);

 private:
  static void on_reap(evutil_socket_t, short, void* self);

  event_base* base_;
  MockState& state_;
  std::unordered_set<Connection*> open_;
  std::vector<Connection*> retired_;
  event* reaper_;
};

}  // namespace mock_llm
