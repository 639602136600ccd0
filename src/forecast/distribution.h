// Duration distributions for the forecast, and the quantile tables the Monte Carlo samples from.
//
// A three-point estimate (low, mode, high; working days) becomes one of three distributions
// (docs/formulas.md, "Forecasting"):
//   * PERT-beta (default): a beta on [low, high] with alpha = 1 + 4 (mode-low)/(high-low) and
//     beta = 1 + 4 (high-mode)/(high-low); mean (low + 4 mode + high) / 6.
//   * Triangular on [low, high] with its peak at mode.
//   * Shifted log-normal: low + exp(mu + sigma Z), whose mode is at `mode` and whose 95th
//   percentile
//     is at `high` (right-skewed, unbounded above).
// low == high gives a fixed value. The exact functions here (pdf, cdf, quantile, mean) are for
// building tables and for tests; trials never call them.
//
// Sampling is by inverse transform from a QuantileTable: the quantile function of a standardised
// shape tabulated at kCells+1 evenly spaced probabilities, read by linear interpolation. Items with
// the same shape share a table, so a trial reads little memory; a value is offset + scale * Q(u).
// The two outer cells are tabulated 64 times finer, and the outermost upper sub-cell of an
// unbounded (log-normal) table is computed exactly. Value types;
// QuantileTables is thread-compatible (build once, then read from any number of threads).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

namespace cairn::forecast {

enum class DistributionKind { kPert, kTriangular, kLogNormal };

const char* to_string(DistributionKind k);  // "pert", "triangular", "lognormal"
bool parse_distribution(const std::string& text, DistributionKind& out);

struct ThreePointDistribution {
  DistributionKind kind = DistributionKind::kPert;
  double low = 0;   // working days
  double mode = 0;  // working days
  double high = 0;  // working days

  bool fixed() const { return !(high > low); }
  double mean() const;
  double pdf(double x) const;
  double cdf(double x) const;
  double quantile(double p) const;  // p in [0, 1]; +inf at p = 1 for the log-normal
};

// The log-normal parameters (location low, mu, sigma) that ThreePointDistribution uses.
struct LogNormalParams {
  double location = 0;
  double mu = 0;
  double sigma = 0;
};
LogNormalParams lognormal_params(double low, double mode, double high);

// The standard normal quantile (Acklam's rational approximation refined by one Halley step;
// relative error below 1e-13) and distribution function.
double normal_quantile(double p);
double normal_cdf(double x);
// The regularised incomplete beta function I_x(a, b) (continued fraction, Numerical Recipes 6.4)
// and its inverse in x.
double incomplete_beta(double a, double b, double x);
double inverse_incomplete_beta(double a, double b, double p);

// How a node (or risk impact) draws a value: offset + scale * Q_table(u). Table 0 is all zeros, so
// {0, value, 0} is the fixed value `value`.
struct Sampler {
  uint32_t table = 0;
  float offset = 0;
  float scale = 0;
  static Sampler fixed(double value) { return {0, static_cast<float>(value), 0}; }
};

class QuantileTables {
 public:
  static constexpr int kCellBits = 10;
  static constexpr int kCells = 1 << kCellBits;  // cells per table; kCells + 1 values

  QuantileTables();

  // The sampler of a three-point distribution; adds (or reuses) the table of its shape.
  Sampler sampler(const ThreePointDistribution& d);
  // The sampler of scale * X where X follows the empirical distribution of `samples` (linear
  // interpolation between order statistics, Hyndman and Fan type 7). Needs at least one sample.
  Sampler empirical(std::span<const double> samples, double scale = 1.0);

  size_t size() const { return exact_tail_.size(); }
  size_t bytes() const {
    return (values_.size() + tails_.size() + strata_value_.size() + strata_rise_.size()) *
           sizeof(float);
  }

  // Q_table(u) for a uniform 32-bit integer u (u / 2^32 in [0, 1)): cell u >> 22, linear
  // interpolation within it by the low 22 bits.
  float quantile(uint32_t table, uint32_t u) const {
    const uint32_t cell = u >> (32 - kCellBits);
    if (cell == 0 || cell == kCells - 1) [[unlikely]]
      return tail(table, u);
    const float frac =
        static_cast<float>(u & ((1u << (32 - kCellBits)) - 1)) * (1.0f / (1u << (32 - kCellBits)));
    const float* t = values_.data() + size_t{table} * (kCells + 1) + cell;
    return t[0] + frac * (t[1] - t[0]);
  }
  // Table t's values start at values() + t * (kCells + 1).
  const float* values() const { return values_.data(); }

  // The layout the Monte Carlo reads kStrata trials at once from (Latin hypercube sampling,
  // monte_carlo.h): the kStrata cells (c + k * kCells / kStrata) mod kCells, k = 0..kStrata-1, of
  // a start cell c are the kStrata consecutive floats from strata_offset(t, c) in strata_values()
  // (each cell's lower value) and strata_rises() (values()[cell + 1] - values()[cell], bit for
  // bit). Row r = c mod kRows holds the cells r, r + kRows, ..., twice over.
  static constexpr int kStrata = 16;
  static constexpr int kRows = kCells / kStrata;  // 64
  static size_t strata_offset(uint32_t table, uint32_t c) {
    return (size_t{table} * kRows + (c % kRows)) * (2 * kStrata) + c / kRows;
  }
  const float* strata_values() const { return strata_value_.data(); }
  const float* strata_rises() const { return strata_rise_.data(); }
  // The value of a sampler for u.
  float sample(const Sampler& s, uint32_t u) const {
    return s.offset + s.scale * quantile(s.table, u);
  }

 private:
  // The outer cells are tabulated kSub times finer (steep quantile functions near 0 and 1); the
  // outermost sub-cell of an unbounded table is computed exactly.
  static constexpr int kSubBits = 6;
  static constexpr int kSub = 1 << kSubBits;

  // `shape`: the (kind, shape) key of a three-point table, whose values are then shared across
  // instances (distribution.cc); empirical tables have none.
  template <typename Q>
  uint32_t add_table(Q q, bool exact_tail, double sigma,
                     std::optional<std::tuple<int, double>> shape = std::nullopt);

 public:
  // Q_table(u) for u in one of the two outer cells (the slow path of quantile()).
  float tail(uint32_t table, uint32_t u) const;

 private:
  std::vector<float> values_;        // tables back to back, kCells + 1 values each
  std::vector<float> strata_value_;  // per table: kRows rows of 2 * kStrata values
  std::vector<float> strata_rise_;   // the same layout: rise to the next value
  std::vector<float> tails_;         // per table: 2 * (kSub + 1) values, lower then upper cell
  std::vector<uint8_t> exact_tail_;  // per table: outermost upper sub-cell exact (log-normal)
  std::vector<double> sigma_;        // per table: the log-normal sigma (exact tails)
  std::map<std::tuple<int, double>, uint32_t> index_;  // (kind, shape) -> table
};

}  // namespace cairn::forecast
