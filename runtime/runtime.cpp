// The Runtime facade (see runtime.h): prepares a leaf attempt, hands it to the engine, and turns
// the outcome into a Response or a typed exception, scrubbed of secrets, on the caller's side.
#include "runtime.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include "errors/redactor.h"
#include "http/engine.h"
#include "strategy/leaf_attempt.h"

namespace baml {

struct Runtime::Impl {
  explicit Impl(RuntimeOptions options) : env(options.env ? std::move(options.env) : process_environment()) {}

  // Prepares an attempt; a ConfigError comes back as a value so every API reports it alike.
  std::variant<LeafAttempt, std::exception_ptr> prepare(const ClientSpec& client, const Request& request,
                                                        const CallOptions& options, bool stream) {
    try {
      return prepare_leaf_attempt(client, request, options, stream, real_clock().now(), env, redactor);
    } catch (const Error& error) {
      return to_exception(error.info());
    }
  }

  std::exception_ptr to_exception(ErrorInfo info) const {
    redactor.scrub(info);
    return make_exception(std::move(info));
  }

  EnvLookup env;
  SecretRedactor redactor;
  Engine engine;  // declared last: destroyed first, while the members its callbacks use still live
};

Runtime::Runtime() : Runtime(RuntimeOptions{}) {}

Runtime::Runtime(RuntimeOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Runtime::~Runtime() = default;

std::future<Response> Runtime::submit(const ClientSpec& client, const Request& request, const CallOptions& options) {
  auto promise = std::make_shared<std::promise<Response>>();
  std::future<Response> future = promise->get_future();
  auto prepared = impl_->prepare(client, request, options, /*stream=*/false);
  if (auto* error = std::get_if<std::exception_ptr>(&prepared)) {
    promise->set_exception(*error);
    return future;
  }
  auto attempt = std::make_shared<LeafAttempt>(std::move(std::get<LeafAttempt>(prepared)));
  AttemptSpec spec = attempt->spec;
  AttemptObserver observer;
  observer.on_done = [impl = impl_.get(), promise, attempt](AttemptResult result) {
    if (auto* error = std::get_if<ErrorInfo>(&result)) {
      promise->set_exception(impl->to_exception(std::move(*error)));
    } else if (auto rejected = reject_by_client_policy(*attempt, std::get<Response>(result))) {
      promise->set_exception(impl->to_exception(std::move(*rejected)));
    } else {
      promise->set_value(std::get<Response>(std::move(result)));
    }
  };
  impl_->engine.start(std::move(spec), std::move(observer));
  return future;
}

Response Runtime::call(const ClientSpec& client, const Request& request, const CallOptions& options) {
  return submit(client, request, options).get();
}

namespace {

// Carries a stream's deltas and outcome from the engine's thread to the caller's.
struct StreamChannel {
  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::string> deltas;
  std::optional<AttemptResult> result;
};

}  // namespace

Response Runtime::stream(const ClientSpec& client, const Request& request, const CallOptions& options,
                         const DeltaCallback& on_delta) {
  // An own token, so that a throwing on_delta can cancel the transfer; the caller's token (if
  // any) cancels it too.
  CancellationToken cancel;
  CallOptions own = options;
  own.cancel = cancel;
  std::optional<std::uint64_t> link;
  if (options.cancel) link = options.cancel->subscribe([cancel] { cancel.cancel(); });
  struct Unlink {
    const CallOptions& options;
    std::optional<std::uint64_t>& link;
    ~Unlink() {
      if (link) options.cancel->unsubscribe(*link);
    }
  } unlink{options, link};

  auto prepared = impl_->prepare(client, request, own, /*stream=*/true);
  if (auto* error = std::get_if<std::exception_ptr>(&prepared)) std::rethrow_exception(*error);
  const LeafAttempt attempt = std::move(std::get<LeafAttempt>(prepared));

  auto channel = std::make_shared<StreamChannel>();
  AttemptObserver observer;
  observer.on_delta = [channel](std::string_view delta) {
    std::lock_guard lock(channel->mutex);
    channel->deltas.emplace_back(delta);
    channel->changed.notify_one();
  };
  observer.on_done = [channel](AttemptResult result) {
    std::lock_guard lock(channel->mutex);
    channel->result = std::move(result);
    channel->changed.notify_one();
  };
  impl_->engine.start(attempt.spec, std::move(observer));

  for (;;) {
    std::deque<std::string> deltas;
    bool finished = false;
    {
      std::unique_lock lock(channel->mutex);
      channel->changed.wait(lock, [&] { return !channel->deltas.empty() || channel->result.has_value(); });
      deltas.swap(channel->deltas);
      finished = channel->result.has_value();
    }
    try {
      for (const std::string& delta : deltas) on_delta(delta);
    } catch (...) {
      cancel.cancel();
      throw;
    }
    if (finished) break;
  }
  AttemptResult& result = *channel->result;
  if (auto* error = std::get_if<ErrorInfo>(&result)) std::rethrow_exception(impl_->to_exception(std::move(*error)));
  Response& response = std::get<Response>(result);
  if (auto rejected = reject_by_client_policy(attempt, response)) {
    std::rethrow_exception(impl_->to_exception(std::move(*rejected)));
  }
  if (!attempt.spec.stream && !response.text.empty()) on_delta(response.text);
  return std::move(response);
}

}  // namespace baml
