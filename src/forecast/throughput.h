// Weekly throughput: how a forecast draws the weeks ahead of a team (or any stream of finished
// items) from its past weeks, plus percentiles of sorted samples. Weekly completions themselves
// are counted by cairn::weekly_counts (model/pace.h). Units: items per week; weeks are 7 calendar
// days. docs/forecasting.md ("Calibration on real histories") explains the model and its
// calibration; docs/formulas.md cites the sources. Pure functions; a ThroughputSampler is
// thread-compatible (one per thread).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace cairn::forecast {

// Percentile by linear interpolation between order statistics (Hyndman and Fan type 7) of sorted
// values; p in [0, 1]. 0 for an empty span.
double sorted_percentile(std::span<const double> sorted, double p);
double sorted_percentile(std::span<const float> sorted, double p);

// How the weeks ahead are drawn from the window of past weeks.
//   kBootstrap: each week ahead is one past week of the window, every one equally likely.
//   kBlockBootstrap: runs of `block_weeks` consecutive past weeks (Kuensch 1989).
//   kBayesianBootstrap: per trial, Dirichlet(1, ..., 1) weights on the window's weeks (Rubin 1981),
//     then weeks drawn by those weights: the rate itself is uncertain.
//   kAdaptive (default): the Bayesian bootstrap, multiplied per trial by a level drift drawn from
//     the stream's own past: how the throughput of one window compared with the window before it,
//     counting noise removed. Without that much history (two windows and two comparisons) it is
//     the Bayesian bootstrap.
enum class ThroughputModel { kBootstrap, kBlockBootstrap, kBayesianBootstrap, kAdaptive };
// "bootstrap", "block-bootstrap", "bayesian-bootstrap", "adaptive"
const char* to_string(ThroughputModel m);

// How much the Bayesian-bootstrap models widen a drawn week's deviation from the trial's mean,
// for a window of n weeks: sqrt((n + 1) / (n - 1)) (1 for n < 2). Under Dirichlet(1, ..., 1)
// weights a drawn week spreads around the trial's mean by (n - 1) / (n + 1) of the window's sample
// variance s2 on average, a new week by s2; widened, a drawn week spreads by s2 (1 + (n - 1) /
// (n (n + 1))) in all, the weights' uncertainty of the mean included, close to the s2 (1 + 1/n)
// of a new observation (the modified residuals of Davison and Hinkley 1997, section 6.3.3). A
// quiet week can then count below zero: it holds the running total back and later weeks make it
// up, the trial's mean unchanged. docs/forecasting.md has the calibration before and after.
double predictive_inflation(int n);

// Half an item of prior count for the Bayesian-bootstrap models: a Gamma(1/2) draw G from trial
// key `key` (its own salt, at `slot` and `slot + 1`), added to the window's Dirichlet-weighted
// sum, so the trial's mean week is (sum g_i x_i + G) / sum g_i with g_i ~ Exp(1). For Poisson
// weeks that is the rate's posterior under Jeffreys' prior (rate^-1/2, n + 1/2 items over the
// window) instead of the 1/rate the plain Bayesian bootstrap stands for, whose rate, inverted
// into a date, came late (a 1.5-a-week stationary stream's 'when' P50 covered 53.6%, 51.3% with
// it). Not for a window that finished nothing (no forecast is made from one).
double prior_count(uint64_t key, uint64_t slot);

// One trial of the Bayesian bootstrap over `weeks` (two or more): Dirichlet(1, ..., 1) weights
// (Rubin 1981) written to `cdf` as a running sum (normalised; weight i at slot `weight_slot` + i),
// the weighted mean week, the prior count's share of a week (prior_count at `prior_slot`, over the
// weights' sum; 0 when the weighted mean is 0) and the widening of the window
// (predictive_inflation). The backtest's ThroughputSampler and the program forecast's streams draw
// their trials by it.
//
// With a cadence of `period` weeks (cadence_weeks: a sprint that finishes its items in a batch),
// the units weighed and drawn are the window's blocks of `period` weeks, counted back from its end
// (the oldest weeks that make no whole block are left out): `cdf` holds one weight per block, the
// mean is the weighted mean of the blocks' weeks and the widening is that of the blocks' number.
// A block's weeks are drawn together and in order, so the weeks ahead keep the sprints' rhythm.
// Period 1 is the plain Bayesian bootstrap of weeks.
struct BayesianTrial {
  double mean = 0;
  double prior = 0;
  double widen = 1;
  int period = 1;       // weeks per drawn block
  uint32_t blocks = 0;  // blocks weighed (the window's weeks for period 1)
  uint32_t first = 0;   // the window week the oldest block starts at
  // What a drawn past week of `x` items stands for in the trial (before any level multiplier):
  // its deviation from the mean widened, plus the prior count. May fall below zero.
  double week(double x) const { return mean + prior + widen * (x - mean); }
  // The window week that week `w` ahead repeats, the block being chosen by the uniform `u` drawn
  // for it (one per block ahead: at slot w / period). `cdf` is the trial's.
  uint32_t pick(std::span<const double> cdf, double u, int w) const;
};
BayesianTrial draw_bayesian_trial(uint64_t key, uint64_t weight_slot, uint64_t prior_slot,
                                  std::span<const double> weeks, std::span<double> cdf,
                                  int period = 1);
BayesianTrial draw_bayesian_trial(uint64_t key, uint64_t weight_slot, uint64_t prior_slot,
                                  std::span<const float> weeks, std::span<double> cdf,
                                  int period = 1);

// The cadence of a stream, in weeks: 2, 3 or 4 when its items finish in batches that many weeks
// apart (a Scrum team closing its items at the sprint's end), else 1. A weekly count then swings
// between quiet and batch weeks, and weeks drawn one by one would mix them freely: two quiet or
// two batch weeks in a row, so a month ahead would spread far wider than the team's months do.
// Tested on the stream's recent history before the forecast date (`weeks`, oldest first): the
// blocks of p weeks counted back from its end vary less than p independent weeks would, by the
// ratio of their mean squared successive differences (von Neumann's, which a slow change of level
// does not inflate): at most kCadenceRatio, over the blocks of the last kCadenceWeeks weeks (a
// team that took up sprints, or left them, is seen within a year or so), at least kCadenceBlocks
// of them. The smallest such p that divides `window_weeks` into at least 3 blocks wins.
// The sums of `weeks` in blocks of `period` weeks counted back from the last week, oldest block
// first; the oldest weeks that make no whole block are left out. `period` >= 1.
std::vector<double> block_sums(std::span<const double> weeks, int period);
inline constexpr double kCadenceRatio = 0.3;
inline constexpr int kCadenceBlocks = 16;
inline constexpr int kCadenceWeeks = 64;
int cadence_weeks(std::span<const double> weeks, int window_weeks);

// What a stream's history says about its weeks ahead, at one forecast date.
struct ThroughputFit {
  std::vector<double> window;  // the last `window_weeks` weekly counts, oldest first
  double window_mean = 0;      // items per week in the window
  // Level multipliers a trial draws from (sorted, median 1): the stream's past ratios of one
  // window's throughput to the window's before it, shrunk toward 1 in logs so that only the
  // share of their variance that is not counting noise is left. Empty without two ratios.
  std::vector<double> drift;
  double drift_signal_share = 0;  // that share, 0..1
  int past_windows = 0;           // ratios the history gave (0: the window alone)
  // The stream's cadence (cadence_weeks): the Bayesian-bootstrap models draw blocks of this many
  // weeks. 1 without one.
  int period_weeks = 1;
};

// `weeks`: completions per week over the stream's whole history up to the forecast date, oldest
// first (the last `window_weeks` of them are the window; fewer weeks: the window is what there
// is). `window_weeks` >= 1. The counting noise of the drift is measured on the cadence's blocks.
ThroughputFit fit_throughput(std::span<const double> weeks, int window_weeks);

// Draws the weekly throughput ahead, trial by trial, with counter-based random numbers
// (base/random.h): trial key `key`, week w at slot `slot_base + w`, the Bayesian bootstrap weight
// of window week i at `slot_base + weight_slot_offset + i`, the drift multiplier from a key
// derived from `key` (so it adds no slot). The fit must outlive the sampler.
class ThroughputSampler {
 public:
  ThroughputSampler(const ThroughputFit& fit, ThroughputModel model, int block_weeks = 4,
                    uint64_t weight_slot_offset = uint64_t{1} << 20);
  // Prepares trial `key`: the window's weights and the trial's level multiplier.
  void start_trial(uint64_t key, uint64_t slot_base);
  // The window week (0 = oldest) that week w ahead (0 = the first) of the current trial repeats.
  int pick(int w) const;
  // Items finished in week w ahead of the current trial: value(pick(w)).
  double week(int w) const { return fit_.window.empty() ? 0 : value(pick(w)); }
  // What window week i stands for in the current trial: for the Bayesian-bootstrap models the
  // trial's mean (with the prior count) plus the week's deviation from the window's weighted mean
  // widened by predictive_inflation (it may fall below zero), times the multiplier; for the other
  // models window[i] * multiplier().
  double value(int i) const { return trial_.week(fit_.window[i]) * scale_; }
  double multiplier() const { return scale_; }  // the drift of the current trial (1: none)
  // The trial's Dirichlet-weighted mean of the window's weeks, and the prior count's share of a
  // week (prior count / sum of the weights); both 0 for the other models.
  double weighted_mean() const { return trial_.mean; }
  double prior_share() const { return trial_.prior; }

 private:
  const ThroughputFit& fit_;
  ThroughputModel model_;
  int block_;
  uint64_t weight_offset_;
  std::vector<double> weight_cdf_;
  uint64_t key_ = 0, base_ = 0;
  double scale_ = 1;
  // The Bayesian-bootstrap models' trial; for the others mean and prior 0 and widen 1, so that
  // value() is the window's week.
  BayesianTrial trial_;
};

}  // namespace cairn::forecast
