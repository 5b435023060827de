// A synchronous caller running the engine's loop itself (Engine::CallerDrive): who runs the loop
// when, that work queued from anywhere meanwhile is run, and that what is left when the caller
// gives the loop up goes on on the engine's thread. Timers stand for every kind of work; the
// end-to-end test at the bottom runs real calls through a Runtime from several threads.
#include <doctest/doctest.h>

#include <atomic>
#include <future>
#include <thread>
#include <vector>

#include "http/engine.h"
#include "testing/e2e_support.h"

namespace baml {
namespace {

using namespace std::chrono_literals;

TEST_CASE("a caller that claims the idle loop runs the work it queues, and work other threads queue meanwhile") {
  Engine engine(real_clock());
  Engine::CallerDrive drive(engine);
  REQUIRE(drive.claimed());
  std::atomic<bool> own_ran{false};
  std::atomic<bool> other_ran{false};
  std::thread::id own_thread;
  std::thread::id other_thread;
  engine.post([&](bool fired) {
    CHECK(fired);
    own_thread = std::this_thread::get_id();
    own_ran = true;
  });
  std::thread other([&] {
    engine.post([&](bool) {
      other_thread = std::this_thread::get_id();
      other_ran = true;
    });
  });
  drive.run_until([&] { return own_ran.load() && other_ran.load(); });
  other.join();
  CHECK(own_thread == std::this_thread::get_id());
  CHECK(other_thread == std::this_thread::get_id());
}

TEST_CASE("only one thread runs the loop: a second caller is refused until the first gives it up") {
  Engine engine(real_clock());
  Engine::CallerDrive first(engine);
  REQUIRE(first.claimed());
  std::async(std::launch::async, [&] {
    Engine::CallerDrive second(engine);
    CHECK_FALSE(second.claimed());
    second.run_until([] { return true; });  // does nothing when not claimed
  }).get();
  first.release();
  CHECK_FALSE(first.claimed());
  std::async(std::launch::async, [&] {
    Engine::CallerDrive third(engine);
    CHECK(third.claimed());
  }).get();
}

TEST_CASE("work left when the caller gives the loop up goes on on the engine's thread") {
  Engine engine(real_clock());
  std::promise<std::thread::id> later;
  {
    Engine::CallerDrive drive(engine);
    REQUIRE(drive.claimed());
    std::atomic<bool> quick{false};
    engine.schedule(std::chrono::steady_clock::now() + 30ms,
                    [&](bool fired) { later.set_value(fired ? std::this_thread::get_id() : std::thread::id{}); });
    engine.post([&](bool) { quick = true; });
    drive.run_until([&] { return quick.load(); });
  }
  std::future<std::thread::id> ran_on = later.get_future();
  REQUIRE(ran_on.wait_for(5s) == std::future_status::ready);
  const std::thread::id thread = ran_on.get();
  CHECK(thread != std::thread::id{});
  CHECK(thread != std::this_thread::get_id());
}

TEST_CASE("while the engine's thread runs the loop, a caller is refused and its work still runs") {
  Engine engine(real_clock());
  // A timer an hour away keeps the engine's thread running the loop.
  engine.schedule(std::chrono::steady_clock::now() + 1h, [](bool) {});
  std::this_thread::sleep_for(20ms);
  Engine::CallerDrive drive(engine);
  CHECK_FALSE(drive.claimed());
  std::promise<std::thread::id> ran;
  engine.post([&](bool) { ran.set_value(std::this_thread::get_id()); });
  std::future<std::thread::id> ran_on = ran.get_future();
  REQUIRE(ran_on.wait_for(5s) == std::future_status::ready);
  CHECK(ran_on.get() != std::this_thread::get_id());
}

TEST_CASE("e2e: synchronous calls from many threads with submitted calls in flight all answer") {
  Runtime runtime;
  const ClientSpec quick = testing::openai_client("mock:reply=quick answer");
  const ClientSpec slow = testing::openai_client("mock:gap=5ms,reply=a b c d");
  std::vector<CallFuture> submitted;
  for (int i = 0; i < 20; ++i) submitted.push_back(runtime.submit(slow, testing::hello_request()));
  std::atomic<int> right{0};
  std::vector<std::thread> callers;
  for (int t = 0; t < 6; ++t) {
    callers.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        std::string streamed;
        const Response response = (t + i) % 2 == 0
                                       ? runtime.call(quick, testing::hello_request())
                                       : runtime.stream(quick, testing::hello_request(), {},
                                                        [&](std::string_view delta) { streamed.append(delta); });
        if (response.text == "quick answer" && ((t + i) % 2 == 0 || streamed == "quick answer")) ++right;
      }
    });
  }
  for (std::thread& caller : callers) caller.join();
  for (auto& future : submitted) CHECK(future.get().text == "a b c d");
  CHECK(right.load() == 6 * 25);
}

TEST_CASE("e2e: a limit of a call left behind by a caller that ran the loop still fires on time") {
  Runtime runtime;
  ClientLimits limits;
  limits.time_to_first_token = 500ms;
  const ClientSpec stuck = testing::openai_client("mock:ttfb=10s", limits);
  CallFuture left_behind;
  std::thread submitter([&] {
    std::this_thread::sleep_for(50ms);  // while the caller below runs the loop
    left_behind = runtime.submit(stuck, testing::hello_request());
  });
  // Answers after ~200 ms: this caller runs the loop, admits the submitted call, then leaves it.
  const Response answered = runtime.call(testing::openai_client("mock:ttfb=200ms,reply=done"), testing::hello_request());
  submitter.join();
  CHECK(answered.text == "done");
  const auto wall = testing::time_it([&] {
    try {
      left_behind.get();
      FAIL("expected a TimeoutError");
    } catch (const TimeoutError& e) {
      CHECK(e.kind() == TimeoutKind::TimeToFirstToken);
      CHECK(e.elapsed() >= 500ms);
      CHECK(e.elapsed() < 3s);
    }
  });
  CHECK(wall < 3s);
}

}  // namespace
}  // namespace baml
