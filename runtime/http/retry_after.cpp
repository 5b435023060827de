// Reading Retry-After values (see retry_after.h).
#include "http/retry_after.h"

#include <curl/curl.h>

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>

namespace baml {

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, RetryAfterHeader header,
                                                           std::time_t wall_now) {
  using std::chrono::milliseconds;
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) value.remove_prefix(1);
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  const std::string text(value);
  char* end = nullptr;
  const double number = std::strtod(text.c_str(), &end);
  if (end != nullptr && *end == '\0') {
    if (!std::isfinite(number) || number < 0) return std::nullopt;
    double ms = 0;
    switch (header) {
      case RetryAfterHeader::SecondsOrDate: ms = std::ceil(number * 1000.0); break;
      case RetryAfterHeader::Milliseconds: ms = std::ceil(number); break;
    }
    // 2^63 is exact as a double; anything from it on does not fit.
    if (ms >= static_cast<double>(std::numeric_limits<std::int64_t>::max())) return milliseconds::max();
    return milliseconds(static_cast<std::int64_t>(ms));
  }
  switch (header) {
    case RetryAfterHeader::SecondsOrDate: break;
    case RetryAfterHeader::Milliseconds: return std::nullopt;
  }
  const std::time_t at = curl_getdate(text.c_str(), nullptr);
  if (at < 0) return std::nullopt;
  if (at <= wall_now) return milliseconds(0);
  const auto seconds = static_cast<std::int64_t>(at - wall_now);
  if (seconds > std::numeric_limits<std::int64_t>::max() / 1000) return milliseconds::max();
  return milliseconds(seconds * 1000);
}

}  // namespace baml
