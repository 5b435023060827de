// End to end, the strategies against the real mock server: retries with their waits, Retry-After,
// retry_on, fallback order and what it moves on from, round-robin rotation across calls and
// threads, nested composites, a retry policy on a composite, a leaf's policy inside its fallback
// slot, streaming through a retry, the collector, a client override, and many chains in flight.
// Every test asserts the whole attempt history, not only the outcome.
#include <doctest/doctest.h>

#include <map>
#include <mutex>
#include <thread>
#include <vector>

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

TEST_CASE("e2e strategy: fail_first=2 makes the third attempt succeed after the backoff's waits") {
  Runtime runtime;
  const std::string model = unique_model("fail_first=2,reply=finally");
  const ClientIr ir = testing::client_ir({testing::leaf_json("A", model, nullptr, "Backoff")},
                                         {testing::exponential_policy_json("Backoff", 3, 60, 2.0, 1000)});
  Response response;
  const auto wall = testing::time_it([&] { response = runtime.call(ir, "A", greet()); });
  CHECK(response.text.rfind("finally", 0) == 0);
  CHECK(history(response.attempts) ==
        Lines{"A 1/4 HttpError 503", "A 2/4 HttpError 503 after 60ms", "A 3/4 ok after 120ms"});
  CHECK(wall >= 180ms);
  CHECK(wall < 2s);
  CHECK(testing::requests_for(model) == 3);
  const json attempts = attempts_to_json(response.attempts);
  CHECK(attempts[1]["wait_before_ms"] == 60);
  CHECK(attempts[2]["outcome"] == "ok");
  CHECK(attempts[0]["error_type"] == "HttpError");
  CHECK(attempts[0]["status"] == 503);
}

TEST_CASE("e2e strategy: when retries run out the error is the last attempt's, with every attempt") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir({testing::leaf_json("A", unique_model("fail_first=9"), nullptr, "Twice")},
                                         {testing::constant_policy_json("Twice", 2, 20)});
  const HttpError error = expect_error<HttpError>([&] { runtime.call(ir, "A", greet()); });
  CHECK(error.status() == 503);
  CHECK(error.attempt() == 3);
  CHECK(error.info().max_attempts == 3);
  CHECK(history(error.attempts()) ==
        Lines{"A 1/3 HttpError 503", "A 2/3 HttpError 503 after 20ms", "A 3/3 HttpError 503 after 20ms"});
  CHECK(error.to_json()["attempts"].size() == 3);
  CHECK(error.message().find("attempt 3 of 3") != std::string::npos);
}

TEST_CASE("e2e strategy: Retry-After on a 429 is waited when longer than the backoff") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("fail_first=1,status=429,retry_after=0.3"), nullptr, "Quick")},
      {testing::constant_policy_json("Quick", 2, 10)});
  Response response;
  const auto wall = testing::time_it([&] { response = runtime.call(ir, "A", greet()); });
  CHECK(history(response.attempts) == Lines{"A 1/3 HttpError 429", "A 2/3 ok after 300ms"});
  CHECK(wall >= 300ms);
  CHECK(wall < 2s);
}

TEST_CASE("e2e strategy: Retry-After as an HTTP date, and retry-after-ms alone, on a 503") {
  Runtime runtime;
  SUBCASE("an HTTP date two seconds ahead: a wait of one to two seconds (dates have whole seconds)") {
    const ClientIr ir = testing::client_ir(
        {testing::leaf_json("A", unique_model("fail_first=1,status=503,retry_after_date=2"), nullptr, "Quick")},
        {testing::constant_policy_json("Quick", 1, 10)});
    const Response response = runtime.call(ir, "A", greet());
    REQUIRE(response.attempts.size() == 2);
    CHECK(history(response.attempts)[0] == "A 1/2 HttpError 503");
    REQUIRE(response.attempts[1].wait_before.has_value());
    CHECK(*response.attempts[1].wait_before >= 1s);
    CHECK(*response.attempts[1].wait_before <= 2s);
  }
  SUBCASE("retry-after-ms without Retry-After") {
    const ClientIr ir = testing::client_ir(
        {testing::leaf_json("A", unique_model("fail_first=1,status=503,retry_after_ms=250"), nullptr, "Quick")},
        {testing::constant_policy_json("Quick", 1, 10)});
    const Response response = runtime.call(ir, "A", greet());
    CHECK(history(response.attempts) == Lines{"A 1/2 HttpError 503", "A 2/2 ok after 250ms"});
  }
  SUBCASE("a hint on a 500 is not honoured: only 429 and 503 carry one worth waiting for") {
    const ClientIr ir = testing::client_ir(
        {testing::leaf_json("A", unique_model("fail_first=1,status=500,retry_after_ms=5000"), nullptr, "Quick")},
        {testing::constant_policy_json("Quick", 1, 10)});
    const Response response = runtime.call(ir, "A", greet());
    CHECK(history(response.attempts) == Lines{"A 1/2 HttpError 500", "A 2/2 ok after 10ms"});
  }
}

TEST_CASE("e2e strategy: retry_on narrows what is retried") {
  Runtime runtime;
  const ClientIr ir =
      testing::client_ir({testing::leaf_json("A", unique_model("fail_first=1"), nullptr, "LimitsOnly")},
                         {testing::constant_policy_json("LimitsOnly", 3, 10, json::array({"rate_limit"}))});
  const HttpError error = expect_error<HttpError>([&] { runtime.call(ir, "A", greet()); });
  CHECK(history(error.attempts()) == Lines{"A 1/4 HttpError 503"});
}

TEST_CASE("e2e strategy: a connection reset is retried") {
  Runtime runtime;
  const ClientIr ir =
      testing::client_ir({testing::leaf_json("A", unique_model("fail_first=1,reset"), nullptr, "Quick")},
                         {testing::constant_policy_json("Quick", 1, 10)});
  const Response response = runtime.call(ir, "A", greet());
  CHECK(history(response.attempts) == Lines{"A 1/2 ConnectionError reset", "A 2/2 ok after 10ms"});
}

TEST_CASE("e2e strategy: 401 and 400 are never retried, but the fallback moves on") {
  Runtime runtime;
  const std::string unauthorized = unique_model("status=401");
  const ClientIr ir = testing::client_ir({testing::leaf_json("A", unauthorized, nullptr, "Many"),
                                          testing::leaf_json("B", unique_model("status=400"), nullptr, "Many"),
                                          testing::leaf_json("C", unique_model("reply=from C")),
                                          testing::composite_json("Agent", "fallback", {"A", "B", "C"})},
                                         {testing::constant_policy_json("Many", 3, 10)});
  const Response response = runtime.call(ir, "Agent", greet());
  CHECK(response.client == "C");
  CHECK(response.path == std::vector<std::string>{"Agent", "C"});
  CHECK(response.text.rfind("from C", 0) == 0);
  CHECK(history(response.attempts) ==
        Lines{"Agent>A 1/4 HttpError 401", "Agent>B 1/4 HttpError 400", "Agent>C 1/1 ok"});
  CHECK(testing::requests_for(unauthorized) == 1);
}

TEST_CASE("e2e strategy: libcurl never re-sends a request on its own when a kept-alive connection dies") {
  // libcurl, left to itself, sends a request again on a fresh connection when a reused one closes
  // before the first response byte ("Connection died, retrying a fresh connect"): a hidden second
  // request that the provider may bill, outside the attempt history and the retry policy.
  Runtime runtime;
  const std::string warm = unique_model("");
  const std::string dies = unique_model("reset");
  const ClientIr ir = testing::client_ir({testing::leaf_json("Warm", warm), testing::leaf_json("Dies", dies)});
  CHECK(runtime.call(ir, "Warm", greet()).attempts.size() == 1);  // leaves a kept-alive connection
  const ConnectionError error = expect_error<ConnectionError>([&] { runtime.call(ir, "Dies", greet()); });
  CHECK(history(error.attempts()) == Lines{"Dies 1/1 ConnectionError reset"});
  CHECK(testing::requests_for(dies) == 1);
}

TEST_CASE("e2e strategy: fallback tries its children in order until one answers") {
  Runtime runtime;
  const std::string resets = unique_model("reset");
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("status=503")), testing::leaf_json("B", resets),
       testing::leaf_json("C", unique_model("")), testing::leaf_json("D", unique_model("")),
       testing::composite_json("Agent", "fallback", {"A", "B", "C", "D"})});
  const Response response = runtime.call(ir, "Agent", greet());
  CHECK(history(response.attempts) ==
        Lines{"Agent>A 1/1 HttpError 503", "Agent>B 1/1 ConnectionError reset", "Agent>C 1/1 ok"});
  const std::string message = response.attempts[0].message;
  CHECK(message.find("Greet via Agent \u2192 A") != std::string::npos);
  CHECK(testing::requests_for(resets) == 1);  // B's one attempt was one request on the wire
}

TEST_CASE("e2e strategy: when every child fails the error is the last child's") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir({testing::leaf_json("A", unique_model("status=503")),
                                          testing::leaf_json("B", unique_model("status=429")),
                                          testing::composite_json("Agent", "fallback", {"A", "B"})});
  const HttpError error = expect_error<HttpError>([&] { runtime.call(ir, "Agent", greet()); });
  CHECK(error.status() == 429);
  CHECK(error.path() == std::vector<std::string>{"Agent", "B"});
  CHECK(history(error.attempts()) == Lines{"Agent>A 1/1 HttpError 503", "Agent>B 1/1 HttpError 429"});
}

TEST_CASE("e2e strategy: a disallowed finish reason stops the fallback") {
  Runtime runtime;
  json a = testing::leaf_json("A", unique_model(""));
  a["options"]["finish_reason_deny_list"] = {"stop"};
  const std::string b_model = unique_model("");
  const ClientIr ir = testing::client_ir(
      {a, testing::leaf_json("B", b_model), testing::composite_json("Agent", "fallback", {"A", "B"})});
  const FinishReasonError error = expect_error<FinishReasonError>([&] { runtime.call(ir, "Agent", greet()); });
  CHECK(error.finish_reason() == "stop");
  CHECK(history(error.attempts()) == Lines{"Agent>A 1/1 FinishReasonError"});
  CHECK(testing::requests_for(b_model) == 0);
}

TEST_CASE("e2e strategy: round-robin starts at `start` and rotates across calls") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("reply=A")), testing::leaf_json("B", unique_model("reply=B")),
       testing::leaf_json("C", unique_model("reply=C")),
       testing::composite_json("Spread", "round-robin", {"A", "B", "C"}, nullptr, nullptr, 1)});
  Lines picks;
  for (int i = 0; i < 4; ++i) {
    const Response response = runtime.call(ir, "Spread", greet());
    REQUIRE(response.attempts.size() == 1);
    picks.push_back(history(response.attempts)[0]);
  }
  CHECK(picks == Lines{"Spread>B 1/1 ok", "Spread>C 1/1 ok", "Spread>A 1/1 ok", "Spread>B 1/1 ok"});
  // A second Runtime has its own rotation.
  Runtime other;
  CHECK(other.call(ir, "Spread", greet()).client == "B");
}

TEST_CASE("e2e strategy: round-robin shares its rotation across threads") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("")), testing::leaf_json("B", unique_model("")),
       testing::leaf_json("C", unique_model("")), testing::composite_json("Spread", "round-robin", {"A", "B", "C"})});
  std::mutex mutex;
  std::map<std::string, int> hits;
  std::map<std::string, int> histories;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 6; ++i) {
        const Response response = runtime.call(ir, "Spread", greet());
        std::lock_guard lock(mutex);
        ++hits[response.client];
        for (const std::string& line : history(response.attempts)) ++histories[line];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(histories ==
        std::map<std::string, int>{{"Spread>A 1/1 ok", 8}, {"Spread>B 1/1 ok", 8}, {"Spread>C 1/1 ok", 8}});
  CHECK(hits == std::map<std::string, int>{{"A", 8}, {"B", 8}, {"C", 8}});
}

TEST_CASE("e2e strategy: nested composites") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("status=502")), testing::leaf_json("B", unique_model("status=401")),
       testing::leaf_json("C", unique_model("status=500")), testing::leaf_json("D", unique_model("reply=D")),
       testing::composite_json("Inner", "fallback", {"A", "B"}),
       testing::composite_json("Spread", "round-robin", {"C", "D"}),
       testing::composite_json("Outer", "fallback", {"Inner", "Spread"})});
  // First call: the inner fallback fails through, the round-robin's turn is C, which fails too.
  const HttpError error = expect_error<HttpError>([&] { runtime.call(ir, "Outer", greet()); });
  CHECK(error.status() == 500);
  CHECK(error.path() == std::vector<std::string>{"Outer", "Spread", "C"});
  CHECK(history(error.attempts()) == Lines{"Outer>Inner>A 1/1 HttpError 502", "Outer>Inner>B 1/1 HttpError 401",
                                           "Outer>Spread>C 1/1 HttpError 500"});
  // Second call: the round-robin's turn is D.
  const Response response = runtime.call(ir, "Outer", greet());
  CHECK(response.path == std::vector<std::string>{"Outer", "Spread", "D"});
  CHECK(history(response.attempts) ==
        Lines{"Outer>Inner>A 1/1 HttpError 502", "Outer>Inner>B 1/1 HttpError 401", "Outer>Spread>D 1/1 ok"});
}

TEST_CASE("e2e strategy: a retry policy on a composite repeats its whole strategy, waiting between rounds") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("fail_first=2")), testing::leaf_json("B", unique_model("fail_first=2")),
       testing::composite_json("Agent", "fallback", {"A", "B"}, nullptr, "Rounds")},
      {testing::constant_policy_json("Rounds", 2, 80)});
  Response response;
  const auto wall = testing::time_it([&] { response = runtime.call(ir, "Agent", greet()); });
  CHECK(response.client == "A");
  CHECK(history(response.attempts) ==
        Lines{"Agent>A 1/1 Agent#1/3 HttpError 503", "Agent>B 1/1 Agent#1/3 HttpError 503",
              "Agent>A 1/1 Agent#2/3 HttpError 503 after 80ms", "Agent>B 1/1 Agent#2/3 HttpError 503",
              "Agent>A 1/1 Agent#3/3 ok after 80ms"});
  CHECK(wall >= 160ms);
  CHECK(wall < 2s);
  // The round is in the attempt's label and JSON, so a leaf's "attempt 1 of 1" on the third round
  // does not read like the first try.
  CHECK(describe_attempt(response.attempts[4]).rfind("Agent \u2192 A (Agent round 3 of 3, attempt 1 of 1): ", 0) == 0);
  const json round = attempt_to_json(response.attempts[2])["round"];
  CHECK(round == json{{"client", "Agent"}, {"round", 2}, {"of", 3}});
  CHECK_FALSE(attempt_to_json(AttemptRecord{}).contains("round"));  // absent without a repeating composite
}

TEST_CASE("e2e strategy: when a composite's rounds run out, the error names its last round") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("status=503")),
       testing::composite_json("Agent", "fallback", {"A"}, nullptr, "Rounds")},
      {testing::constant_policy_json("Rounds", 1, 10)});
  const HttpError error = expect_error<HttpError>([&] { runtime.call(ir, "Agent", greet()); });
  CHECK(history(error.attempts()) ==
        Lines{"Agent>A 1/1 Agent#1/2 HttpError 503", "Agent>A 1/1 Agent#2/2 HttpError 503 after 10ms"});
  CHECK(error.message().find("(Agent round 2 of 2, attempt 1 of 1)") != std::string::npos);
  CHECK(error.to_json()["round"] == json{{"client", "Agent"}, {"round", 2}, {"of", 2}});
}

TEST_CASE("e2e strategy: a round-robin with a retry policy moves to the next child each round") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("status=503")), testing::leaf_json("B", unique_model("")),
       testing::composite_json("Spread", "round-robin", {"A", "B"}, nullptr, "Once")},
      {testing::constant_policy_json("Once", 1, 10)});
  const Response response = runtime.call(ir, "Spread", greet());
  CHECK(history(response.attempts) ==
        Lines{"Spread>A 1/1 Spread#1/2 HttpError 503", "Spread>B 1/1 Spread#2/2 ok after 10ms"});
}

TEST_CASE("e2e strategy: a leaf's own retry policy runs inside its fallback slot") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("status=500"), nullptr, "Quick"), testing::leaf_json("B", unique_model("")),
       testing::composite_json("Agent", "fallback", {"A", "B"})},
      {testing::constant_policy_json("Quick", 1, 30)});
  const Response response = runtime.call(ir, "Agent", greet());
  CHECK(history(response.attempts) ==
        Lines{"Agent>A 1/2 HttpError 500", "Agent>A 2/2 HttpError 500 after 30ms", "Agent>B 1/1 ok"});
}

TEST_CASE("e2e strategy: a stream through a retry shows every attempt's text and marks the abandoned one") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("stall_after=2,reply=one two three four"), json{{"idle_ms", 150}}),
       testing::leaf_json("B", unique_model("reply=five six")),
       testing::composite_json("Agent", "fallback", {"A", "B"})});
  // Deltas in a row are joined into one event, however the text was chunked.
  Lines events;
  CallOptions options;
  options.on_attempt = [&](const AttemptRecord& attempt) { events.push_back("attempt: " + history({attempt})[0]); };
  const Response response = runtime.stream(ir, "Agent", greet(), options, [&](std::string_view delta) {
    if (events.empty() || events.back().rfind("delta: ", 0) != 0) events.emplace_back("delta: ");
    events.back().append(delta);
  });
  CHECK(events == Lines{"delta: one two ", "attempt: Agent>A 1/1 TimeoutError idle", "delta: " + response.text,
                        "attempt: Agent>B 1/1 ok"});
  CHECK(response.text.rfind("five six", 0) == 0);
  CHECK(history(response.attempts) == Lines{"Agent>A 1/1 TimeoutError idle", "Agent>B 1/1 ok"});
}

TEST_CASE("e2e strategy: the collector records every call with its attempts, from any API") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("status=503")), testing::leaf_json("B", unique_model("status=401")),
       testing::leaf_json("C", unique_model("")), testing::composite_json("Agent", "fallback", {"A", "C"}),
       testing::composite_json("Broken", "fallback", {"A", "B"})});
  auto collector = std::make_shared<Collector>();
  CallOptions options;
  options.collector = collector;
  runtime.call(ir, "Agent", greet(), options);
  CHECK_THROWS_AS(runtime.submit(ir, "Broken", greet(), options).get(), HttpError);
  runtime.stream(ir, "Agent", greet(), options, [](std::string_view) {});
  const std::vector<CallRecord> calls = collector->calls();
  REQUIRE(calls.size() == 3);
  CHECK(calls[0].client == "Agent");
  CHECK(calls[0].outcome == AttemptOutcome::Ok);
  CHECK(history(calls[0].attempts) == Lines{"Agent>A 1/1 HttpError 503", "Agent>C 1/1 ok"});
  CHECK(calls[0].usage.output_tokens.has_value());
  CHECK(calls[0].attempts[1].timings.first_token.has_value());
  CHECK(calls[0].attempts[1].status == 200);
  CHECK(calls[1].outcome == AttemptOutcome::Error);
  CHECK(calls[1].error_type == ErrorType::Http);
  CHECK(history(calls[1].attempts) == Lines{"Broken>A 1/1 HttpError 503", "Broken>B 1/1 HttpError 401"});
  CHECK(calls[2].function == "Greet");
  CHECK(collector->to_json().size() == 3);
}

TEST_CASE("e2e strategy: a client override calls another client of the IR") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("status=503")), testing::leaf_json("B", unique_model("reply=override"))});
  CallOptions options;
  options.client_override = "B";
  const Response response = runtime.call(ir, "A", greet(), options);
  CHECK(response.client == "B");
  CHECK(history(response.attempts) == Lines{"B 1/1 ok"});
  options.client_override = "Nope";
  const ConfigError unknown = expect_error<ConfigError>([&] { runtime.call(ir, "A", greet(), options); });
  CHECK(unknown.info().attempts.empty());  // refused before anything was sent
  CHECK_THROWS_AS(runtime.submit(ir, "A", greet(), options).get(), ConfigError);
}

TEST_CASE("e2e strategy: the caller's headers go with every attempt") {
  Runtime runtime;
  const std::string model = unique_model("fail_first=1");
  const ClientIr ir = testing::client_ir({testing::leaf_json("A", model, nullptr, "Quick")},
                                         {testing::constant_policy_json("Quick", 1, 10)});
  CallOptions options;
  options.headers = {{"x-trace-id", "abc123"}};
  runtime.call(ir, "A", greet(), options);
  int seen = 0;
  for (const json& request : testing::mock_requests()) {
    if (request["model"] != model) continue;
    CHECK(request["headers"]["x-trace-id"] == "abc123");
    ++seen;
  }
  CHECK(seen == 2);
}

TEST_CASE("e2e strategy: hundreds of fallback chains with backoff waits in flight on the one engine thread") {
  Runtime runtime;
  const ClientIr ir = testing::client_ir(
      {testing::leaf_json("A", unique_model("status=503"), nullptr, "Wait"), testing::leaf_json("B", unique_model("")),
       testing::composite_json("Agent", "fallback", {"A", "B"})},
      {testing::constant_policy_json("Wait", 1, 300)});
  constexpr int kCalls = 300;
  std::vector<CallFuture> futures;
  const auto wall = testing::time_it([&] {
    for (int i = 0; i < kCalls; ++i) futures.push_back(runtime.submit(ir, "Agent", greet()));
    for (auto& future : futures) {
      const Response response = future.get();
      REQUIRE(history(response.attempts) ==
              Lines{"Agent>A 1/2 HttpError 503", "Agent>A 2/2 HttpError 503 after 300ms", "Agent>B 1/1 ok"});
    }
  });
  // Waits are timers, not threads: all the calls wait at once.
  CHECK(wall >= 300ms);
  CHECK(wall < 5s);
}

}  // namespace
}  // namespace baml
