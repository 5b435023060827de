// A loop kept busy past a limit (here a timer callback that sleeps on the loop's thread) must not
// turn an answer that arrived before the limit into a timeout: the data waiting on a transfer's
// socket is read before the transfer's limits are checked. A transfer with nothing to read is cut
// at once, before the reads of others.
#include <doctest/doctest.h>

#include <future>
#include <thread>

#include "http/engine.h"
#include "providers/provider.h"
#include "testing/e2e_support.h"

namespace baml {
namespace {

using namespace std::chrono_literals;

// An OpenAI-format attempt at the shared mock server, `model` selecting its faults, cut by a
// request limit of `limit`.
AttemptSpec attempt_at_mock(const std::string& model, milliseconds limit) {
  const ClientSpec client = testing::openai_client(model);
  AttemptSpec spec;
  spec.path = {"Primary"};
  spec.provider = &provider_for(client);
  spec.request.url = testing::shared_mock_server().openai_base_url() + "/chat/completions";
  spec.request.headers = {{"Content-Type", "application/json"}};
  spec.request.body = R"({"model":")" + model + R"(","messages":[{"role":"user","content":"hi"}]})";
  spec.limits.request = limit;
  spec.call_start = real_clock().now();
  return spec;
}

std::future<AttemptResult> start(Engine& engine, AttemptSpec spec) {
  auto outcome = std::make_shared<std::promise<AttemptResult>>();
  std::future<AttemptResult> future = outcome->get_future();
  AttemptObserver observer;
  observer.on_done = [outcome](AttemptResult result) { outcome->set_value(std::move(result)); };
  engine.start(std::move(spec), std::move(observer));
  return future;
}

TEST_CASE("an answer that arrived before its limit survives a loop busy past the limit") {
  Engine engine(real_clock());
  // Answers after 100 ms, whole; its request limit is 300 ms. The loop is kept busy from 50 ms to
  // 600 ms, so when it looks again the limit has passed and the answer is waiting.
  std::future<AttemptResult> answered = start(engine, attempt_at_mock("mock:ttfb=100ms", 300ms));
  // Cut at 300 ms whatever the loop does: nothing arrives for 10 s.
  std::future<AttemptResult> silent = start(engine, attempt_at_mock("mock:ttfb=10s", 300ms));
  engine.schedule(real_clock().now() + 50ms, [](bool) { std::this_thread::sleep_for(550ms); });
  REQUIRE(answered.wait_for(10s) == std::future_status::ready);
  const AttemptResult result = answered.get();
  REQUIRE(std::holds_alternative<Response>(result));
  CHECK(std::get<Response>(result).text.find("mock") != std::string::npos);

  REQUIRE(silent.wait_for(10s) == std::future_status::ready);
  const AttemptResult cut = silent.get();
  REQUIRE(std::holds_alternative<ErrorInfo>(cut));
  const ErrorInfo& error = std::get<ErrorInfo>(cut);
  CHECK(error.type == ErrorType::Timeout);
  CHECK(error.timeout_kind == TimeoutKind::Request);
  // Reported when the loop was free again, late by the time it was kept busy, not by more.
  REQUIRE(error.elapsed);
  CHECK(*error.elapsed >= 300ms);
  CHECK(*error.elapsed < 5s);
}

}  // namespace
}  // namespace baml
