// What a call of the soak must end with, computed before it is made: the call's fault (what the
// mock server will do with each request, from the `[mock:...]` tags of its argument), its client
// (leaf or composite, with the limits and retry policies read from the IR), the caller's deadline
// and a cancellation, played out on a timeline the way docs/runtime.md says the runtime plays them
// ("Deadlines", "Strategies", "One budget per call", "Cancellation").
//
// Every instant is in milliseconds from the start of the call (or of the attempt). The timeline is
// nominal: the server's own delays as the directives ask, limits exactly at their values. Nothing
// happens before its nominal instant, but anything may happen later: what the mock server does
// "at once" can take a while on a loaded machine (Slack::server, added by every server event
// along the timeline) and a limit fires a little after it passes (Slack::limit). A call whose
// outcome would depend on the order of two instants that these allowances (and Slack::apart
// between them) could swap is ambiguous: the soak draws another call instead of guessing.
#pragma once

#include <chrono>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <baml/client_spec.h>
#include <baml/error_kind.h>

namespace soak {

inline constexpr double kNever = std::numeric_limits<double>::infinity();

// How a call (or an attempt) ends, as the caller sees it.
enum class Ending { Ok, Timeout, Http, Connection, Validation, Cancelled };

struct Outcome {
  Ending ending = Ending::Ok;
  baml::TimeoutKind timeout_kind = baml::TimeoutKind::Request;
  int status = 0;                                                    // Http
  baml::ConnectionFailure failure = baml::ConnectionFailure::Reset;  // Connection
  // Http 429/503 with a Retry-After (any of its three forms): the wait it asks for, as an interval
  // (an HTTP date has whole seconds, so the wait it means is known to within one second).
  std::optional<double> retry_after_lo, retry_after_hi;
};

std::string describe(const Outcome& outcome);

// What the mock server does with one request, on a timeline from the attempt's start.
struct AttemptBehaviour {
  bool reaches_server = true;  // false: the hang port, whose connect never completes
  double first_content = 0;    // the first content (first event with text, first body byte); kNever: none
  double chunk_gap = 0;        // between content chunks after the first
  int chunks = 1;              // content chunks before the end
  bool drip = false;           // content chunks every chunk_gap forever (the response never ends)
  double data_stops = kNever;  // a stall: nothing arrives after this instant, and the response never ends
  double completes = 0;        // the response is over (kNever: never)
  Outcome at_completion;       // what a completed response is: Ok or the error it makes
};

// A call's fault: what each request carrying its tags gets. The first `fail_first` requests
// (counted over every leaf that reaches the server) get `failing` instead of `base`.
struct Fault {
  AttemptBehaviour base;
  int fail_first = 0;
  AttemptBehaviour failing;
};

struct CallerOptions {
  std::optional<double> deadline;   // from the call's start (a timeout, or an absolute deadline)
  std::optional<double> cancel_at;  // the caller cancels then
};

struct Expectation {
  bool ambiguous = false;  // two deciding instants whose order is not certain: draw another call
  std::string why_ambiguous;
  Outcome outcome;                // before the answer is parsed (Ok means the runtime answered)
  double end = 0;                 // nominal instant the call ends
  double end_late = 0;            // how late it may be, for all the allowances along the way
  bool end_set_by_limit = false;  // `end` is a limit, a budget, a deadline or the cancellation
  double deadline = 0;            // the latest it may end: the caller's deadline, a budget, the
                                  // cancellation, or the worst case of the attempts it makes
  int attempts = 0;               // attempts in the history (not checked for Cancelled)
  std::string answering_client;   // for Ok: the leaf that answered ("" when a round-robin decides)
  bool refused_wait = false;      // a budget refused a retry wait (the call's error when it is a Timeout)
};

// Whether a leaf of the IR is the one that never connects (its base_url is env.SOAK_HANG_URL).
bool is_hang_leaf(const baml::ClientSpec& leaf);

// How late an event may come after its nominal instant, and how far apart two instants must be
// besides for their order to be certain (milliseconds).
struct Slack {
  double server = 300;  // what the mock server sends, when it sends it (its own timers, queueing)
  double limit = 50;    // a limit, a budget, a retry wait or the caller's cancellation firing
  double apart = 20;
};

// Plays the call out through `client` (a client of `ir`, leaf or composite).
Expectation expect(const baml::ClientIr& ir, const std::string& client, const Fault& fault, const CallerOptions& caller,
                   const Slack& slack);

}  // namespace soak
