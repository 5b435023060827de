// Durations read from a model's text (bamlc's `duration`, beyond BAML): see duration_text.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace baml::parse {

// The milliseconds a text names ("90s", "1m30s", "1.5 minutes", "PT1H30M", "90" = seconds), or
// nullopt when it names none (or a negative or too large duration).
std::optional<std::int64_t> duration_from_text(std::string_view text);

}  // namespace baml::parse
