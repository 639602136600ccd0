#include "forecast/monte_carlo.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

namespace cairn::forecast {
namespace {

constexpr int kTrials = 100000;

double percentile(std::vector<float> v, double p) {
  std::sort(v.begin(), v.end());
  const double h = (v.size() - 1) * p;
  const size_t lo = static_cast<size_t>(h);
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - lo) * (v[hi] - v[lo]);
}

std::vector<float> target_samples(const SimulationResult& r, uint32_t target) {
  return {r.target_finish.begin() + size_t{target} * r.trials,
          r.target_finish.begin() + size_t{target + 1} * r.trials};
}

SimulationResult run(NetworkBuilder& b, int trials = kTrials, int threads = 0, uint64_t seed = 7) {
  auto net = b.build();
  EXPECT_TRUE(net.has_value()) << net.error().message;
  auto r = simulate(*net, {.trials = trials, .seed = seed, .threads = threads});
  EXPECT_TRUE(r.has_value());
  return *r;
}

// Quantile of a distribution given by its CDF, by bisection.
template <typename F>
double solve_cdf(F cdf, double p, double lo, double hi) {
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (cdf(mid) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

TEST(MonteCarlo, SinglePertItemMatchesTheBetaQuantiles) {
  for (auto kind :
       {DistributionKind::kPert, DistributionKind::kTriangular, DistributionKind::kLogNormal}) {
    ThreePointDistribution d{kind, 2, 5, 14};
    NetworkBuilder b;
    uint32_t v = b.add_node(b.tables().sampler(d));
    b.add_target(std::vector<uint32_t>{v});
    auto r = run(b);
    auto s = target_samples(r, 0);
    for (double p : {0.5, 0.85, 0.95}) {
      const double exact = d.quantile(p);
      EXPECT_NEAR(percentile(s, p), exact, 0.01 * exact) << to_string(kind) << " P" << p * 100;
    }
  }
}

// The sum of n independent PERT durations, by convolving cell probabilities on a fine grid.
std::vector<double> convolved_cdf(const ThreePointDistribution& d, int n, double h) {
  const int cells = static_cast<int>(std::ceil((d.high - d.low) / h));
  std::vector<double> one(cells);
  for (int i = 0; i < cells; ++i)
    one[i] = d.cdf(d.low + (i + 1) * h) - d.cdf(d.low + i * h);
  std::vector<double> sum = one;
  for (int k = 1; k < n; ++k) {
    std::vector<double> next(sum.size() + one.size() - 1, 0.0);
    for (size_t i = 0; i < sum.size(); ++i)
      for (size_t j = 0; j < one.size(); ++j)
        next[i + j] += sum[i] * one[j];
    sum.swap(next);
  }
  for (size_t i = 1; i < sum.size(); ++i)
    sum[i] += sum[i - 1];
  return sum;  // sum[i] = P(S < n*low + (i + 1 + (n-1)/2... ) approx; see use
}

TEST(MonteCarlo, ChainOfIdenticalItemsMatchesTheConvolution) {
  const ThreePointDistribution d{DistributionKind::kPert, 1, 3, 8};
  const int n = 10;
  NetworkBuilder b;
  auto s = b.tables().sampler(d);
  uint32_t prev = kNone;
  for (int i = 0; i < n; ++i) {
    uint32_t v = b.add_node(s);
    if (prev != kNone) b.add_link(prev, v);
    prev = v;
  }
  b.add_target(std::vector<uint32_t>{prev});
  auto r = run(b);
  auto samples = target_samples(r, 0);
  const double h = 0.005;
  auto cdf = convolved_cdf(d, n, h);
  for (double p : {0.5, 0.85, 0.95}) {
    // Cell i of the n-fold sum spans [n low + i h, n low + (i+1) h) up to a discretisation shift
    // of at most n h / 2; interpolate within the cell where the CDF crosses p.
    size_t i = std::lower_bound(cdf.begin(), cdf.end(), p) - cdf.begin();
    const double before = i ? cdf[i - 1] : 0.0;
    const double x = n * d.low + (i + (p - before) / (cdf[i] - before)) * h + n * h / 2;
    EXPECT_NEAR(percentile(samples, p), x, 0.01 * x) << "P" << p * 100;
    EXPECT_NEAR(percentile(samples, p), x, 0.003 * x) << "P" << p * 100;
  }
}

TEST(MonteCarlo, ParallelBranchesGiveTheMaxOfTwoDistributions) {
  const ThreePointDistribution a{DistributionKind::kPert, 4, 6, 12};
  const ThreePointDistribution c{DistributionKind::kTriangular, 3, 8, 10};
  NetworkBuilder b;
  uint32_t start = b.add_node(Sampler::fixed(0));
  uint32_t va = b.add_node(b.tables().sampler(a));
  uint32_t vc = b.add_node(b.tables().sampler(c));
  uint32_t end = b.add_node(Sampler::fixed(0));
  b.add_link(start, va);
  b.add_link(start, vc);
  b.add_link(va, end);
  b.add_link(vc, end);
  b.add_target(std::vector<uint32_t>{end});
  auto r = run(b);
  auto samples = target_samples(r, 0);
  for (double p : {0.5, 0.85, 0.95}) {
    const double x = solve_cdf([&](double t) { return a.cdf(t) * c.cdf(t); }, p, 0, 20);
    EXPECT_NEAR(percentile(samples, p), x, 0.01 * x) << "P" << p * 100;
  }
  // Criticality: the share of trials each branch drives the end equals P(A > C).
  const double p_a = static_cast<double>(r.critical[va]) / r.trials;
  const double p_c = static_cast<double>(r.critical[vc]) / r.trials;
  EXPECT_NEAR(p_a + p_c, 1.0, 1e-9);
  EXPECT_EQ(r.critical[end], static_cast<uint32_t>(r.trials));
  double exact_pa = 0;  // P(A > C) = integral of f_A(t) F_C(t) dt
  for (double t = 4; t < 12; t += 1e-4)
    exact_pa += a.pdf(t + 5e-5) * c.cdf(t + 5e-5) * 1e-4;
  EXPECT_NEAR(p_a, exact_pa, 0.01);
}

TEST(MonteCarlo, LinkTypesAndLags) {
  NetworkBuilder b;
  uint32_t a = b.add_node(Sampler::fixed(5));
  uint32_t ss = b.add_node(Sampler::fixed(2));
  uint32_t ff = b.add_node(Sampler::fixed(1));
  uint32_t fs = b.add_node(Sampler::fixed(3), 10);  // released at day 10
  b.add_link(a, ss, LinkType::kStartStart, 1);
  b.add_link(a, ff, LinkType::kFinishFinish, 2);
  b.add_link(a, fs, LinkType::kFinishStart, -1);
  uint32_t t1 = b.add_target(std::vector<uint32_t>{ss});
  uint32_t t2 = b.add_target(std::vector<uint32_t>{ff});
  uint32_t t3 = b.add_target(std::vector<uint32_t>{fs});
  auto r = run(b, 10);
  EXPECT_FLOAT_EQ(r.finish(t1, 0), 3);   // starts at 1
  EXPECT_FLOAT_EQ(r.finish(t2, 0), 7);   // finishes 2 after a
  EXPECT_FLOAT_EQ(r.finish(t3, 0), 13);  // release binds
}

TEST(MonteCarlo, SameResultWhateverTheThreadCount) {
  NetworkBuilder b;
  auto s = b.tables().sampler({DistributionKind::kPert, 1, 2, 6});
  std::vector<uint32_t> v;
  for (int i = 0; i < 200; ++i) {
    v.push_back(b.add_node(s, 0, kNone));
    if (i >= 3) b.add_link(v[i - 3], v[i]);
    if (i >= 7 && i % 2) b.add_link(v[i - 7], v[i], LinkType::kStartStart, 1.5);
  }
  uint32_t r0 = b.add_risk(0.3, b.tables().sampler({DistributionKind::kPert, 2, 4, 9}));
  b.risk_delays_node(r0, v[50]);
  uint32_t st = b.add_stream({0, 1, 2, 3, 1}, 5);
  std::vector<uint32_t> q;
  for (int i = 0; i < 5; ++i) {
    q.push_back(b.add_node(Sampler::fixed(0)));
    b.add_to_stream(st, q.back());
  }
  b.add_link(v[10], q[2]);
  v.insert(v.end(), q.begin(), q.end());
  b.add_target(v);
  b.add_target(std::vector<uint32_t>{v[100]});
  auto one = run(b, 5000, 1, 42);
  for (int threads : {2, 3, 8}) {
    auto many = run(b, 5000, threads, 42);
    EXPECT_EQ(one.target_finish, many.target_finish) << threads;
    EXPECT_EQ(one.critical, many.critical) << threads;
  }
  auto other_seed = run(b, 5000, 2, 43);
  EXPECT_NE(one.target_finish, other_seed.target_finish);
}

// The first trial's path per target is what criticality counts in a one-trial run, as positions.
TEST(MonteCarlo, FirstTrialPathsAreTheOneTrialCriticalPaths) {
  NetworkBuilder b;
  auto s = b.tables().sampler({DistributionKind::kPert, 1, 2, 6});
  std::vector<uint32_t> v;
  for (int i = 0; i < 120; ++i) {
    v.push_back(b.add_node(s, 0, kNone));
    if (i >= 3) b.add_link(v[i - 3], v[i]);
    if (i >= 5 && i % 3 == 0) b.add_link(v[i - 5], v[i], LinkType::kStartStart, 0.5);
  }
  b.add_target(v);
  b.add_target(std::vector<uint32_t>{v[60]});
  b.add_target(std::vector<uint32_t>{v[7], v[90]});
  auto net = b.build();
  ASSERT_TRUE(net.has_value());
  for (int threads : {1, 2}) {
    auto counted = simulate(*net, {.trials = 1, .seed = 3, .threads = threads});
    auto paths = simulate(*net, {.trials = 1,
                                 .seed = 3,
                                 .threads = threads,
                                 .criticality = false,
                                 .first_trial_paths = true});
    ASSERT_TRUE(counted && paths);
    EXPECT_TRUE(paths->critical.empty());
    ASSERT_EQ(paths->first_paths.size(), net->targets);
    EXPECT_EQ(paths->target_finish, counted->target_finish);
    for (uint32_t tg = 0; tg < net->targets; ++tg) {
      std::vector<uint32_t> want;
      for (uint32_t node = 0; node < net->nodes; ++node)
        if (counted->critical[size_t{tg} * net->nodes + node] > 0)
          want.push_back(net->position[node]);
      std::vector<uint32_t> got = paths->first_paths[tg];
      std::sort(want.begin(), want.end());
      std::sort(got.begin(), got.end());
      EXPECT_FALSE(got.empty()) << tg;
      EXPECT_EQ(got, want) << tg;
    }
  }
}

TEST(MonteCarlo, SameResultWhateverTheInstructionSet) {
  NetworkBuilder b;
  auto s = b.tables().sampler({DistributionKind::kLogNormal, 1, 2, 6});
  auto t = b.tables().sampler({DistributionKind::kPert, 0.5, 1, 4});
  std::vector<uint32_t> v;
  for (int i = 0; i < 300; ++i) {
    v.push_back(b.add_node(i % 3 ? s : t, i % 17 == 0 ? 3.0 : 0.0, i % 4));
    if (i >= 2) b.add_link(v[i - 2], v[i]);
    if (i >= 5 && i % 3 == 0) b.add_link(v[i - 5], v[i], LinkType::kStartStart, 0.5);
    if (i >= 9 && i % 7 == 0) b.add_link(v[i - 9], v[i], LinkType::kFinishFinish, 1);
  }
  for (int g = 0; g < 4; ++g)
    b.add_group();
  uint32_t r0 = b.add_risk(0.4, b.tables().sampler({DistributionKind::kTriangular, 1, 2, 5}));
  b.risk_delays_node(r0, v[120]);
  uint32_t st = b.add_stream({1, 0, 3, 2}, 5);
  for (int i = 0; i < 4; ++i) {
    uint32_t q = b.add_node(Sampler::fixed(0));
    b.add_to_stream(st, q);
    b.add_link(v[40 + i], q);
    v.push_back(q);
  }
  b.add_target_all();
  b.add_target(std::vector<uint32_t>{v[150], v[151]});
  b.risk_delays_target(r0, 1);
  b.add_watch(v[77]);
  auto net = b.build();
  ASSERT_TRUE(net.has_value());
  std::vector<SimulationResult> results;
  for (auto level : {SimdLevel::kBaseline, SimdLevel::kAvx2, SimdLevel::kAvx512}) {
    // 1,000 trials: the last batch of 16 is partial.
    auto r = simulate(*net, {.trials = 1000, .seed = 5, .threads = 2, .simd = level});
    ASSERT_TRUE(r.has_value());
    results.push_back(std::move(*r));
  }
  for (size_t i = 1; i < results.size(); ++i) {
    EXPECT_EQ(results[0].target_finish, results[i].target_finish) << i;
    EXPECT_EQ(results[0].critical, results[i].critical) << i;
    EXPECT_EQ(results[0].group_sum, results[i].group_sum) << i;
    EXPECT_EQ(results[0].watch_finish, results[i].watch_finish) << i;
  }
}

TEST(MonteCarlo, SampledDurationsAreTheTrialsOwn) {
  // A log-normal item: some draws fall into the tables' outer cells (their slow path).
  NetworkBuilder b;
  uint32_t a = b.add_node(b.tables().sampler({DistributionKind::kLogNormal, 1, 3, 12}));
  uint32_t c = b.add_node(b.tables().sampler({DistributionKind::kPert, 2, 3, 9}));
  b.add_link(a, c);
  b.add_target(std::vector<uint32_t>{a});
  b.add_target(std::vector<uint32_t>{c});
  auto net = b.build();
  ASSERT_TRUE(net.has_value());
  const int trials = 20007;
  auto r = simulate(*net, {.trials = trials, .seed = 11});
  ASSERT_TRUE(r.has_value());
  for (int t = 0; t < trials; ++t) {
    const float da = sampled_duration(*net, 11, t, a);
    ASSERT_EQ(r->finish(0, t), da) << t;
    ASSERT_EQ(r->finish(1, t), da + sampled_duration(*net, 11, t, c)) << t;
  }
}

TEST(MonteCarlo, LatinHypercubeSpreadsEachBlockOfSixteenTrials) {
  // In every block of 16 trials, the k-th shortest duration of an item lies in the k-th sixteenth
  // of its distribution.
  const ThreePointDistribution d{DistributionKind::kTriangular, 2, 3, 10};
  NetworkBuilder b;
  uint32_t v = b.add_node(b.tables().sampler(d));
  b.add_target(std::vector<uint32_t>{v});
  auto r = run(b, 1600);
  for (int block = 0; block < 100; ++block) {
    std::vector<float> x(r.target_finish.begin() + 16 * block,
                         r.target_finish.begin() + 16 * (block + 1));
    std::sort(x.begin(), x.end());
    for (int k = 0; k < 16; ++k) {
      EXPECT_GE(x[k], d.quantile(k / 16.0) - 1e-4) << block << " " << k;
      EXPECT_LE(x[k], d.quantile((k + 1) / 16.0) + 1e-4) << block << " " << k;
    }
  }
}

TEST(MonteCarlo, RiskDelaysOnlyWhatItIsLinkedTo) {
  NetworkBuilder b;
  uint32_t a = b.add_node(Sampler::fixed(4));
  uint32_t c = b.add_node(Sampler::fixed(4));
  uint32_t ta = b.add_target(std::vector<uint32_t>{a});
  uint32_t tc = b.add_target(std::vector<uint32_t>{c});
  uint32_t r = b.add_risk(0.5, Sampler::fixed(3));
  b.risk_delays_node(r, a);
  auto res = run(b, 20000);
  int delayed = 0;
  for (int t = 0; t < res.trials; ++t) {
    EXPECT_FLOAT_EQ(res.finish(tc, t), 4);
    delayed += res.finish(ta, t) > 5;
  }
  EXPECT_NEAR(delayed / 20000.0, 0.5, 0.02);
}

TEST(MonteCarlo, ThroughputStreamFinishesItemsAtTheSampledPace) {
  // Always 2 items a week, 5 working days a week: items finish at 1.25, 3.75, 6.25, ... days.
  NetworkBuilder b;
  uint32_t st = b.add_stream({2, 2, 2}, 5);
  std::vector<uint32_t> q;
  for (int i = 0; i < 6; ++i) {
    q.push_back(b.add_node(Sampler::fixed(0)));
    b.add_to_stream(st, q.back());
  }
  uint32_t t = b.add_target(q);
  uint32_t t1 = b.add_target(std::vector<uint32_t>{q[0]});
  auto net = b.build();
  ASSERT_TRUE(net.has_value());
  net->stream_bayesian = false;  // the classic bootstrap: the window's weeks as they are
  auto r = simulate(*net, {.trials = 100, .seed = 7});
  ASSERT_TRUE(r.has_value());
  EXPECT_FLOAT_EQ(r->finish(t, 0), 13.75);
  EXPECT_FLOAT_EQ(r->finish(t1, 0), 1.25);
  // The Bayesian bootstrap (the default) adds half an item of prior count (prior_count) over the
  // Exp(1) weights' sum, Gamma(3) for 3 weeks: each trial runs at 2 + G / sum items a week, 0.25
  // more on average, never slower; the items keep their midpoints at that pace (6th / 1st = 11).
  net->stream_bayesian = true;
  const int n = 4000;
  auto rb = simulate(*net, {.trials = n, .seed = 7});
  ASSERT_TRUE(rb.has_value());
  double extra = 0;
  for (int k = 0; k < n; ++k) {
    ASSERT_LE(rb->finish(t, k), 13.75f + 1e-4f);
    ASSERT_NEAR(rb->finish(t, k) / rb->finish(t1, k), 11, 1e-3);
    extra += 2 * 13.75 / rb->finish(t, k) - 2;
  }
  EXPECT_NEAR(extra / n, 0.25, 0.04);
}

TEST(MonteCarlo, ThroughputStreamWithACadenceDrawsWholeSprints) {
  // A team that finishes 10 items at the end of every second week: in blocks of 2 weeks, each
  // block ahead holds one batch, so 20 items are done within 4 weeks (20 working days) in every
  // trial; drawn week by week, two quiet weeks in a row push many trials later.
  auto run = [](int period) {
    NetworkBuilder b;
    std::vector<double> weeks;
    for (int i = 0; i < 6; ++i)
      weeks.insert(weeks.end(), {0, 10});
    uint32_t st = b.add_stream(weeks, 5, period);
    std::vector<uint32_t> q;
    for (int i = 0; i < 20; ++i) {
      q.push_back(b.add_node(Sampler::fixed(0)));
      b.add_to_stream(st, q.back());
    }
    uint32_t t = b.add_target(q);
    auto net = b.build();
    EXPECT_TRUE(net.has_value());
    auto r = simulate(*net, {.trials = 2000, .seed = 3});
    EXPECT_TRUE(r.has_value());
    int late = 0;
    for (int k = 0; k < 2000; ++k)
      late += r->finish(t, k) > 20 + 1e-3;
    return late;
  };
  EXPECT_EQ(run(2), 0);
  EXPECT_GT(run(1), 200);
}

TEST(MonteCarlo, DetectsCycles) {
  NetworkBuilder b;
  uint32_t a = b.add_node(Sampler::fixed(1));
  uint32_t c = b.add_node(Sampler::fixed(1));
  b.add_link(a, c);
  b.add_link(c, a);
  auto net = b.build();
  ASSERT_FALSE(net.has_value());
  EXPECT_EQ(net.error().code, "forecast-cycle");
}

}  // namespace
}  // namespace cairn::forecast
