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
      // The Bayesian bootstrap widens a week's deviation from the trial's mean; undone, the week
      // is one of the window's.
      const double widen =
          model == ThroughputModel::kBayesianBootstrap ? predictive_inflation(4) : 1.0;
      for (int w = 0; w < 4; ++w) {
        const double c = s.week(w);
        const double x = s.weighted_mean() + (c - s.weighted_mean() - s.prior_share()) / widen;
        ASSERT_NEAR(x, f.window[s.pick(w)], 1e-12);
        ASSERT_TRUE(x > 0.5 && x < 4.5);
        if (model == ThroughputModel::kBlockBootstrap && w % 2 == 1) {
          EXPECT_EQ(s.pick(w), s.pick(w - 1) + 1);  // a block is consecutive weeks
        }
        sum += c;
        ++n;
      }
    }
    // The Bayesian bootstrap adds half an item of prior count over its Exp(1) weights' sum,
    // Gamma(4): 0.5 / 3 a week on average.
    EXPECT_NEAR(sum / n, model == ThroughputModel::kBayesianBootstrap ? 2.5 + 0.5 / 3 : 2.5, 0.08)
        << to_string(model);
  }
}

// A drawn week must spread around the window's mean as a new week would: by the sample variance
// s2 plus the uncertainty of the mean. The Bayesian bootstrap alone gives (n - 1) / n of s2 (the
// weights' mean uncertainty included), 8% less for 12 weeks; widened, s2 (1 + (n - 1) / (n (n +
// 1))). The mean is the window's plus the prior count's half item over the window.
TEST(Throughput, BayesianBootstrapWeeksSpreadAsANewWeek) {
  ThroughputFit f;
  f.window = {3, 0, 7, 5, 1, 9, 4, 2, 6, 0, 8, 3};
  const double n = 12;
  double mean = 0, s2 = 0;
  for (double x : f.window)
    mean += x / n;
  for (double x : f.window)
    s2 += (x - mean) * (x - mean) / (n - 1);
  f.window_mean = mean;
  EXPECT_NEAR(predictive_inflation(12), std::sqrt(13.0 / 11.0), 1e-15);
  EXPECT_EQ(predictive_inflation(1), 1.0);
  for (auto model : {ThroughputModel::kBayesianBootstrap, ThroughputModel::kAdaptive}) {
    ThroughputSampler s(f, model);
    double sum = 0, sq = 0;
    int below_zero = 0;
    const int trials = 40000;
    for (uint64_t t = 0; t < trials; ++t) {
      s.start_trial(trial_key(11, t), 0);
      const double c = s.week(0);  // no drift without history: multiplier 1
      sum += c;
      sq += c * c;
      below_zero += c < 0;
    }
    const double m = sum / trials;
    const double var = sq / trials - m * m;
    // Half an item of prior count over the Exp(1) weights' sum, Gamma(12): 0.5 / 11 a week.
    EXPECT_NEAR(m, mean + 0.5 / 11, 0.03) << to_string(model);
    EXPECT_NEAR(var / s2, 1 + (n - 1) / (n * (n + 1)), 0.03) << to_string(model);
    EXPECT_GT(below_zero, 0) << "an empty week widened below the mean counts below zero";
  }
  // A window that finished nothing gets no prior count: no throughput from nothing.
  ThroughputFit empty;
  empty.window.assign(12, 0.0);
  ThroughputSampler quiet(empty, ThroughputModel::kAdaptive);
  for (uint64_t t = 0; t < 100; ++t) {
    quiet.start_trial(trial_key(5, t), 0);
    ASSERT_EQ(quiet.prior_share(), 0);
    ASSERT_EQ(quiet.week(0), 0);
  }
  // The classic bootstrap is left as it is: each week one of the window's.
  ThroughputSampler plain(f, ThroughputModel::kBootstrap);
  plain.start_trial(trial_key(11, 0), 0);
  EXPECT_EQ(plain.week(0), f.window[plain.pick(0)]);
}

// A Scrum team that finishes its items at the end of 2-week (or 3-week) sprints: its history has
// a cadence, and the weeks ahead are drawn as whole past sprints, in order. Weeks drawn one by one
// would put two quiet or two batch weeks in a row.
std::vector<double> sprint_weeks(int period, int sprints, uint64_t seed) {
  std::vector<double> weeks;
  for (int k = 0; k < sprints; ++k) {
    for (int j = 1; j < period; ++j)
      weeks.push_back(draw_uniform(seed, 2 * k) < 0.2 ? 1 : 0);  // now and then one mid-sprint
    weeks.push_back(8 + std::floor(8 * draw_uniform(seed, 2 * k + 1)));  // the sprint's batch
  }
  return weeks;
}

TEST(Throughput, SprintCadenceIsFoundInTheHistory) {
  EXPECT_EQ(cadence_weeks(sprint_weeks(2, 20, 1), 12), 2);
  EXPECT_EQ(cadence_weeks(sprint_weeks(3, 16, 2), 12), 3);
  // Too few blocks to tell (at least kCadenceBlocks), or a window the blocks do not divide.
  EXPECT_EQ(cadence_weeks(sprint_weeks(2, kCadenceBlocks - 1, 1), 12), 1);
  EXPECT_EQ(cadence_weeks(sprint_weeks(2, 20, 1), 13), 1);
  // Independent weeks, and weeks whose level rises steadily, have none.
  std::vector<double> steady, rising;
  for (int w = 0; w < 80; ++w) {
    steady.push_back(std::floor(10 * draw_uniform(5, w)));
    rising.push_back(w / 4 + std::floor(4 * draw_uniform(6, w)));
  }
  EXPECT_EQ(cadence_weeks(steady, 12), 1);
  EXPECT_EQ(cadence_weeks(rising, 12), 1);
  // A sudden change of level is no cadence either.
  std::vector<double> jump(40, 2.0);
  jump.insert(jump.end(), 40, 20.0);
  EXPECT_EQ(cadence_weeks(jump, 12), 1);

  // A team that took up sprints after 60 steady weeks has a cadence once its last 64 weeks are
  // mostly sprints; one that left them for 60 steady weeks has none.
  auto took_up = steady;
  for (double x : sprint_weeks(2, 20, 7))
    took_up.push_back(x);
  EXPECT_EQ(cadence_weeks(took_up, 12), 2);
  auto left = sprint_weeks(2, 40, 8);
  left.insert(left.end(), steady.begin(), steady.begin() + 60);
  EXPECT_EQ(cadence_weeks(left, 12), 1);

  const auto f = fit_throughput(sprint_weeks(2, 30, 3), 12);
  EXPECT_EQ(f.period_weeks, 2);
  // The batches are not counting noise: the drift of a steady sprint stream is nearly none.
  EXPECT_LT(f.drift_signal_share, 0.5);
}

TEST(Throughput, CadenceDrawsWholeSprintsInOrder) {
  ThroughputFit f = fit_throughput(sprint_weeks(2, 30, 4), 12);
  ASSERT_EQ(f.period_weeks, 2);
  for (auto model : {ThroughputModel::kBayesianBootstrap, ThroughputModel::kAdaptive}) {
    ThroughputSampler s(f, model);
    for (uint64_t t = 0; t < 500; ++t) {
      s.start_trial(trial_key(8, t), 0);
      for (int w = 0; w < 8; w += 2) {
        const int i = s.pick(w);
        ASSERT_EQ(i % 2, 0) << "a block starts at a sprint's first week";
        ASSERT_EQ(s.pick(w + 1), i + 1) << "and goes on with its second";
        // Every two weeks ahead hold one batch: never two quiet weeks in a row.
        ASSERT_GE(f.window[i] + f.window[i + 1], 8);
      }
    }
  }
  // Without a cadence the same window's weeks are drawn one by one: quiet pairs happen.
  f.period_weeks = 1;
  ThroughputSampler one(f, ThroughputModel::kBayesianBootstrap);
  int quiet_pairs = 0;
  for (uint64_t t = 0; t < 500; ++t) {
    one.start_trial(trial_key(8, t), 0);
    quiet_pairs += f.window[one.pick(0)] + f.window[one.pick(1)] < 8;
  }
  EXPECT_GT(quiet_pairs, 50);
}

// Jeffreys' half item: prior_count is Gamma(1/2), mean 1/2 and variance 1/2, and never negative.
TEST(Throughput, PriorCountIsHalfAnItem) {
  double sum = 0, sq = 0;
  const int n = 100000;
  for (uint64_t t = 0; t < n; ++t) {
    const double g = prior_count(trial_key(9, t), 0);
    ASSERT_GE(g, 0);
    sum += g;
    sq += g * g;
  }
  const double m = sum / n;
  EXPECT_NEAR(m, 0.5, 0.01);
  EXPECT_NEAR(sq / n - m * m, 0.5, 0.03);
}

}  // namespace
}  // namespace cairn::forecast
