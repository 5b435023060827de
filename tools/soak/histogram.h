// A distribution of milliseconds kept in fixed buckets (10 µs wide, from -100 ms to 2 s, exact
// min, max and count besides), so that recording a hundred thousand calls allocates nothing after
// the start: the soak's own memory must not grow from round to round. Percentiles are
// nearest-rank over the buckets (a bucket's upper edge), exact below 2 s to 10 µs.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <vector>

namespace soak {

class Histogram {
 public:
  Histogram() : buckets_(kBuckets, 0) {}
  void add(double ms);
  long count() const { return count_; }
  double min() const { return count_ ? min_ : 0; }
  double max() const { return count_ ? max_ : 0; }
  double percentile(double p) const;
  nlohmann::json to_json() const;

 private:
  static constexpr double kLow = -100, kWidth = 0.01;
  static constexpr std::size_t kBuckets = 210'000;
  std::vector<std::uint32_t> buckets_;
  long count_ = 0;
  double min_ = std::numeric_limits<double>::infinity();
  double max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace soak
