// A call's future: the outcome handed over from another thread, std::future's interface, and an
// error made its typed exception by the reader.
#include <doctest/doctest.h>

#include <stdexcept>
#include <thread>

#include <baml/call_future.h>
#include <baml/errors.h>

namespace baml {
namespace {

using namespace std::chrono_literals;

TEST_CASE("a fulfilled future gives its response once") {
  auto state = std::make_shared<CallFuture::State>();
  CallFuture future(state);
  CHECK(future.valid());
  CHECK_FALSE(future.ready());
  CHECK(future.wait_for(1ms) == std::future_status::timeout);
  Response response;
  response.text = "hi";
  state->fulfil(response);
  CHECK(future.ready());
  CHECK(future.wait_for(0s) == std::future_status::ready);
  CHECK(future.get().text == "hi");
  CHECK_FALSE(future.valid());
  CHECK_THROWS_AS(future.get(), std::future_error);
  CHECK_THROWS_AS(future.wait(), std::future_error);
}

TEST_CASE("an error handed over as data is thrown as its typed exception by get()") {
  auto state = std::make_shared<CallFuture::State>();
  CallFuture future(state);
  ErrorInfo error;
  error.type = ErrorType::Timeout;
  error.timeout_kind = TimeoutKind::Idle;
  error.limit = 100ms;
  error.elapsed = 101ms;
  error.path = {"Primary"};
  state->fail(error);
  state->fulfil(Response{});  // too late: the first outcome stands
  try {
    future.get();
    FAIL("get() returned");
  } catch (const TimeoutError& timeout) {
    CHECK(timeout.kind() == TimeoutKind::Idle);
    CHECK(timeout.client() == "Primary");
  }
}

TEST_CASE("an exception given as such is rethrown") {
  auto state = std::make_shared<CallFuture::State>();
  CallFuture future(state);
  state->fail(std::make_exception_ptr(std::runtime_error("before the call started")));
  CHECK_THROWS_WITH_AS(future.get(), "before the call started", std::runtime_error);
}

TEST_CASE("a reader waiting on another thread is woken by the outcome") {
  auto state = std::make_shared<CallFuture::State>();
  CallFuture future(state);
  std::thread setter([state] {
    std::this_thread::sleep_for(20ms);
    Response response;
    response.text = "late";
    state->fulfil(std::move(response));
  });
  future.wait();
  CHECK(future.wait_until(std::chrono::system_clock::now()) == std::future_status::ready);
  CHECK(future.get().text == "late");
  setter.join();
}

TEST_CASE("a default future has no call") {
  CallFuture none;
  CHECK_FALSE(none.valid());
  CHECK_THROWS_AS(none.ready(), std::future_error);
  CHECK_THROWS_AS(none.wait_for(1ms), std::future_error);
}

}  // namespace
}  // namespace baml
