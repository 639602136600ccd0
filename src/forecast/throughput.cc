#include "forecast/throughput.h"

#include <algorithm>

namespace cairn::forecast {

namespace {
template <typename T>
double percentile_of(std::span<const T> v, double p) {
  if (v.empty()) return 0;
  const double h = (v.size() - 1) * std::clamp(p, 0.0, 1.0);
  const size_t lo = static_cast<size_t>(h);
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - lo) * (double{v[hi]} - double{v[lo]});
}
}  // namespace

double sorted_percentile(std::span<const double> sorted, double p) {
  return percentile_of(sorted, p);
}
double sorted_percentile(std::span<const float> sorted, double p) {
  return percentile_of(sorted, p);
}

}  // namespace cairn::forecast
