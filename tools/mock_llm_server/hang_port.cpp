// How the hang port's accept queue is filled (see hang_port.h). Linux drops a SYN when the
// listener's accept queue holds more than `backlog` connections (tcp_conn_request: "goto drop"
// when sk_acceptq_is_full), with or without syncookies. So the server connects to itself until a
// connect no longer completes; that probe proves the next client will hang too.
#include "hang_port.h"

#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace mock_llm {
namespace {

// An established loopback handshake takes microseconds; a dropped SYN is retried only after
// a second, so this wait cleanly tells "queued" from "dropped".
constexpr int kProbeWaitMs = 100;
// The queue holds backlog + 1 = 2 connections on Linux; anything far beyond means SYNs are
// not being dropped (some other kernel behaviour) and filling will never work.
constexpr int kMaxFillers = 64;

std::runtime_error system_error(const std::string& what) {
  return std::runtime_error("hang port: " + what + ": " + std::strerror(errno));
}

// Starts a non-blocking connect and reports whether it completed within the probe wait.
// The socket is returned through `fd` either way (the caller closes it if unused).
bool connect_completes(const sockaddr_storage& address, socklen_t length, int& fd) {
  fd = socket(address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) throw system_error("socket");
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), length) == 0) return true;
  if (errno != EINPROGRESS) {
    std::runtime_error failure = system_error("connect");
    ::close(fd);
    throw failure;
  }
  pollfd p{fd, POLLOUT, 0};
  if (poll(&p, 1, kProbeWaitMs) <= 0) return false;
  int error = 0;
  socklen_t error_length = sizeof error;
  getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &error_length);
  if (error != 0) {
    ::close(fd);
    errno = error;
    throw system_error("connect to self");
  }
  return true;
}

}  // namespace

HangPort::HangPort(const sockaddr_storage& address, socklen_t length) {
  try {
    open_and_fill(address, length);
  } catch (...) {
    release();
    throw;
  }
}

void HangPort::open_and_fill(const sockaddr_storage& address, socklen_t length) {
  listener_ = socket(address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listener_ < 0) throw system_error("socket");
  int one = 1;
  setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(listener_, reinterpret_cast<const sockaddr*>(&address), length) != 0) {
    throw system_error("bind");
  }
  if (listen(listener_, 1) != 0) throw system_error("listen");

  sockaddr_storage bound{};
  socklen_t bound_length = sizeof bound;
  getsockname(listener_, reinterpret_cast<sockaddr*>(&bound), &bound_length);
  port_ = ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                            : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);

  for (int i = 0; i < kMaxFillers; ++i) {
    int fd = -1;
    bool completed = connect_completes(bound, bound_length, fd);
    if (!completed) {
      ::close(fd);  // abandons the half-open attempt; the queue stays full
      return;
    }
    fillers_.push_back(fd);
  }
  throw std::runtime_error("hang port: the accept queue never filled after " + std::to_string(kMaxFillers) +
                           " connections");
}

HangPort::~HangPort() {
  release();
}

void HangPort::release() {
  for (int fd : fillers_) ::close(fd);
  fillers_.clear();
  if (listener_ >= 0) ::close(listener_);
  listener_ = -1;
}

}  // namespace mock_llm
