// End-to-end tests of the mock LLM server: each test case starts the real `mock_llm_server` binary
// (through launcher.h: path baked in by CMake, or taken from $BAML_MOCK_LLM_SERVER) on a free port and talks to it with
// libcurl, the HTTP client the runtime uses, so what passes here is what the runtime will see.
// Timing assertions use lower bounds (a delay is at least as long as asked) and loose upper
// bounds, so a loaded machine cannot make them flaky; the suite runs in about seven seconds.
// The second half covers the Google AI and OpenAI Responses formats and the answers a prompt's
// [mock:...] tags choose, decoding them as the runtime's decoders (runtime/providers/) do.
// The parsers have their own unit tests in directives_test.cpp and http_wire_test.cpp.
#include <curl/curl.h>
#include <doctest/doctest.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "answers.h"
#include "launcher.h"

namespace {

using namespace std::chrono_literals;
using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// ---- The server as a subprocess (launcher.h), without the hang port unless asked ----

class MockServer : public mock_llm::MockServerProcess {
 public:
  explicit MockServer(bool with_hang_port = false, std::string answers_dir = {})
      : MockServerProcess(Options{.hang_port = with_hang_port, .answers_dir = std::move(answers_dir)}) {}
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

// ---- The four wire formats, and answers chosen by the prompt ----

namespace {

enum class Wire { OpenAi, Anthropic, Google, Responses };
const Wire kWires[] = {Wire::OpenAi, Wire::Anthropic, Wire::Google, Wire::Responses};

const char* wire_name(Wire w) {
  switch (w) {
    case Wire::OpenAi: return "openai";
    case Wire::Anthropic: return "anthropic";
    case Wire::Google: return "google-ai";
    case Wire::Responses: return "openai-responses";
  }
  return "";
}

// One request in the wire's own shape, with `prompt` as the user's text (where a function's
// arguments end up). Google names the model and the streaming in the URL.
Reply call_wire(const MockServer& s, Wire w, const std::string& model, const std::string& prompt, bool stream,
                const Call& call = {}) {
  Json body;
  std::string path;
  switch (w) {
    case Wire::OpenAi:
      path = "/v1/chat/completions";
      body = {{"model", model}, {"messages", Json::array({{{"role", "user"}, {"content", prompt}}})}};
      break;
    case Wire::Anthropic:
      path = "/v1/messages";
      body = {{"model", model},
              {"max_tokens", 100},
              {"messages", Json::array({{{"role", "user"}, {"content", Json::array({{{"type", "text"}, {"text", prompt}}})}}})}};
      break;
    case Wire::Google:
      path = "/v1beta/models/" + model + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent");
      body = {{"contents", Json::array({{{"role", "user"}, {"parts", Json::array({{{"text", prompt}}})}}})}};
      break;
    case Wire::Responses:
      path = "/v1/responses";
      body = {{"model", model},
              {"input", Json::array({{{"role", "user"}, {"content", Json::array({{{"type", "input_text"}, {"text", prompt}}})}}})}};
      break;
  }
  if (stream && w != Wire::Google) body["stream"] = true;
  return request(s.url(path), body.dump(), call);
}

// parse_sse, but also for Google's CRLF-separated events.
std::vector<SseEvent> parse_any_sse(std::string body, int* comments = nullptr) {
  for (std::size_t at = body.find("\r\n"); at != std::string::npos; at = body.find("\r\n", at)) body.erase(at, 1);
  return parse_sse(body, comments);
}

struct Decoded {
  std::string text;
  bool finished = false;  // the wire's end marker (or, whole, its finish reason) arrived
  int content_events = 0;
  std::vector<std::string> error_messages;  // error objects or events inside the 200 body
};

// Reads an answer the way the runtime's decoders do (runtime/providers/*.cpp).
Decoded decode(Wire w, const Reply& r, bool stream) {
  Decoded out;
  auto note_error = [&](const Json& j) {
    if (j.contains("error") && j["error"].is_object()) out.error_messages.push_back(j["error"]["message"]);
  };
  if (!stream) {
    Json j = Json::parse(r.body);
    note_error(j);
    switch (w) {
      case Wire::OpenAi:
        if (j.contains("choices")) {
          out.text = j["choices"][0]["message"]["content"];
          out.finished = j["choices"][0]["finish_reason"] == "stop";
        }
        break;
      case Wire::Anthropic:
        if (j["type"] == "message") {
          out.text = j["content"][0]["text"];
          out.finished = j["stop_reason"] == "end_turn";
        }
        break;
      case Wire::Google:
        if (j.contains("candidates")) {
          for (const Json& part : j["candidates"][0]["content"]["parts"]) out.text += part["text"].get<std::string>();
          out.finished = j["candidates"][0]["finishReason"] == "STOP";
        }
        break;
      case Wire::Responses:
        for (const Json& item : j["output"]) {
          for (const Json& block : item["content"]) {
            if (block["type"] == "output_text") out.text += block["text"].get<std::string>();
          }
        }
        out.finished = j["status"] == "completed";
        break;
    }
    return out;
  }
  for (const SseEvent& e : parse_any_sse(r.body)) {
    if (e.data == "[DONE]") {
      out.finished = w == Wire::OpenAi;
      continue;
    }
    Json j = Json::parse(e.data);
    std::string delta;
    switch (w) {
      case Wire::OpenAi:
        note_error(j);
        if (j.contains("choices")) delta = j["choices"][0]["delta"].value("content", "");
        break;
      case Wire::Anthropic:
        if (e.event == "error") note_error(j);
        if (e.event == "content_block_delta") delta = j["delta"]["text"];
        if (e.event == "message_stop") out.finished = true;
        break;
      case Wire::Google:
        note_error(j);
        if (j.contains("candidates")) {
          for (const Json& part : j["candidates"][0]["content"]["parts"]) delta += part["text"].get<std::string>();
          if (j["candidates"][0].contains("finishReason")) out.finished = true;
        }
        break;
      case Wire::Responses:
        CHECK(j["type"] == e.event);
        if (e.event == "error") out.error_messages.push_back(j["message"]);
        if (e.event == "response.output_text.delta") delta = j["delta"];
        if (e.event == "response.completed") out.finished = true;
        break;
    }
    if (!delta.empty()) ++out.content_events;
    out.text += delta;
  }
  return out;
}

std::string canned(std::string_view name) {
  return *mock_llm::canned_answer(name);
}

}  // namespace

TEST_CASE("Google AI: generateContent, and streamGenerateContent with and without alt=sse") {
  MockServer server;
  Reply plain = call_wire(server, Wire::Google, "gemini-2.0-flash", "Say hello", false);
  REQUIRE(plain.status == 200);
  CHECK(plain.headers["content-type"] == "application/json");
  Json body = Json::parse(plain.body);
  CHECK(body["candidates"][0]["content"]["parts"][0]["text"] == "Hello from the mock server.");
  CHECK(body["candidates"][0]["content"]["role"] == "model");
  CHECK(body["candidates"][0]["finishReason"] == "STOP");
  CHECK(body["usageMetadata"]["candidatesTokenCount"] == 5);
  CHECK(body["usageMetadata"]["totalTokenCount"] ==
        body["usageMetadata"]["promptTokenCount"].get<int>() + 5);
  CHECK(body["modelVersion"] == "gemini-2.0-flash");

  // The model comes from the path, directives included; SSE events end with CRLF pairs.
  Reply streamed = call_wire(server, Wire::Google, "mock:chunks=3", "Say hello", true);
  REQUIRE(streamed.status == 200);
  CHECK(streamed.headers["content-type"] == "text/event-stream");
  CHECK(streamed.body.find("}\r\n\r\ndata: ") != std::string::npos);
  std::vector<SseEvent> events = parse_any_sse(streamed.body);
  REQUIRE(events.size() == 4);  // three chunks, then the finishing one
  for (std::size_t i = 0; i < 3; ++i) CHECK_FALSE(Json::parse(events[i].data)["candidates"][0].contains("finishReason"));
  Json last = Json::parse(events[3].data);
  CHECK(last["candidates"][0]["finishReason"] == "STOP");
  CHECK(last["candidates"][0]["content"]["parts"][0]["text"] == "");
  CHECK(last["usageMetadata"]["candidatesTokenCount"] == 3);
  Decoded decoded = decode(Wire::Google, streamed, true);
  CHECK(decoded.text == "Hello from the mock server.");
  CHECK(decoded.finished);

  // Without alt=sse, the stream is one JSON array of the same objects.
  Reply array = request(server.url("/v1beta/models/mock:chunks=2:streamGenerateContent"), R"({"contents":[]})");
  REQUIRE(array.status == 200);
  CHECK(array.headers["content-type"] == "application/json");
  Json elements = Json::parse(array.body);
  REQUIRE(elements.size() == 3);
  CHECK(elements[0]["candidates"][0]["content"]["parts"][0]["text"].get<std::string>() +
            elements[1]["candidates"][0]["content"]["parts"][0]["text"].get<std::string>() ==
        "Hello from the mock server.");
  CHECK(elements[2]["candidates"][0]["finishReason"] == "STOP");

  // Percent-encoded model names are decoded; the log has the path's model and streaming.
  CHECK(request(server.url("/v1beta/models/mock%3Areply=Hi%20there:generateContent"), "{}").body.find("Hi there") !=
        std::string::npos);
  Json log = get_json(server, "/_mock/requests");
  REQUIRE(log.size() == 4);
  CHECK(log[1]["model"] == "mock:chunks=3");
  CHECK(log[1]["stream"] == true);
  CHECK(log[1]["target"] == "/v1beta/models/mock:chunks=3:streamGenerateContent?alt=sse");
  CHECK(log[3]["model"] == "mock:reply=Hi there");
}

TEST_CASE("OpenAI Responses: response object and streaming events") {
  MockServer server;
  Reply plain = call_wire(server, Wire::Responses, "gpt-4.1", "Say hello", false);
  REQUIRE(plain.status == 200);
  Json body = Json::parse(plain.body);
  CHECK(body["object"] == "response");
  CHECK(body["status"] == "completed");
  CHECK(body["error"].is_null());
  CHECK(body["model"] == "gpt-4.1");
  CHECK(body["output"][0]["type"] == "message");
  CHECK(body["output"][0]["role"] == "assistant");
  CHECK(body["output"][0]["content"][0]["type"] == "output_text");
  CHECK(body["output"][0]["content"][0]["text"] == "Hello from the mock server.");
  CHECK(body["usage"]["output_tokens"] == 5);
  CHECK(body["usage"]["total_tokens"] == body["usage"]["input_tokens"].get<int>() + 5);

  Reply streamed = call_wire(server, Wire::Responses, "mock:reply=one two", "Say hello", true);
  REQUIRE(streamed.status == 200);
  CHECK(streamed.headers["content-type"] == "text/event-stream");
  std::vector<std::string> names;
  int sequence = 0;
  for (const SseEvent& e : parse_sse(streamed.body)) {
    names.push_back(e.event);
    Json data = Json::parse(e.data);
    CHECK(data["type"] == e.event);
    CHECK(data["sequence_number"] == sequence++);
  }
  CHECK(names == std::vector<std::string>{"response.created", "response.in_progress", "response.output_item.added",
                                          "response.content_part.added", "response.output_text.delta",
                                          "response.output_text.delta", "response.output_text.done",
                                          "response.content_part.done", "response.output_item.done",
                                          "response.completed"});
  Decoded decoded = decode(Wire::Responses, streamed, true);
  CHECK(decoded.text == "one two");
  CHECK(decoded.finished);
  Json completed = Json::parse(parse_sse(streamed.body).back().data)["response"];
  CHECK(completed["status"] == "completed");
  CHECK(completed["output"][0]["content"][0]["text"] == "one two");
  CHECK(completed["usage"]["output_tokens"] == 2);
}

TEST_CASE("a [mock:...] tag in the prompt chooses the answer, in every format") {
  MockServer server;
  const std::string object = canned("object");
  for (Wire w : kWires) {
    for (bool stream : {false, true}) {
      const std::string wire = wire_name(w);
      CAPTURE(wire);
      CAPTURE(stream);
      // The tag overrides the model string's reply.
      Reply r = call_wire(server, w, "mock:reply=not_this", "Extract the person. [mock:answer=object] Ada, 36.", stream);
      REQUIRE(r.status == 200);
      Decoded d = decode(w, r, stream);
      CHECK(d.text == object);
      CHECK(d.finished);

      Reply fenced = call_wire(server, w, "plain-model", "[mock:reply_b64=eyJhIjogMX0,form=fenced]", stream);
      CHECK(decode(w, fenced, stream).text.find("```json\n{\"a\": 1}\n```") != std::string::npos);

      Reply broken = call_wire(server, w, "plain-model", "[mock:answer=malformed]", stream);
      CHECK(decode(w, broken, stream).text == canned("malformed"));
      Reply empty = call_wire(server, w, "plain-model", "[mock:answer=empty]", stream);
      CHECK(decode(w, empty, stream).text.empty());
      CHECK(decode(w, empty, stream).finished);
    }
  }
  // A broken tag is a 400 in the provider's shape, naming the problem.
  Reply bad = call_wire(server, Wire::Google, "gemini", "[mock:answer=nope]", false);
  CHECK(bad.status == 400);
  Json error = Json::parse(bad.body)["error"];
  CHECK(error["status"] == "INVALID_ARGUMENT");
  CHECK(error["message"].get<std::string>().find("'answer'") != std::string::npos);
  Reply unclosed = call_wire(server, Wire::Responses, "gpt", "[mock:answer=object", false);
  CHECK(unclosed.status == 400);
  CHECK(Json::parse(unclosed.body)["error"]["message"].get<std::string>().find("closing ']'") != std::string::npos);
  // The request log shows each request's tags.
  Json log = get_json(server, "/_mock/requests");
  CHECK(log[0]["prompt_directives"] == Json::array({"answer=object"}));
}

TEST_CASE("chunk_size and gap stream an answer in timed pieces") {
  MockServer server;
  const std::string object = canned("object");
  const std::size_t expected = (object.size() + 9) / 10;
  for (Wire w : kWires) {
    const std::string wire = wire_name(w);
    CAPTURE(wire);
    Reply r = call_wire(server, w, "mock:gap=10ms", "[mock:answer=object,chunk_size=10]", true);
    REQUIRE(r.status == 200);
    Decoded d = decode(w, r, true);
    CHECK(d.text == object);
    CHECK(d.content_events == static_cast<int>(expected));
    CHECK(r.total_seconds >= 0.009 * static_cast<double>(expected - 1));
  }
}

TEST_CASE("reply_file reads the answer from --answers-dir or an absolute path") {
  char dir_template[] = "/tmp/mock_answers_e2e_XXXXXX";
  REQUIRE(mkdtemp(dir_template) != nullptr);
  const std::string dir = dir_template;
  const std::string resume = R"({"name": "Grace", "skills": ["COBOL"]})";
  {
    std::FILE* f = std::fopen((dir + "/resume.json").c_str(), "w");
    REQUIRE(f != nullptr);
    std::fputs(resume.c_str(), f);
    std::fclose(f);
  }
  MockServer s(/*with_hang_port=*/false, dir);
  CHECK(decode(Wire::Anthropic, call_wire(s, Wire::Anthropic, "claude", "[mock:reply_file=resume.json]", true), true).text ==
        resume);
  CHECK(decode(Wire::OpenAi, call_wire(s, Wire::OpenAi, "mock:reply_file=" + dir + "/resume.json", "hi", false), false)
            .text == resume);
  Reply missing = call_wire(s, Wire::OpenAi, "gpt", "[mock:reply_file=nope.json]", false);
  CHECK(missing.status == 400);
  CHECK(Json::parse(missing.body)["error"]["message"].get<std::string>().find("nope.json") != std::string::npos);
  std::remove((dir + "/resume.json").c_str());
  rmdir(dir.c_str());
}

TEST_CASE("truncate, close_after and stream_error cut a response short, in every format") {
  MockServer server;
  for (Wire w : kWires) {
    const std::string wire = wire_name(w);
    CAPTURE(wire);
    // truncate: a well-framed body that lacks the closing events.
    Reply truncated = call_wire(server, w, "mock:truncate=2", "hi", true);
    CHECK(truncated.code == CURLE_OK);
    Decoded t = decode(w, truncated, true);
    CHECK(t.text == "Hello from ");
    CHECK_FALSE(t.finished);
    // Not streaming: the JSON body stops after two of its pieces.
    Reply cut_json = call_wire(server, w, "mock:truncate=2", "hi", false);
    CHECK(cut_json.code == CURLE_OK);
    CHECK_FALSE(Json::accept(cut_json.body));
    // close_after: the connection closes mid-body.
    Reply closed = call_wire(server, w, "mock:close_after=1", "hi", true);
    CHECK(closed.code == CURLE_PARTIAL_FILE);
    CHECK(decode(w, closed, true).text == "Hello ");
    // stream_error: the provider's in-stream error event, then the end of the body.
    Reply failed = call_wire(server, w, "mock:stream_error=1", "hi", true);
    CHECK(failed.code == CURLE_OK);
    Decoded f = decode(w, failed, true);
    CHECK(f.text == "Hello ");
    CHECK_FALSE(f.finished);
    CHECK(f.error_messages == std::vector<std::string>{"mock stream error"});
    // Not streaming: a 200 whose body is the provider's error object.
    Reply error_body = call_wire(server, w, "mock:stream_error=1", "hi", false);
    CHECK(error_body.status == 200);
    CHECK(decode(w, error_body, false).error_messages == std::vector<std::string>{"mock stream error"});
  }
  // Each cut response was written as planned: none is a client disconnect.
  Json counters = get_json(server, "/_mock/counters");
  CHECK(counters["client_disconnects"] == 0);
}

TEST_CASE("the fault directives work on the Google and Responses formats") {
  MockServer server;
  // Statuses in the provider's error shape, with the retry hints.
  Reply limited = call_wire(server, Wire::Google, "mock:status=429,retry_after=0.5", "hi", true);
  CHECK(limited.status == 429);
  CHECK(limited.headers["retry-after"] == "0.5");
  CHECK(limited.headers["retry-after-ms"] == "500");
  Json google_error = Json::parse(limited.body)["error"];
  CHECK(google_error["code"] == 429);
  CHECK(google_error["status"] == "RESOURCE_EXHAUSTED");
  CHECK(google_error["message"] == "mock error 429");
  CHECK(Json::parse(call_wire(server, Wire::Google, "mock:status=503", "hi", false).body)["error"]["status"] ==
        "UNAVAILABLE");
  Reply server_error = call_wire(server, Wire::Responses, "gpt", "[mock:status=500]", false);
  CHECK(server_error.status == 500);
  CHECK(Json::parse(server_error.body)["error"]["type"] == "server_error");

  // stall_after and ping: pings are comments, the stream never finishes.
  Call short_call;
  short_call.timeout_ms = 700;
  Reply stalled = call_wire(server, Wire::Google, "mock:stall_after=1,ping=150ms", "hi", true, short_call);
  CHECK(stalled.code == CURLE_OPERATION_TIMEDOUT);
  int pings = 0;
  parse_any_sse(stalled.body, &pings);
  CHECK(pings >= 2);
  Decoded s = decode(Wire::Google, stalled, true);
  CHECK(s.text == "Hello ");
  CHECK_FALSE(s.finished);

  // drip: deltas forever, wrapping around the reply, never response.completed.
  Reply dripping = call_wire(server, Wire::Responses, "gpt", "[mock:drip=40ms]", true, short_call);
  CHECK(dripping.code == CURLE_OPERATION_TIMEDOUT);
  Decoded d = decode(Wire::Responses, dripping, true);
  CHECK(d.content_events >= 6);
  CHECK_FALSE(d.finished);

  // ttfb, reset, garbage, invalid_utf8.
  Reply slow = call_wire(server, Wire::Google, "mock:ttfb=300ms", "hi", false);
  CHECK(slow.header_seconds >= 0.25);
  CHECK(call_wire(server, Wire::Google, "mock:reset", "hi", true).code == CURLE_RECV_ERROR);
  Reply garbage = call_wire(server, Wire::Responses, "mock:garbage=64", "hi", true);
  CHECK(garbage.body.size() == 64);
  Reply invalid = call_wire(server, Wire::Google, "mock:invalid_utf8", "hi", false);
  CHECK(invalid.body.find("\xFF\xC3\x28") != std::string::npos);

  // fail_first counts the model string and the prompt's tags together.
  CHECK(call_wire(server, Wire::Google, "gemini", "[mock:fail_first=1,status=429]", false).status == 429);
  CHECK(call_wire(server, Wire::Google, "gemini", "[mock:fail_first=1,status=429]", false).status == 200);
  CHECK(call_wire(server, Wire::Responses, "other", "[mock:fail_first=1,status=429]", false).status == 429);

  // echo carries the request, whatever the format.
  Reply echoed = call_wire(server, Wire::Google, "gemini", "[mock:echo] hello", false);
  Json content = Json::parse(decode(Wire::Google, echoed, false).text);
  CHECK(content["body"]["contents"][0]["parts"][0]["text"] == "[mock:echo] hello");
}
