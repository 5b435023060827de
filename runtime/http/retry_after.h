// How long a server asks to be left alone: `Retry-After` (delay-seconds or an HTTP date, RFC 9110)
// and OpenAI's `retry-after-ms`. The value is the server's text, so anything goes: a value too
// long for 64 bits of milliseconds saturates at milliseconds::max() (a wait that never ends, which
// a budget then refuses) instead of overflowing.
#pragma once

#include <chrono>
#include <ctime>
#include <optional>
#include <string_view>

namespace baml {

enum class RetryAfterHeader {
  SecondsOrDate,  // Retry-After
  Milliseconds,   // retry-after-ms
};

// The wait a header's value asks for, as of `wall_now` for a date (a date past is no wait);
// nullopt when the value is none of the forms the header allows.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, RetryAfterHeader header,
                                                           std::time_t wall_now);

}  // namespace baml
