// The benchmark's request and outcome classification (see calls.h).
#include "calls.h"

namespace runtime_bench {

const baml::Request& bench_request() {
  static const baml::Request request{"Bench", {{"system", "Be brief."}, {"user", "Say hi."}}};
  return request;
}

std::string outcome_name(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const baml::TimeoutError& timeout) {
    return "timeout:" + std::string(baml::to_string(timeout.kind()));
  } catch (const baml::HttpError& http) {
    return "http:" + std::to_string(http.status());
  } catch (const baml::ConnectionError& connection) {
    return "connection:" + std::string(baml::to_string(connection.failure()));
  } catch (const baml::Error& other) {
    return std::string(baml::to_string(other.type()));
  } catch (const std::exception&) {
    return "exception";
  }
}

CallResult collect(baml::CallFuture& future) {
  try {
    future.get();
    return {"ok", std::nullopt, std::nullopt};
  } catch (const baml::TimeoutError& timeout) {
    CallResult result{outcome_name(std::current_exception()), timeout.elapsed() - timeout.limit(), std::nullopt};
    if (timeout.info().refused_wait) {
      std::chrono::nanoseconds spent{0};
      for (const baml::AttemptRecord& attempt : timeout.attempts()) {
        spent += attempt.timings.total;
        if (attempt.wait_before) spent += *attempt.wait_before;
      }
      result.refusal = timeout.elapsed() - spent;
    }
    return result;
  } catch (...) {
    return {outcome_name(std::current_exception()), std::nullopt, std::nullopt};
  }
}

}  // namespace runtime_bench
