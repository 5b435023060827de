// The clocks of one attempt. It records the instants at which the attempt crossed each phase
// (connected, request fully sent, first content, latest data) and answers the one question the
// event loop asks: which limit passes next, and when. The phases partition an attempt's life:
//
//   start ──connect──► connected ──send──► request sent ──time_to_first_token──► first content
//         ──idle (between data events)──► done
//
// with `request` running from start to done and the call's budget above all of it. Pure logic on
// time points, so it is unit-tested with a fake clock.
#pragma once

#include <chrono>
#include <optional>

#include <baml/error_info.h>
#include <baml/response.h>

#include "time/deadline.h"

namespace baml {

// The per-attempt limits of a leaf client; nullopt is "no limit".
struct PhaseLimits {
  std::optional<milliseconds> connect = std::nullopt;
  std::optional<milliseconds> time_to_first_token = std::nullopt;
  std::optional<milliseconds> idle = std::nullopt;
  std::optional<milliseconds> request = std::nullopt;
};

// A limit that will pass (or has passed) at `at`; `measured_from + limit == at`.
struct Expiry {
  TimeoutKind kind = TimeoutKind::Request;
  SteadyTime at;
  milliseconds limit{0};
  SteadyTime measured_from;
};

class AttemptTimeline {
 public:
  AttemptTimeline(PhaseLimits limits, std::optional<Budget> budget, SteadyTime start);

  // Each phase instant is recorded once; later calls are ignored (a reused connection reports
  // "connected" at once, an upload progress report may repeat).
  void on_connected(SteadyTime t);
  void on_request_sent(SteadyTime t);
  // Content ends the time-to-first-token phase and, like any data event, restarts the idle clock.
  void on_content(SteadyTime t);
  // Data that carries no content (an SSE event with an empty delta, usage, a stop event) restarts
  // the idle clock once content has begun; keep-alive comments and pings are not data.
  void on_data(SteadyTime t);

  // The earliest instant at which an armed limit passes. On a tie the per-attempt limit is
  // reported, the more specific name of the two. nullopt: nothing can time out.
  std::optional<Expiry> next_expiry() const;
  // The expiry if it has passed by `now`.
  std::optional<Expiry> expired(SteadyTime now) const;

  SteadyTime start() const { return start_; }
  bool connected() const { return connected_at_.has_value(); }
  bool request_sent() const { return sent_at_.has_value(); }
  bool content_started() const { return first_content_at_.has_value(); }
  AttemptTimings timings(SteadyTime end) const;

 private:
  PhaseLimits limits_;
  std::optional<Budget> budget_;
  SteadyTime start_;
  std::optional<SteadyTime> connected_at_;
  std::optional<SteadyTime> sent_at_;
  std::optional<SteadyTime> first_content_at_;
  std::optional<SteadyTime> last_data_at_;
};

}  // namespace baml
