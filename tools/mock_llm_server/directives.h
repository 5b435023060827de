// The fault language of the mock server: a request's `model` string such as
// `mock:ttfb=5s,stall_after=3,reply=Hi there`, and `[mock:...]` tags inside its prompt text (the
// way a function call's arguments choose the answer), are parsed into a Directives value that
// says how to answer. Also how a reply text is cut into content chunks. The grammar and every directive's
// meaning are documented in docs/mock_llm_server.md; this header is the code's side of that
// contract.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace mock_llm {

using Millis = std::chrono::milliseconds;

inline constexpr std::string_view kDefaultReply = "Hello from the mock server.";

struct Directives {
  Millis ttfb{0};                            // before the status line and headers
  Millis first{0};                           // after the headers, before the first content chunk
  Millis gap{0};                             // between content chunks
  std::optional<std::uint64_t> stall_after;  // hold silently after this many content chunks
  std::optional<Millis> drip;                // a content chunk every D, never finishing
  std::optional<Millis> ping;                // SSE comment keep-alives while waiting
  std::optional<int> status;                 // answer with this HTTP error status
  std::optional<std::string> retry_after;    // seconds as written, e.g. "2" or "0.25"
  std::optional<std::uint64_t> retry_after_date;  // Retry-After as an HTTP date this many seconds ahead
  std::optional<std::uint64_t> retry_after_ms;    // only OpenAI's retry-after-ms header
  bool reset = false;                        // abort the connection instead of answering
  bool echo = false;                         // reply with the request's headers and body
  std::optional<std::string> reply;          // the content (reply=, or reply_b64= decoded)
  std::optional<std::string> reply_file;     // the content is this file's (read when answering)
  std::optional<std::string> answer;         // the content is this canned answer (answers.h)
  std::vector<std::string> forms;            // rewrites of the content, applied in order
  std::optional<std::uint64_t> chunks;       // split the reply evenly instead of by words
  std::optional<std::uint64_t> chunk_size;   // split the reply into pieces of this many bytes
  std::optional<std::uint64_t> truncate;     // end the body cleanly after this many chunks
  std::optional<std::uint64_t> close_after;  // close the connection after this many chunks
  std::optional<std::uint64_t> stream_error; // the provider's error event after this many chunks
  std::optional<std::uint64_t> fail_first;   // the first K requests of this model string fail
  bool invalid_utf8 = false;                 // the reply's text carries bytes that are not UTF-8
  std::optional<std::uint64_t> garbage;      // the body is this many bytes of binary noise
};

struct DirectiveError {
  std::string directive;  // the offending `key=value` as written (or the key alone)
  std::string message;    // a sentence naming the directive, for the 400 response
};

// Parses a model string. A model that does not start with "mock:" has no directives.
std::variant<Directives, DirectiveError> parse_model(std::string_view model);

// Appends the contents of every `[mock:...]` tag in `text` (what lies between `[mock:` and the
// next `]`) to `tags`. Returns an error sentence for a tag without its `]`, else "".
std::string find_prompt_tags(std::string_view text, std::vector<std::string>& tags);

// The directives of a request: the model string's, then the prompt tags', which override the
// model's key by key (a content directive — reply, reply_b64, reply_file, answer, echo — replaces
// the model's content directive, and chunks/chunk_size replace each other likewise). Within the
// tags a key may repeat only with the same value. Prompt tags apply whatever the model string is.
std::variant<Directives, DirectiveError> parse_directives(std::string_view model, const std::vector<std::string>& tags);

// "500ms", "2s", "1m", "1m30s", "1h", "1.5s", or a bare "0". Components add up; units are
// h, m, s, ms. Returns nullopt for anything else.
std::optional<Millis> parse_duration(std::string_view text);

// Cuts `content` into content chunks: by words (each chunk one word plus the whitespace after
// it; leading whitespace joins the first chunk), or, with `chunks`, into that many nearly
// equal pieces that never split a UTF-8 sequence. Concatenating the result gives `content`
// back. Never empty: an empty content is one empty chunk, so a response always has a first chunk.
// With `chunk_size`, into pieces of that many bytes (the last may be shorter), each extended to
// the end of a UTF-8 sequence it would otherwise split.
std::vector<std::string> content_chunks(std::string_view content, std::optional<std::uint64_t> chunks,
                                        std::optional<std::uint64_t> chunk_size = std::nullopt);

}  // namespace mock_llm
