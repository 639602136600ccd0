// Sensitivity: which inputs explain the spread of an outcome, by Spearman's rank correlation
// between an input's per-trial values and the outcome's per-trial values (Spearman 1904; used for
// schedule risk "tornado" charts, e.g. Vose, Risk Analysis, 3rd ed., 2008, ch. 5), and the sorting
// the forecast's order statistics need.
// Pure functions; thread-safe.
#pragma once

#include <span>
#include <vector>

namespace cairn::forecast {

// Sorts floats in ascending order (LSD radix sort, O(n); -0 before +0; no NaNs).
void sort_values(std::span<float> values);

// Ranks 1..n, ties given their average rank (fractional ranking).
std::vector<double> fractional_ranks(std::span<const float> values);

// Pearson correlation of two equally long rank vectors: Spearman's rho when given ranks. 0 when
// either is constant or the vectors are empty.
double rank_correlation(std::span<const double> ranks_a, std::span<const double> ranks_b);

// Fractional ranks minus their mean (n + 1) / 2, with their sum of squares, for correlating one
// input with many outcomes. Every value is a multiple of 1/2 and, for n < 2^17, every sum is exact
// in double arithmetic, so centered_correlation() gives exactly rank_correlation()'s rho.
struct CenteredRanks {
  std::vector<double> values;
  double sum_squares = 0;
};
CenteredRanks centered_ranks(std::span<const float> values);
double centered_correlation(const CenteredRanks& a, const CenteredRanks& b);

// Spearman's rho of two samples.
double spearman(std::span<const float> a, std::span<const float> b);

}  // namespace cairn::forecast
