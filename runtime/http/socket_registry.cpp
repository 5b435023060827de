// The epoll set with parked connection sockets (see socket_registry.h).
#include "http/socket_registry.h"

#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace baml {

SocketRegistry::State& SocketRegistry::state(curl_socket_t socket) {
  const auto index = static_cast<std::size_t>(socket);
  if (index >= states_.size()) states_.resize(index + 64);
  return states_[index];
}

void SocketRegistry::control(int operation, curl_socket_t socket, std::uint32_t events) {
  epoll_event event{};
  event.events = events;
  event.data.fd = socket;
  ++epoll_calls_;
  if (epoll_ctl(epoll_fd_, operation, socket, &event) == 0) return;
  // The set disagrees with what was recorded (a socket not ours was closed and its number came
  // back): do what was meant.
  ++epoll_calls_;
  if (operation == EPOLL_CTL_ADD && errno == EEXIST) epoll_ctl(epoll_fd_, EPOLL_CTL_MOD, socket, &event);
  if (operation == EPOLL_CTL_MOD && errno == ENOENT) epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, socket, &event);
}

void SocketRegistry::control_remove(curl_socket_t socket) {
  ++epoll_calls_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, socket, nullptr);
}

void SocketRegistry::want(curl_socket_t socket, int what) {
  State& s = state(socket);
  if (s.muted) {
    // Its transfer ended: nothing it wants is watched any more. Once libcurl lets go of the
    // socket, the connection is either closed or kept for the next transfer, which must hear it.
    if (what != CURL_POLL_REMOVE) return;
    if (s.events != 0) control_remove(socket);
    s = State{0, false, false, s.ours, s.tag};
    return;
  }
  if (what == CURL_POLL_REMOVE) {
    // Only a socket watched for input is parked: one watched for output would be reported writable
    // at once, and taken out then anyway.
    if (s.ours && s.events == EPOLLIN) {
      s.parked = true;
      return;
    }
    // Not ours: it may be closed already, which took it out of the set; nothing to undo then.
    control_remove(socket);
    s.events = 0;
    s.parked = false;
    return;
  }
  std::uint32_t events = 0;
  if (what == CURL_POLL_IN || what == CURL_POLL_INOUT) events |= EPOLLIN;
  if (what == CURL_POLL_OUT || what == CURL_POLL_INOUT) events |= EPOLLOUT;
  const bool unchanged = s.parked && s.events == events;
  s.parked = false;
  if (unchanged) return;
  control(s.events == 0 ? EPOLL_CTL_ADD : EPOLL_CTL_MOD, socket, events);
  s.events = events;
}

bool SocketRegistry::accept_event(curl_socket_t socket) {
  State& s = state(socket);
  if (!s.parked && !s.muted) return true;
  // Out of the set, or a level-triggered socket nobody reads would be reported on every pass.
  // A muted socket stays muted: libcurl still counts it as watched until it says otherwise.
  if (s.events != 0) control_remove(socket);
  s.events = 0;
  s.parked = false;
  return false;
}

void SocketRegistry::mute(curl_socket_t socket) {
  if (socket == CURL_SOCKET_BAD) return;
  State& s = state(socket);
  if (s.events != 0 && !s.parked) s.muted = true;
}

void SocketRegistry::reset_on_close(curl_socket_t socket) {
  if (socket == CURL_SOCKET_BAD || !state(socket).ours) return;
  const linger abort_on_close{1, 0};
  setsockopt(socket, SOL_SOCKET, SO_LINGER, &abort_on_close, sizeof abort_on_close);
}

curl_socket_t SocketRegistry::open(int family, int type, int protocol, std::uint32_t tag) {
  const int socket = ::socket(family, type | SOCK_CLOEXEC, protocol);
  if (socket < 0) return CURL_SOCKET_BAD;
  state(socket) = State{0, false, false, true, tag};
  return socket;
}

int SocketRegistry::close(curl_socket_t socket) {
  State& s = state(socket);
  if (s.events != 0) control_remove(socket);
  s = State{};
  return ::close(socket) == 0 ? 0 : 1;  // libcurl's convention: 1 for an error
}

}  // namespace baml
