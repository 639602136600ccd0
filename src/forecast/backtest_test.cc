#include "forecast/backtest.h"

#include <string>

#include <gtest/gtest.h>

#include "base/random.h"

namespace cairn::forecast {
namespace {

// A synthetic stationary history: each day an item is finished with probability p.
std::vector<Date> poisson_like_history(int days, double p, uint64_t seed) {
  std::vector<Date> out;
  const Date start = *Date::parse("2020-01-06");
  for (int d = 0; d < days; ++d) {
    for (int k = 0; k < 3; ++k)
      if (draw_uniform(seed, static_cast<uint64_t>(d * 3 + k)) < p) out.push_back(start + d);
  }
  return out;
}

TEST(Backtest, StationaryHistoryIsCalibrated) {
  auto h = poisson_like_history(3 * 365, 0.25, 5);
  auto r = backtest(h, {.items = 10, .weeks = 4, .window_weeks = 26, .trials = 2000});
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_GT(r->when.checked, 100u);
  EXPECT_NEAR(r->when.coverage_p50, 0.5, 0.12);
  EXPECT_NEAR(r->when.coverage_p85, 0.85, 0.08);
  EXPECT_NEAR(r->when.coverage_p95, 0.95, 0.06);
  EXPECT_NEAR(r->count.coverage_p85, 0.85, 0.1);
}

TEST(Backtest, ConstantThroughputIsExact) {
  // Exactly one item every day: 7 a week. The 14th item after D lands on day 13.
  std::vector<Date> h;
  const Date start = *Date::parse("2021-01-04");
  for (int d = 0; d < 400; ++d)
    h.push_back(start + d);
  // The classic bootstrap: the Bayesian-bootstrap models add half an item of prior count
  // (prior_count), so their rate is never exactly the window's.
  auto r = backtest(h, {.items = 14,
                        .weeks = 2,
                        .window_weeks = 4,
                        .trials = 100,
                        .model = ThroughputModel::kBootstrap});
  ASSERT_TRUE(r.has_value());
  const auto& p = r->points.front();
  EXPECT_NEAR(p.when_p50, 13.5, 1e-9);
  EXPECT_EQ(*p.when_actual, 13);
  EXPECT_NEAR(p.count_p85, 14, 1e-9);
  EXPECT_EQ(*p.count_actual, 14);
  // Exact forecasts of whole-number outcomes: each outcome is the forecast's one value, its PIT
  // is uniform over that value's probability, so every percentile covers its own share.
  EXPECT_DOUBLE_EQ(r->when.coverage_p50, 0.5);
  EXPECT_NEAR(r->when.coverage_p95, 0.95, 1e-12);
  EXPECT_NEAR(r->count.coverage_p85, 0.85, 1e-12);
  // Every date scores the same: no spread.
  ASSERT_TRUE(coverage_interval(r->when, 0).has_value());
  EXPECT_NEAR((*coverage_interval(r->when, 0))[0], 0.5, 1e-12);
  EXPECT_NEAR((*coverage_interval(r->when, 0))[1], 0.5, 1e-12);
}

// The randomized PIT (Czado, Gneiting and Held 2009) on one outcome: a forecast with 3 of its 4
// trials at 2 items and 1 at 5. A real count of 2: P(N > 2) = 1/4, P(N >= 2) = 1, so it is at or
// above the P50 count with share (0.5 - 0.25) / 0.75 = 1/3, and above P85 and P95 with
// 0.6/0.75 = 0.8 and 0.7/0.75.
TEST(Backtest, WholeNumberOutcomesAreScoredByTheirRandomizedPit) {
  // Four weeks of window: 2, 2, 2, 5 items (all on Mondays); the next week has 2.
  std::vector<Date> h;
  const Date monday = *Date::parse("2021-01-04");
  const int per_week[] = {2, 2, 2, 5, 2};
  for (int w = 0; w < 5; ++w)
    for (int k = 0; k < per_week[w]; ++k)
      h.push_back(monday + 7 * w);
  auto r = backtest(h, {.items = 3,
                        .weeks = 1,
                        .window_weeks = 4,
                        .trials = 4000,
                        .model = ThroughputModel::kBootstrap,
                        .end = monday + 35});
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->points.size(), 1u);
  const auto& p = r->points.front();
  ASSERT_EQ(p.count_actual, 2);
  EXPECT_NEAR(p.count_tail_above, 0.25, 0.03);
  EXPECT_DOUBLE_EQ(p.count_tail_at, 1.0);
  const double a = p.count_tail_above;
  EXPECT_NEAR(r->count.coverage_p50, (0.5 - a) / (1 - a), 1e-12);
  EXPECT_NEAR(r->count.coverage_p85, (0.85 - a) / (1 - a), 1e-12);
  EXPECT_NEAR(r->count.coverage_p50, 1.0 / 3, 0.03);
  // 'When' the 3rd item: on day 7 (Monday), the week after; the forecast says day 0 with P 1/4
  // (a 5-item week) and day 7 otherwise (a 2-item week, then any week).
  ASSERT_FALSE(p.when_actual.has_value());  // the history ends on day 35 - 28 = 7
  EXPECT_EQ(p.when_at_least, 7);
  // Before day 7 the forecast gave it only 1/4: no percentile is settled by the cut-off outcome.
  EXPECT_NEAR(p.when_cdf_before, 0.25, 0.03);
  EXPECT_EQ(r->when.checked, 0u);
  EXPECT_EQ(r->when.censored, 0u);
  EXPECT_DOUBLE_EQ(r->when.coverage_p50, 0.0);
}

TEST(Backtest, DrawnWeeksKeepTheirDays) {
  // Seven items every Monday (a weekly batch). Forecast dates are Mondays; the 10th item after one
  // is the 3rd of the next Monday's seven: day 7 + (3 - 1/2) / 7, not spread over the week.
  std::vector<Date> h;
  const Date monday = *Date::parse("2021-01-04");
  for (int w = 0; w < 60; ++w)
    for (int k = 0; k < 7; ++k)
      h.push_back(monday + 7 * w);
  auto r = backtest(h, {.items = 10,
                        .weeks = 2,
                        .window_weeks = 4,
                        .trials = 50,
                        .model = ThroughputModel::kBootstrap});
  ASSERT_TRUE(r.has_value());
  for (const auto& p : r->points) {
    EXPECT_NEAR(p.when_p50, 7 + 2.5 / 7, 1e-9);
    EXPECT_NEAR(p.when_p95, 7 + 2.5 / 7, 1e-9);
    if (p.when_actual) {
      EXPECT_EQ(*p.when_actual, 7);
    }
    EXPECT_NEAR(p.count_p50, 14, 1e-9);
  }
}

TEST(Backtest, OutcomesAreKnownOnlyBeforeTheEnd) {
  auto h = poisson_like_history(400, 0.3, 9);
  const Date end = *Date::parse("2020-10-01");
  std::erase_if(h, [&](Date x) { return !(x < end); });
  auto r = backtest(h, {.window_weeks = 8, .trials = 50, .end = end});
  ASSERT_TRUE(r.has_value());
  EXPECT_LT(r->points.back().at, end);
  EXPECT_GE(r->points.back().at + 7, end);  // as-of dates run up to the end
  for (const auto& p : r->points)
    EXPECT_EQ(p.count_actual.has_value(), p.at + 28 <= end);
  EXPECT_EQ(backtest(h, {.end = h.front()}).error().code, "invalid-options");
  // Resolutions on or after the end are left out (an export's cut), and counted.
  EXPECT_EQ(r->after_end, 0u);
  const auto full = poisson_like_history(400, 0.3, 9);
  auto cut = backtest(full, {.window_weeks = 8, .trials = 50, .end = end});
  ASSERT_TRUE(cut.has_value());
  EXPECT_EQ(cut->after_end, full.size() - h.size());
  EXPECT_GT(cut->after_end, 0u);
  EXPECT_EQ(cut->last, r->last);
  ASSERT_EQ(cut->points.size(), r->points.size());
  EXPECT_DOUBLE_EQ(cut->count.coverage_p95, r->count.coverage_p95);
  EXPECT_DOUBLE_EQ(cut->when.coverage_p50, r->when.coverage_p50);
}

// A stream that stops for good (a project shut down): one item a day for 300 days, each created the
// day before it is finished, then nothing more until the history's end a year later. Without the
// creation dates every forecast date near the stop asks for ten items that never come (misses at
// every percentile); with them, a date with fewer than ten items open is not asked, and the
// count question is scored on every date as before.
TEST(Backtest, WhenIsAskedOnlyWithEnoughItemsOpen) {
  std::vector<Date> resolved, created;
  const Date start = *Date::parse("2021-01-04");
  for (int d = 0; d < 300; ++d) {
    resolved.push_back(start + d + 1);
    created.push_back(start + d);
  }
  // Twenty items created together on day 150, finished one a day from day 151.
  for (int k = 0; k < 20; ++k) {
    created.push_back(start + 150);
    resolved.push_back(start + 151 + k);
  }
  const BacktestOptions base{.window_weeks = 4, .trials = 50, .end = start + 665};
  auto all = backtest(resolved, base);
  BacktestOptions with = base;
  with.created = created;
  auto asked = backtest(resolved, with);
  ASSERT_TRUE(all.has_value() && asked.has_value());
  EXPECT_EQ(all->when.unasked, 0u);
  EXPECT_GT(all->when.censored, 0u);  // the stop's dates: ten items that never come
  ASSERT_EQ(all->points.size(), asked->points.size());
  size_t open_dates = 0;
  for (const auto& p : asked->points) {
    ASSERT_TRUE(p.open_items.has_value());
    EXPECT_EQ(p.when_asked, *p.open_items >= 10);
    open_dates += p.when_asked;
  }
  EXPECT_GE(open_dates, 1u);  // the dates just after day 150 see ten or more open
  EXPECT_EQ(asked->when.unasked, asked->points.size() - open_dates);
  EXPECT_EQ(asked->when.censored, 0u);
  EXPECT_EQ(asked->count.checked, all->count.checked);
  EXPECT_DOUBLE_EQ(asked->count.coverage_p50, all->count.coverage_p50);
}

// The coverages' own spread: a moving-block bootstrap of the forecast dates. It holds the share
// measured, is wider on a short stretch than on a long one, and pooling sums its replicates.
TEST(Backtest, CoverageIntervalsComeFromBlocksOfDates) {
  const auto h = poisson_like_history(3 * 365, 0.25, 5);
  auto r = backtest(h, {.window_weeks = 8, .trials = 200});
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->when.replicates.size(), static_cast<size_t>(kCoverageReplicates));
  for (int k = 0; k < 3; ++k) {
    const double at = k == 0   ? r->count.coverage_p50
                      : k == 1 ? r->count.coverage_p85
                               : r->count.coverage_p95;
    ASSERT_TRUE(coverage_interval(r->count, k).has_value());
    const auto [lo, hi] = *coverage_interval(r->count, k);
    EXPECT_LE(lo, at);
    EXPECT_GE(hi, at);
    EXPECT_GT(hi - lo, 0.0);
  }
  const auto short_h = std::vector<Date>(h.begin(), h.begin() + h.size() / 3);
  auto s = backtest(short_h, {.window_weeks = 8, .trials = 200});
  ASSERT_TRUE(s.has_value());
  auto width = [](const Calibration& c) {
    const auto range = coverage_interval(c, 0);
    return range ? (*range)[1] - (*range)[0] : -1.0;
  };
  EXPECT_GT(width(s->count), width(r->count));
  // Pooled with itself, the shares and their spread are the same.
  Calibration twice = r->count;
  pool(twice, r->count);
  EXPECT_DOUBLE_EQ((*coverage_interval(twice, 1))[0], (*coverage_interval(r->count, 1))[0]);
  EXPECT_DOUBLE_EQ(twice.replicates[7][4], 2 * r->count.replicates[7][4]);
  // Fewer than two blocks of dates (12 + 4 weeks each): too short to tell, also once pooled.
  const auto tiny_h = std::vector<Date>(h.begin(), h.begin() + h.size() / 5);
  auto tiny = backtest(tiny_h, {.window_weeks = 12, .trials = 50});
  ASSERT_TRUE(tiny.has_value());
  EXPECT_LT(tiny->points.size(), 32u);
  EXPECT_TRUE(tiny->count.spread_unknown);
  EXPECT_EQ(coverage_interval(tiny->count, 0), std::nullopt);
  pool(twice, tiny->count);
  EXPECT_EQ(coverage_interval(twice, 0), std::nullopt);
  // A hand-made calibration has no replicates.
  EXPECT_EQ(coverage_interval(Calibration{.checked = 3, .coverage_p50 = 0.4}, 0), std::nullopt);
}

TEST(Backtest, PoolWeighsByForecastsChecked) {
  Calibration a{.checked = 1, .coverage_p50 = 1, .mean_error = 4};
  pool(a, {.checked = 3, .coverage_p50 = 0.5, .mean_error = -4});
  EXPECT_EQ(a.checked, 4u);
  EXPECT_DOUBLE_EQ(a.coverage_p50, (1 + 3 * 0.5) / 4);
  EXPECT_DOUBLE_EQ(a.mean_error, (4 - 3 * 4) / 4.0);
  pool(a, {});  // nothing checked: unchanged
  EXPECT_EQ(a.checked, 4u);
}

TEST(Backtest, RejectsBadOptions) {
  std::vector<Date> h = {*Date::parse("2021-01-04")};
  EXPECT_FALSE(backtest(h, {.items = 0}).has_value());
  EXPECT_EQ(backtest(h, {}).error().code, "empty-history");
}

}  // namespace
}  // namespace cairn::forecast
