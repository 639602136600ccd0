// Sensitivity: which inputs explain the spread of an outcome, by Spearman's rank correlation
// between an input's per-trial values and the outcome's per-trial values (Spearman 1904; used for
// schedule risk "tornado" charts, e.g. Vose, Risk Analysis, 3rd ed., 2008, ch. 5).
// Pure functions; thread-safe.
#pragma once

#include <span>
#include <vector>

namespace cairn::forecast {

// Ranks 1..n, ties given their average rank (fractional ranking).
std::vector<double> fractional_ranks(std::span<const float> values);

// Pearson correlation of two equally long rank vectors: Spearman's rho when given ranks. 0 when
// either is constant or the vectors are empty.
double rank_correlation(std::span<const double> ranks_a, std::span<const double> ranks_b);

// Spearman's rho of two samples.
double spearman(std::span<const float> a, std::span<const float> b);

}  // namespace cairn::forecast
