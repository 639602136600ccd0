#include "forecast/throughput.h"

#include <cmath>
#include <set>

#include <gtest/gtest.h>

#include "base/random.h"

namespace cairn::forecast {
namespace {

TEST(Throughput, ShortHistoryIsTheWindowWithoutDrift) {
  const std::vector<double> weeks = {4, 0, 2, 6, 3};
  const auto f = fit_throughput(weeks, 3);
  EXPECT_EQ(f.window, (std::vector<double>{2, 6, 3}));
  EXPECT_DOUBLE_EQ(f.window_mean, 11.0 / 3);
  EXPECT_TRUE(f.drift.empty());  // 5 weeks < two 3-week windows plus a second ratio
  EXPECT_EQ(f.past_windows, 0);
}

TEST(Throughput, DriftIsTheNoiseFreePartOfPastWindowRatios) {
  // One-week windows alternating 10 and 30: the ratios are 30/10, 10/30, 30/10, 10/30 (with 0.5
  // added to each side). A one-week window has no variance, so the dispersion is 1 (Poisson).
  const std::vector<double> weeks = {10, 30, 10, 30, 10};
  const auto f = fit_throughput(weeks, 1);
  ASSERT_EQ(f.past_windows, 4);
  const double a = std::log(30.5 / 10.5);
  const double var = 4 * a * a / 3;          // sample variance of {a, -a, a, -a}
  const double noise = 1 / 30.5 + 1 / 10.5;  // phi / next + phi / prev, phi = 1
  const double share = 1 - noise / var;      // 0.9156
  EXPECT_NEAR(f.drift_signal_share, share, 1e-12);
  ASSERT_EQ(f.drift.size(), 4u);
  const double lo = std::exp(-std::sqrt(share) * a);  // median 0: deviations scaled by sqrt
  EXPECT_NEAR(f.drift[0], lo, 1e-12);
  EXPECT_NEAR(f.drift[1], lo, 1e-12);
  EXPECT_NEAR(f.drift[2], 1 / lo, 1e-12);
  EXPECT_NEAR(f.drift[3], 1 / lo, 1e-12);
  EXPECT_EQ(f.window, (std::vector<double>{10}));
}

TEST(Throughput, SteadyHistoryHasNoDrift) {
  // Ratios that counting noise alone explains: the share is 0 and every multiplier is 1.
  const std::vector<double> weeks(40, 5.0);
  const auto f = fit_throughput(weeks, 4);
  ASSERT_FALSE(f.drift.empty());
  EXPECT_DOUBLE_EQ(f.drift_signal_share, 0);
  for (double m : f.drift)
    EXPECT_DOUBLE_EQ(m, 1);
}

TEST(Throughput, AdaptiveTrialMultipliesWeeksByOneDrift) {
  ThroughputFit f;
  f.window = {5};
  f.window_mean = 5;
  f.drift = {0.5, 2};
  ThroughputSampler s(f, ThroughputModel::kAdaptive);
  int halves = 0;
  for (uint64_t t = 0; t < 1000; ++t) {
    s.start_trial(trial_key(7, t), 0);
    const double m = s.multiplier();
    ASSERT_TRUE(m == 0.5 || m == 2) << m;
    halves += m == 0.5;
    for (int w = 0; w < 5; ++w)
      EXPECT_DOUBLE_EQ(s.week(w), 5 * m);  // the same multiplier every week of the trial
  }
  EXPECT_NEAR(halves, 500, 60);  // each of the two drifts about equally often
}

TEST(Throughput, BootstrapDrawsWindowWeeksEquallyOften) {
  ThroughputFit f;
  f.window = {1, 2, 3, 4};
  f.window_mean = 2.5;
  for (auto model : {ThroughputModel::kBootstrap, ThroughputModel::kBayesianBootstrap,
                     ThroughputModel::kBlockBootstrap}) {
    ThroughputSampler s(f, model, 2);
    double sum = 0;
    int n = 0;
    for (uint64_t t = 0; t < 2000; ++t) {
      s.start_trial(trial_key(3, t), 0);
      EXPECT_DOUBLE_EQ(s.multiplier(), 1);
      for (int w = 0; w < 4; ++w) {
        const double c = s.week(w);
        ASSERT_TRUE(c == 1 || c == 2 || c == 3 || c == 4);
        if (model == ThroughputModel::kBlockBootstrap && w % 2 == 1) {
          EXPECT_EQ(s.pick(w), s.pick(w - 1) + 1);  // a block is consecutive weeks
        }
        sum += c;
        ++n;
      }
    }
    EXPECT_NEAR(sum / n, 2.5, 0.08) << to_string(model);
  }
}

}  // namespace
}  // namespace cairn::forecast
