// Bucketed distributions (see histogram.h).
#include "histogram.h"

#include <algorithm>
#include <cmath>

namespace soak {

void Histogram::add(double ms) {
  ++count_;
  min_ = std::min(min_, ms);
  max_ = std::max(max_, ms);
  const double index = std::floor((ms - kLow) / kWidth);
  const std::size_t i = index < 0 ? 0 : std::min(kBuckets - 1, static_cast<std::size_t>(index));
  ++buckets_[i];
}

double Histogram::percentile(double p) const {
  if (count_ == 0) return 0;
  const long rank = std::max(1L, static_cast<long>(std::ceil(p / 100.0 * static_cast<double>(count_))));
  long seen = 0;
  for (std::size_t i = 0; i < kBuckets; ++i) {
    seen += buckets_[i];
    if (seen >= rank) {
      // The bucket's upper edge, but never beyond what was observed.
      return std::clamp(kLow + kWidth * static_cast<double>(i + 1), min_, max_);
    }
  }
  return max_;
}

nlohmann::json Histogram::to_json() const {
  return {{"count", count_},       {"min", min()},          {"p50", percentile(50)},
          {"p90", percentile(90)}, {"p99", percentile(99)}, {"max", max()}};
}

}  // namespace soak
