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

void SocketRegistry::want(curl_socket_t socket, int what) {
  State& s = state(socket);
  if (what == CURL_POLL_REMOVE) {
    // Only a socket watched for input is parked: one watched for output would be reported writable
    // at once, and taken out then anyway.
    if (s.ours && s.events == EPOLLIN) {
      s.parked = true;
      return;
    }
    // Not ours: it may be closed already, which took it out of the set; nothing to undo then.
    ++epoll_calls_;
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, socket, nullptr);
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
  if (!s.parked) return true;
  ++epoll_calls_;
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, socket, nullptr);
  s.events = 0;
  s.parked = false;
  return false;
}

curl_socket_t SocketRegistry::open(int family, int type, int protocol) {
  const int socket = ::socket(family, type | SOCK_CLOEXEC, protocol);
  if (socket < 0) return CURL_SOCKET_BAD;
  state(socket) = State{0, false, true};
  return socket;
}

int SocketRegistry::close(curl_socket_t socket) {
  State& s = state(socket);
  if (s.events != 0) {
    ++epoll_calls_;
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, socket, nullptr);
  }
  s = State{};
  return ::close(socket) == 0 ? 0 : 1;  // libcurl's convention: 1 for an error
}

}  // namespace baml
