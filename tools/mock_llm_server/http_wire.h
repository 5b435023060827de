// The HTTP/1.1 wire format as the mock server needs it: an incremental request parser that works
// on whatever bytes have arrived so far (so a connection can call it after every read), and the
// few formatting helpers for responses (status line and headers, chunked-encoding frames). It
// knows nothing about sockets or LLM APIs, so it is unit-tested on plain strings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mock_llm {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method;
  std::string target;  // as sent, e.g. "/v1/chat/completions?x=1"
  std::string path;    // target without its query string
  HeaderList headers;  // names lowercased, values trimmed, in arrival order
  std::string body;    // decoded (chunked request bodies are reassembled)
  bool keep_alive = true;
  bool expect_continue = false;

  // The value of the first header with this lowercase name, or nullptr.
  const std::string* header(std::string_view lowercase_name) const;
};

enum class ParseStatus { Incomplete, Complete, Invalid };

struct ParseResult {
  ParseStatus status = ParseStatus::Incomplete;
  // Incomplete only: the header block is in, the body is not. A client that sent
  // `Expect: 100-continue` is waiting for an interim response before it sends the body.
  bool headers_complete = false;
  bool expect_continue = false;
  std::size_t consumed = 0;  // Complete only: bytes of input this request took
  int error_status = 0;      // Invalid only: 400, 413, 431, 501 or 505
  std::string error;         // Invalid only: why, for the response body
};

// Limits that keep a hostile or broken client from growing a connection's buffer without bound.
inline constexpr std::size_t kMaxHeaderBytes = 64 * 1024;
inline constexpr std::size_t kMaxBodyBytes = 16 * 1024 * 1024;

// Parses the request at the start of `input`. Stateless: call it again with more bytes after
// Incomplete. `out` is filled only when the result is Complete.
ParseResult parse_request(std::string_view input, HttpRequest& out);

// "HTTP/1.1 <status> <reason>\r\n" + each header + "\r\n" (the blank line ending the head).
std::string response_head(int status, const HeaderList& headers);

// One chunked-encoding frame carrying `data`; `data` must not be empty (that is the terminator).
std::string chunk_frame(std::string_view data);

// The zero-length chunk that ends a chunked body.
inline constexpr std::string_view kLastChunk = "0\r\n\r\n";

std::string_view reason_phrase(int status);

}  // namespace mock_llm
