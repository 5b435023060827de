// One client connection's life (see connection.h): read and parse requests, then play out each
// ResponsePlan step by step. Exactly one step timer is pending while a response is in progress
// (ttfb, first, gap or drip); a second, periodic timer sends SSE pings. Reading stays enabled the
// whole time so that a client's close is seen at once, even while the server is holding the
// connection silently; that is what makes `client_disconnects` a proof that a client gave up.
#include "connection.h"

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <ctime>
#include <exception>
#include <string>

#include "http_wire.h"
#include "mock_state.h"
#include "response_plan.h"

namespace mock_llm {

namespace {
// Bytes a client may send ahead while its previous response is still in progress.
constexpr std::size_t kMaxBufferedInput = kMaxHeaderBytes + kMaxBodyBytes + std::size_t{64} * 1024;
constexpr std::string_view kContinueResponse = "HTTP/1.1 100 Continue\r\n\r\n";

timeval to_timeval(Millis d) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(d.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((d.count() % 1000) * 1000);
  return tv;
}
}  // namespace

class Connection {
 public:
  Connection(ConnectionPool& pool, evutil_socket_t fd);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

 private:
  enum class Phase {
    Reading,          // waiting for (the rest of) a request
    AwaitingHeaders,  // request read, `ttfb` running
    Sending,          // headers sent, body pieces going out on the step timer
    Holding,          // `stall_after` reached: silent (but for pings) until the client leaves
    Flushing,         // everything queued, waiting for the socket to take the last bytes
    Closed,
  };

  static void on_read(bufferevent*, void* self);
  static void on_write(bufferevent*, void* self);
  static void on_event(bufferevent*, short events, void* self);
  static void on_step(evutil_socket_t, short, void* self);
  static void on_ping(evutil_socket_t, short, void* self);

  void process_input();
  void start(ResponsePlan plan);
  void send_head();
  void send_next_piece();
  void finish_body();
  void cut_body();
  void response_done();
  void arm_step(Millis delay);
  void write(std::string_view bytes);
  void write_chunk(std::string_view data);
  bool response_in_progress() const;
  void abort_with_reset();
  void close();

  ConnectionPool& pool_;
  bufferevent* bev_;
  event* step_timer_;
  event* ping_timer_;
  Phase phase_ = Phase::Reading;
  std::string input_;
  bool continue_sent_ = false;
  ResponsePlan plan_;
  std::size_t pieces_sent_ = 0;
};

Connection::Connection(ConnectionPool& pool, evutil_socket_t fd)
    : pool_(pool),
      bev_(bufferevent_socket_new(pool.base(), fd, BEV_OPT_CLOSE_ON_FREE)),
      step_timer_(evtimer_new(pool.base(), on_step, this)),
      ping_timer_(event_new(pool.base(), -1, EV_PERSIST, on_ping, this)) {
  // Chunks are small and their timing is the point: do not let Nagle hold them back.
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  ++pool_.state().counters.open_connections;
  ++pool_.state().counters.connections;
  bufferevent_setcb(bev_, on_read, on_write, on_event, this);
  bufferevent_enable(bev_, EV_READ | EV_WRITE);
}

Connection::~Connection() {
  // Normally close() already ran; this path is the pool shutting down with the server.
  if (phase_ != Phase::Closed) {
    --pool_.state().counters.open_connections;
    bufferevent_free(bev_);
  }
  event_free(step_timer_);
  event_free(ping_timer_);
}

void Connection::on_read(bufferevent*, void* self) {
  auto* c = static_cast<Connection*>(self);
  evbuffer* in = bufferevent_get_input(c->bev_);
  std::size_t n = evbuffer_get_length(in);
  std::size_t old_size = c->input_.size();
  c->input_.resize(old_size + n);
  evbuffer_remove(in, c->input_.data() + old_size, n);
  if (c->input_.size() > kMaxBufferedInput) {
    c->close();
    return;
  }
  if (c->phase_ == Phase::Reading) c->process_input();
}

void Connection::on_write(bufferevent*, void* self) {
  auto* c = static_cast<Connection*>(self);
  if (c->phase_ == Phase::Flushing) c->response_done();
}

void Connection::on_event(bufferevent*, short events, void* self) {
  auto* c = static_cast<Connection*>(self);
  if ((events & (BEV_EVENT_EOF | BEV_EVENT_ERROR)) == 0) return;
  if (c->response_in_progress() && c->plan_.llm) ++c->pool_.state().counters.client_disconnects;
  c->close();
}

void Connection::on_step(evutil_socket_t, short, void* self) {
  auto* c = static_cast<Connection*>(self);
  switch (c->phase_) {
    case Phase::AwaitingHeaders: c->send_head(); break;
    case Phase::Sending: c->send_next_piece(); break;
    case Phase::Reading:
    case Phase::Holding:
    case Phase::Flushing:
    case Phase::Closed: break;
  }
}

void Connection::on_ping(evutil_socket_t, short, void* self) {
  auto* c = static_cast<Connection*>(self);
  if (c->phase_ == Phase::Sending || c->phase_ == Phase::Holding) c->write_chunk(kSsePing);
}

bool Connection::response_in_progress() const {
  switch (phase_) {
    case Phase::AwaitingHeaders:
    case Phase::Sending:
    case Phase::Holding:
    case Phase::Flushing: return true;
    case Phase::Reading:
    case Phase::Closed: return false;
  }
  return false;
}

void Connection::process_input() {
  if (input_.empty()) return;
  HttpRequest request;
  ParseResult parsed = parse_request(input_, request);
  switch (parsed.status) {
    case ParseStatus::Incomplete:
      // curl sends `Expect: 100-continue` for larger bodies and stalls a second without this.
      if (parsed.headers_complete && parsed.expect_continue && !continue_sent_) {
        write(kContinueResponse);
        continue_sent_ = true;
      }
      return;
    case ParseStatus::Invalid:
      input_.clear();
      start(plan_malformed(parsed.error_status, parsed.error));
      return;
    case ParseStatus::Complete: {
      input_.erase(0, parsed.consumed);
      continue_sent_ = false;
      ResponsePlan plan;
      try {
        plan = plan_response(request, pool_.state(), static_cast<std::int64_t>(std::time(nullptr)));
      } catch (const std::exception& e) {
        plan = plan_internal_error(e.what());
      }
      start(std::move(plan));
      return;
    }
  }
}

void Connection::start(ResponsePlan plan) {
  plan_ = std::move(plan);
  pieces_sent_ = 0;
  if (plan_.action == ResponsePlan::Action::Reset) {
    ++pool_.state().counters.resets;
    abort_with_reset();
    return;
  }
  phase_ = Phase::AwaitingHeaders;
  if (plan_.ttfb.count() > 0) {
    arm_step(plan_.ttfb);
  } else {
    send_head();
  }
}

void Connection::send_head() {
  write(plan_.head);
  if (!plan_.chunked) {
    phase_ = Phase::Flushing;
    return;
  }
  phase_ = Phase::Sending;
  if (plan_.ping) {
    timeval tv = to_timeval(*plan_.ping);
    event_add(ping_timer_, &tv);
  }
  if (plan_.stall_after == 0u) {
    phase_ = Phase::Holding;
  } else if (plan_.cut_after == 0u) {
    cut_body();
  } else if (plan_.first.count() > 0) {
    arm_step(plan_.first);
  } else {
    send_next_piece();
  }
}

void Connection::send_next_piece() {
  const std::size_t count = plan_.body.pieces.size();
  write_chunk(plan_.drip ? plan_.body.drip_piece(pieces_sent_) : plan_.body.pieces[pieces_sent_]);
  ++pieces_sent_;
  const bool all_sent = !plan_.drip && pieces_sent_ >= count;
  // A stall past the end of the reply still withholds the closing events: the client must
  // never see a complete response from a stalled one.
  if (plan_.stall_after && (pieces_sent_ >= *plan_.stall_after || all_sent)) {
    phase_ = Phase::Holding;
  } else if (plan_.cut_after && (pieces_sent_ >= *plan_.cut_after || all_sent)) {
    cut_body();
  } else if (all_sent) {
    finish_body();
  } else {
    // Even a zero gap goes through the loop, so a long reply cannot monopolize it.
    arm_step(plan_.drip ? *plan_.drip : plan_.gap);
  }
}

void Connection::finish_body() {
  event_del(ping_timer_);
  write_chunk(plan_.body.trailer);
  write(kLastChunk);
  phase_ = Phase::Flushing;
}

// `truncate`, `close_after`, `stream_error`: the body ends without its closing events.
void Connection::cut_body() {
  event_del(ping_timer_);
  switch (plan_.cut) {
    case ResponsePlan::Cut::EndBody: write(kLastChunk); break;
    case ResponsePlan::Cut::ErrorEvent:
      write_chunk(plan_.body.error_event(pieces_sent_));
      write(kLastChunk);
      break;
    case ResponsePlan::Cut::Close:
      // No zero-length chunk: the connection closes once the bytes sent so far have drained.
      plan_.keep_alive = false;
      break;
  }
  phase_ = Phase::Flushing;
}

void Connection::response_done() {
  if (plan_.llm) ++pool_.state().counters.completions;
  if (!plan_.keep_alive) {
    close();
    return;
  }
  phase_ = Phase::Reading;
  plan_ = ResponsePlan{};
  process_input();  // a pipelined request may already be waiting
}

void Connection::arm_step(Millis delay) {
  timeval tv = to_timeval(delay);
  evtimer_add(step_timer_, &tv);
}

void Connection::write(std::string_view bytes) {
  bufferevent_write(bev_, bytes.data(), bytes.size());
}

void Connection::write_chunk(std::string_view data) {
  if (!data.empty()) write(chunk_frame(data));  // an empty frame would end the body
}

void Connection::abort_with_reset() {
  // Linger with a zero timeout makes close() send RST instead of FIN: the client sees
  // "connection reset by peer", as from a crashed upstream or a load balancer dropping it.
  linger lin{};
  lin.l_onoff = 1;
  lin.l_linger = 0;
  setsockopt(bufferevent_getfd(bev_), SOL_SOCKET, SO_LINGER, &lin, sizeof lin);
  close();
}

void Connection::close() {
  if (phase_ == Phase::Closed) return;
  phase_ = Phase::Closed;
  event_del(step_timer_);
  event_del(ping_timer_);
  bufferevent_free(bev_);
  bev_ = nullptr;
  --pool_.state().counters.open_connections;
  pool_.retire(this);
}

// ---- ConnectionPool ----

ConnectionPool::ConnectionPool(event_base* base, MockState& state)
    : base_(base), state_(state), reaper_(event_new(base, -1, 0, on_reap, this)) {}

ConnectionPool::~ConnectionPool() {
  for (Connection* c : open_) delete c;
  for (Connection* c : retired_) delete c;
  event_free(reaper_);
}

void ConnectionPool::adopt(evutil_socket_t fd) {
  open_.insert(new Connection(*this, fd));
}

void ConnectionPool::retire(Connection* connection) {
  open_.erase(connection);
  retired_.push_back(connection);
  event_active(reaper_, EV_TIMEOUT, 1);
}

void ConnectionPool::on_reap(evutil_socket_t, short, void* self) {
  auto* pool = static_cast<ConnectionPool*>(self);
  for (Connection* c : pool->retired_) delete c;
  pool->retired_.clear();
}

}  // namespace mock_llm
