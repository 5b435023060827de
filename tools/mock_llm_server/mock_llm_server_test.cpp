// End-to-end tests of the mock LLM server: each test case starts the real `mock_llm_server` binary
// (through launcher.h: path baked in by CMake, or taken from $BAML_MOCK_LLM_SERVER) on a free port and talks to it with
// libcurl, the HTTP client the runtime uses, so what passes here is what the runtime will see.
// Timing assertions use lower bounds (a delay is at least as long as asked) and loose upper
// bounds, so a loaded machine cannot make them flaky; the suite runs in about five seconds.
// The parsers have their own unit tests in directives_test.cpp and http_wire_test.cpp.
#include <curl/curl.h>
#include <doctest/doctest.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "launcher.h"

namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// ---- The server as a subprocess (launcher.h), without the hang port unless asked ----

class MockServer : public mock_llm::MockServerProcess {
 public:
  explicit MockServer(bool with_hang_port = false) : MockServerProcess(Options{.hang_port = with_hang_port}) {}
};

// ---- libcurl client ----

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
};
const CurlGlobal curl_global;

struct Reply {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::map<std::string, std::string> headers;  // lowercase names
  std::string body;
  double header_seconds = -1;      // when the status line arrived
  double first_body_seconds = -1;  // when the first body byte arrived
  double total_seconds = 0;
  long new_connections = 0;
};

struct Transfer {
  Reply reply;
  Clock::time_point start = Clock::now();
  double since_start() const { return std::chrono::duration<double>(Clock::now() - start).count(); }
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string line(data, size * count);
  if (line.rfind("HTTP/", 0) == 0) {
    if (t->reply.header_seconds < 0) t->reply.header_seconds = t->since_start();
    return size * count;
  }
  std::size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of("\r\n") + 1);
    t->reply.headers[name] = value;
  }
  return size * count;
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  if (t->reply.first_body_seconds < 0) t->reply.first_body_seconds = t->since_start();
  t->reply.body.append(data, size * count);
  return size * count;
}

struct Call {
  std::string method = "POST";
  long timeout_ms = 5000;
  long connect_timeout_ms = 0;
  std::vector<std::string> headers;
};

// Performs one request on `easy`, which the caller may reuse to test keep-alive.
Reply perform(CURL* easy, const std::string& url, const std::string& body, const Call& call = {}) {
  Transfer t;
  curl_slist* headers = nullptr;
  headers = curl_slist_append(headers, "Content-Type: application/json");
  for (const std::string& h : call.headers) headers = curl_slist_append(headers, h.c_str());
  curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
  if (call.method == "POST") {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.c_str());
  } else {
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, call.timeout_ms);
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, call.connect_timeout_ms);
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);
  t.start = Clock::now();
  t.reply.code = curl_easy_perform(easy);
  t.reply.total_seconds = t.since_start();
  curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &t.reply.status);
  curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &t.reply.new_connections);
  curl_slist_free_all(headers);
  return t.reply;
}

Reply request(const std::string& url, const std::string& body, const Call& call = {}) {
  CURL* easy = curl_easy_init();
  Reply reply = perform(easy, url, body, call);
  curl_easy_cleanup(easy);
  return reply;
}

std::string request_body(const std::string& model, bool stream) {
  Json body = {{"model", model}, {"messages", Json::array({{{"role", "user"}, {"content", "Say hello"}}})}};
  if (stream) body["stream"] = true;
  return body.dump();
}

Reply openai(const MockServer& s, const std::string& model, bool stream, const Call& call = {}) {
  return request(s.url("/v1/chat/completions"), request_body(model, stream), call);
}

Reply anthropic(const MockServer& s, const std::string& model, bool stream, const Call& call = {}) {
  return request(s.url("/v1/messages"), request_body(model, stream), call);
}

Json get_json(const MockServer& s, const std::string& path) {
  Call get;
  get.method = "GET";
  return Json::parse(request(s.url(path), "", get).body);
}

// Counters are updated when the server notices a close, a moment after the client's side ends.
Json counters_when(const MockServer& s, const std::function<bool(const Json&)>& ready) {
  Json counters = get_json(s, "/_mock/counters");
  for (int i = 0; i < 40 && !ready(counters); ++i) {
    std::this_thread::sleep_for(25ms);
    counters = get_json(s, "/_mock/counters");
  }
  return counters;
}

struct SseEvent {
  std::string event;  // empty when the event has no `event:` line
  std::string data;
};

// Splits an SSE body into events and counts comment lines (the `ping` keep-alives) apart.
std::vector<SseEvent> parse_sse(const std::string& body, int* comments = nullptr) {
  std::vector<SseEvent> events;
  std::size_t pos = 0;
  while (pos < body.size()) {
    std::size_t end = body.find("\n\n", pos);
    if (end == std::string::npos) break;  // an unfinished event
    std::string block = body.substr(pos, end - pos);
    pos = end + 2;
    SseEvent ev;
    bool has_data = false;
    std::size_t line_start = 0;
    while (line_start <= block.size()) {
      std::size_t nl = block.find('\n', line_start);
      std::string line = block.substr(line_start, nl - line_start);
      line_start = nl == std::string::npos ? block.size() + 1 : nl + 1;
      if (line.rfind(':', 0) == 0) {
        if (comments != nullptr) ++*comments;
      } else if (line.rfind("event: ", 0) == 0) {
        ev.event = line.substr(7);
      } else if (line.rfind("data: ", 0) == 0) {
        ev.data = line.substr(6);
        has_data = true;
      }
    }
    if (has_data) events.push_back(ev);
  }
  return events;
}

std::string openai_stream_text(const std::vector<SseEvent>& events) {
  std::string text;
  for (const SseEvent& e : events) {
    if (e.data == "[DONE]") continue;
    Json delta = Json::parse(e.data)["choices"][0]["delta"];
    if (delta.contains("content")) text += delta["content"].get<std::string>();
  }
  return text;
}

}  // namespace

TEST_CASE("OpenAI: non-streaming and streaming success") {
  MockServer server;
  Reply plain = openai(server, "gpt-4o", false);
  REQUIRE(plain.code == CURLE_OK);
  CHECK(plain.status == 200);
  Json body = Json::parse(plain.body);
  CHECK(body["object"] == "chat.completion");
  CHECK(body["choices"][0]["message"]["content"] == "Hello from the mock server.");
  CHECK(body["choices"][0]["finish_reason"] == "stop");
  CHECK(body["usage"]["completion_tokens"] == 5);
  CHECK(body["usage"]["total_tokens"] ==
        body["usage"]["prompt_tokens"].get<int>() + body["usage"]["completion_tokens"].get<int>());

  Reply streamed = openai(server, "mock:reply=one two three", true);
  REQUIRE(streamed.code == CURLE_OK);
  CHECK(streamed.headers["content-type"] == "text/event-stream");
  std::vector<SseEvent> events = parse_sse(streamed.body);
  REQUIRE(events.size() == 5);  // three words, the finishing chunk, [DONE]
  CHECK(openai_stream_text(events) == "one two three");
  Json last = Json::parse(events[3].data);
  CHECK(last["choices"][0]["finish_reason"] == "stop");
  CHECK(last["usage"]["completion_tokens"] == 3);
  CHECK(events[4].data == "[DONE]");
  CHECK(server.stop() == 0);
}

TEST_CASE("Anthropic: non-streaming and streaming success") {
  MockServer server;
  Reply plain = anthropic(server, "claude", false);
  REQUIRE(plain.code == CURLE_OK);
  Json body = Json::parse(plain.body);
  CHECK(body["type"] == "message");
  CHECK(body["role"] == "assistant");
  CHECK(body["content"][0]["text"] == "Hello from the mock server.");
  CHECK(body["stop_reason"] == "end_turn");
  CHECK(body["usage"]["output_tokens"] == 5);

  Reply streamed = request(server.url("/messages"), request_body("mock:chunks=2,reply=abcd", true));
  REQUIRE(streamed.code == CURLE_OK);
  std::vector<SseEvent> events = parse_sse(streamed.body);
  std::vector<std::string> names;
  std::string text;
  for (const SseEvent& e : events) {
    names.push_back(e.event);
    Json data = Json::parse(e.data);
    CHECK(data["type"] == e.event);
    if (e.event == "content_block_delta") text += data["delta"]["text"].get<std::string>();
    if (e.event == "message_delta") CHECK(data["delta"]["stop_reason"] == "end_turn");
  }
  CHECK(names == std::vector<std::string>{"message_start", "content_block_start", "content_block_delta",
                                          "content_block_delta", "content_block_stop", "message_delta",
                                          "message_stop"});
  CHECK(text == "abcd");
}

TEST_CASE("ttfb delays the headers; first delays only the body") {
  MockServer server;
  Reply slow_head = openai(server, "mock:ttfb=400ms", true);
  REQUIRE(slow_head.code == CURLE_OK);
  // curl's clock and the server's timer are different clocks: allow a little slack below the
  // directive's value (the runtime's own timeout tests are exact; these only check the mock).
  CHECK(slow_head.header_seconds >= 0.35);

  Reply slow_body = openai(server, "mock:first=800ms", false);
  REQUIRE(slow_body.code == CURLE_OK);
  CHECK(slow_body.header_seconds < 0.5);
  CHECK(slow_body.first_body_seconds >= 0.75);
  CHECK(Json::parse(slow_body.body)["choices"][0]["message"]["content"] == "Hello from the mock server.");

  // Non-streaming bodies are cut into as many HTTP chunks as there are content chunks.
  Reply gaps = anthropic(server, "mock:chunks=3,gap=200ms", false);
  REQUIRE(gaps.code == CURLE_OK);
  CHECK(gaps.total_seconds >= 0.35);
  CHECK(Json::parse(gaps.body)["content"][0]["text"] == "Hello from the mock server.");
}

TEST_CASE("stall_after holds the stream open; pings are not content; the abort is counted") {
  MockServer server;
  Call call;
  call.timeout_ms = 1000;
  Reply stalled = openai(server, "mock:stall_after=2,ping=250ms", true, call);
  CHECK(stalled.code == CURLE_OPERATION_TIMEDOUT);
  CHECK(stalled.status == 200);
  int pings = 0;
  std::vector<SseEvent> events = parse_sse(stalled.body, &pings);
  CHECK(events.size() == 2);
  CHECK(openai_stream_text(events) == "Hello from ");
  CHECK(pings >= 2);

  Json counters = counters_when(server, [](const Json& c) { return c["client_disconnects"] == 1; });
  CHECK(counters["client_disconnects"] == 1);
  CHECK(counters["completions"] == 0);
  CHECK(counters["requests"] == 1);
}

TEST_CASE("drip sends chunks forever") {
  MockServer server;
  Call call;
  call.timeout_ms = 600;
  Reply dripping = anthropic(server, "mock:drip=50ms", true, call);
  CHECK(dripping.code == CURLE_OPERATION_TIMEDOUT);
  int deltas = 0;
  for (const SseEvent& e : parse_sse(dripping.body)) {
    deltas += e.event == "content_block_delta" ? 1 : 0;
    CHECK(e.event != "message_stop");
  }
  CHECK(deltas >= 6);  // more than the five words of the default reply: it wraps around
}

TEST_CASE("status and retry_after") {
  MockServer server;
  Reply limited = openai(server, "mock:status=429,retry_after=2", false);
  REQUIRE(limited.code == CURLE_OK);
  CHECK(limited.status == 429);
  CHECK(limited.headers["retry-after"] == "2");
  CHECK(limited.headers.count("retry-after-ms") == 0);
  Json error = Json::parse(limited.body)["error"];
  CHECK(error["message"] == "mock error 429");
  CHECK(error.contains("type"));
  CHECK(error.contains("code"));

  Reply overloaded = anthropic(server, "mock:status=529,retry_after=0.25", true);
  CHECK(overloaded.status == 529);
  CHECK(overloaded.headers["retry-after"] == "0.25");
  CHECK(overloaded.headers["retry-after-ms"] == "250");
  Json body = Json::parse(overloaded.body);
  CHECK(body["type"] == "error");
  CHECK(body["error"]["type"] == "overloaded_error");
  CHECK(body["error"]["message"] == "mock error 529");
}

TEST_CASE("reset aborts the connection") {
  MockServer server;
  Reply reset = openai(server, "mock:reset", false);
  CHECK(reset.code == CURLE_RECV_ERROR);
  CHECK(get_json(server, "/_mock/counters")["resets"] == 1);
}

TEST_CASE("fail_first fails the first K requests of a model string") {
  MockServer server;
  CHECK(openai(server, "mock:fail_first=2", false).status == 503);
  CHECK(openai(server, "mock:fail_first=2", false).status == 503);
  CHECK(openai(server, "mock:fail_first=2", false).status == 200);
  // A different model string is a different key; `status` picks the failure.
  CHECK(anthropic(server, "mock:fail_first=1,status=429", false).status == 429);
  CHECK(anthropic(server, "mock:fail_first=1,status=429", false).status == 200);
  // With `reset`, the failures are connection resets: a retry after a connection failure.
  CHECK(openai(server, "mock:fail_first=1,reset", false).code == CURLE_RECV_ERROR);
  CHECK(openai(server, "mock:fail_first=1,reset", false).status == 200);
  // The control endpoint forgets the keys.
  request(server.url("/_mock/reset"), "");
  CHECK(openai(server, "mock:fail_first=2", false).status == 503);
}

TEST_CASE("echo returns the request's headers and body") {
  MockServer server;
  Call call;
  call.headers = {"X-Trace: abc", "Authorization: Bearer sk-test"};
  std::string sent = request_body("mock:echo", false);
  Reply echoed = request(server.url("/v1/chat/completions"), sent, call);
  REQUIRE(echoed.status == 200);
  Json content = Json::parse(Json::parse(echoed.body)["choices"][0]["message"]["content"].get<std::string>());
  CHECK(content["headers"]["x-trace"] == "abc");
  CHECK(content["headers"]["authorization"] == "Bearer sk-test");
  CHECK(content["body"] == Json::parse(sent));
}

TEST_CASE("counters, request log and keep-alive") {
  MockServer server;
  CURL* easy = curl_easy_init();
  Reply first = perform(easy, server.url("/v1/chat/completions"), request_body("a", false));
  Reply second = perform(easy, server.url("/v1/chat/completions?api-version=2024-06-01"), request_body("b", true));
  curl_easy_cleanup(easy);
  CHECK(first.new_connections == 1);
  CHECK(second.new_connections == 0);  // the connection was reused

  Json counters = counters_when(server, [](const Json& c) { return c["open_connections"] == 1; });
  CHECK(counters["requests"] == 2);
  CHECK(counters["completions"] == 2);
  CHECK(counters["client_disconnects"] == 0);
  CHECK(counters["open_connections"] == 1);  // only the one reading the counters

  Json log = get_json(server, "/_mock/requests");
  REQUIRE(log.size() == 2);
  CHECK(log[1]["path"] == "/v1/chat/completions");
  CHECK(log[1]["target"] == "/v1/chat/completions?api-version=2024-06-01");
  CHECK(log[1]["model"] == "b");
  CHECK(log[1]["stream"] == true);
  CHECK(log[1]["headers"]["content-type"] == "application/json");

  request(server.url("/_mock/reset"), "");
  CHECK(get_json(server, "/_mock/counters")["requests"] == 0);
  CHECK(get_json(server, "/_mock/requests").empty());
}

TEST_CASE("bad directives and malformed requests get 400 and the server lives on") {
  MockServer server;
  Reply bad = openai(server, "mock:ttfb=5,gap=1s", false);
  CHECK(bad.status == 400);
  CHECK(Json::parse(bad.body)["error"]["message"].get<std::string>().find("'ttfb'") != std::string::npos);
  Reply unknown = anthropic(server, "mock:frobnicate", false);
  CHECK(unknown.status == 400);
  CHECK(Json::parse(unknown.body)["error"]["message"].get<std::string>().find("'frobnicate'") != std::string::npos);
  CHECK(request(server.url("/v1/chat/completions"), "{not json").status == 400);
  CHECK(request(server.url("/v1/chat/completions"), R"({"model": 7})").status == 400);
  CHECK(request(server.url("/v1/embeddings"), "{}").status == 404);
  // Header bytes that are not UTF-8 must not break JSON output (echo, the request log).
  Call binary;
  binary.headers = {"X-Bin: \xff\xfe"};
  CHECK(request(server.url("/v1/chat/completions"), request_body("mock:echo", false), binary).status == 200);
  CHECK(get_json(server, "/_mock/requests").size() == 5);
  CHECK(openai(server, "still-alive", false).status == 200);
}

TEST_CASE("the hang port makes connect time out") {
  MockServer server(/*with_hang_port=*/true);
  REQUIRE(server.hang_port() > 0);
  Call call;
  call.connect_timeout_ms = 1000;
  Reply hung = request("http://127.0.0.1:" + std::to_string(server.hang_port()) + "/v1/messages",
                       request_body("x", false), call);
  CHECK(hung.code == CURLE_OPERATION_TIMEDOUT);
  CHECK(hung.total_seconds >= 0.95);
  CHECK(hung.total_seconds < 3.0);
}
