// What the soak keeps of its calls across rounds: counts by outcome, fault, answer, client, mode
// and directive; the lateness distributions; the first wrong calls and the latest ends, described
// in full. Everything here has a fixed size once the first round has been counted (a map's keys
// are the finite names of outcomes, faults, ...; the distributions are fixed buckets), so the
// soak's own bookkeeping does not grow from round to round.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "calls.h"
#include "histogram.h"
#include "runner.h"

namespace soak {

std::string fixed(double value, int digits);

class Tally {
 public:
  // Counts one call; `show` is how many wrong calls are kept in full.
  void add(const CallSpec& call, const Observation& observed, int show);

  std::map<std::string, long> outcomes, faults, faults_wrong, answers, clients, modes, directives;
  Histogram reported_lateness;   // a TimeoutError's elapsed − limit, as the runtime reports it
  Histogram limit_lateness;      // end − nominal end, for calls a limit, budget or deadline ends
  Histogram deadline_lateness;   // end − the caller's deadline, for calls that deadline ended
  Histogram cancel_lateness;     // end − the instant the caller cancelled
  Histogram server_timed;        // end − nominal end, for calls the server's timing ends
  Histogram end_minus_deadline;  // end − the call's deadline, every call (must stay ≤ --late-ms)
  long partials = 0;
  long wrong = 0;
  std::vector<std::string> problems;                   // the first wrong calls
  std::vector<std::pair<double, std::string>> latest;  // the latest ends of limit-ended calls, worst first

  nlohmann::json to_json() const;

 private:
  void note_late(double late, const CallSpec& call, const Observation& observed);
};

// "call 1000042 (GetTicket via Pair, stream, fault stall, answer ticket_json, timeout 900 ms)".
std::string describe_call(const CallSpec& call);

// "p50 0.12 / p99 3.40 / max 8.00 ms (1234 calls)".
std::string summary_text(const Histogram& histogram);

}  // namespace soak
