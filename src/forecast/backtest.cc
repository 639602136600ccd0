#include "forecast/backtest.h"

#include <algorithm>
#include <cmath>

#include "base/codes.h"
#include "base/random.h"
#include "forecast/throughput.h"
#include "model/pace.h"

namespace cairn::forecast {

namespace {
// When, in days after the start of a drawn week, its `k`-th item finishes: the week repeats window
// week `i` (its items per day in `daily`, scaled by `scale`), and the k-th item lands where the
// running total reaches k - 1/2 (midpoint rule: the j-th of the c items of a day at (j - 1/2) / c
// of it; the same rule whether the totals are whole or, drawn weeks being scaled, not).
double day_of_item(std::span<const double> daily, int i, double scale, double k) {
  double before = 0;
  for (int d = 0; d < 7; ++d) {
    const double c = daily[7 * static_cast<size_t>(i) + d] * scale;
    if (c > 0 && before + c >= k - 0.5) return d + std::clamp((k - 0.5 - before) / c, 0.0, 1.0);
    before += c;
  }
  return 7.0;
}
// One forecast date's score, or a sum of them: the hit share at P50/P85/P95 (0..2) and the
// outcomes that settled each level (3..5).
using HitRow = std::array<double, 6>;

// The coverage at `level` of a row: hits over the outcomes that settled it (0 without any).
double share_of(const HitRow& row, int level) {
  return row[3 + level] > 0 ? row[level] / row[3 + level] : 0.0;
}

// The moving-block bootstrap of the coverages: replicates of blocks of `block` dates of `hits`.
std::vector<HitRow> block_replicates(std::span<const HitRow> hits, int block, uint64_t seed) {
  const size_t n = hits.size();
  const size_t L = static_cast<size_t>(std::max(1, block));
  if (n < 2 * L) return {};
  std::vector<HitRow> prefix(n + 1, HitRow{});
  for (size_t i = 0; i < n; ++i)
    for (int j = 0; j < 6; ++j)
      prefix[i + 1][j] = prefix[i][j] + hits[i][j];
  const size_t blocks = (n + L - 1) / L, starts = n - L + 1;
  std::vector<HitRow> out(kCoverageReplicates, HitRow{});
  for (int r = 0; r < kCoverageReplicates; ++r)
    for (size_t b = 0; b < blocks; ++b) {
      const size_t at = static_cast<size_t>(
          (draw_bits(trial_key(seed, static_cast<uint64_t>(r)), b) >> 32) * starts >> 32);
      for (int j = 0; j < 6; ++j)
        out[r][j] += prefix[at + L][j] - prefix[at][j];
    }
  return out;
}

// Coverage and errors of the points. The real outcomes are whole numbers (a day, a count) and the
// forecasts put probability on them, so each outcome is scored by its randomized probability
// integral transform (Czado, Gneiting and Held 2009): for a 'when' outcome on day a, the PIT is
// uniform between the forecast's probability of finishing before day a and before day a + 1, and
// the outcome is at or before the percentile p with the share of that span below p; likewise a
// count n is at or above the p-count with the share of [P(N > n), P(N >= n)] below p. A calibrated
// forecast then covers p on average, also where it is exact (a forecast that said day 13 for an
// outcome on day 13 covers half of P50, not all of it). A 'when' outcome the history's end cut
// off still decides a percentile when the M-th item was not done by a day before which the
// forecast had already given it p (a certain miss): leaving those out would keep exactly the
// slow outcomes out of the score (right censoring). 'How many' needs no such care: whether its
// outcome is known depends only on the date, never on the outcome.
void score(std::span<const BacktestPoint> points, Calibration& when, Calibration& count, int block,
           uint64_t seed) {
  std::vector<HitRow> when_at(points.size(), HitRow{}), count_at(points.size(), HitRow{});
  constexpr double kLevel[3] = {0.50, 0.85, 0.95};
  // The share of a PIT uniform on [lo, hi] that lies at or below p.
  auto below = [](double lo, double hi, double p) {
    return hi > lo ? std::clamp((p - lo) / (hi - lo), 0.0, 1.0) : (lo <= p ? 1.0 : 0.0);
  };
  for (size_t i = 0; i < points.size(); ++i) {
    const auto& p = points[i];
    for (int k = 0; k < 3; ++k) {
      if (!p.when_asked) {
      } else if (p.when_actual) {
        when_at[i][k] = below(p.when_cdf_before, p.when_cdf_after, kLevel[k]);
        when_at[i][3 + k] = 1;
      } else if (p.when_at_least && p.when_cdf_before >= kLevel[k]) {
        when_at[i][3 + k] = 1;  // a certain miss
      }
      if (p.count_actual) {
        count_at[i][k] = below(p.count_tail_above, p.count_tail_at, kLevel[k]);
        count_at[i][3 + k] = 1;
      }
    }
    if (!p.when_asked) {
      ++when.unasked;
    } else if (p.when_actual) {
      const double e = p.when_p50 - (*p.when_actual + 0.5);
      ++when.checked;
      when.mean_error += e;
      when.mean_abs_error += std::fabs(e);
    } else if (p.when_at_least && p.when_cdf_before >= kLevel[2]) {
      ++when.censored;
    }
    if (p.count_actual) {
      const double e = p.count_p50 - *p.count_actual;
      ++count.checked;
      count.mean_error += e;
      count.mean_abs_error += std::fabs(e);
    }
  }
  for (auto [c, rows] : {std::pair{&when, &when_at}, std::pair{&count, &count_at}}) {
    HitRow total{};
    for (const auto& row : *rows)
      for (int j = 0; j < 6; ++j)
        total[j] += row[j];
    c->coverage_p50 = share_of(total, 0);
    c->coverage_p85 = share_of(total, 1);
    c->coverage_p95 = share_of(total, 2);
  }
  when.replicates = block_replicates(when_at, block, mix64(seed ^ 0x5be0cd19137e2179ULL));
  count.replicates = block_replicates(count_at, block, mix64(seed ^ 0x1f83d9abfb41bd6bULL));
  when.spread_unknown = when.replicates.empty();
  count.spread_unknown = count.replicates.empty();
  for (auto* c : {&when, &count}) {
    if (!c->checked) continue;
    c->mean_error /= static_cast<double>(c->checked);
    c->mean_abs_error /= static_cast<double>(c->checked);
  }
}

}  // namespace

std::optional<std::array<double, 2>> coverage_interval(const Calibration& c, int level,
                                                       double mass) {
  if (c.spread_unknown) return std::nullopt;
  std::vector<double> shares;
  shares.reserve(c.replicates.size());
  for (const auto& r : c.replicates)
    if (r[3 + level] > 0) shares.push_back(share_of(r, level));
  if (shares.empty()) return std::nullopt;
  std::sort(shares.begin(), shares.end());
  const double tail = (1 - std::clamp(mass, 0.0, 1.0)) / 2;
  return std::array<double, 2>{sorted_percentile(std::span<const double>(shares), tail),
                               sorted_percentile(std::span<const double>(shares), 1 - tail)};
}

void pool(Calibration& into, const Calibration& c) {
  // A pooled spread is known only where every part's is.
  into.spread_unknown = into.spread_unknown || c.spread_unknown;
  if (into.spread_unknown) {
    into.replicates.clear();
  } else if (into.replicates.empty()) {
    into.replicates = c.replicates;
  } else if (into.replicates.size() == c.replicates.size()) {
    for (size_t r = 0; r < c.replicates.size(); ++r)
      for (int j = 0; j < 6; ++j)
        into.replicates[r][j] += c.replicates[r][j];
  }
  into.censored += c.censored;
  into.unasked += c.unasked;
  const double n = static_cast<double>(into.checked + c.checked);
  if (n == 0) return;
  auto mix = [&](double a, double b) { return (a * into.checked + b * c.checked) / n; };
  into.coverage_p50 = mix(into.coverage_p50, c.coverage_p50);
  into.coverage_p85 = mix(into.coverage_p85, c.coverage_p85);
  into.coverage_p95 = mix(into.coverage_p95, c.coverage_p95);
  into.mean_error = mix(into.mean_error, c.mean_error);
  into.mean_abs_error = mix(into.mean_abs_error, c.mean_abs_error);
  into.checked += c.checked;
}

Result<BacktestResult> backtest(std::span<const Date> resolved_in, const BacktestOptions& o) {
  if (o.items < 1 || o.weeks < 1 || o.window_weeks < 1 || o.step_days < 1 || o.trials < 1 ||
      o.block_weeks < 1)
    return make_error(codes::kInvalidOptions,
                      "items, weeks, window, step, trials and block length must be positive");
  std::vector<Date> resolved(resolved_in.begin(), resolved_in.end());
  std::sort(resolved.begin(), resolved.end());
  if (resolved.empty())
    return make_error(codes::kEmptyHistory, "the history has no resolved issue");
  BacktestResult out;
  if (o.end) {
    if (*o.end <= resolved.front())
      return make_error(codes::kInvalidOptions,
                        "the history's end lies on or before its first resolution");
    // Resolutions on or after the end are not part of the known history.
    const auto cut = std::lower_bound(resolved.begin(), resolved.end(), *o.end);
    out.after_end = static_cast<size_t>(resolved.end() - cut);
    resolved.erase(cut, resolved.end());
  }
  out.first = resolved.front();
  out.last = resolved.back();
  const Date end = o.end.value_or(out.last + 1);
  const int W = o.window_weeks;
  constexpr int kMaxWeeks = 520;
  std::vector<double> when(o.trials), count(o.trials);
  std::vector<Date> created(o.created.begin(), o.created.end());
  std::sort(created.begin(), created.end());

  for (Date at = out.first + 7 * W; at < end; at = at + o.step_days) {
    // The adaptive model learns from the whole history before `at`; the others see the window.
    const int history_weeks = o.model == ThroughputModel::kAdaptive ? (at - out.first) / 7 : W;
    const auto weekly = weekly_counts(resolved, at, std::max(W, history_weeks));
    const ThroughputFit fit = fit_throughput(weekly, W);
    const double total = fit.window_mean * W;
    if (total < o.min_window_items || total <= 0) continue;
    BacktestPoint pt;
    pt.at = at;
    pt.window_items = total;
    pt.drift_ratios = fit.drift.size();
    pt.drift_signal_share = fit.drift_signal_share;
    if (o.model == ThroughputModel::kAdaptive || o.model == ThroughputModel::kBayesianBootstrap)
      pt.cadence_weeks = fit.period_weeks;
    // Items per day of the window, so a drawn week keeps the days its items finished on.
    std::vector<double> daily(7 * static_cast<size_t>(W), 0.0);
    for (auto it = std::lower_bound(resolved.begin(), resolved.end(), at - 7 * W);
         it != resolved.end() && *it < at; ++it)
      daily[*it - (at - 7 * W)] += 1;
    ThroughputSampler sampler(fit, o.model, o.block_weeks);
    const uint64_t date_seed = mix64(o.seed ^ (static_cast<uint64_t>(at.days) * kGolden));
    for (int t = 0; t < o.trials; ++t) {
      sampler.start_trial(trial_key(date_seed, static_cast<uint64_t>(t)), 0);
      // A drawn week may count below zero (see predictive_inflation): the running total then
      // drops, and the M-th item is done the first time it reaches M - 1/2.
      double cum = 0, done_at = kMaxWeeks * 7.0, in_k = 0;
      bool done = false, have_k = false;
      for (int w = 0; w < kMaxWeeks; ++w) {
        const int i = sampler.pick(w);
        const double c = sampler.value(i);
        if (!done && cum + c >= o.items - 0.5) {
          // A week the window finished nothing in may still count a little (the prior count):
          // it has no days of its own, so its count is spread evenly over the week.
          done_at =
              7.0 * w + (fit.window[i] > 0 ? day_of_item(daily, i, c / fit.window[i], o.items - cum)
                                           : 7.0 * std::clamp((o.items - 0.5 - cum) / c, 0.0, 1.0));
          done = true;
        }
        cum += c;
        if (w + 1 == o.weeks) in_k = cum, have_k = true;
        if (done && have_k) break;
      }
      when[t] = done_at;
      // Items done by the horizon, a whole number as in the 'when' answer: the k-th lands where
      // the running total reaches k - 1/2 (the midpoint rule of day_of_item), none below zero.
      count[t] = std::max(0.0, std::floor((have_k ? in_k : cum) + 0.5));
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
    // The forecast's probabilities around the real outcome, for the randomized PIT (see score).
    auto share_below = [&](const std::vector<double>& v, double x) {
      return static_cast<double>(std::lower_bound(v.begin(), v.end(), x) - v.begin()) /
             static_cast<double>(v.size());
    };
    if (idx + o.items - 1 < resolved.size()) {
      pt.when_actual = resolved[idx + o.items - 1] - at;
      pt.when_cdf_before = share_below(when, *pt.when_actual);
      pt.when_cdf_after = share_below(when, *pt.when_actual + 1);
    }
    const Date horizon = at + 7 * o.weeks;
    if (horizon <= end) {
      pt.count_actual = static_cast<int>(
          std::lower_bound(resolved.begin(), resolved.end(), horizon) - resolved.begin() - idx);
      pt.count_tail_above = 1 - share_below(count, *pt.count_actual + 0.5);
      pt.count_tail_at = 1 - share_below(count, *pt.count_actual - 0.5);
    }
    if (!pt.when_actual) {
      pt.when_at_least = end - at;
      pt.when_cdf_before = share_below(when, *pt.when_at_least);
    }
    if (!created.empty()) {
      const auto opened = std::lower_bound(created.begin(), created.end(), at) - created.begin();
      pt.open_items = static_cast<int>(std::max<std::ptrdiff_t>(0, opened - std::ptrdiff_t(idx)));
      pt.when_asked = *pt.open_items >= o.items;
    }
    out.points.push_back(pt);
  }

  // Neighbouring dates share their window and their outcomes: blocks span both.
  const int block = ((W + o.weeks) * 7 + o.step_days - 1) / o.step_days;
  score(out.points, out.when, out.count, block,
        mix64(o.seed ^ static_cast<uint64_t>(out.first.days) * kGolden));
  if (out.points.empty())
    return make_error(codes::kEmptyHistory,
                      "the history is too short (or too quiet) for any forecast date", {},
                      "shorten --window or use a longer history");
  return out;
}

}  // namespace cairn::forecast
