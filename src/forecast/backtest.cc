#include "forecast/backtest.h"

#include <algorithm>
#include <cmath>

#include "base/random.h"
#include "forecast/throughput.h"
#include "model/pace.h"

namespace cairn::forecast {

const char* to_string(ThroughputModel m) {
  switch (m) {
    case ThroughputModel::kBootstrap:
      return "bootstrap";
    case ThroughputModel::kBlockBootstrap:
      return "block-bootstrap";
    case ThroughputModel::kBayesianBootstrap:
      return "bayesian-bootstrap";
  }
  return "bootstrap";
}

Result<BacktestResult> backtest(std::span<const Date> resolved_in, const BacktestOptions& o) {
  if (o.items < 1 || o.weeks < 1 || o.window_weeks < 1 || o.step_days < 1 || o.trials < 1 ||
      o.block_weeks < 1)
    return make_error("invalid-options",
                      "items, weeks, window, step, trials and block length must be positive");
  std::vector<Date> resolved(resolved_in.begin(), resolved_in.end());
  std::sort(resolved.begin(), resolved.end());
  if (resolved.empty()) return make_error("empty-history", "the history has no resolved issue");
  BacktestResult out;
  out.first = resolved.front();
  out.last = resolved.back();
  const int W = o.window_weeks;
  const int B = std::min(o.block_weeks, W);
  constexpr int kMaxWeeks = 520;
  std::vector<double> when(o.trials), count(o.trials), weight_cdf(W);
  constexpr uint64_t kWeightSlots = 1u << 20;  // slots of the Bayesian bootstrap weights

  for (Date at = out.first + 7 * W; at <= out.last; at = at + o.step_days) {
    const auto weekly = weekly_counts(resolved, at, W);
    double total = 0;
    for (double c : weekly)
      total += c;
    if (total < o.min_window_items || total <= 0) continue;
    BacktestPoint pt;
    pt.at = at;
    pt.window_items = total;
    const uint64_t date_seed = mix64(o.seed ^ (static_cast<uint64_t>(at.days) * kGolden));
    for (int t = 0; t < o.trials; ++t) {
      const uint64_t key = trial_key(date_seed, static_cast<uint64_t>(t));
      double cum = 0, done_at = kMaxWeeks * 7.0, in_k = -1;
      if (o.model == ThroughputModel::kBayesianBootstrap) {
        // Dirichlet(1, ..., 1) weights on the window's weeks (Rubin 1981), as a running sum.
        double total_w = 0;
        for (int i = 0; i < W; ++i) {
          total_w += -std::log1p(-draw_uniform(key, kWeightSlots + i));
          weight_cdf[i] = total_w;
        }
        for (int i = 0; i < W; ++i)
          weight_cdf[i] /= total_w;
      }
      for (int w = 0; w < kMaxWeeks; ++w) {
        double c;
        if (o.model == ThroughputModel::kBlockBootstrap) {
          const uint64_t bits = draw_bits(key, static_cast<uint64_t>(w / B)) >> 32;
          const int start = static_cast<int>((bits * static_cast<uint64_t>(W - B + 1)) >> 32);
          c = weekly[start + w % B];
        } else if (o.model == ThroughputModel::kBayesianBootstrap) {
          const double u = draw_uniform(key, static_cast<uint64_t>(w));
          const int i = static_cast<int>(std::upper_bound(weight_cdf.begin(), weight_cdf.end(), u) -
                                         weight_cdf.begin());
          c = weekly[std::min(i, W - 1)];
        } else {
          const uint64_t bits = draw_bits(key, static_cast<uint64_t>(w)) >> 32;
          c = weekly[(bits * static_cast<uint64_t>(W)) >> 32];
        }
        // The j-th of c items finished in a week lands at (j - 1/2) / c of it (midpoint rule).
        if (cum < o.items && cum + c >= o.items) done_at = (w + (o.items - cum - 0.5) / c) * 7.0;
        cum += c;
        if (w + 1 == o.weeks) in_k = cum;
        if (cum >= o.items && w + 1 >= o.weeks) break;
      }
      when[t] = done_at;
      count[t] = in_k < 0 ? cum : in_k;
    }
    std::sort(when.begin(), when.end());
    std::sort(count.begin(), count.end());
    pt.when_p50 = sorted_percentile(std::span<const double>(when), 0.50);
    pt.when_p85 = sorted_percentile(std::span<const double>(when), 0.85);
    pt.when_p95 = sorted_percentile(std::span<const double>(when), 0.95);
    pt.count_p50 = sorted_percentile(std::span<const double>(count), 0.50);
    pt.count_p85 = sorted_percentile(std::span<const double>(count), 0.15);
    pt.count_p95 = sorted_percentile(std::span<const double>(count), 0.05);
    const size_t idx = std::lower_bound(resolved.begin(), resolved.end(), at) - resolved.begin();
    if (idx + o.items - 1 < resolved.size()) pt.when_actual = resolved[idx + o.items - 1] - at;
    const Date horizon = at + 7 * o.weeks;
    if (horizon <= out.last + 1)
      pt.count_actual = static_cast<int>(
          std::lower_bound(resolved.begin(), resolved.end(), horizon) - resolved.begin() - idx);
    out.points.push_back(pt);
  }

  for (const auto& p : out.points) {
    if (p.when_actual) {
      const int a = *p.when_actual;
      auto& c = out.when;
      ++c.checked;
      // The real finish is known to the day: taken as mid-day (a + 0.5) against the forecast's
      // continuous time.
      c.coverage_p50 += a + 0.5 <= p.when_p50;
      c.coverage_p85 += a + 0.5 <= p.when_p85;
      c.coverage_p95 += a + 0.5 <= p.when_p95;
      const double e = p.when_p50 - (a + 0.5);
      c.mean_error += e;
      c.mean_abs_error += std::fabs(e);
    }
    if (p.count_actual) {
      const int a = *p.count_actual;
      auto& c = out.count;
      ++c.checked;
      c.coverage_p50 += a >= p.count_p50;
      c.coverage_p85 += a >= p.count_p85;
      c.coverage_p95 += a >= p.count_p95;
      const double e = p.count_p50 - a;
      c.mean_error += e;
      c.mean_abs_error += std::fabs(e);
    }
  }
  for (auto* c : {&out.when, &out.count}) {
    if (!c->checked) continue;
    const double n = static_cast<double>(c->checked);
    c->coverage_p50 /= n;
    c->coverage_p85 /= n;
    c->coverage_p95 /= n;
    c->mean_error /= n;
    c->mean_abs_error /= n;
  }
  if (out.points.empty())
    return make_error("empty-history",
                      "the history is too short (or too quiet) for any forecast date", {},
                      "shorten --window or use a longer history");
  return out;
}

}  // namespace cairn::forecast
