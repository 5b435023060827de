// A round of calls and their checks (see runner.h).
#include "runner.h"

#include <atomic>
#include <sstream>

#include <baml/errors.h>
#include <baml/value_json.h>

namespace soak {

namespace {

double ms_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double, std::milli>(to - from).count();
}

std::string value_text(const baml::Value& v) {
  return baml::to_json(v).dump();
}

// The error's facts every typed error shares.
void take_error(const baml::Error& e, Observation& o) {
  o.attempts = static_cast<int>(e.info().attempts.size());
  o.message = e.message();
  o.refused_wait = e.info().refused_wait.has_value();
}

void check(const CallSpec& call, Observation& o, const std::optional<baml::FunctionResult>& result,
           const RoundSettings& settings) {
  std::ostringstream problem;
  const Outcome want = final_outcome(call);
  const Expectation& e = call.expected;
  if (describe(o.outcome) != describe(want)) {
    problem << "ended " << describe(o.outcome) << ", expected " << describe(want);
  } else if (want.ending == Ending::Ok) {
    const baml::Value& got = result->value;
    if (call.answer.value && got != *call.answer.value) {
      problem << "answered " << value_text(got) << ", expected " << value_text(*call.answer.value);
    } else if (call.answer.contains && (got.kind() != baml::Value::Kind::String ||
                                        got.as_string().find(*call.answer.contains) == std::string::npos)) {
      problem << "answered " << value_text(got) << ", which does not contain " << *call.answer.contains;
    } else if (o.attempts != e.attempts) {
      problem << "answered after " << o.attempts << " attempts, expected " << e.attempts;
    } else if (!e.answering_client.empty() && o.answering_client != e.answering_client) {
      problem << "answered by " << o.answering_client << ", expected " << e.answering_client;
    }
  } else if (want.ending != Ending::Cancelled && o.attempts != e.attempts) {
    problem << "failed after " << o.attempts << " attempts, expected " << e.attempts;
  } else if (want.ending == Ending::Timeout && o.refused_wait != e.refused_wait) {
    problem << (o.refused_wait ? "refused a wait" : "did not refuse a wait") << ", expected otherwise";
  }
  if (problem.tellp() == 0 && o.elapsed_ms > e.deadline + settings.late_ms) {
    problem << "ended after " << o.elapsed_ms << " ms, its deadline was " << e.deadline << " ms";
  }
  o.problem = problem.str();
}

Observation run_call(baml::Runtime& runtime, const baml::Program& program, const CallSpec& call,
                     const RoundSettings& settings, Canceller& canceller) {
  Observation o;
  const baml::Args args{{"request", baml::Value::string(call.argument)}};
  const std::string function(function_name(call.function));
  baml::CallOptions options;
  options.client_override = call.client;
  std::shared_ptr<Canceller::Slot> cancellation;
  std::optional<baml::FunctionResult> result;

  const Clock::time_point start = Clock::now();
  if (call.timeout_ms) {
    const auto budget = std::chrono::milliseconds(static_cast<long>(*call.timeout_ms));
    if (call.absolute_deadline)
      options.deadline = start + budget;
    else
      options.timeout = budget;
  }
  if (call.cancel_ms) {
    cancellation = std::make_shared<Canceller::Slot>();
    options.cancel = cancellation->token;
    canceller.schedule(start + std::chrono::microseconds(static_cast<long>(*call.cancel_ms * 1000)), cancellation);
  }
  try {
    switch (call.mode) {
      case Mode::Call: result = baml::call_function(runtime, program, function, args, options); break;
      case Mode::Stream:
        result = baml::stream_function(runtime, program, function, args, options,
                                       [&](const baml::PartialResult&) { ++o.partials; });
        break;
      case Mode::Submit: {
        baml::FunctionFuture future = baml::submit_function(runtime, program, function, args, options);
        result = future.get();
        break;
      }
    }
    o.outcome.ending = Ending::Ok;
    o.attempts = static_cast<int>(result->response.attempts.size());
    if (!result->response.attempts.empty()) o.answering_client = result->response.attempts.back().client();
  } catch (const baml::TimeoutError& e) {
    o.outcome.ending = Ending::Timeout;
    o.outcome.timeout_kind = e.kind();
    o.reported_lateness_ms = std::chrono::duration<double, std::milli>(e.elapsed() - e.limit()).count();
    take_error(e, o);
  } catch (const baml::HttpError& e) {
    o.outcome.ending = Ending::Http;
    o.outcome.status = e.status();
    take_error(e, o);
  } catch (const baml::ConnectionError& e) {
    o.outcome.ending = Ending::Connection;
    o.outcome.failure = e.failure();
    take_error(e, o);
  } catch (const baml::ValidationError& e) {
    o.outcome.ending = Ending::Validation;
    take_error(e, o);
  } catch (const baml::CancelledError& e) {
    o.outcome.ending = Ending::Cancelled;
    take_error(e, o);
  } catch (const baml::Error& e) {
    o.problem = "unexpected " + std::string(baml::exception_name(e.type())) + ": " + e.message();
  } catch (const std::exception& e) {
    o.problem = std::string("unexpected exception: ") + e.what();
  }
  const Clock::time_point end = Clock::now();
  o.elapsed_ms = ms_between(start, end);
  if (cancellation) {
    if (const auto fired = canceller.fired(*cancellation)) o.cancelled_at_ms = ms_between(start, *fired);
  }
  if (o.problem.empty()) check(call, o, result, settings);
  return o;
}

}  // namespace

Canceller::Canceller() : thread_([this] { loop(); }) {}

Canceller::~Canceller() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Canceller::schedule(Clock::time_point at, std::shared_ptr<Slot> slot) {
  std::lock_guard lock(mutex_);
  queue_.push(Entry{at, std::move(slot)});
  wake_.notify_all();
}

std::optional<Clock::time_point> Canceller::fired(const Slot& slot) {
  std::lock_guard lock(mutex_);
  return slot.fired;
}

void Canceller::clear() {
  std::lock_guard lock(mutex_);
  while (!queue_.empty()) queue_.pop();
}

void Canceller::loop() {
  std::unique_lock lock(mutex_);
  while (!stop_) {
    if (queue_.empty()) {
      wake_.wait(lock);
      continue;
    }
    const Clock::time_point at = queue_.top().at;
    if (Clock::now() < at) {
      wake_.wait_until(lock, at);
      continue;
    }
    Entry entry = queue_.top();
    queue_.pop();
    // Under the lock, so that `fired` is read after it is written. (A call that has already ended
    // is cancelled all the same: cancelling its token does nothing.)
    entry.slot->token.cancel();
    entry.slot->fired = Clock::now();
  }
}

Outcome final_outcome(const CallSpec& call) {
  Outcome o = call.expected.outcome;
  if (o.ending == Ending::Ok && !call.answer.parses) {
    o = Outcome{};
    o.ending = Ending::Validation;
  }
  return o;
}

WorkerPool::WorkerPool(int threads) {
  threads_.reserve(static_cast<std::size_t>(threads));
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { loop(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  start_.notify_all();
  for (std::thread& t : threads_) t.join();
}

void WorkerPool::run(std::size_t n, const std::function<void(std::size_t)>& job) {
  std::unique_lock lock(mutex_);
  job_ = &job;
  n_ = n;
  next_ = 0;
  active_ = static_cast<int>(threads_.size());
  ++generation_;
  start_.notify_all();
  done_.wait(lock, [&] { return active_ == 0; });
  job_ = nullptr;
}

void WorkerPool::loop() {
  std::uint64_t seen = 0;
  std::unique_lock lock(mutex_);
  for (;;) {
    start_.wait(lock, [&] { return stop_ || generation_ != seen; });
    if (stop_) return;
    seen = generation_;
    const std::function<void(std::size_t)>& job = *job_;
    const std::size_t n = n_;
    lock.unlock();
    for (std::size_t k = next_++; k < n; k = next_++) job(k);
    lock.lock();
    if (--active_ == 0) done_.notify_all();
  }
}

std::vector<Observation> run_round(baml::Runtime& runtime, const baml::Program& program,
                                   const std::vector<CallSpec>& calls, const RoundSettings& settings, WorkerPool& pool,
                                   Canceller& canceller) {
  std::vector<Observation> observations(calls.size());
  pool.run(calls.size(),
           [&](std::size_t k) { observations[k] = run_call(runtime, program, calls[k], settings, canceller); });
  canceller.clear();
  return observations;
}

}  // namespace soak
