// Durations in messages: exact limits in literal syntax, rounded elapsed times.
#include <baml/duration.h>

#include <doctest/doctest.h>

namespace baml {
namespace {

using namespace std::chrono_literals;

TEST_CASE("limits print as duration literals") {
  CHECK(format_duration(10s) == "10s");
  CHECK(format_duration(90s) == "1m30s");
  CHECK(format_duration(2500ms) == "2s500ms");
  CHECK(format_duration(10min) == "10m");
  CHECK(format_duration(1h + 15min) == "1h15m");
  CHECK(format_duration(250ms) == "250ms");
  CHECK(format_duration(0ms) == "0s");  // one spelling of zero, the compiler's and the runtime's
}

TEST_CASE("elapsed times print rounded") {
  CHECK(format_elapsed(812345us) == "812ms");
  CHECK(format_elapsed(10001ms) == "10s");
  CHECK(format_elapsed(10060ms) == "10.1s");
  CHECK(format_elapsed(1500ms) == "1.5s");
  CHECK(format_elapsed(125s + 300ms) == "2m5s");
  CHECK(format_elapsed(59990ms) == "1m");
}

}  // namespace
}  // namespace baml
