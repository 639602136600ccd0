// Weekly throughput: how many items a team (or a whole issue tracker) finished per week, the
// population the Monte Carlo bootstraps unestimated work from (docs/formulas.md, "Throughput").
// Pure functions; thread-safe.
#pragma once

#include <span>
#include <vector>

#include "base/date.h"

namespace cairn::forecast {

// Completions per week in the `weeks` whole weeks before `end` (the days [end - 7 weeks, end)),
// oldest week first. Finishes outside that span are ignored.
std::vector<double> weekly_throughput(std::span<const Date> finishes, Date end, int weeks);

// Percentile by linear interpolation between order statistics (Hyndman and Fan type 7) of sorted
// values; p in [0, 1]. 0 for an empty span.
double sorted_percentile(std::span<const double> sorted, double p);
double sorted_percentile(std::span<const float> sorted, double p);

}  // namespace cairn::forecast
