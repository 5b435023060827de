// Sockets, signals and the event loop of the mock server (see server.h).
#include "server.h"

#include <arpa/inet.h>
#include <event2/event.h>
#include <event2/listener.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <csignal>
#include <cstdio>
#include <cstring>
#include <stdexcept>

#include "connection.h"
#include "hang_port.h"

namespace mock_llm {
namespace {

// Thousands of clients may connect in a burst; a short accept queue would drop their SYNs and
// add a one-second retransmit to their connect. The kernel caps this at somaxconn.
constexpr int kListenBacklog = 4096;
// After an accept error such as EMFILE, pause accepting instead of spinning on a socket that
// stays readable.
constexpr timeval kAcceptPause = {0, 100'000};

struct Address {
  sockaddr_storage storage{};
  socklen_t length = 0;
};

Address make_address(const std::string& host, std::uint16_t port) {
  Address a;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&a.storage);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&a.storage);
  if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(port);
    a.length = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(port);
    a.length = sizeof(sockaddr_in6);
  } else {
    throw std::runtime_error("--host must be an IPv4 or IPv6 address, not '" + host + "'");
  }
  return a;
}

std::uint16_t bound_port(int fd) {
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &length);
  return ntohs(bound.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port
                                           : reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
}

}  // namespace

std::uint64_t raise_fd_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
  }
  return limit.rlim_cur;
}

Server::Server(const ServerOptions& options) {
  state_.answers_dir = options.answers_dir;
  // libevent normally measures a new timer from the time cached when the loop woke up, so a
  // timer armed after a few milliseconds of work would fire that much early. A mock that
  // promises "ttfb=5s" must never answer in 4.998 s: read the clock afresh every time.
  event_config* config = event_config_new();
  event_config_set_flag(config, EVENT_BASE_FLAG_NO_CACHE_TIME);
  base_ = event_base_new_with_config(config);
  event_config_free(config);
  if (base_ == nullptr) throw std::runtime_error("event_base_new failed");
  pool_ = std::make_unique<ConnectionPool>(base_, state_);

  Address address = make_address(options.host, options.port);
  listener_ = evconnlistener_new_bind(base_, on_accept, this,
                                      LEV_OPT_CLOSE_ON_FREE | LEV_OPT_REUSEABLE | LEV_OPT_CLOSE_ON_EXEC, kListenBacklog,
                                      reinterpret_cast<sockaddr*>(&address.storage), static_cast<int>(address.length));
  if (listener_ == nullptr) {
    throw std::runtime_error("cannot listen on " + options.host + ":" + std::to_string(options.port) + ": " +
                             std::strerror(errno));
  }
  evconnlistener_set_error_cb(listener_, on_accept_error);
  port_ = bound_port(evconnlistener_get_fd(listener_));

  if (options.hang_port) {
    Address hang_address = make_address(options.host, *options.hang_port);
    hang_ = std::make_unique<HangPort>(hang_address.storage, hang_address.length);
  }

  resume_accepting_ = evtimer_new(base_, on_resume_accepting, this);
  sigterm_ = evsignal_new(base_, SIGTERM, on_signal, this);
  sigint_ = evsignal_new(base_, SIGINT, on_signal, this);
  event_add(sigterm_, nullptr);
  event_add(sigint_, nullptr);
}

Server::~Server() {
  // Connections first: their bufferevents and timers belong to the base.
  pool_.reset();
  hang_.reset();
  if (listener_ != nullptr) evconnlistener_free(listener_);
  for (event* e : {resume_accepting_, sigterm_, sigint_}) {
    if (e != nullptr) event_free(e);
  }
  if (base_ != nullptr) event_base_free(base_);
}

std::optional<std::uint16_t> Server::hang_port() const {
  if (!hang_) return std::nullopt;
  return hang_->port();
}

void Server::run() {
  event_base_dispatch(base_);
}

void Server::on_accept(evconnlistener*, int fd, sockaddr*, int, void* self) {
  static_cast<Server*>(self)->pool_->adopt(fd);
}

void Server::on_accept_error(evconnlistener* listener, void* self) {
  auto* server = static_cast<Server*>(self);
  std::fprintf(stderr, "mock_llm_server: accept failed: %s (pausing 100 ms)\n", std::strerror(errno));
  evconnlistener_disable(listener);
  evtimer_add(server->resume_accepting_, &kAcceptPause);
}

void Server::on_resume_accepting(int, short, void* self) {
  evconnlistener_enable(static_cast<Server*>(self)->listener_);
}

void Server::on_signal(int, short, void* self) {
  event_base_loopbreak(static_cast<Server*>(self)->base_);
}

}  // namespace mock_llm
