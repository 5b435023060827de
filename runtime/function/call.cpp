// Calling a function: arguments checked (types, then parameter asserts), the prompt rendered for
// every leaf client of the plan, one call through the runtime under every limit, the answer parsed
// into the return type and its checks evaluated. Streaming feeds the incremental parser as text
// arrives; an attempt abandoned by a retry or a fallback starts the parse over.
#include <baml/functions.h>

#include <optional>

#include <nlohmann/json.hpp>

#include <baml/errors.h>

#include "function/checks.h"
#include "function/program.h"
#include "function/render_plan.h"
#include "parse/parse.h"
#include "value/from_json.h"

namespace baml {
namespace {

const fn::Function& function_of(const Program& program, std::string_view name) { return program.impl().function(name); }

// The request of a call: every leaf's rendered messages, the first leaf's as the default.
Request call_request(const Program& program, const fn::Function& f, const Args& args, const CallOptions& options) {
  const Program::Impl& impl = program.impl();
  fn::check_parameters(args, f.parameters, impl.types, impl.checks);
  const std::string& client = options.client_override ? *options.client_override : f.client;
  std::vector<fn::LeafMessages> leaves = fn::render_leaves(program, f, args, client, {});
  Request request;
  request.function = f.name;
  request.rendered = true;
  if (!leaves.empty()) request.messages = leaves.front().messages;
  for (fn::LeafMessages& leaf : leaves) {
    auto r = std::make_shared<Request>();
    r->function = f.name;
    r->rendered = true;
    r->messages = std::move(leaf.messages);
    request.per_client.emplace_back(leaf.client->name, std::move(r));
  }
  return request;
}

std::vector<FieldState> public_states(const std::vector<parse::FieldState>& states) {
  std::vector<FieldState> out;
  out.reserve(states.size());
  for (const parse::FieldState& s : states) {
    out.push_back(FieldState{s.path, static_cast<StreamState>(static_cast<int>(s.state))});
  }
  return out;
}

// A ValidationError of the parser, completed with what the call knows: the function, the target
// type and the attempts that led to the answer.
[[noreturn]] void rethrow_validation(const ValidationError& e, const fn::Function& f, const Response* response) {
  ErrorInfo info = e.info();
  info.function = f.name;
  info.target_type = ir::describe(f.return_type);
  if (response) {
    info.path = response->path;
    info.attempts = response->attempts;
    info.usage = response->usage;
  }
  throw_error(std::move(info));
}

// A partial value with its checks, or nothing when one of its asserts does not hold yet.
std::optional<PartialResult> checked_partial(const Program& program, const fn::Function& f, const parse::ParseResult& r) {
  const Program::Impl& impl = program.impl();
  PartialResult out{r.value, public_states(r.states), fn::evaluate_checks(r.value, f.return_type, impl.types, impl.checks, true)};
  for (const CheckResult& c : out.checks) {
    if (c.is_assert && !c.passed) return std::nullopt;
  }
  return out;
}

FunctionResult finish_answer(const Program& program, const fn::Function& f, Response response) {
  const Program::Impl& impl = program.impl();
  FunctionResult result;
  try {
    result.value = parse::parse_answer(response.text, f.return_type, impl.types, false).value;
    result.checks = fn::evaluate_checks(result.value, f.return_type, impl.types, impl.checks);
    fn::throw_failed_assert(result.checks, response.text);
  } catch (const ValidationError& e) {
    rethrow_validation(e, f, &response);
  }
  result.raw_text = response.text;
  result.response = std::move(response);
  return result;
}

}  // namespace

FunctionResult call_function(Runtime& runtime, const Program& program, std::string_view function, const Args& args,
                             const CallOptions& options) {
  const fn::Function& f = function_of(program, function);
  const Args checked = ir::conform_args(args, f.parameters, program.impl().types, f.name);
  const Request request = call_request(program, f, checked, options);
  return finish_answer(program, f, runtime.call(program.clients(), f.client, request, options));
}

FunctionResult stream_function(Runtime& runtime, const Program& program, std::string_view function, const Args& args,
                               const CallOptions& options, const PartialCallback& on_partial) {
  const fn::Function& f = function_of(program, function);
  const Program::Impl& impl = program.impl();
  const Args checked = ir::conform_args(args, f.parameters, impl.types, f.name);
  const Request request = call_request(program, f, checked, options);

  auto parser = std::make_unique<parse::StreamParser>(f.return_type, impl.types);
  std::optional<Value> last_partial;
  CallOptions stream_options = options;
  // An attempt that fails after sending text is abandoned (docs/runtime.md, "Streaming through
  // retries"): the next attempt's text is parsed from the start.
  stream_options.on_attempt = [&](const AttemptRecord& attempt) {
    if (options.on_attempt) options.on_attempt(attempt);
    if (attempt.outcome == AttemptOutcome::Error) parser = std::make_unique<parse::StreamParser>(f.return_type, impl.types);
  };
  Response response;
  try {
    response = runtime.stream(program.clients(), f.client, request, stream_options, [&](std::string_view delta) {
      if (!parser->feed(delta)) return;
      std::optional<PartialResult> partial = checked_partial(program, f, parser->current());
      if (!partial) return;
      last_partial = partial->value;
      if (on_partial) on_partial(*partial);
    });
  } catch (const Error& e) {
    if (!last_partial) throw;
    ErrorInfo info = e.info();
    info.partial_value = *last_partial;
    throw_error(std::move(info));
  }
  return finish_answer(program, f, std::move(response));
}

FunctionFuture submit_function(Runtime& runtime, const Program& program, std::string_view function, const Args& args,
                               const CallOptions& options) {
  const fn::Function& f = function_of(program, function);
  const Args checked = ir::conform_args(args, f.parameters, program.impl().types, f.name);
  const Request request = call_request(program, f, checked, options);
  FunctionFuture future;
  future.inner_ = runtime.submit(program.clients(), f.client, request, options);
  future.program_ = program;
  future.function_ = f.name;
  return future;
}

FunctionResult FunctionFuture::get() { return finish_answer(program_, function_of(program_, function_), inner_.get()); }

FunctionResult parse_function_answer(const Program& program, std::string_view function, std::string_view text) {
  const fn::Function& f = function_of(program, function);
  Response response;
  response.text = std::string(text);
  return finish_answer(program, f, std::move(response));
}

PartialResult parse_function_partial(const Program& program, std::string_view function, std::string_view text) {
  const fn::Function& f = function_of(program, function);
  try {
    parse::ParseResult r = parse::parse_answer(text, f.return_type, program.impl().types, true);
    const Program::Impl& impl = program.impl();
    PartialResult out{std::move(r.value), public_states(r.states), {}};
    out.checks = fn::evaluate_checks(out.value, f.return_type, impl.types, impl.checks, true);
    // A partial value on which an assert fails is refused, as BAML's parseStream refuses it.
    fn::throw_failed_assert(out.checks, std::string(text));
    return out;
  } catch (const ValidationError& e) {
    rethrow_validation(e, f, nullptr);
  }
}

struct AnswerStreamParser::State {
  Program program;
  const fn::Function* function;
  parse::StreamParser parser;
  std::string text;
  PartialResult current;
};

AnswerStreamParser::AnswerStreamParser(const Program& program, std::string_view function) {
  const fn::Function& f = function_of(program, function);
  state_ = std::unique_ptr<State>(new State{program, &f, parse::StreamParser(f.return_type, program.impl().types), {}, {}});
}
AnswerStreamParser::~AnswerStreamParser() = default;
AnswerStreamParser::AnswerStreamParser(AnswerStreamParser&&) noexcept = default;
AnswerStreamParser& AnswerStreamParser::operator=(AnswerStreamParser&&) noexcept = default;

bool AnswerStreamParser::feed(std::string_view delta) {
  state_->text.append(delta);
  if (!state_->parser.feed(delta)) return false;
  std::optional<PartialResult> partial = checked_partial(state_->program, *state_->function, state_->parser.current());
  if (!partial) return false;
  state_->current = std::move(*partial);
  return true;
}

PartialResult AnswerStreamParser::current() const { return state_->current; }

FunctionResult AnswerStreamParser::finish() {
  Response response;
  response.text = state_->text;
  return finish_answer(state_->program, *state_->function, std::move(response));
}

}  // namespace baml
