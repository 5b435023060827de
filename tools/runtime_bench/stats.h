// Summary statistics of benchmark samples: count, min, mean, the percentiles the figures quote
// (p50, p90, p99) and max. Percentiles use the nearest-rank rule (the smallest sample with at
// least p% of the samples at or below it), so a quoted p99 is always a value that was observed,
// never an interpolation between two samples.
#pragma once

#include <cstddef>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace runtime_bench {

struct Summary {
  std::size_t count = 0;
  double min = 0;
  double mean = 0;
  double p50 = 0;
  double p90 = 0;
  double p99 = 0;
  double max = 0;
};

// The nearest-rank percentile `p` (0 < p ≤ 100) of `sorted` (ascending, non-empty).
double percentile(const std::vector<double>& sorted, double p);

// Summarizes `samples` (any order); all zero when empty.
Summary summarize(std::vector<double> samples);

nlohmann::json to_json(const Summary& summary);

// How many calls ended in each outcome ("ok", "timeout:idle", "cancelled", ...), sorted by name.
using OutcomeCounts = std::map<std::string, long>;

// "timeout:idle 3000" or "ok 1998, connection:reset 2".
std::string format_outcomes(const OutcomeCounts& counts);

}  // namespace runtime_bench
