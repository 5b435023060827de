// The decision half of the mock server: given one parsed HTTP request, decide everything about
// the answer (status, headers, body pieces, the delays between them, or an abort) and return it
// as a ResponsePlan that the connection then plays out with timers. Keeping all routing, JSON
// and directive logic here leaves connection.cpp with only sockets and time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "directives.h"
#include "http_wire.h"
#include "mock_state.h"
#include "providers.h"

namespace mock_llm {

struct ResponsePlan {
  enum class Action { Respond, Reset };
  Action action = Action::Respond;
  // An answer to an LLM endpoint: counted in `completions` when fully written, and in
  // `client_disconnects` if the client leaves first. Control endpoints (/_mock/...) are not.
  bool llm = false;
  bool keep_alive = true;

  Millis ttfb{0};
  // Sent after `ttfb`: the status line and headers, plus the whole body when not chunked.
  std::string head;
  // Chunked: `body` follows, piece by piece, timed by the fields below.
  bool chunked = false;
  BodyPlan body;
  Millis first{0};
  Millis gap{0};
  std::optional<std::uint64_t> stall_after;
  std::optional<Millis> drip;
  std::optional<Millis> ping;  // streaming responses only
  // `truncate`, `close_after`, `stream_error`: after this many pieces, instead of the rest of the
  // body, the cut: end the body (the zero-length chunk) without the closing events, close the
  // connection mid-body, or send body.error_event and end the body.
  enum class Cut { EndBody, Close, ErrorEvent };
  std::optional<std::uint64_t> cut_after;
  Cut cut = Cut::EndBody;
};

// Plans the answer to `request`, updating `state` (counters, fail_first counts, request log).
// `now_unix` fills OpenAI's `created` field.
ResponsePlan plan_response(const HttpRequest& request, MockState& state, std::int64_t now_unix);

// The answer to bytes that are not a valid HTTP request; the connection closes after it, since
// the framing of anything that follows is unknowable.
ResponsePlan plan_malformed(int status, std::string_view why);

// A 500 for a request the server failed to handle (a bug in the mock, reported rather than
// crashing every other test's connections with it); the connection closes after it.
ResponsePlan plan_internal_error(std::string_view why);

}  // namespace mock_llm
