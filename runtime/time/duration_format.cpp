// Human-readable durations for messages (see duration_format.h).
#include "time/duration_format.h"

#include <cstdint>

namespace baml {

std::string format_duration(std::chrono::milliseconds d) {
  std::int64_t ms = d.count();
  if (ms <= 0) return "0ms";
  struct Unit {
    std::int64_t size;
    const char* name;
  };
  static constexpr Unit kUnits[] = {{3'600'000, "h"}, {60'000, "m"}, {1000, "s"}, {1, "ms"}};
  std::string out;
  for (const Unit& unit : kUnits) {
    if (ms >= unit.size) {
      out += std::to_string(ms / unit.size) + unit.name;
      ms %= unit.size;
    }
  }
  return out;
}

std::string format_elapsed(std::chrono::nanoseconds d) {
  using std::chrono::milliseconds;
  const std::int64_t ms = std::chrono::round<milliseconds>(d).count();
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
