// Unit tests of the HTTP/1.1 request parser: incremental input, framing and rejection.
#include "http_wire.h"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("HTTP request parsing") {
  using mock_llm::ParseStatus;
  mock_llm::HttpRequest req;
  std::string full = "POST /v1/chat/completions?x=1 HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}";
  for (std::size_t cut = 0; cut < full.size(); ++cut) {
    CAPTURE(cut);
    CHECK(mock_llm::parse_request(full.substr(0, cut), req).status == ParseStatus::Incomplete);
  }
  mock_llm::ParseResult r = mock_llm::parse_request(full + "GET", req);
  REQUIRE(r.status == ParseStatus::Complete);
  CHECK(r.consumed == full.size());
  CHECK(req.path == "/v1/chat/completions");
  CHECK(*req.header("host") == "a");
  CHECK(req.body == "{}");

  r = mock_llm::parse_request(
      "POST /m HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n1;x=y\r\nd\r\n0\r\n\r\n", req);
  REQUIRE(r.status == ParseStatus::Complete);
  CHECK(req.body == "abcd");

  r = mock_llm::parse_request("POST /m HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nab", req);
  CHECK(r.status == ParseStatus::Incomplete);
  CHECK(r.expect_continue);

  CHECK(mock_llm::parse_request("GET / HTTP/1.1\r\nBad Header: x\r\n\r\n", req).error_status == 400);
  CHECK(mock_llm::parse_request("GET / HTTP/3\r\n\r\n", req).error_status == 505);
  CHECK(mock_llm::parse_request("nonsense\r\n\r\n", req).error_status == 400);
  CHECK(mock_llm::parse_request("GET / HTTP/1.0\r\n\r\n", req).status == ParseStatus::Complete);
  CHECK_FALSE(req.keep_alive);
}
