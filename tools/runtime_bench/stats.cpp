// Percentiles and summaries (see stats.h).
#include "stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace runtime_bench {

double percentile(const std::vector<double>& sorted, double p) {
  const auto n = static_cast<double>(sorted.size());
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * n));
  return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

Summary summarize(std::vector<double> samples) {
  Summary out;
  if (samples.empty()) return out;
  std::sort(samples.begin(), samples.end());
  out.count = samples.size();
  out.min = samples.front();
  out.max = samples.back();
  out.mean = std::accumulate(samples.begin(), samples.end(), 0.0) / static_cast<double>(samples.size());
  out.p50 = percentile(samples, 50);
  out.p90 = percentile(samples, 90);
  out.p99 = percentile(samples, 99);
  return out;
}

nlohmann::json to_json(const Summary& summary) {
  return {{"count", summary.count}, {"min", summary.min}, {"mean", summary.mean}, {"p50", summary.p50},
          {"p90", summary.p90},     {"p99", summary.p99}, {"max", summary.max}};
}

std::string format_outcomes(const OutcomeCounts& counts) {
  std::string out;
  for (const auto& [name, count] : counts) {
    if (!out.empty()) out += ", ";
    out += name + " " + std::to_string(count);
  }
  return out.empty() ? "-" : out;
}

}  // namespace runtime_bench
