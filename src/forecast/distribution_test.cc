#include "forecast/distribution.h"

#include <cmath>

#include <gtest/gtest.h>

namespace cairn::forecast {
namespace {

TEST(Distribution, PertMeanAndShape) {
  ThreePointDistribution d{DistributionKind::kPert, 2, 5, 14};
  EXPECT_DOUBLE_EQ(d.mean(), (2 + 20 + 14) / 6.0);
  EXPECT_NEAR(d.cdf(d.quantile(0.3)), 0.3, 1e-12);
  EXPECT_NEAR(d.cdf(d.quantile(0.95)), 0.95, 1e-12);
  // The density peaks at the mode.
  EXPECT_GT(d.pdf(5.0), d.pdf(4.0));
  EXPECT_GT(d.pdf(5.0), d.pdf(6.0));
}

TEST(Distribution, SymmetricPertMedianIsTheMode) {
  ThreePointDistribution d{DistributionKind::kPert, 1, 3, 5};
  EXPECT_NEAR(d.quantile(0.5), 3.0, 1e-12);
}

TEST(Distribution, TriangularClosedForm) {
  ThreePointDistribution d{DistributionKind::kTriangular, 0, 2, 10};
  EXPECT_NEAR(d.cdf(2), 0.2, 1e-15);
  EXPECT_NEAR(d.quantile(0.2), 2, 1e-12);
  EXPECT_NEAR(d.quantile(1 - 0.32), 10 - std::sqrt(0.32 * 10 * 8), 1e-12);
  EXPECT_DOUBLE_EQ(d.mean(), 4);
}

TEST(Distribution, LogNormalHasItsModeAndP95) {
  ThreePointDistribution d{DistributionKind::kLogNormal, 2, 4, 12};
  EXPECT_NEAR(d.quantile(0.95), 12, 1e-9);
  auto p = lognormal_params(2, 4, 12);
  EXPECT_NEAR(2 + std::exp(p.mu - p.sigma * p.sigma), 4, 1e-9);
}

TEST(Distribution, NormalQuantileIsAccurate) {
  EXPECT_NEAR(normal_quantile(0.975), 1.959963984540054, 1e-12);
  EXPECT_NEAR(normal_quantile(1e-10), -6.361340902404056, 1e-9);
  EXPECT_NEAR(normal_quantile(0.5), 0, 1e-15);
}

TEST(Distribution, FixedWhenLowEqualsHigh) {
  QuantileTables t;
  auto s = t.sampler({DistributionKind::kPert, 3, 3, 3});
  EXPECT_EQ(s.table, 0u);
  EXPECT_FLOAT_EQ(t.sample(s, 12345u), 3.0f);
}

TEST(QuantileTables, TablesMatchExactQuantiles) {
  QuantileTables t;
  for (auto kind :
       {DistributionKind::kPert, DistributionKind::kTriangular, DistributionKind::kLogNormal}) {
    ThreePointDistribution d{kind, 2, 5, 14};
    auto s = t.sampler(d);
    for (double p : {0.002, 0.01, 0.1, 0.5, 0.85, 0.95, 0.99, 0.998}) {
      const uint32_t u = static_cast<uint32_t>(p * 4294967296.0);
      EXPECT_NEAR(t.sample(s, u), d.quantile(p), 1e-3 * d.quantile(p))
          << to_string(kind) << " p=" << p;
    }
    // The outer cells are tabulated more finely.
    for (double p : {0.0001, 0.9999}) {
      const uint32_t u = static_cast<uint32_t>(p * 4294967296.0);
      const double tol = 2e-3;
      EXPECT_NEAR(t.sample(s, u), d.quantile(p), tol * d.quantile(p))
          << to_string(kind) << " p=" << p;
    }
  }
}

TEST(QuantileTables, PercentilesWithinATenthOfAPercentForEveryShape) {
  // With the low value at 0 the relative error is the table's own (an offset only dilutes it).
  for (auto kind :
       {DistributionKind::kPert, DistributionKind::kTriangular, DistributionKind::kLogNormal}) {
    for (double s : {0.02, 0.1, 1 / 6.0, 0.3, 0.5, 0.7, 0.9, 0.98}) {
      QuantileTables t;
      const ThreePointDistribution d{kind, 0, 10 * s, 10};
      const auto sampler = t.sampler(d);
      double worst = 0, at = 0;
      for (int i = 0; i <= 9800; ++i) {
        const double p = 0.01 + i * 1e-4;
        const uint32_t u = static_cast<uint32_t>(p * 4294967296.0);
        const double exact = d.quantile(u * 0x1.0p-32);
        const double err = std::fabs(t.sample(sampler, u) - exact) / exact;
        if (err > worst) worst = err, at = p;
      }
      EXPECT_LT(worst, 1e-3) << to_string(kind) << " mode at " << s << ", worst at p=" << at;
    }
  }
}

TEST(QuantileTables, StrataLayoutHoldsEachCellAndItsRise) {
  QuantileTables t;
  auto s = t.sampler({DistributionKind::kPert, 1, 2, 7});
  const float* v = t.values() + size_t{s.table} * (QuantileTables::kCells + 1);
  for (uint32_t c = 0; c < QuantileTables::kCells; c += 37) {
    const size_t at = QuantileTables::strata_offset(s.table, c);
    for (int k = 0; k < QuantileTables::kStrata; ++k) {
      const uint32_t cell = (c + k * QuantileTables::kRows) % QuantileTables::kCells;
      EXPECT_EQ(t.strata_values()[at + k], v[cell]) << c << " " << k;
      EXPECT_EQ(t.strata_rises()[at + k], v[cell + 1] - v[cell]) << c << " " << k;
    }
  }
}

TEST(QuantileTables, ShapesEqualUpToRoundingShareATable) {
  QuantileTables t;
  // (m - a) / (b - a) of these differs in the last bits.
  auto a = t.sampler({DistributionKind::kPert, 0.8 * 3, 3, 1.3 * 3});
  auto b = t.sampler({DistributionKind::kPert, 0.8 * 7, 7, 1.3 * 7});
  EXPECT_EQ(a.table, b.table);
}

TEST(QuantileTables, SameShapeSharesATable) {
  QuantileTables t;
  auto a = t.sampler({DistributionKind::kPert, 1, 2, 4});
  auto b = t.sampler({DistributionKind::kPert, 10, 20, 40});
  EXPECT_EQ(a.table, b.table);
  EXPECT_EQ(t.size(), 2u);  // the fixed table and one shape
}

TEST(QuantileTables, EmpiricalInterpolatesOrderStatistics) {
  QuantileTables t;
  std::vector<double> xs = {4, 1, 3, 2};
  auto s = t.empirical(xs, 2.0);
  EXPECT_NEAR(t.sample(s, 0), 2.0, 1e-6);
  EXPECT_NEAR(t.sample(s, 1u << 31), 5.0, 1e-3);  // median 2.5, times 2
}

}  // namespace
}  // namespace cairn::forecast
