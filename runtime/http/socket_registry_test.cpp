// The epoll set for libcurl's sockets (socket_registry.h): a connection socket between transfers
// stays in the set at no cost, a parked socket that becomes ready leaves it at once, a closed
// socket's number can come back, and sockets the registry did not make leave the set at once.
#include "http/socket_registry.h"

#include <doctest/doctest.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <vector>

namespace baml {
namespace {

// An epoll set and helpers to see what it reports right now.
struct EpollSet {
  EpollSet() : fd(epoll_create1(EPOLL_CLOEXEC)) {}
  ~EpollSet() { close(fd); }
  EpollSet(const EpollSet&) = delete;
  EpollSet& operator=(const EpollSet&) = delete;

  std::vector<int> ready() const {
    epoll_event events[16];
    const int count = epoll_wait(fd, events, 16, 0);
    std::vector<int> out;
    for (int i = 0; i < count; ++i) out.push_back(events[i].data.fd);
    return out;
  }

  int fd;
};

// A connected pair of sockets, for readiness.
struct Pair {
  Pair() { REQUIRE(socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ends) == 0); }
  ~Pair() {
    if (ends[0] >= 0) close(ends[0]);
    if (ends[1] >= 0) close(ends[1]);
  }
  Pair(const Pair&) = delete;
  Pair& operator=(const Pair&) = delete;
  int ends[2] = {-1, -1};
};

// A socket the registry made that is also one end of `pair` (same number, so still the
// registry's), whose other end can write or hang up.
curl_socket_t open_paired(SocketRegistry& registry, Pair& pair) {
  const curl_socket_t socket = registry.open(AF_UNIX, SOCK_STREAM, 0, 0);
  REQUIRE(socket != CURL_SOCKET_BAD);
  REQUIRE(dup2(pair.ends[0], socket) == socket);
  return socket;
}

TEST_CASE("a connection socket libcurl stops watching stays in the set, parked, and costs nothing to watch again") {
  EpollSet set;
  SocketRegistry registry(set.fd);
  const curl_socket_t socket = registry.open(AF_INET, SOCK_STREAM, 0, 0);
  REQUIRE(socket != CURL_SOCKET_BAD);
  registry.want(socket, CURL_POLL_IN);
  const std::uint64_t after_add = registry.epoll_calls();
  CHECK(after_add == 1);
  registry.want(socket, CURL_POLL_REMOVE);  // a transfer on the connection ended
  registry.want(socket, CURL_POLL_IN);      // the next one starts
  CHECK(registry.epoll_calls() == after_add);
  registry.want(socket, CURL_POLL_OUT);  // a different wish is passed on
  CHECK(registry.epoll_calls() == after_add + 1);
  CHECK(registry.close(socket) == 0);
}

TEST_CASE("a parked socket that becomes ready is taken out of the set when epoll reports it") {
  EpollSet set;
  SocketRegistry registry(set.fd);
  Pair pair;
  const curl_socket_t socket = open_paired(registry, pair);
  registry.want(socket, CURL_POLL_IN);
  registry.want(socket, CURL_POLL_REMOVE);
  close(pair.ends[1]);  // the peer hangs up: readable (EOF)
  pair.ends[1] = -1;
  REQUIRE(set.ready() == std::vector<int>{socket});
  CHECK_FALSE(registry.accept_event(socket));  // not for libcurl
  CHECK(set.ready().empty());                  // and gone from the set
  registry.want(socket, CURL_POLL_IN);         // libcurl watches it again: back in the set
  CHECK(set.ready() == std::vector<int>{socket});
  CHECK(registry.accept_event(socket));
  CHECK(registry.close(socket) == 0);
}

TEST_CASE("a closed socket's number may come back for a new socket, which is added again") {
  EpollSet set;
  SocketRegistry registry(set.fd);
  const curl_socket_t first = registry.open(AF_INET, SOCK_STREAM, 0, 0);
  registry.want(first, CURL_POLL_IN);
  registry.want(first, CURL_POLL_REMOVE);
  REQUIRE(registry.close(first) == 0);
  const curl_socket_t second = registry.open(AF_INET, SOCK_STREAM, 0, 0);
  REQUIRE(second == first);  // the lowest free number
  const std::uint64_t before = registry.epoll_calls();
  registry.want(second, CURL_POLL_IN);
  CHECK(registry.epoll_calls() == before + 1);  // really added, not taken for the parked one
  epoll_event probe{};
  probe.events = EPOLLIN;
  probe.data.fd = second;
  CHECK(epoll_ctl(set.fd, EPOLL_CTL_ADD, second, &probe) == -1);  // EEXIST: it is in the set
  registry.close(second);
}

TEST_CASE("a socket the registry did not make leaves the set as soon as libcurl stops watching it") {
  EpollSet set;
  SocketRegistry registry(set.fd);
  Pair pair;
  registry.want(pair.ends[0], CURL_POLL_IN);
  REQUIRE(write(pair.ends[1], "x", 1) == 1);
  CHECK(set.ready() == std::vector<int>{pair.ends[0]});
  registry.want(pair.ends[0], CURL_POLL_REMOVE);
  CHECK(set.ready().empty());
  CHECK(registry.accept_event(pair.ends[0]));  // never parked
}

TEST_CASE("a muted socket's data is not passed on: it leaves the set on its first event, for good") {
  EpollSet set;
  SocketRegistry registry(set.fd);
  Pair pair;
  const curl_socket_t socket = open_paired(registry, pair);
  registry.want(socket, CURL_POLL_IN);
  registry.mute(socket);  // its transfer was cut; the server goes on sending
  const std::uint64_t muted = registry.epoll_calls();
  CHECK(muted == 1);  // muting itself costs nothing
  REQUIRE(write(pair.ends[1], "x", 1) == 1);
  REQUIRE(set.ready() == std::vector<int>{socket});
  CHECK_FALSE(registry.accept_event(socket));  // not for libcurl
  CHECK(set.ready().empty());                  // and no longer reported, though still readable
  registry.want(socket, CURL_POLL_IN);         // libcurl, still counting it as watched, asks again
  CHECK(set.ready().empty());
  CHECK(registry.epoll_calls() == muted + 1);
  CHECK(registry.close(socket) == 0);
}

TEST_CASE("a muted socket libcurl lets go of and keeps for another transfer is heard again") {
  EpollSet set;
  SocketRegistry registry(set.fd);
  Pair pair;
  const curl_socket_t socket = open_paired(registry, pair);
  registry.want(socket, CURL_POLL_IN);
  registry.mute(socket);
  // The response was complete before the handle left, so the connection went to libcurl's cache.
  registry.want(socket, CURL_POLL_REMOVE);
  CHECK(set.ready().empty());
  REQUIRE(write(pair.ends[1], "x", 1) == 1);
  CHECK(set.ready().empty());           // out of the set while nobody watches it
  registry.want(socket, CURL_POLL_IN);  // the next transfer on the connection
  CHECK(set.ready() == std::vector<int>{socket});
  CHECK(registry.accept_event(socket));
  CHECK(registry.close(socket) == 0);
}

TEST_CASE("muting a socket that is not watched, or parked, changes nothing") {
  EpollSet set;
  SocketRegistry registry(set.fd);
  Pair pair;
  const curl_socket_t socket = open_paired(registry, pair);
  registry.mute(socket);  // not in the set yet
  registry.mute(CURL_SOCKET_BAD);
  registry.want(socket, CURL_POLL_IN);
  REQUIRE(write(pair.ends[1], "x", 1) == 1);
  CHECK(set.ready() == std::vector<int>{socket});
  CHECK(registry.accept_event(socket));
  CHECK(registry.close(socket) == 0);
}

}  // namespace
}  // namespace baml
