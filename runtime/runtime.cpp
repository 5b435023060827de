// The Runtime facade (see runtime.h): resolves the client into a plan, starts the call's state
// machine on the engine (strategy/call_run.h), and hands its events to the caller: through a
// future for `submit`, through a channel drained on the calling thread for `call` and `stream`,
// so that on_delta and on_attempt run there, in order, and may throw.
#include <baml/runtime.h>

#include <sys/resource.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <variant>

#include "errors/redactor.h"
#include "errors/stream_scrubber.h"
#include "http/engine.h"
#include "strategy/call_run.h"
#include "strategy/plan.h"
#include "strategy/round_robin.h"

namespace baml {

namespace {

// Carries a call's deltas, attempt reports and outcome from the engine's thread to the caller's.
struct CallChannel {
  using Event = std::variant<std::string, AttemptRecord>;
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<Event> events;
  std::optional<AttemptResult> outcome;

  // The caller is woken after the lock is released (a woken caller would otherwise block at
  // once on the mutex still held here), and only when the queue was empty: a caller that has not
  // yet taken the earlier events takes this one with them.
  void push(Event event) {
    bool was_empty = false;
    {
      std::lock_guard lock(mutex);
      was_empty = events.empty();
      events.push_back(std::move(event));
    }
    if (was_empty) changed.notify_one();
  }

  bool has_news() {
    std::lock_guard lock(mutex);
    return !events.empty() || outcome.has_value();
  }

  void finish(AttemptResult result) {
    {
      std::lock_guard lock(mutex);
      outcome = std::move(result);
    }
    changed.notify_one();
  }
};

// Links the caller's token (if any) to a call's own, for as long as the call's caller waits.
class TokenLink {
 public:
  TokenLink(const std::optional<CancellationToken>& outer, const CancellationToken& own) : outer_(outer) {
    if (outer_) id_ = outer_->subscribe([own] { own.cancel(); });
  }
  ~TokenLink() {
    if (outer_) outer_->unsubscribe(id_);
  }
  TokenLink(const TokenLink&) = delete;
  TokenLink& operator=(const TokenLink&) = delete;

 private:
  const std::optional<CancellationToken>& outer_;
  std::uint64_t id_ = 0;
};

// A future holding the exception being handled (a ConfigError found before the call could start).
CallFuture failed_future() {
  auto failed = std::make_shared<CallFuture::State>();
  failed->fail(std::current_exception());
  return CallFuture(std::move(failed));
}

Response take_response(AttemptResult outcome) {
  if (auto* error = std::get_if<ErrorInfo>(&outcome)) throw_error(std::move(*error));
  return std::get<Response>(std::move(outcome));
}

}  // namespace

struct Runtime::Impl {
  explicit Impl(RuntimeOptions options)
      : env(options.env ? std::move(options.env) : process_environment()),
        engine(real_clock(), TlsSettings::resolve(options.ca_bundle, options.ca_directory)) {}

  CallServices services() { return CallServices{&engine, &env, &redactor, &round_robin}; }

  // The plan of a call through `client` of the IR, or through the caller's override.
  static std::shared_ptr<const PlanNode> plan(const ClientIr& ir, std::string_view client, const CallOptions& options) {
    return resolve_plan(ir, options.client_override ? std::string_view(*options.client_override) : client);
  }

  static std::shared_ptr<const PlanNode> plan(const ClientSpec& client, const CallOptions& options) {
    if (options.client_override) {
      throw_config_error("a client override names a client of the IR: use Runtime::call(ir, ...)", client.name);
    }
    return leaf_plan(client);
  }

  // `on_delta` null: not streaming. Everything here runs on the thread running the engine's loop,
  // where a callback's exception has nowhere to go: it is dropped.
  CallFuture submit(const std::shared_ptr<const PlanNode>& plan, const Request& request, const CallOptions& options,
                    DeltaCallback on_delta = nullptr) {
    auto pending = std::make_shared<CallFuture::State>();
    CallFuture future(pending);
    // The stream's text goes through one scrubber, as on the caller's thread in run().
    std::shared_ptr<StreamScrubber> scrubber = on_delta ? std::make_shared<StreamScrubber>(redactor) : nullptr;
    auto deliver = [scrubber, on_delta](std::string text) {
      if (text.empty()) return;
      try {
        on_delta(text);
      } catch (...) {
      }
    };
    CallEvents events;
    if (on_delta) {
      events.on_delta = [scrubber, deliver](std::string_view delta) { deliver(scrubber->push(delta)); };
    }
    if (options.on_attempt || on_delta) {
      events.on_attempt = [on_attempt = options.on_attempt, scrubber, deliver](const AttemptRecord& attempt) {
        if (scrubber) deliver(scrubber->flush());
        if (!on_attempt) return;
        try {
          on_attempt(attempt);
        } catch (...) {
        }
      };
    }
    events.on_done = [pending, scrubber, deliver, this](AttemptResult outcome) {
      if (scrubber) deliver(scrubber->flush());
      // An error travels as data; the reader's get() makes it the typed exception.
      if (auto* error = std::get_if<ErrorInfo>(&outcome)) {
        pending->fail(std::move(*error));
      } else {
        pending->fulfil(scrubbed(std::get<Response>(std::move(outcome))));
      }
    };
    start_call(services(), plan, request, options, /*stream=*/on_delta != nullptr, std::move(events));
    return future;
  }

  // Runs a call and waits for it, delivering its events on this thread. If a callback throws, the
  // call is cancelled and the exception propagates (the call ends on the engine in the background).
  Response run(const std::shared_ptr<const PlanNode>& plan, const Request& request, const CallOptions& options,
               const DeltaCallback* on_delta) {
    // A call with callbacks gets a token of its own, so that a throwing callback can cancel it;
    // the caller's token cancels it too. Without callbacks the caller's token (if any) is enough.
    std::optional<CancellationToken> cancel;
    std::optional<TokenLink> link;
    CallOptions own = options;
    if (on_delta != nullptr || options.on_attempt) {
      cancel.emplace();
      link.emplace(options.cancel, *cancel);
      own.cancel = *cancel;
    }

    auto channel = std::make_shared<CallChannel>();
    CallEvents events;
    if (on_delta != nullptr) {
      // Raw here; scrubbed on the calling thread, where a key split across deltas can be held back.
      events.on_delta = [channel](std::string_view delta) { channel->push(std::string(delta)); };
    }
    // A stream needs each attempt's end even without an on_attempt callback: the text held back
    // by the scrubber belongs to the attempt that sent it and goes out before the next one's.
    if (options.on_attempt || on_delta != nullptr) {
      events.on_attempt = [channel](const AttemptRecord& attempt) { channel->push(attempt); };
    }
    // The lambdas hold the channel, so it outlives a notify that races with the caller's return.
    events.on_done = [channel](AttemptResult outcome) { channel->finish(std::move(outcome)); };
    // While nobody else runs the engine's loop, this thread runs it until the call has something
    // to deliver (usually its outcome), instead of handing the call to the engine's thread and
    // sleeping until it is handed back (http/engine.h). Claimed before the start, which then need
    // not wake the engine's thread; given up before any callback of the caller's runs.
    Engine::CallerDrive drive(engine);
    start_call(services(), plan, request, std::move(own), /*stream=*/on_delta != nullptr, std::move(events));
    drive.run_until([&channel] { return channel->has_news(); });
    drive.release();

    // A model that repeats a key it was sent (an echoing proxy, a prompt that quotes the request)
    // must not carry it out: the deltas go through the redactor as one stream, so a key split
    // across two deltas is held back until it is whole, and replaced. What is held back goes out
    // before an attempt's report (its text ends there) and before the call returns or throws.
    StreamScrubber scrubber(redactor);
    const auto deliver = [&](std::string_view text) {
      if (!text.empty()) (*on_delta)(text);
    };
    for (;;) {
      std::deque<CallChannel::Event> events_now;
      bool finished = false;
      {
        std::unique_lock lock(channel->mutex);
        channel->changed.wait(lock, [&] { return !channel->events.empty() || channel->outcome.has_value(); });
        events_now.swap(channel->events);
        finished = channel->outcome.has_value();
      }
      try {
        for (const CallChannel::Event& event : events_now) {
          if (const auto* delta = std::get_if<std::string>(&event)) {
            deliver(scrubber.push(*delta));
          } else {
            if (on_delta != nullptr) deliver(scrubber.flush());
            if (options.on_attempt) options.on_attempt(std::get<AttemptRecord>(event));
          }
        }
        if (finished && on_delta != nullptr) deliver(scrubber.flush());
      } catch (...) {
        cancel->cancel();  // only callbacks throw, and a call with callbacks has its own token
        throw;
      }
      if (finished) break;
    }
    return scrubbed(take_response(std::move(*channel->outcome)));
  }

  // Answers go through the same redactor as errors (and deltas, above).
  Response scrubbed(Response response) const {
    response.text = redactor.scrub(response.text);
    return response;
  }

  EnvLookup env;
  SecretRedactor redactor;
  RoundRobinCounters round_robin;
  Engine engine;  // declared last: destroyed first, while the members its callbacks use still live
};

std::size_t raise_open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
  if (limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
  }
  return static_cast<std::size_t>(limit.rlim_cur);
}

Runtime::Runtime() : Runtime(RuntimeOptions{}) {}

Runtime::Runtime(RuntimeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Runtime::~Runtime() = default;

Response Runtime::call(const ClientIr& ir, std::string_view client, const Request& request,
                       const CallOptions& options) {
  return impl_->run(Impl::plan(ir, client, options), request, options, nullptr);
}

Response Runtime::stream(const ClientIr& ir, std::string_view client, const Request& request,
                         const CallOptions& options, const DeltaCallback& on_delta) {
  return impl_->run(Impl::plan(ir, client, options), request, options, &on_delta);
}

CallFuture Runtime::submit(const ClientIr& ir, std::string_view client, const Request& request,
                           const CallOptions& options) {
  try {
    return impl_->submit(Impl::plan(ir, client, options), request, options);
  } catch (const Error&) {
    return failed_future();
  }
}

CallFuture Runtime::submit_stream(const ClientIr& ir, std::string_view client, const Request& request,
                                  const CallOptions& options, DeltaCallback on_delta) {
  try {
    return impl_->submit(Impl::plan(ir, client, options), request, options, std::move(on_delta));
  } catch (const Error&) {
    return failed_future();
  }
}

CallFuture Runtime::submit_stream(const ClientSpec& client, const Request& request, const CallOptions& options,
                                  DeltaCallback on_delta) {
  try {
    return impl_->submit(Impl::plan(client, options), request, options, std::move(on_delta));
  } catch (const Error&) {
    return failed_future();
  }
}

Response Runtime::call(const ClientSpec& client, const Request& request, const CallOptions& options) {
  return impl_->run(Impl::plan(client, options), request, options, nullptr);
}

Response Runtime::stream(const ClientSpec& client, const Request& request, const CallOptions& options,
                         const DeltaCallback& on_delta) {
  return impl_->run(Impl::plan(client, options), request, options, &on_delta);
}

CallFuture Runtime::submit(const ClientSpec& client, const Request& request, const CallOptions& options) {
  try {
    return impl_->submit(Impl::plan(client, options), request, options);
  } catch (const Error&) {
    return failed_future();
  }
}

}  // namespace baml
