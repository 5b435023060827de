// End to end, one budget per call against the real mock server: a composite's total_timeout
// cutting the attempt in flight, a leaf's own total ending only its slot, a wait (backoff or
// Retry-After) refused because it would outlast the budget, a caller's deadline shorter than every
// declared limit, cancellation from another thread during a stream and during a wait, the deadline
// header counting down, and a Runtime destroyed while a call waits. Each asserts the history.
#include <doctest/doctest.h>

#include <thread>

#include <baml/runtime.h>

#include "testing/e2e_support.h"
#include "testing/strategy_support.h"

namespace baml {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::history;
using testing::unique_model;
using Lines = std::vector<std::string>;

const Request& greet() {
  return testing::hello_request();
}

template <typename E>
E expect_error(const std::function<void()>& call) {
  try {
    call();
  } catch (const E& error) {
    return error;
  }
  FAIL("expected an exception of the given type");
  throw std::logic_error("unreachable");
}

// Cancels `token` after `delay`, from another thread; joins on destruction.
class DelayedCancel {
 public:
  DelayedCancel(CancellationToken token, std::chrono::milliseconds delay)
      : thread_([token, delay] {
          std::this_thread::sleep_for(delay);
          token.cancel();
        }) {}
  ~DelayedCancel() { thread_.join(); }
  DelayedCancel(const DelayedCancel&) = delete;
  DelayedCancel& operator=(const DelayedCancel&) = delete;

 private:
  std::thread thread_;
};

TEST_CASE("e2e budget: a composite's total_timeout cuts the attempt in flight and nothing further starts") {
  Runtime runtime;
  const std::string backup = unique_model("");
  const ClientIr ir =
      testing::client_ir({testing::leaf_json("A", unique_model("ttfb=10s")), testing::leaf_json("B", backup),
                          testing::composite_json("Agent", "fallback", {"A", "B"}, json{{"total_ms", 300}})});
  const long before = testing::disconnects();
  TimeoutError error(ErrorInfo{});
  const auto wall =
      testing::time_it([&] { error = expect_error<TimeoutError>([&] { runtime.call(ir, "Agent", greet()); }); });
  CHECK(error.kind() == TimeoutKind::Total);
  CHECK(error.limit() == 300ms);
  CHECK(error.elapsed() >= 300ms);
  CHECK(wall < 1500ms);
  CHECK(error.path() == std::vector<std::string>{"Agent", "A"});
  CHECK(error.info().budget_client == "Agent");
  CHECK(error.message().find("total_timeout 300ms of Agent") != std::string::npos);
  CHECK(history(error.attempts()) == Lines{"Agent>A 1/1 TimeoutError total"});
  CHECK(testing::requests_for(backup) == 0);
  CHECK(testing::disconnect_seen(before));
}

TEST_CASE("e2e budget: a leaf's own total_timeout bounds its retries; the fallback then moves on") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("ttfb=10s"), json{{"total_ms", 300}, {"time_to_first_token_ms", 100}},
                          "Retry"),
       testing::leaf_json("B", unique_model("")), testing::composite_json("Agent", "fallback", {"A", "B"})},
      {testing::constant_policy_json("Retry", 5, 20)});
  const Response response = runtime.call(ir, "Agent", greet());
  CHECK(response.client == "B");
  // Two first-token timeouts and their waits fit (100 + 20 + 100 + 20ms); A's total cuts the third.
  CHECK(history(response.attempts) == Lines{"Agent>A 1/6 TimeoutError time_to_first_token",
                                            "Agent>A 2/6 TimeoutError time_to_first_token after 20ms",
                                            "Agent>A 3/6 TimeoutError total after 20ms", "Agent>B 1/1 ok"});
}

TEST_CASE("e2e budget: a backoff that would outlast the budget is not slept") {
  Runtime runtime;
  const ClientIr ir =
      testing::client_ir({testing::leaf_json("A", unique_model("status=503"), json{{"total_ms", 1000}}, "Slow")},
                         {testing::constant_policy_json("Slow", 3, 5000)});
  TimeoutError error(ErrorInfo{});
  const auto wall =
      testing::time_it([&] { error = expect_error<TimeoutError>([&] { runtime.call(ir, "A", greet()); }); });
  CHECK(wall < 500ms);
  CHECK(error.kind() == TimeoutKind::Total);
  CHECK(error.limit() == 1s);
  CHECK(error.elapsed() < 500ms);
  CHECK(error.info().refused_wait == 5s);
  REQUIRE(error.info().cause);
  CHECK(error.info().cause->status == 503);
  CHECK(history(error.attempts()) == Lines{"A 1/4 HttpError 503"});
  const json json_form = error.to_json();
  CHECK(json_form["refused_wait_ms"] == 5000);
  CHECK(json_form["cause"]["type"] == "HttpError");
  CHECK(error.message().find("waiting 5s to retry would outlast the budget") != std::string::npos);
  CHECK(error.message().find("last attempt A (attempt 1 of 4): http: status 503") != std::string::npos);
}

TEST_CASE("e2e budget: a Retry-After that would outlast the budget is not slept either") {
  Runtime runtime;
  const ClientIr ir =
      testing::client_ir({testing::leaf_json("A", unique_model("status=429,retry_after=30"), nullptr, "Quick"),
                          testing::composite_json("Agent", "fallback", {"A"}, json{{"total_ms", 2000}})},
                         {testing::constant_policy_json("Quick", 3, 10)});
  const TimeoutError error = expect_error<TimeoutError>([&] { runtime.call(ir, "Agent", greet()); });
  CHECK(error.kind() == TimeoutKind::Total);
  CHECK(error.info().budget_client == "Agent");
  CHECK(error.info().refused_wait == 30s);
  CHECK(history(error.attempts()) == Lines{"Agent>A 1/4 HttpError 429"});
}

TEST_CASE("e2e budget: limits, deadlines and waits too long to represent never pass, rather than at once") {
  Runtime runtime;
  // request_timeout and total_timeout 3,000,000h: ~10^22 ns, past a time point's 64 bits.
  constexpr std::int64_t kHugeMs = std::int64_t{3'000'000} * 3'600'000;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model(""), json{{"request_ms", kHugeMs}, {"total_ms", kHugeMs}})});
  CHECK(history(runtime.call(ir, "A", greet()).attempts) == Lines{"A 1/1 ok"});
  // `bamlc call --timeout 2562047h`: the caller's budget saturates too.
  CallOptions options;
  options.timeout = std::chrono::hours(2'562'047);
  CHECK(history(runtime.call(ir, "A", greet(), options).attempts) == Lines{"A 1/1 ok"});
  // A Retry-After millennia ahead (an HTTP date, then delay-seconds past 64 bits of milliseconds),
  // inside a budget of 2 s: refused at once, not wrapped into the past and retried at once.
  for (const std::string& hint : {std::string("retry_after_date=100000000000"),
                                  std::string("retry_after=100000000000000000000")}) {
    CAPTURE(hint);
    const ClientIr far =
        testing::client_ir({testing::leaf_json("B", unique_model("status=429," + hint), nullptr, "Quick"),
                            testing::composite_json("Agent", "fallback", {"B"}, json{{"total_ms", 2000}})},
                           {testing::constant_policy_json("Quick", 3, 10)});
    const TimeoutError error = expect_error<TimeoutError>([&] { runtime.call(far, "Agent", greet()); });
    CHECK(error.kind() == TimeoutKind::Total);
    REQUIRE(error.info().refused_wait);
    CHECK(*error.info().refused_wait > std::chrono::hours(24 * 365 * 1000));
    CHECK(error.elapsed() < 1s);
    CHECK(history(error.attempts()) == Lines{"Agent>B 1/4 HttpError 429"});
  }
}

TEST_CASE("e2e budget: a refused wait in one child does not stop the fallback while the budget lasts") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("status=503"), nullptr, "Slow"), testing::leaf_json("B", unique_model("")),
       testing::composite_json("Agent", "fallback", {"A", "B"}, json{{"total_ms", 2000}})},
      {testing::constant_policy_json("Slow", 3, 5000)});
  const Response response = runtime.call(ir, "Agent", greet());
  CHECK(history(response.attempts) == Lines{"Agent>A 1/4 HttpError 503", "Agent>B 1/1 ok"});
}

TEST_CASE("e2e budget: a caller's deadline shorter than every declared limit") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("ttfb=10s"), json{{"time_to_first_token_ms", 3000}, {"total_ms", 5000}}),
       testing::leaf_json("B", unique_model("")),
       testing::composite_json("Agent", "fallback", {"A", "B"}, json{{"total_ms", 8000}})});
  for (bool absolute : {false, true}) {
    CAPTURE(absolute);
    CallOptions options;
    if (absolute) {
      options.deadline = std::chrono::steady_clock::now() + 250ms;
    } else {
      options.timeout = 250ms;
    }
    TimeoutError error(ErrorInfo{});
    const auto wall = testing::time_it(
        [&] { error = expect_error<TimeoutError>([&] { runtime.call(ir, "Agent", greet(), options); }); });
    CHECK(error.kind() == TimeoutKind::Deadline);
    CHECK(error.elapsed() >= error.limit());
    CHECK(error.limit() <= 250ms);
    CHECK(wall < 1500ms);
    CHECK_FALSE(error.info().budget_client.has_value());
    CHECK(history(error.attempts()) == Lines{"Agent>A 1/1 TimeoutError deadline"});
  }
  // The caller's deadline refuses a wait too, as a deadline timeout.
  const ClientIr retrying = testing::client_ir({testing::leaf_json("A", unique_model("status=503"), nullptr, "Slow")},
                                               {testing::constant_policy_json("Slow", 2, 1000)});
  CallOptions options;
  options.timeout = 500ms;
  const TimeoutError refused = expect_error<TimeoutError>([&] { runtime.call(retrying, "A", greet(), options); });
  CHECK(refused.kind() == TimeoutKind::Deadline);
  CHECK(refused.info().refused_wait == 1s);
  CHECK(history(refused.attempts()) == Lines{"A 1/3 HttpError 503"});
  REQUIRE(refused.info().cause != nullptr);
  CHECK(refused.info().cause->status == 503);
}

TEST_CASE("e2e budget: cancelling from another thread during a stream ends it and the strategy") {
  Runtime runtime;
  const std::string backup = unique_model("");
  const ClientIr ir =
      testing::client_ir({testing::leaf_json("A", unique_model("drip=40ms"), nullptr, "Retry"),
                          testing::leaf_json("B", backup), testing::composite_json("Agent", "fallback", {"A", "B"})},
                         {testing::constant_policy_json("Retry", 3, 10)});
  const long before = testing::disconnects();
  CancellationToken token;
  CallOptions options;
  options.cancel = token;
  std::string streamed;
  CancelledError error(ErrorInfo{});
  const auto wall = testing::time_it([&] {
    DelayedCancel cancel(token, 300ms);
    error = expect_error<CancelledError>([&] {
      runtime.stream(ir, "Agent", greet(), options, [&](std::string_view delta) { streamed.append(delta); });
    });
  });
  CHECK(wall >= 300ms);
  CHECK(wall < 1500ms);
  CHECK_FALSE(streamed.empty());
  CHECK(history(error.info().attempts) == Lines{"Agent>A 1/4 CancelledError"});
  CHECK(testing::requests_for(backup) == 0);
  CHECK(testing::disconnect_seen(before));
}

TEST_CASE("e2e budget: cancelling during a backoff wait ends the call at once") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir({testing::leaf_json("A", unique_model("status=503"), nullptr, "Slow")},
                                         {testing::constant_policy_json("Slow", 2, 5000)});
  CancellationToken token;
  CallOptions options;
  options.cancel = token;
  SUBCASE("call") {
    CancelledError error(ErrorInfo{});
    const auto wall = testing::time_it([&] {
      DelayedCancel cancel(token, 200ms);
      error = expect_error<CancelledError>([&] { runtime.call(ir, "A", greet(), options); });
    });
    CHECK(wall < 1500ms);
    CHECK(error.info().path == std::vector<std::string>{"A"});
    CHECK(history(error.info().attempts) == Lines{"A 1/3 HttpError 503"});
  }
  SUBCASE("submit") {
    CallFuture future = runtime.submit(ir, "A", greet(), options);
    std::this_thread::sleep_for(200ms);
    CancelledError error(ErrorInfo{});
    const auto wall = testing::time_it([&] {
      token.cancel();
      error = expect_error<CancelledError>([&] { future.get(); });
    });
    CHECK(wall < 1s);
    CHECK(history(error.info().attempts) == Lines{"A 1/3 HttpError 503"});
  }
}

// The x-envoy-upstream-rq-timeout-ms values the mock received with `model`, in order.
std::vector<long> deadline_headers_sent(const std::string& model) {
  std::vector<long> sent;
  for (const json& request : testing::mock_requests()) {
    if (request["model"] == model)
      sent.push_back(std::stol(request["headers"]["x-envoy-upstream-rq-timeout-ms"].get<std::string>()));
  }
  return sent;
}

TEST_CASE("e2e budget: the deadline header carries the remaining budget on each attempt") {
  Runtime runtime;
  const std::string model = unique_model("fail_first=1");
  json a = testing::leaf_json("A", model, json{{"request_ms", 10000}}, "Wait");
  a["deadline_header"] = "x-envoy-upstream-rq-timeout-ms";
  const ClientIr ir =
      testing::client_ir({a, testing::composite_json("Agent", "fallback", {"A"}, json{{"total_ms", 3000}})},
                         {testing::constant_policy_json("Wait", 1, 400)});
  CallOptions options;
  options.timeout = 2000ms;  // tighter than Agent's total: the header follows the caller
  const Response response = runtime.call(ir, "Agent", greet(), options);
  CHECK(history(response.attempts) == Lines{"Agent>A 1/2 HttpError 503", "Agent>A 2/2 ok after 400ms"});
  const std::vector<long> sent = deadline_headers_sent(model);
  REQUIRE(sent.size() == 2);
  CHECK(sent[0] <= 2000);
  CHECK(sent[0] > 1800);
  CHECK(sent[1] <= 1600);  // 400ms later
  CHECK(sent[1] > 1300);
}

TEST_CASE("e2e budget: a deadline header declared on the composite is sent by its leaves") {
  Runtime runtime;
  const std::string model = unique_model("");
  json agent = testing::composite_json("Agent", "fallback", {"A"}, json{{"total_ms", 3000}});
  agent["deadline_header"] = "x-envoy-upstream-rq-timeout-ms";
  const ClientIr ir = testing::client_ir({testing::leaf_json("A", model), agent});
  const Response response = runtime.call(ir, "Agent", greet());
  CHECK(history(response.attempts) == Lines{"Agent>A 1/1 ok"});
  const std::vector<long> sent = deadline_headers_sent(model);
  REQUIRE(sent.size() == 1);
  CHECK(sent[0] <= 3000);
  CHECK(sent[0] > 2500);
}

TEST_CASE("e2e budget: destroying the Runtime ends a call that waits with a CancelledError") {
  CallFuture future;
  {
    Runtime runtime;
    const ClientIr ir = testing::client_ir({testing::leaf_json("A", unique_model("status=503"), nullptr, "Slow")},
                                           {testing::constant_policy_json("Slow", 2, 5000)});
    future = runtime.submit(ir, "A", greet());
    std::this_thread::sleep_for(150ms);
  }
  const CancelledError error = expect_error<CancelledError>([&] { future.get(); });
  CHECK(error.message().find("the runtime shut down") != std::string::npos);
  CHECK(history(error.info().attempts) == Lines{"A 1/3 HttpError 503"});
}

}  // namespace
}  // namespace baml
