// Writing durations: the exact literal of a limit and the rounded form of a measured time
// (see <baml/duration.h>).
#include <baml/duration.h>

#include <array>

namespace baml {
namespace {

struct Unit {
  std::uint64_t ms;
  const char* name;
};
constexpr std::array<Unit, 4> kUnits{{{3'600'000, "h"}, {60'000, "m"}, {1'000, "s"}, {1, "ms"}}};

}  // namespace

std::string format_duration(std::chrono::milliseconds value) {
  const std::int64_t count = value.count();
  if (count == 0) return "0s";
  std::string out = count < 0 ? "-" : "";
  // Negate in unsigned arithmetic: -INT64_MIN does not fit in an int64.
  std::uint64_t rest = count < 0 ? 0 - static_cast<std::uint64_t>(count) : static_cast<std::uint64_t>(count);
  for (const Unit& unit : kUnits) {
    if (rest >= unit.ms) {
      out += std::to_string(rest / unit.ms);
      out += unit.name;
      rest %= unit.ms;
    }
  }
  return out;
}

std::string format_elapsed(std::chrono::nanoseconds elapsed) {
  using std::chrono::milliseconds;
  const std::int64_t ms = std::chrono::round<milliseconds>(elapsed).count();
  if (ms < 1000) return std::to_string(ms < 0 ? 0 : ms) + "ms";
  if (ms < 59'950) {
    const std::int64_t tenths = (ms + 50) / 100;
    std::string out = std::to_string(tenths / 10);
    if (tenths % 10 != 0) out += "." + std::to_string(tenths % 10);
    return out + "s";
  }
  return format_duration(milliseconds((ms + 500) / 1000 * 1000));
}

}  // namespace baml
