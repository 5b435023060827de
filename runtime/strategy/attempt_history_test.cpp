// An attempt's record, from a success and from each kind of failure, and its JSON and text forms.
#include <doctest/doctest.h>

#include <baml/collector.h>

#include "strategy/attempt_history.h"

namespace baml {
namespace {

using namespace std::chrono_literals;

TEST_CASE("a success is recorded with its timings, status and usage") {
  Response response;
  response.client = "Primary";
  response.status = 200;
  response.usage.input_tokens = 7;
  response.usage.output_tokens = 3;
  response.bytes_received = 120;
  response.timings.connect = 1500us;
  response.timings.first_token = 40ms;
  response.timings.total = 55ms;
  SecretRedactor redactor;
  const AttemptRecord record = make_attempt_record(response, {{"Agent", "Primary"}, 2, 4, 200ms, std::nullopt}, redactor);
  CHECK(record.outcome == AttemptOutcome::Ok);
  CHECK(record.client() == "Primary");
  CHECK(attempt_to_json(record) == nlohmann::json::parse(R"({
    "client": "Primary", "path": ["Agent", "Primary"], "attempt": 2, "of": 4, "outcome": "ok",
    "status": 200, "wait_before_ms": 200, "connect_ms": 1, "first_token_ms": 40, "elapsed_ms": 55,
    "usage": {"input_tokens": 7, "output_tokens": 3}, "bytes_received": 120})"));
  CHECK(describe_attempt(record) == "Agent \u2192 Primary (attempt 2 of 4): waited 200ms, ok, first token 40ms, 55ms");
}

TEST_CASE("a failure is recorded with its type, kind and a scrubbed message") {
  ErrorInfo error;
  error.type = ErrorType::Timeout;
  error.timeout_kind = TimeoutKind::TimeToFirstToken;
  error.limit = 100ms;
  error.elapsed = 101ms;
  error.path = {"Agent", "Primary"};
  error.attempt = 1;
  error.max_attempts = 2;
  error.status = 200;
  error.partial_text = "sk-secret-0123456789";
  error.bytes_received = 0;
  error.timings = AttemptTimings{2ms, 3ms, std::nullopt, 104ms};
  SecretRedactor redactor;
  redactor.add("sk-secret-0123456789");
  const AttemptRecord record = make_attempt_record(error, {{"Agent", "Primary"}, 1, 2, std::nullopt, std::nullopt}, redactor);
  const nlohmann::json json = attempt_to_json(record);
  CHECK(json["outcome"] == "error");
  CHECK(json["error_type"] == "TimeoutError");
  CHECK(json["kind"] == "time_to_first_token");
  CHECK(json["status"] == 200);
  CHECK(json["connect_ms"] == 2);
  CHECK(json["elapsed_ms"] == 104);
  CHECK_FALSE(json.contains("first_token_ms"));
  CHECK_FALSE(json.contains("wait_before_ms"));
  CHECK(json["message"] ==
        "timeout: Agent \u2192 Primary: no first token after 101ms (time_to_first_token_timeout 100ms, attempt 1 of "
        "2, 0 B received)");
  CHECK(describe_attempt(record) == "Agent \u2192 Primary (attempt 1 of 2): TimeoutError time_to_first_token, 104ms");

  ErrorInfo http;
  http.type = ErrorType::Http;
  http.status = 503;
  http.detail = "echo sk-secret-0123456789";
  const AttemptRecord http_record = make_attempt_record(http, {{"B"}, 1, 1, 50ms, std::nullopt}, redactor);
  CHECK(describe_attempt(http_record) == "B (attempt 1 of 1): waited 50ms, HttpError 503, 0ms");
  CHECK(http_record.message.str().find("sk-secret") == std::string::npos);
  CHECK(http_record.message.str().find("[REDACTED]") != std::string::npos);
}

TEST_CASE("the collector keeps every call, from any thread, and sums usage over attempts") {
  Collector collector;
  AttemptRecord failed;
  failed.outcome = AttemptOutcome::Error;
  failed.usage.output_tokens = 4;
  AttemptRecord ok;
  ok.usage.input_tokens = 10;
  ok.usage.output_tokens = 6;
  CHECK(total_usage({failed, ok}).output_tokens == 10);
  CHECK(total_usage({failed, ok}).input_tokens == 10);
  CHECK_FALSE(total_usage({}).known());
  CallRecord call;
  call.client = "Agent";
  call.attempts = {failed, ok};
  call.usage = total_usage(call.attempts);
  collector.add(call);
  REQUIRE(collector.last());
  CHECK(collector.calls().size() == 1);
  const nlohmann::json json = collector.to_json();
  CHECK(json[0]["client"] == "Agent");
  CHECK(json[0]["outcome"] == "ok");
  CHECK(json[0]["attempts"].size() == 2);
  CHECK(json[0]["usage"]["output_tokens"] == 10);
  collector.clear();
  CHECK(collector.calls().empty());
}

}  // namespace
}  // namespace baml
