#include "analysis/deps_effects.h"

#include <cmath>

#include "forecast/effects.h"
#include "forecast/monte_carlo.h"

namespace cairn::analysis {
namespace {

using forecast::kNeverBinds;

std::vector<double> p85(const forecast::Network& net, uint64_t seed, int trials, int threads) {
  auto sim = forecast::simulate(
      net, {.trials = trials, .seed = seed, .threads = threads, .criticality = false});
  if (!sim) return std::vector<double>(net.targets, 0.0);
  return forecast::percentile_of(sim->target_finish, net.targets, trials, trials, 0.85);
}

std::vector<int> saved(const std::vector<double>& base, const std::vector<double>& what_if) {
  std::vector<int> out(base.size());
  for (size_t t = 0; t < base.size(); ++t)
    out[t] = static_cast<int>(std::lround(base[t] - what_if[t]));
  return out;
}

// Sets the lag of every link from `pred` (its start or finish) in [begin[p], begin[p + 1]) of
// `src`/`lag` to `value`, remembering the old lags in `old` (restored when `old` is given back).
void set_lags(const std::vector<uint32_t>& begin, const std::vector<uint32_t>& src,
              std::vector<float>& lag, uint32_t p, uint32_t pred, std::vector<float>& old,
              bool restore) {
  size_t k = 0;
  for (uint32_t e = begin[p]; e < begin[p + 1]; ++e) {
    if (src[e] / 2 != pred) continue;
    if (restore) {
      lag[e] = old[k++];
    } else {
      old.push_back(lag[e]);
      lag[e] = kNeverBinds;
    }
  }
}

}  // namespace

std::vector<std::vector<int>> link_cut_effects(const forecast::Network& net,
                                               std::span<const LinkCut> cuts, uint64_t seed,
                                               int trials, int threads) {
  auto base = p85(net, seed, trials, threads);
  forecast::Network copy = net;
  std::vector<std::vector<int>> out;
  for (const LinkCut& c : cuts) {
    uint32_t p = copy.position[c.successor], pred = copy.position[c.predecessor];
    std::vector<float> old_start, old_finish;
    set_lags(copy.start_begin, copy.start_src, copy.start_lag, p, pred, old_start, false);
    set_lags(copy.finish_begin, copy.finish_src, copy.finish_lag, p, pred, old_finish, false);
    out.push_back(saved(base, p85(copy, seed, trials, threads)));
    set_lags(copy.start_begin, copy.start_src, copy.start_lag, p, pred, old_start, true);
    set_lags(copy.finish_begin, copy.finish_src, copy.finish_lag, p, pred, old_finish, true);
  }
  return out;
}

std::vector<std::vector<int>> risk_effects(const forecast::Network& net, uint64_t seed, int trials,
                                           int threads) {
  auto base = p85(net, seed, trials, threads);
  std::vector<forecast::WhatIf> what_ifs;
  for (uint32_t r = 0; r < net.risks; ++r)
    what_ifs.push_back({true, r});
  auto p = forecast::what_if_p85(net, what_ifs, seed, trials, threads);
  std::vector<std::vector<int>> out;
  for (const auto& w : p)
    out.push_back(saved(base, w));
  return out;
}

}  // namespace cairn::analysis
