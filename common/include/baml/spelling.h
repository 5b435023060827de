// Spelling helpers behind every "did you mean": an edit distance, the choice of the closest known
// name, and the rendering of a list of names for a message. One policy here keeps suggestions
// consistent across unknown keys, names, duration units and classes of retry.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace baml {

enum class Case { Sensitive, Insensitive };

// Damerau–Levenshtein distance in its optimal-string-alignment form: insertions, deletions,
// substitutions and transpositions of two adjacent bytes each cost 1, and no substring is
// edited twice. Insensitive compares ASCII letters without regard to case.
std::size_t edit_distance(std::string_view a, std::string_view b, Case sensitivity = Case::Sensitive);

// The candidate `word` was most likely meant to be, or nothing when none is close enough.
// Close enough: a case-insensitive distance of at most max(1, word.size() / 3). Ties go to the
// longest shared prefix (typos cluster at the end of a word), then to the closer case-sensitive
// spelling, then to the earliest candidate, so the answer never depends on hash order.
std::optional<std::string> closest_match(std::string_view word, std::span<const std::string_view> candidates);
std::optional<std::string> closest_match(std::string_view word, std::span<const std::string> candidates);

// "`a`, `b` and `c`" (or "... or `c`" with conjunction "or"); "`a`" for one item, "" for none.
std::string quoted_list(std::span<const std::string_view> items, std::string_view conjunction = "and");

}  // namespace baml
