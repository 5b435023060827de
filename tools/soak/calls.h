// The calls of a soak round, drawn at random (seeded): which function, through which client, in
// which mode (call_function, stream_function, submit_function), with which fault (the `[mock:...]`
// tags in its argument, covering every directive of the mock server), which caller deadline and
// which cancellation; and, from the oracle, what each must end with.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include <baml/client_spec.h>
#include <baml/value.h>

#include "oracle.h"

namespace soak {

enum class Mode { Call, Stream, Submit };
enum class Function { Ticket, Person, Echo };

std::string_view to_string(Mode mode);
std::string_view function_name(Function function);

// What the answer must parse into, when the runtime answers.
struct AnswerCheck {
  bool parses = true;                   // false: a ValidationError (no fit, or a failed @assert)
  std::optional<baml::Value> value;     // the exact value (Ticket, Person; a string when known exactly)
  std::optional<std::string> contains;  // a string answer that must contain this (echo)
};

struct CallSpec {
  int index = 0;
  std::int64_t nonce = 0;  // unique in the run: the ticket's id and the text every tag set carries
  Function function = Function::Ticket;
  Mode mode = Mode::Call;
  std::string client;                   // CallOptions::client_override
  std::string argument;                 // the function's `request`, with the call's `[mock:...]` tag
  std::string fault;                    // the fault's name in the tables ("ttfb_hang", "status", ...)
  std::string content;                  // the answer's name ("ticket_json", "person_canned", ...)
  std::vector<std::string> directives;  // every directive the tag uses (coverage)
  std::optional<double> timeout_ms;     // the caller's budget
  bool absolute_deadline = false;       // given as CallOptions::deadline instead of ::timeout
  std::optional<double> cancel_ms;      // the caller cancels then
  AnswerCheck answer;
  Expectation expected;  // what the runtime ends with (Ok: then `answer` decides)
};

struct DrawSettings {
  const baml::ClientIr* ir = nullptr;
  Slack slack;
  double max_call_ms = 8000;  // calls expected to take longer are drawn again (rounds stay short)
};

// A ticket of the soak's answers: the fields of `class Ticket` (baml_src/soak.baml).
struct TicketFields {
  std::int64_t id = 0;
  std::string notes, title;
  std::vector<std::string> tags;
  std::string priority, code;
};

// An answer file reply_file= names.
struct AnswerFile {
  std::string name;  // relative to the mock's --answers-dir
  TicketFields ticket;
  bool pretty = false;  // written with indents and newlines
};

// Writes the answer files into `dir` and returns them.
std::vector<AnswerFile> write_answer_files(const std::string& dir);

struct DrawStats {
  long drawn = 0;
  long redrawn = 0;                            // ambiguous or too long
  std::map<std::string, long> redraw_reasons;  // the first words of why
};

class CallDrawer {
 public:
  CallDrawer(DrawSettings settings, std::vector<AnswerFile> answer_files)
      : settings_(std::move(settings)), files_(std::move(answer_files)) {}
  // Draws one call that the oracle can decide, with `nonce` as its unique number.
  CallSpec draw(std::mt19937_64& rng, int index, std::int64_t nonce);
  const DrawStats& stats() const { return stats_; }

 private:
  DrawSettings settings_;
  std::vector<AnswerFile> files_;
  DrawStats stats_;
};

// Every directive the mock server has (docs/mock_llm_server.md, "Directives"), for the coverage
// check: a soak that never drew one of them fails.
const std::vector<std::string>& all_directives();

}  // namespace soak
