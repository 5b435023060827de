// The engine's epoll set, kept in step with the sockets libcurl wants watched
// (CURLMOPT_SOCKETFUNCTION), with one saving: a connection socket libcurl stops watching stays in
// the set, parked, instead of leaving it. libcurl stops watching a kept-alive connection when a
// transfer on it ends and asks for it again when the next one starts, so removing and re-adding it
// cost two epoll_ctl calls per call, which on the development VM was ~5% of a short call's time.
//
// Parking is safe only for sockets whose closing we hear of: a closed socket leaves the kernel's
// epoll set by itself, and its number may come back for a new socket that must then be added
// again. So the registry opens and closes connection sockets itself (CURLOPT_OPENSOCKETFUNCTION
// and CURLOPT_CLOSESOCKETFUNCTION call open() and close() below); any other socket libcurl
// watches (the threaded resolver's wake-up pipe) leaves the set as soon as libcurl stops watching
// it, as before. A parked socket that becomes ready (the server closed the idle connection) is
// taken out of the set when epoll reports it, so it cannot wake the loop again and again; libcurl
// finds the connection dead when it next looks at it.
//
// A transfer that has ended (cut by a limit, cancelled) keeps its connection until the loop removes
// its handle, which is deliberately put off (engine.cpp). Meanwhile its socket is muted: data that
// arrives for it (the rest of a stream that was cut) is not read, only taken out of the set on its
// first event, so a burst of limits passing together is not slowed by reading what nobody wants.
//
// Used by the thread running the loop only (libcurl calls back from inside the loop's calls).
#pragma once

#include <curl/curl.h>

#include <cstdint>
#include <vector>

namespace baml {

class SocketRegistry {
 public:
  explicit SocketRegistry(int epoll_fd) : epoll_fd_(epoll_fd) {}

  // libcurl's wish for `socket` (CURL_POLL_IN, _OUT, _INOUT or _REMOVE).
  void want(curl_socket_t socket, int what);
  // Whether an event epoll reported for `socket` is for libcurl; false for a parked or muted
  // socket, which is then taken out of the set.
  bool accept_event(curl_socket_t socket);
  // Stops passing `socket`'s events to libcurl until libcurl stops watching it (CURL_POLL_REMOVE)
  // or it is closed. Only for a socket that serves one transfer alone (HTTP/1), the one ending.
  void mute(curl_socket_t socket);

  // Makes the closing of `socket`, a connection abandoned with its transfer (HTTP/1), a reset
  // rather than an orderly close: an orderly close leaves the socket in TIME_WAIT for a minute,
  // holding a local port, and a process that cuts thousands of calls to one server would run
  // short of ports to it (and pay for the kernel's search through them on every connect).
  // Only for a socket open() made.
  void reset_on_close(curl_socket_t socket);

  // A connection socket for libcurl (close-on-exec), or CURL_SOCKET_BAD with errno set. `tag` is
  // the caller's, kept with the socket until it is closed.
  curl_socket_t open(int family, int type, int protocol, std::uint32_t tag);
  // The tag open() was given for `socket` (0 for a socket it did not make).
  std::uint32_t tag(curl_socket_t socket) { return state(socket).tag; }
  // Closes a socket open() made, taking it out of the set first (a copy of it in a forked child
  // would otherwise keep it in the set); returns 0, or 1 if close() failed (libcurl's convention).
  int close(curl_socket_t socket);

  // epoll_ctl calls made so far (for tests).
  std::uint64_t epoll_calls() const { return epoll_calls_; }

 private:
  struct State {
    std::uint32_t events = 0;  // in the epoll set with these events; 0: not in the set
    bool parked = false;       // in the set, but libcurl does not watch it now
    bool muted = false;        // its transfer ended: events are not for libcurl (see mute())
    bool ours = false;         // made by open(): its closing goes through close()
    std::uint32_t tag = 0;     // open()'s caller's
  };
  State& state(curl_socket_t socket);
  void control(int operation, curl_socket_t socket, std::uint32_t events);
  void control_remove(curl_socket_t socket);

  int epoll_fd_;
  std::vector<State> states_;  // by socket number
  std::uint64_t epoll_calls_ = 0;
};

}  // namespace baml
