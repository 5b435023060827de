// End to end, the failures that are not limits: cancellation from another thread, HTTP errors,
// broken connections, secrets in echoed content, configuration errors, finish-reason policy,
// shutdown with calls in flight, and many calls in flight at once.
#include <doctest/doctest.h>

#include <thread>
#include <vector>

#include "testing/e2e_support.h"
#include "testing/strategy_support.h"

namespace baml {
namespace {

using namespace std::chrono_literals;
using testing::Mode;

TEST_CASE("e2e: cancelling from another thread ends the transfer at once") {
  Runtime runtime;
  for (Mode mode : {Mode::Call, Mode::Stream}) {
    CAPTURE(static_cast<int>(mode));
    const ClientSpec client = testing::openai_client(mode == Mode::Call ? "mock:ttfb=10s" : "mock:drip=50ms");
    const long before = testing::disconnects();
    CancellationToken token;
    CallOptions options;
    options.cancel = token;
    std::thread canceller([token] {
      std::this_thread::sleep_for(300ms);
      token.cancel();
    });
    std::optional<CancelledError> error;
    const auto wall = testing::time_it([&] {
      try {
        testing::run_call(runtime, client, mode, options);
      } catch (const CancelledError& e) {
        error = e;
      }
    });
    canceller.join();
    REQUIRE(error.has_value());
    CHECK(wall >= 300ms);
    CHECK(wall < 3s);
    CHECK(error->to_json()["type"] == "CancelledError");
    CHECK(error->info().client() == "Primary");
    if (mode == Mode::Stream) CHECK(error->info().partial_text.has_value());
    CHECK(testing::disconnect_seen(before));
  }
}

TEST_CASE("e2e: a call with an already cancelled token never runs") {
  Runtime runtime;
  CancellationToken token;
  token.cancel();
  CallOptions options;
  options.cancel = token;
  CHECK_THROWS_AS(runtime.call(testing::openai_client("mock:reply=x"), testing::hello_request(), options),
                  CancelledError);
}

TEST_CASE("e2e: an on_delta that throws cancels the stream and propagates") {
  Runtime runtime;
  const long before = testing::disconnects();
  int seen = 0;
  CHECK_THROWS_WITH_AS(runtime.stream(testing::openai_client("mock:drip=20ms"), testing::hello_request(), {},
                                      [&](std::string_view) {
                                        if (++seen == 3) throw std::runtime_error("consumer gave up");
                                      }),
                       "consumer gave up", std::runtime_error);
  CHECK(testing::disconnect_seen(before));
}

TEST_CASE("e2e: an HTTP error carries the status, the provider's message and Retry-After") {
  Runtime runtime;
  for (Mode mode : {Mode::Call, Mode::Stream}) {
    CAPTURE(static_cast<int>(mode));
    try {
      testing::run_call(runtime, testing::openai_client("mock:status=503,retry_after=2"), mode);
      FAIL("expected an HttpError");
    } catch (const HttpError& error) {
      CHECK(error.status() == 503);
      CHECK(error.provider_message() == "mock error 503");
      CHECK(error.retry_after() == 2s);
      CHECK(error.message() == "http: Greet via Primary: status 503: mock error 503 (attempt 1 of 1, retry after 2s)");
      // The error body is the provider's message, not partial text of an answer.
      CHECK(error.partial_text().empty());
      CHECK_FALSE(error.to_json().contains("partial_text"));
    }
  }
  try {
    runtime.call(testing::anthropic_client("mock:status=429"), testing::hello_request());
    FAIL("expected an HttpError");
  } catch (const HttpError& error) {
    CHECK(error.status() == 429);
    CHECK(error.provider_message() == "mock error 429");
  }
}

TEST_CASE("e2e: a reset and a refused connection are ConnectionErrors") {
  Runtime runtime;
  try {
    runtime.call(testing::openai_client("mock:reset"), testing::hello_request());
    FAIL("expected a ConnectionError");
  } catch (const ConnectionError& error) {
    CHECK(error.failure() == ConnectionFailure::Reset);
  }
  ClientSpec client = testing::openai_client("mock:reply=x");
  // A port nobody listens on.
  client.options["base_url"] = "http://127.0.0.1:" + std::to_string(testing::unused_port()) + "/v1";
  try {
    runtime.call(client, testing::hello_request());
    FAIL("expected a ConnectionError");
  } catch (const ConnectionError& error) {
    CHECK(error.failure() == ConnectionFailure::Refused);
    CHECK(error.to_json()["kind"] == "refused");
  }
}

TEST_CASE("e2e: the API key never appears in an error, even when the server echoes it") {
  Runtime runtime;
  // `echo` replies with the request's headers, Authorization included; the stall makes it a
  // timeout whose partial text holds them.
  const ClientSpec client = testing::openai_client("mock:echo,chunks=1,stall_after=1", {.idle = 300ms});
  try {
    testing::run_call(runtime, client, Mode::Stream);
    FAIL("expected a TimeoutError");
  } catch (const TimeoutError& error) {
    CHECK(error.partial_text().find("[REDACTED]") != std::string::npos);
    CHECK(error.to_json().dump().find(testing::kTestApiKey) == std::string::npos);
    CHECK(std::string(error.what()).find(testing::kTestApiKey) == std::string::npos);
  }
}

TEST_CASE("e2e: option headers and the caller's headers are sent") {
  Runtime runtime;
  ClientSpec client = testing::openai_client("mock:echo");
  client.options["headers"] = {{"x-from-client", "c"}};
  CallOptions options;
  options.headers = {{"x-from-caller", "k"}};
  const auto echoed = nlohmann::json::parse(runtime.call(client, testing::hello_request(), options).text);
  CHECK(echoed["headers"]["x-from-client"] == "c");
  CHECK(echoed["headers"]["x-from-caller"] == "k");
  // The key was sent, and the answer that echoes it back is scrubbed like any output.
  CHECK(echoed["headers"]["authorization"] == "Bearer [REDACTED]");
  CHECK(echoed["body"]["messages"][1]["content"] == "Hello");
  bool sent = false;
  for (const auto& request : testing::mock_requests()) {
    sent = sent || (request["model"] == "mock:echo" &&
                    request["headers"].value("authorization", "") == std::string("Bearer ") + testing::kTestApiKey);
  }
  CHECK(sent);
}

TEST_CASE("e2e: a missing environment variable is a ConfigError at call time") {
  Runtime runtime(RuntimeOptions{[](const std::string&) { return std::nullopt; }});
  ClientSpec client = testing::openai_client("mock:reply=x");
  client.options["api_key"] = {{"env", "BAML_E2E_UNSET_KEY"}};
  try {
    runtime.call(client, testing::hello_request());
    FAIL("expected a ConfigError");
  } catch (const ConfigError& error) {
    CHECK(error.info().variable == "BAML_E2E_UNSET_KEY");
  }
  CHECK_THROWS_AS(runtime.submit(client, testing::hello_request()).get(), ConfigError);
}

TEST_CASE("e2e: a disallowed finish reason is a FinishReasonError") {
  Runtime runtime;
  ClientSpec client = testing::openai_client("mock:reply=done");
  client.options["finish_reason_deny_list"] = {"stop"};
  for (Mode mode : {Mode::Call, Mode::Stream}) {
    CAPTURE(static_cast<int>(mode));
    try {
      testing::run_call(runtime, client, mode);
      FAIL("expected a FinishReasonError");
    } catch (const FinishReasonError& error) {
      CHECK(error.finish_reason() == "stop");
      CHECK(error.info().raw_output == "done");
    }
  }
}

TEST_CASE("e2e: an easy handle used again carries nothing of its previous attempt") {
  // Sequential calls on one engine take the same pooled handle each time.
  Runtime runtime;
  const ClientSpec echo = testing::openai_client("mock:echo");
  CallOptions first;
  first.headers = {{"x-only-first", "1"}};
  auto echoed = nlohmann::json::parse(runtime.call(echo, testing::hello_request(), first).text);
  CHECK(echoed["headers"]["x-only-first"] == "1");
  echoed = nlohmann::json::parse(runtime.call(echo, testing::hello_request()).text);
  CHECK_FALSE(echoed["headers"].contains("x-only-first"));
  CHECK(echoed["headers"].value("expect", "") == "");

  // A failed attempt (error buffer filled) and a stream (delta callback) before plain calls.
  CHECK_THROWS_AS(runtime.call(testing::openai_client("mock:reset"), testing::hello_request()), ConnectionError);
  const ClientSpec reply = testing::openai_client("mock:reply=one two");
  std::string streamed;
  runtime.stream(reply, testing::hello_request(), {}, [&](std::string_view delta) { streamed.append(delta); });
  CHECK(streamed == "one two");
  const Response whole = runtime.call(reply, testing::hello_request());
  CHECK(whole.text == "one two");
  CHECK(whole.status == 200);
  CHECK(streamed == "one two");  // the stream's callback is not the next attempt's
  CHECK(runtime.call(reply, testing::hello_request()).reused_connection);
}

TEST_CASE("e2e: many calls in flight on one engine") {
  Runtime runtime;
  const ClientSpec client = testing::openai_client("mock:gap=20ms,reply=a b c d");
  std::vector<CallFuture> futures;
  futures.reserve(200);
  for (int i = 0; i < 200; ++i) futures.push_back(runtime.submit(client, testing::hello_request()));
  int ok = 0;
  for (auto& future : futures) ok += future.get().text == "a b c d" ? 1 : 0;
  CHECK(ok == 200);
}

TEST_CASE("e2e: destroying the runtime ends calls in flight") {
  CallFuture pending;
  {
    Runtime runtime;
    pending = runtime.submit(testing::openai_client("mock:ttfb=10s"), testing::hello_request());
    std::this_thread::sleep_for(100ms);
  }
  CHECK_THROWS_AS(pending.get(), CancelledError);
}

}  // namespace
}  // namespace baml
