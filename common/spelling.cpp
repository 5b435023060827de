// Edit distance and did-you-mean selection (see spelling.h for the policy).
#include <baml/spelling.h>

#include <algorithm>
#include <tuple>
#include <vector>

namespace baml {
namespace {

char fold(char c, Case sensitivity) {
  if (sensitivity == Case::Insensitive && c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  return c;
}

std::size_t shared_prefix(std::string_view a, std::string_view b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && fold(a[n], Case::Insensitive) == fold(b[n], Case::Insensitive)) ++n;
  return n;
}

template <typename Candidate>
std::optional<std::string> closest_of(std::string_view word, std::span<const Candidate> candidates) {
  if (word.empty()) return std::nullopt;
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  // Smaller is better in every component: distance, longer prefix (negated), exact-case distance.
  using Rank = std::tuple<std::size_t, std::ptrdiff_t, std::size_t>;
  std::optional<Rank> best_rank;
  std::string_view best;
  for (const Candidate& c : candidates) {
    const std::string_view candidate(c);
    if (candidate.empty()) continue;
    const std::size_t distance = edit_distance(word, candidate, Case::Insensitive);
    if (distance > limit) continue;
    const Rank rank{distance, -static_cast<std::ptrdiff_t>(shared_prefix(word, candidate)),
                    edit_distance(word, candidate, Case::Sensitive)};
    if (!best_rank || rank < *best_rank) {  // strict: the earliest of equals stays
      best_rank = rank;
      best = candidate;
    }
  }
  if (!best_rank) return std::nullopt;
  return std::string(best);
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b, Case sensitivity) {
  // Three rolling rows: the transposition step looks two rows back.
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    const char ai = fold(a[i - 1], sensitivity);
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const char bj = fold(b[j - 1], sensitivity);
      const std::size_t substitution = previous[j - 1] + (ai == bj ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
      if (i > 1 && j > 1 && ai == fold(b[j - 2], sensitivity) && fold(a[i - 2], sensitivity) == bj) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::optional<std::string> closest_match(std::string_view word, std::span<const std::string_view> candidates) {
  return closest_of(word, candidates);
}

std::optional<std::string> closest_match(std::string_view word, std::span<const std::string> candidates) {
  return closest_of(word, candidates);
}

std::string quoted_list(std::span<const std::string_view> items, std::string_view conjunction) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      if (i + 1 == items.size()) {
        out += ' ';
        out += conjunction;
        out += ' ';
      } else {
        out += ", ";
      }
    }
    out += '`';
    out += items[i];
    out += '`';
  }
  return out;
}

}  // namespace baml
