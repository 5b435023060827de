// Retry-After values as servers send them, the absurd ones included: nothing overflows.
#include "http/retry_after.h"

#include <doctest/doctest.h>

namespace baml {
namespace {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

constexpr std::time_t kNow = 1'767'225'600;  // 2026-01-01T00:00:00Z

TEST_CASE("delay-seconds, fractions and retry-after-ms") {
  CHECK(parse_retry_after(" 2 ", RetryAfterHeader::SecondsOrDate, kNow) == 2000ms);
  CHECK(parse_retry_after("0.25", RetryAfterHeader::SecondsOrDate, kNow) == 250ms);
  CHECK(parse_retry_after("1500", RetryAfterHeader::Milliseconds, kNow) == 1500ms);
  CHECK_FALSE(parse_retry_after("-1", RetryAfterHeader::SecondsOrDate, kNow));
  CHECK_FALSE(parse_retry_after("soon", RetryAfterHeader::SecondsOrDate, kNow));
  CHECK_FALSE(parse_retry_after("Thu, 01 Jan 2026 00:00:10 GMT", RetryAfterHeader::Milliseconds, kNow));
}

TEST_CASE("an HTTP date counts from the wall clock; one in the past is no wait") {
  CHECK(parse_retry_after("Thu, 01 Jan 2026 00:00:10 GMT", RetryAfterHeader::SecondsOrDate, kNow) == 10s);
  CHECK(parse_retry_after("Wed, 31 Dec 2025 23:00:00 GMT", RetryAfterHeader::SecondsOrDate, kNow) == 0ms);
}

TEST_CASE("a value too long for 64 bits of milliseconds saturates instead of overflowing") {
  CHECK(parse_retry_after("1e30", RetryAfterHeader::SecondsOrDate, kNow) == milliseconds::max());
  CHECK(parse_retry_after("99999999999999999999", RetryAfterHeader::Milliseconds, kNow) == milliseconds::max());
  CHECK(parse_retry_after("9223372036854775807", RetryAfterHeader::SecondsOrDate, kNow) == milliseconds::max());
  // A date millennia ahead: long, but exact (it is the step to a time point that must saturate).
  const auto far = parse_retry_after("Fri, 31 Dec 9999 23:59:59 GMT", RetryAfterHeader::SecondsOrDate, kNow);
  REQUIRE(far);
  CHECK(*far > std::chrono::hours(24 * 365 * 7000));
  CHECK(*far < milliseconds::max());
}

}  // namespace
}  // namespace baml
