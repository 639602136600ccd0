// Percentiles of sorted samples (forecast dates, throughput populations). Weekly completions
// themselves are counted by cairn::weekly_counts (model/pace.h). Pure functions; thread-safe.
#pragma once

#include <span>
#include <vector>

namespace cairn::forecast {

// Percentile by linear interpolation between order statistics (Hyndman and Fan type 7) of sorted
// values; p in [0, 1]. 0 for an empty span.
double sorted_percentile(std::span<const double> sorted, double p);
double sorted_percentile(std::span<const float> sorted, double p);

}  // namespace cairn::forecast
