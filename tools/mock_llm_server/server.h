// The mock LLM server as a whole: the event loop, the listening socket that accepts client
// connections into a ConnectionPool, the optional hang port, and SIGTERM/SIGINT handling for a
// clean exit. main.cpp only parses flags and prints the bound ports.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "mock_state.h"

struct event;
struct event_base;
struct evconnlistener;
struct sockaddr;

namespace mock_llm {

class ConnectionPool;
class HangPort;

struct ServerOptions {
  std::string host = "127.0.0.1";  // an IPv4 or IPv6 literal
  std::uint16_t port = 0;          // 0: a free port, read back with Server::port()
  std::optional<std::uint16_t> hang_port;
  std::string answers_dir;  // where relative `reply_file` paths are found; empty: the working directory
};

class Server {
 public:
  // Binds every socket; throws std::runtime_error on failure. Nothing runs until run().
  explicit Server(const ServerOptions& options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const { return port_; }
  std::optional<std::uint16_t> hang_port() const;

  // Serves until SIGTERM or SIGINT.
  void run();

 private:
  static void on_accept(evconnlistener*, int fd, sockaddr*, int, void* self);
  static void on_accept_error(evconnlistener*, void* self);
  static void on_resume_accepting(int, short, void* self);
  static void on_signal(int, short, void* self);

  event_base* base_ = nullptr;
  MockState state_;
  std::unique_ptr<ConnectionPool> pool_;
  evconnlistener* listener_ = nullptr;
  std::uint16_t port_ = 0;
  std::unique_ptr<HangPort> hang_;
  event* resume_accepting_ = nullptr;
  event* sigterm_ = nullptr;
  event* sigint_ = nullptr;
};

// Raises the soft RLIMIT_NOFILE to the hard limit (10,000 held connections need as many
// descriptors); returns the soft limit now in force.
std::uint64_t raise_fd_limit();

}  // namespace mock_llm
