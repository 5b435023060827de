// BAML functions: typed arguments in, a prompt rendered from them, the request each client of the
// function would be sent (FUNCTIONS.md). A Program is the whole IR loaded once (clients, types,
// functions, template_strings, templates compiled); it is immutable, cheap to copy and safe to
// share between threads.
//
//   baml::Program program = baml::Program::from_ir_text(ir_json);
//   auto requests = baml::render_requests(program, "ExtractResume", {{"text", baml::Value::string(t)}});
//   requests[0].http.body;  // the exact JSON body the first client of the plan would be sent
//
// Arguments are checked against the parameters first: a mismatch, an unknown or a missing
// parameter is an InvalidArgumentError; a template that fails is a TemplateError; a client that
// cannot be called (a missing env variable, an unknown client) a ConfigError.
#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <baml/call_future.h>
#include <baml/call_options.h>
#include <baml/client_spec.h>
#include <baml/environment.h>
#include <baml/http_request.h>
#include <baml/request.h>
#include <baml/response.h>
#include <baml/runtime.h>
#include <baml/types.h>
#include <baml/value.h>

namespace baml {

class Program {
 public:
  // Reads a whole IR document (docs/ir.md). Throws ConfigError naming the JSON path of anything
  // malformed.
  static Program from_ir(const nlohmann::json& ir);
  static Program from_ir_text(std::string_view ir_json);

  const ClientIr& clients() const;
  bool has_function(std::string_view name) const;
  std::vector<std::string> function_names() const;
  // The client a function declares.
  const std::string& function_client(std::string_view name) const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

  // A program with nothing in it (a default for holders that are assigned later).
  static Program empty();

 private:
  Program() = default;
  std::shared_ptr<const Impl> impl_;
};

struct RenderOptions {
  // Render for this client instead of the function's own (like CallOptions::client_override).
  std::optional<std::string> client_override;
  // The request of a streaming call.
  bool stream = false;
  // Resolves {"env": NAME} option values.
  EnvLookup env = process_environment();
  // Replace every secret (API keys and other values read from the environment for credentials,
  // and the values of the credential headers) in the URL, headers and body by "[REDACTED]".
  bool redact_secrets = false;
  // `ctx.tags` in the prompt.
  Value::Entries tags;
};

// What one leaf client of a function's plan would be sent.
struct RenderedRequest {
  std::string client;    // the leaf client's name
  std::string provider;  // its provider, as the IR spells it
  Request request;       // the rendered chat messages (roles as the template wrote them)
  HttpRequest http;      // method POST; url, headers, body exactly as sent
};

// Renders `function`'s prompt once for each leaf client of its plan, in plan order (a fallback's
// children in order, a round-robin's children in order, retries not repeated), and builds each
// leaf's HTTP request without sending it. Throws InvalidArgumentError, TemplateError, ConfigError.
std::vector<RenderedRequest> render_requests(const Program& program, std::string_view function, const Args& args,
                                             const RenderOptions& options = {});
// The same with the arguments as a JSON object (docs/functions.md gives the form). A map argument
// iterates in its keys' order: sorted for nlohmann::json, as written for ordered_json.
std::vector<RenderedRequest> render_requests_json(const Program& program, std::string_view function,
                                                  const nlohmann::json& args, const RenderOptions& options = {});
std::vector<RenderedRequest> render_requests_json(const Program& program, std::string_view function,
                                                  const nlohmann::ordered_json& args, const RenderOptions& options = {});

// The chat messages of `function`'s prompt for one client (the first step of render_requests).
std::vector<Message> render_messages(const Program& program, std::string_view function, const Args& args,
                                     std::string_view client, const RenderOptions& options = {});

// A function's arguments from JSON, checked against its parameters (the rules of render_requests_json).
Args function_args_from_json(const Program& program, std::string_view function, const nlohmann::ordered_json& args);

// ---- Calling functions ----

// The outcome of one @check / @assert on the parsed value: where (a path of real field names,
// "" for the value itself: ".experience[1].title"), which check, and whether it held.
struct CheckResult {
  std::string path;
  std::string name;
  std::string expression;
  bool is_assert = false;
  bool passed = false;
};

// `@stream.with_state` fields of a partial value (StreamState is in <baml/types.h>).
struct FieldState {
  std::string path;
  StreamState state = StreamState::Pending;
};

struct FunctionResult {
  Value value;                      // the answer, parsed into the return type
  std::vector<CheckResult> checks;  // every @check (and passed @assert) on it
  std::string raw_text;             // what the model wrote
  Response response;                // the client that answered, usage, every attempt
};

// A partial value while a function streams: the value so far, its with_state fields, and its
// checks evaluated on what has arrived (every @assert among them held: a partial value on which
// an assert fails is not shown).
struct PartialResult {
  Value value;
  std::vector<FieldState> states;
  std::vector<CheckResult> checks;
};
using PartialCallback = std::function<void(const PartialResult& partial)>;

// Calls `function` through its client (or options.client_override) under every limit, retry and
// fallback the IR declares and the caller's deadline and cancellation; renders the prompt for each
// leaf client, parses the answer into the return type and evaluates its checks. Throws the
// runtime's typed errors; InvalidArgumentError (a bad argument or a failed parameter @assert,
// before anything is sent), TemplateError, and ValidationError (the answer does not fit the type,
// or an @assert failed; it carries the raw text, the target type and the attempt history). A
// ValidationError ends the call: a fallback does not move on to its next client after one
// (docs/functions.md, "Calling").
FunctionResult call_function(Runtime& runtime, const Program& program, std::string_view function, const Args& args,
                             const CallOptions& options = {});

// The same, streaming: `on_partial` (on the calling thread) sees each new partial value, only when
// it changed. A stream cut by a limit or a cancellation throws the error with the last partial
// value in its ErrorInfo::partial_value.
FunctionResult stream_function(Runtime& runtime, const Program& program, std::string_view function, const Args& args,
                               const CallOptions& options, const PartialCallback& on_partial);

// Starts the call and returns at once (no thread per call: the runtime's engine drives it); the
// answer is parsed by whoever calls `get`. Destroying an unfinished future does not cancel the
// call (use options.cancel).
class FunctionFuture {
 public:
  FunctionFuture() = default;
  FunctionResult get();
  bool valid() const { return inner_.valid(); }
  void wait() const { inner_.wait(); }
  template <typename Rep, typename Period>
  std::future_status wait_for(const std::chrono::duration<Rep, Period>& d) const { return inner_.wait_for(d); }
  template <typename Clock, typename Duration>
  std::future_status wait_until(const std::chrono::time_point<Clock, Duration>& t) const { return inner_.wait_until(t); }

 private:
  friend FunctionFuture submit_function(Runtime&, const Program&, std::string_view, const Args&, const CallOptions&);
  CallFuture inner_;
  Program program_ = Program::empty();
  std::string function_;
};
FunctionFuture submit_function(Runtime& runtime, const Program& program, std::string_view function, const Args& args,
                               const CallOptions& options = {});

// Parses a model's text as `function`'s answer (BAML's b.parse / b.parseStream) and evaluates its
// checks; `partial` parses it as the text so far of a stream. Throws ValidationError.
FunctionResult parse_function_answer(const Program& program, std::string_view function, std::string_view text);
PartialResult parse_function_partial(const Program& program, std::string_view function, std::string_view text);

// Parses a function's answer as it streams in, delta by delta (what stream_function does for its
// own calls; for text that arrives some other way). Not thread-safe; one per stream.
class AnswerStreamParser {
 public:
  AnswerStreamParser(const Program& program, std::string_view function);
  ~AnswerStreamParser();
  AnswerStreamParser(AnswerStreamParser&&) noexcept;
  AnswerStreamParser& operator=(AnswerStreamParser&&) noexcept;
  // Feeds the next piece of the text; true when the partial value changed.
  bool feed(std::string_view delta);
  // The partial value after the last change (a null value before the first).
  PartialResult current() const;
  // The whole text as the function's answer, checks evaluated; throws ValidationError.
  FunctionResult finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// The JSON form of a result's value (docs/functions.md): every declared field under its BAML name
// in declaration order,
// enum values by name, and a value with @check results as {"value": V, "checks": {NAME: {"name",
// "expression", "status": "succeeded"|"failed"}}}; with_state fields as {"value": V, "state": S}.
nlohmann::ordered_json result_to_json(const Program& program, std::string_view function, const Value& value,
                              const std::vector<CheckResult>& checks, const std::vector<FieldState>& states = {});

}  // namespace baml
