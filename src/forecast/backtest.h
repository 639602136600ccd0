// Backtesting throughput forecasts against a real issue history.
//
// At many past dates D (every `step_days` days), the forecast sees only the weekly throughput of
// the `window_weeks` weeks before D and answers two questions by bootstrap Monte Carlo
// (docs/formulas.md, "Backtest"):
//   * when: how many days until the next `items` items are finished (P50/P85/P95);
//   * how many: how many items will be finished in the next `weeks` weeks (P50/P85/P95, where Pxx
//     is the count reached with probability xx%: the (100 - xx)th percentile of the count).
// Each answer is then compared with what really happened after D. Calibration is the share of real
// outcomes at or before each 'when' percentile (a well calibrated P85 covers about 85%) and at or
// above each 'how many' percentile, plus the mean error of the P50.
//
// `model` chooses how weekly throughput is drawn (forecast/throughput.h): by default kAdaptive, the
// Bayesian bootstrap of the window multiplied by a level drift learned from the history before D;
// kBayesianBootstrap, kBootstrap and kBlockBootstrap are there to compare. docs/forecasting.md has
// the calibration of each on real histories. Pure function; deterministic for a seed; thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "base/date.h"
#include "base/error.h"
#include "forecast/throughput.h"

namespace cairn::forecast {

struct BacktestOptions {
  int items = 10;         // M: 'when will the next M items be finished'; default 10
  int weeks = 4;          // K: 'how many items in the next K weeks'; default 4
  int window_weeks = 12;  // throughput history seen at each date; default 12
  int step_days = 7;      // days between forecast dates; default 7 (weekly)
  int trials = 2000;      // Monte Carlo trials per forecast; default 2,000
  uint64_t seed = 1;      // default 1
  ThroughputModel model = ThroughputModel::kAdaptive;  // default kAdaptive
  int block_weeks = 4;  // block length for kBlockBootstrap; default 4
  // Skip dates whose window finished fewer items than this (no basis for a forecast). Default 1.
  int min_window_items = 1;
  // The day the history is known up to (exclusive: outcomes on or after it are unknown, and
  // resolutions on or after it are left out), e.g. a plan's status date, or the day after an
  // export's newest creation (io::record_end). Default: the day after the last resolution.
  std::optional<Date> end;
  // The creation dates of every item of the stream, resolved or not (a resolution before its
  // creation counts as created that day). With them, 'when will the next M items be finished' is
  // asked only on dates with at least M items open (created before the date, not resolved
  // before it): with fewer, the M-th item is one not created yet, a question no one asks of a
  // backlog, and at a stream's end (a project shut down) its outcome never comes. Known at the
  // date itself: no look-ahead. Default empty: every date is asked.
  std::vector<Date> created;
};

struct BacktestPoint {
  Date at;
  double window_items = 0;        // items finished in the window before `at`
  size_t drift_ratios = 0;        // past window ratios the adaptive model drew its drift from
  double drift_signal_share = 0;  // ThroughputFit::drift_signal_share
  int cadence_weeks = 1;          // ThroughputFit::period_weeks: weeks drawn together as a block
  // 'when': days after `at` (day 0 is `at`) by which the next M items are done.
  double when_p50 = 0, when_p85 = 0, when_p95 = 0;
  std::optional<int> when_actual;  // unset when the history ends first
  // When it does: the M-th item was not done in the days [at, end), so it took at least this.
  std::optional<int> when_at_least;
  // The forecast's probability that the M-th item is done before day when_actual (or before
  // when_at_least), and before the day after it: the randomized PIT of the outcome lies between.
  double when_cdf_before = 0, when_cdf_after = 0;
  // 'how many' in the next K weeks.
  double count_p50 = 0, count_p85 = 0, count_p95 = 0;
  std::optional<int> count_actual;  // unset when the history ends first
  // The forecast's probability of more than count_actual items, and of at least as many.
  double count_tail_above = 0, count_tail_at = 0;
  // Items open at `at` (BacktestOptions::created given; else unset). 'When' is scored only where
  // this is at least M (when_asked).
  std::optional<int> open_items;
  bool when_asked = true;
};

struct Calibration {
  size_t checked = 0;  // forecasts whose outcome is known
  // 'When' forecasts whose outcome the history's end cut off after more days than their P95 (a
  // miss at every percentile). Coverage counts every outcome that settles a percentile, censored
  // or not (right censoring: else the slowest outcomes would be left out); always 0 for counts.
  size_t censored = 0;
  // 'When' forecast dates not asked: fewer than M items were open (BacktestOptions::created).
  size_t unasked = 0;
  double coverage_p50 = 0, coverage_p85 = 0, coverage_p95 = 0;  // shares, 0..1
  double mean_error = 0;      // mean of (P50 - actual): days for 'when', items for 'how many'
  double mean_abs_error = 0;  // mean of |P50 - actual|
  // How far the coverages themselves are known: per replicate of a moving-block bootstrap of the
  // forecast dates (blocks of window + K weeks of dates, since neighbouring dates share their
  // windows and outcomes), the hits at P50/P85/P95 and the outcomes that settled each, summed
  // over pooled streams. Read with coverage_interval.
  std::vector<std::array<double, 6>> replicates;
  // Fewer than two blocks of dates (a short history): how far the shares are known cannot be told.
  bool spread_unknown = false;
};

// Replicates of the coverages' moving-block bootstrap (Kuensch 1989).
inline constexpr int kCoverageReplicates = 400;

// The central `mass` interval (default 90%) of a coverage (level 0, 1, 2: P50, P85, P95) over the
// replicates: how much the share could differ on another stretch of the same history. nullopt
// without replicates or when the spread is unknown.
std::optional<std::array<double, 2>> coverage_interval(const Calibration& c, int level,
                                                       double mass = 0.90);

// Adds `c` to `into` (e.g. the groups of one history): coverages and errors weighted by the
// forecasts each checked, replicates summed.
void pool(Calibration& into, const Calibration& c);

struct BacktestResult {
  std::vector<BacktestPoint> points;
  Calibration when;      // coverage: actual <= Pxx
  Calibration count;     // coverage: actual >= Pxx
  Date first, last;      // the span of resolution dates (before BacktestOptions::end)
  size_t after_end = 0;  // resolutions on or after BacktestOptions::end, left out
};

// `resolved`: the resolution dates of the history (any order; open issues left out). Error code
// `invalid-options` for non-positive items, weeks, window, step or trials or an end on or before
// the first resolution, `empty-history` when there is nothing to test.
Result<BacktestResult> backtest(std::span<const Date> resolved, const BacktestOptions& options);

}  // namespace cairn::forecast
