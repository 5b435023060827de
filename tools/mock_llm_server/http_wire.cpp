// HTTP/1.1 request parsing and response framing for the mock LLM server (see http_wire.h). The
// parser is deliberately strict where leniency would hide a client bug (header syntax, conflicting
// lengths) and lenient where real clients differ harmlessly (bare LF line ends, blank lines
// before the request line), per RFC 9112.
#include "http_wire.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <optional>

namespace mock_llm {
namespace {

constexpr std::size_t kNpos = std::string_view::npos;
// A chunk-size line is a hex number plus optional extensions; anything this long is garbage.
constexpr std::size_t kMaxChunkLine = 1024;

bool is_token_char(char c) {
  if (std::isalnum(static_cast<unsigned char>(c)) != 0) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != kNpos;
}

bool is_token(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), is_token_char);
}

std::string lowercase(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return lowercase(a) == lowercase(b);
}

std::string_view trim_ows(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// True if the comma-separated list (e.g. a Connection header) holds `token`, case-insensitively.
bool list_contains(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    std::size_t comma = list.find(',');
    if (iequals(trim_ows(list.substr(0, comma)), token)) return true;
    if (comma == kNpos) break;
    list.remove_prefix(comma + 1);
  }
  return false;
}

ParseResult invalid(int status, std::string why) {
  ParseResult r;
  r.status = ParseStatus::Invalid;
  r.error_status = status;
  r.error = std::move(why);
  return r;
}

ParseResult body_pending(bool expect_continue) {
  ParseResult r;
  r.headers_complete = true;
  r.expect_continue = expect_continue;
  return r;
}

// Takes the next line starting at `pos` (without its CR LF or bare LF), or nullopt if no line
// end has arrived yet.
std::optional<std::string_view> next_line(std::string_view input, std::size_t& pos) {
  std::size_t nl = input.find('\n', pos);
  if (nl == kNpos) return std::nullopt;
  std::string_view line = input.substr(pos, nl - pos);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  pos = nl + 1;
  return line;
}

std::optional<std::uint64_t> parse_decimal(std::string_view s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

std::optional<std::uint64_t> parse_hex(std::string_view s) {
  if (s.empty() || s.size() > 15) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : s) {
    int digit = std::isdigit(static_cast<unsigned char>(c)) != 0 ? c - '0'
                : (c >= 'a' && c <= 'f')                         ? c - 'a' + 10
                : (c >= 'A' && c <= 'F')                         ? c - 'A' + 10
                                                                 : -1;
    if (digit < 0) return std::nullopt;
    v = v * 16 + static_cast<std::uint64_t>(digit);
  }
  return v;
}

// Decodes a chunked body starting at `pos`. Returns nullopt while bytes are missing; on success
// `pos` is just past the trailer section.
std::optional<ParseResult> decode_chunked(std::string_view input, std::size_t& pos, std::string& body,
                                          bool expect_continue) {
  while (true) {
    std::optional<std::string_view> line = next_line(input, pos);
    if (!line) {
      if (input.size() - pos > kMaxChunkLine) return invalid(400, "chunk size line too long");
      return body_pending(expect_continue);
    }
    std::string_view size_text = trim_ows(line->substr(0, line->find(';')));
    std::optional<std::uint64_t> size = parse_hex(size_text);
    if (!size) return invalid(400, "malformed chunk size");
    if (*size == 0) {
      // Trailer fields are allowed after the last chunk; they carry nothing we need.
      while (true) {
        std::optional<std::string_view> trailer = next_line(input, pos);
        if (!trailer) return body_pending(expect_continue);
        if (trailer->empty()) return std::nullopt;
      }
    }
    if (body.size() + *size > kMaxBodyBytes) return invalid(413, "request body too large");
    if (input.size() - pos < *size + 1) return body_pending(expect_continue);
    body.append(input.substr(pos, *size));
    pos += *size;
    if (input[pos] == '\n') {
      pos += 1;
    } else if (input[pos] == '\r') {
      if (input.size() - pos < 2) return body_pending(expect_continue);
      if (input[pos + 1] != '\n') return invalid(400, "chunk data not followed by CRLF");
      pos += 2;
    } else {
      return invalid(400, "chunk data not followed by CRLF");
    }
  }
}

}  // namespace

const std::string* HttpRequest::header(std::string_view lowercase_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lowercase_name) return &value;
  }
  return nullptr;
}

ParseResult parse_request(std::string_view input, HttpRequest& out) {
  std::size_t pos = 0;
  // RFC 9112 §2.2: ignore empty lines before the request line (some clients send a stray CRLF
  // after a body).
  while (pos < input.size() && (input[pos] == '\r' || input[pos] == '\n')) ++pos;
  const std::size_t head_start = pos;

  std::optional<std::string_view> request_line;
  std::vector<std::string_view> header_lines;
  while (true) {
    std::optional<std::string_view> line = next_line(input, pos);
    if (pos - head_start > kMaxHeaderBytes || (!line && input.size() - head_start > kMaxHeaderBytes)) {
      return invalid(431, "request header block too large");
    }
    if (!line) return ParseResult{};
    if (!request_line) {
      request_line = line;
    } else if (line->empty()) {
      break;
    } else {
      header_lines.push_back(*line);
    }
  }

  HttpRequest req;
  std::string_view rl = *request_line;
  std::size_t sp1 = rl.find(' ');
  std::size_t sp2 = sp1 == kNpos ? kNpos : rl.find(' ', sp1 + 1);
  if (sp2 == kNpos || rl.find(' ', sp2 + 1) != kNpos) return invalid(400, "malformed request line");
  std::string_view method = rl.substr(0, sp1);
  std::string_view target = rl.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = rl.substr(sp2 + 1);
  if (!is_token(method) || target.empty()) return invalid(400, "malformed request line");
  if (version != "HTTP/1.1" && version != "HTTP/1.0") {
    if (version.substr(0, 5) == "HTTP/") return invalid(505, "HTTP version not supported");
    return invalid(400, "malformed request line");
  }
  req.method = std::string(method);
  req.target = std::string(target);
  req.path = std::string(target.substr(0, target.find('?')));

  for (std::string_view line : header_lines) {
    if (line.front() == ' ' || line.front() == '\t') {
      return invalid(400, "obsolete header line folding");
    }
    std::size_t colon = line.find(':');
    if (colon == kNpos || !is_token(line.substr(0, colon))) {
      return invalid(400, "malformed header line");
    }
    req.headers.emplace_back(lowercase(line.substr(0, colon)), std::string(trim_ows(line.substr(colon + 1))));
  }

  const std::string* connection = req.header("connection");
  if (version == "HTTP/1.1") {
    req.keep_alive = connection == nullptr || !list_contains(*connection, "close");
  } else {
    req.keep_alive = connection != nullptr && list_contains(*connection, "keep-alive");
  }
  const std::string* expect = req.header("expect");
  req.expect_continue = expect != nullptr && iequals(*expect, "100-continue");

  std::optional<std::uint64_t> content_length;
  for (const auto& [name, value] : req.headers) {
    if (name != "content-length") continue;
    std::optional<std::uint64_t> n = parse_decimal(value);
    if (!n || (content_length && *content_length != *n)) {
      return invalid(400, "malformed Content-Length");
    }
    content_length = n;
  }
  const std::string* transfer_encoding = req.header("transfer-encoding");

  if (transfer_encoding != nullptr) {
    // Both framings at once is the classic request-smuggling shape; refuse rather than guess.
    if (content_length) return invalid(400, "both Transfer-Encoding and Content-Length");
    if (!iequals(*transfer_encoding, "chunked")) {
      return invalid(501, "unsupported Transfer-Encoding");
    }
    std::optional<ParseResult> pending = decode_chunked(input, pos, req.body, req.expect_continue);
    if (pending) return *pending;
  } else if (content_length) {
    if (*content_length > kMaxBodyBytes) return invalid(413, "request body too large");
    if (input.size() - pos < *content_length) return body_pending(req.expect_continue);
    req.body = std::string(input.substr(pos, *content_length));
    pos += *content_length;
  }

  out = std::move(req);
  ParseResult done;
  done.status = ParseStatus::Complete;
  done.consumed = pos;
  return done;
}

std::string_view reason_phrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Content Too Large";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    case 529: return "Overloaded";
    default: return "Status";
  }
}

std::string response_head(int status, const HeaderList& headers) {
  std::string head = "HTTP/1.1 " + std::to_string(status) + " ";
  head += reason_phrase(status);
  head += "\r\n";
  for (const auto& [name, value] : headers) {
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
  }
  head += "\r\n";
  return head;
}

std::string chunk_frame(std::string_view data) {
  char size[24];
  int n = std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  std::string frame(size, static_cast<std::size_t>(n));
  frame += data;
  frame += "\r\n";
  return frame;
}

}  // namespace mock_llm
