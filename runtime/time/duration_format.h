// Durations as people read them in error messages. A configured limit prints exactly, in the
// language's own literal syntax (`10s`, `1m30s`, `2s500ms`), so a message can be matched against
// the .baml file; a measured elapsed time prints rounded to what matters (`812ms`, `10.1s`, `2m5s`).
#pragma once

#include <chrono>
#include <string>

namespace baml {

// Exact, as a duration literal: segments h, m, s, ms in decreasing order, zero segments left out.
std::string format_duration(std::chrono::milliseconds d);

// Rounded: whole milliseconds below one second, tenths of a second below a minute, whole seconds
// above (then in literal syntax).
std::string format_elapsed(std::chrono::nanoseconds d);

}  // namespace baml
