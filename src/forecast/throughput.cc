#include "forecast/throughput.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

#include "base/random.h"

namespace cairn::forecast {

namespace {
template <typename T>
double percentile_of(std::span<const T> v, double p) {
  if (v.empty()) return 0;
  const double h = (v.size() - 1) * std::clamp(p, 0.0, 1.0);
  const size_t lo = static_cast<size_t>(h);
  const size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - lo) * (double{v[hi]} - double{v[lo]});
}

// Salt of the key the drift multiplier is drawn from (keeps it off every week and weight slot).
constexpr uint64_t kDriftSalt = 0x6a09e667f3bcc909ULL;
// Salt of the key the prior count is drawn from.
constexpr uint64_t kPriorSalt = 0xa54ff53a5f1d36f1ULL;

// Mean and sample variance (n - 1) of a window.
void mean_var(std::span<const double> v, double& mean, double& var) {
  mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  var = 0;
  for (double x : v)
    var += (x - mean) * (x - mean);
  var = v.size() > 1 ? var / static_cast<double>(v.size() - 1) : 0;
}

// The mean dispersion (sample variance / mean, at least 1) of the weekly counts of every W-week
// window of `weeks` that finished something: how much burstier than Poisson the stream is.
double dispersion(std::span<const double> weeks, int W) {
  double disp = 0;
  int count = 0;
  for (size_t e = W; e <= weeks.size(); ++e) {
    double m, v;
    mean_var(weeks.subspan(e - W, W), m, v);
    if (m > 0) disp += std::max(1.0, v / m), ++count;
  }
  return count ? disp / count : 1.0;
}
}  // namespace

double sorted_percentile(std::span<const double> sorted, double p) {
  return percentile_of(sorted, p);
}
double sorted_percentile(std::span<const float> sorted, double p) {
  return percentile_of(sorted, p);
}

const char* to_string(ThroughputModel m) {
  switch (m) {
    case ThroughputModel::kBootstrap:
      return "bootstrap";
    case ThroughputModel::kBlockBootstrap:
      return "block-bootstrap";
    case ThroughputModel::kBayesianBootstrap:
      return "bayesian-bootstrap";
    case ThroughputModel::kAdaptive:
      return "adaptive";
  }
  return "bootstrap";
}

double predictive_inflation(int n) {
  return n < 2 ? 1.0 : std::sqrt((n + 1.0) / (n - 1.0));
}

double prior_count(uint64_t key, uint64_t slot) {
  // Gamma(1/2) = Z^2 / 2 for a standard normal Z (Box-Muller: Z = sqrt(-2 ln u1) cos(2 pi u2)).
  const uint64_t k = mix64(key ^ kPriorSalt);
  const double c = std::cos(2 * std::numbers::pi * draw_uniform(k, slot + 1));
  return -std::log1p(-draw_uniform(k, slot)) * c * c;
}

namespace {
template <typename T>
BayesianTrial bayesian_trial(uint64_t key, uint64_t weight_slot, uint64_t prior_slot,
                             std::span<const T> weeks, std::span<double> cdf, int period) {
  BayesianTrial t;
  t.period = std::max(1, period);
  if (weeks.size() < size_t(2) * t.period) t.period = 1;
  const size_t p = static_cast<size_t>(t.period);
  const size_t B = weeks.size() / p;
  t.blocks = static_cast<uint32_t>(B);
  t.first = static_cast<uint32_t>(weeks.size() - B * p);
  double total = 0;
  for (size_t i = 0; i < B; ++i) {
    total += -std::log1p(-draw_uniform(key, weight_slot + i));
    cdf[i] = total;
  }
  for (size_t i = 0; i < B; ++i) {
    cdf[i] /= total;
    double x = weeks[t.first + i * p];
    for (size_t j = 1; j < p; ++j)
      x += weeks[t.first + i * p + j];
    t.mean += (cdf[i] - (i ? cdf[i - 1] : 0.0)) * (x / static_cast<double>(p));
  }
  t.prior = t.mean > 0 ? prior_count(key, prior_slot) / (total * static_cast<double>(p)) : 0.0;
  t.widen = predictive_inflation(static_cast<int>(B));
  return t;
}
}  // namespace

BayesianTrial draw_bayesian_trial(uint64_t key, uint64_t weight_slot, uint64_t prior_slot,
                                  std::span<const double> weeks, std::span<double> cdf,
                                  int period) {
  return bayesian_trial(key, weight_slot, prior_slot, weeks, cdf, period);
}
BayesianTrial draw_bayesian_trial(uint64_t key, uint64_t weight_slot, uint64_t prior_slot,
                                  std::span<const float> weeks, std::span<double> cdf, int period) {
  return bayesian_trial(key, weight_slot, prior_slot, weeks, cdf, period);
}

uint32_t BayesianTrial::pick(std::span<const double> cdf, double u, int w) const {
  const auto end = cdf.begin() + blocks;
  const uint32_t b = static_cast<uint32_t>(std::upper_bound(cdf.begin(), end, u) - cdf.begin());
  return first + std::min(b, blocks - 1) * static_cast<uint32_t>(period) +
         static_cast<uint32_t>(w % period);
}

std::vector<double> block_sums(std::span<const double> weeks, int period) {
  const size_t p = static_cast<size_t>(std::max(1, period));
  std::vector<double> out(weeks.size() / p, 0.0);
  const size_t first = weeks.size() - out.size() * p;
  for (size_t i = first; i < weeks.size(); ++i)
    out[(i - first) / p] += weeks[i];
  return out;
}

int cadence_weeks(std::span<const double> weeks, int window_weeks) {
  // Half the mean squared successive difference of a series: its variance when its values are
  // independent, however its level drifts slowly.
  auto half_msd = [](std::span<const double> v) {
    double s = 0;
    for (size_t i = 1; i < v.size(); ++i)
      s += (v[i] - v[i - 1]) * (v[i] - v[i - 1]);
    return v.size() > 1 ? s / (2.0 * static_cast<double>(v.size() - 1)) : 0.0;
  };
  for (int p = 2; p <= 4; ++p) {
    if (window_weeks % p != 0 || window_weeks / p < 3) continue;
    const size_t B =
        std::min(weeks.size(), static_cast<size_t>(kCadenceWeeks)) / static_cast<size_t>(p);
    if (B < static_cast<size_t>(kCadenceBlocks)) continue;
    const auto span = weeks.subspan(weeks.size() - B * p);
    const auto blocks = block_sums(span, p);
    const double week_var = half_msd(span);
    if (!(week_var > 0)) continue;
    if (half_msd(blocks) <= kCadenceRatio * p * week_var) return p;
  }
  return 1;
}
ThroughputFit fit_throughput(std::span<const double> weeks, int window_weeks) {
  ThroughputFit f;
  const int W = std::max(1, window_weeks);
  const size_t n = weeks.size();
  const size_t wn = std::min<size_t>(W, n);
  f.window.assign(weeks.end() - wn, weeks.end());
  f.window_mean = wn ? std::accumulate(f.window.begin(), f.window.end(), 0.0) / W : 0.0;
  f.period_weeks = cadence_weeks(weeks, W);
  if (n < size_t{2} * W) return f;  // no earlier window to learn from

  // Drift: at every past origin with a whole window before and after it, the log ratio of what
  // the next window finished to what the window before it did (0.5 keeps empty windows finite),
  // and the counting noise of that ratio (over-dispersed Poisson: phi / count on each side). With
  // a cadence, phi is measured on its blocks: a batch week and a quiet one are no noise of the
  // window's total.
  const double phi = f.period_weeks > 1
                         ? dispersion(block_sums(weeks, f.period_weeks), W / f.period_weeks)
                         : dispersion(weeks, W);
  std::vector<double> z, noise;
  for (size_t e = W; e + W <= n; ++e) {
    const double prev = std::accumulate(weeks.begin() + (e - W), weeks.begin() + e, 0.0);
    const double next = std::accumulate(weeks.begin() + e, weeks.begin() + (e + W), 0.0);
    if (prev <= 0) continue;  // no forecast is made from an empty window
    z.push_back(std::log((next + 0.5) / (prev + 0.5)));
    noise.push_back(phi * (1 / (next + 0.5) + 1 / (prev + 0.5)));
  }
  f.past_windows = static_cast<int>(z.size());
  if (z.size() < 2) return f;
  double mz, vz;
  mean_var(z, mz, vz);
  const double mean_noise = std::accumulate(noise.begin(), noise.end(), 0.0) / noise.size();
  // The share of the log ratios' variance that is a real change of level, not counting noise
  // (method of moments); deviations are scaled by its square root so their variance is that
  // part alone.
  f.drift_signal_share = vz > 0 ? std::max(0.0, 1 - mean_noise / vz) : 0.0;
  std::sort(z.begin(), z.end());
  const double med = sorted_percentile(std::span<const double>(z), 0.5);
  const double s = std::sqrt(f.drift_signal_share);
  f.drift.reserve(z.size());
  for (double x : z)
    f.drift.push_back(std::exp(s * (x - med)));
  return f;
}

ThroughputSampler::ThroughputSampler(const ThroughputFit& fit, ThroughputModel model,
                                     int block_weeks, uint64_t weight_slot_offset)
    : fit_(fit),
      model_(model),
      block_(std::clamp(block_weeks, 1, std::max(1, static_cast<int>(fit.window.size())))),
      weight_offset_(weight_slot_offset),
      weight_cdf_(fit.window.size()) {}

void ThroughputSampler::start_trial(uint64_t key, uint64_t slot_base) {
  key_ = key;
  base_ = slot_base;
  scale_ = 1;
  const size_t W = fit_.window.size();
  if ((model_ == ThroughputModel::kBayesianBootstrap || model_ == ThroughputModel::kAdaptive) &&
      W > 1) {
    trial_ = draw_bayesian_trial(key, slot_base + weight_offset_, slot_base, fit_.window,
                                 weight_cdf_, fit_.period_weeks);
  }
  if (model_ != ThroughputModel::kAdaptive) return;
  if (!fit_.drift.empty()) {
    const uint64_t bits = draw_bits(mix64(key ^ kDriftSalt), slot_base) >> 32;
    scale_ *= fit_.drift[(bits * fit_.drift.size()) >> 32];
  }
}

int ThroughputSampler::pick(int w) const {
  const size_t W = fit_.window.size();
  if (W <= 1) return 0;
  const uint64_t slot = base_ + static_cast<uint64_t>(w);
  switch (model_) {
    case ThroughputModel::kBlockBootstrap: {
      const uint64_t bits = draw_bits(key_, base_ + static_cast<uint64_t>(w / block_)) >> 32;
      return static_cast<int>((bits * (W - block_ + 1)) >> 32) + w % block_;
    }
    case ThroughputModel::kBayesianBootstrap:
    case ThroughputModel::kAdaptive: {
      const uint64_t block = base_ + static_cast<uint64_t>(w / trial_.period);
      return static_cast<int>(trial_.pick(weight_cdf_, draw_uniform(key_, block), w));
    }
    case ThroughputModel::kBootstrap:
      break;
  }
  return static_cast<int>((draw_bits(key_, slot) >> 32) * W >> 32);
}

}  // namespace cairn::forecast
