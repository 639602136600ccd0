#include "forecast/effects.h"

#include <algorithm>

#include "forecast/monte_carlo.h"
#include "forecast/sensitivity.h"
#include "forecast/throughput.h"

namespace cairn::forecast {

std::vector<double> percentile_of(std::span<const float> finish, uint32_t targets, size_t stride,
                                  int trials, double p) {
  std::vector<double> out(targets);
  std::vector<float> v(trials);
  for (uint32_t tg = 0; tg < targets; ++tg) {
    std::copy_n(finish.begin() + tg * stride, trials, v.begin());
    if (tg == 0)
      for (uint32_t m = 1; m < targets; ++m)
        for (int t = 0; t < trials; ++t)
          v[t] = std::max(v[t], finish[m * stride + t]);
    sort_values(v);
    out[tg] = sorted_percentile(std::span<const float>(v), p);
  }
  return out;
}

std::vector<std::vector<double>> what_if_p85(const Network& net, std::span<const WhatIf> what_ifs,
                                             uint64_t seed, int trials, int threads) {
  std::vector<std::vector<double>> out;
  Network copy = net;
  std::vector<float> durations(trials);
  for (const WhatIf& w : what_ifs) {
    uint32_t p = 0, table = 0;
    float offset = 0, scale = 0, probability = 0;
    if (w.risk) {
      probability = copy.risk_probability[w.index];
      copy.risk_probability[w.index] = 0;
    } else {
      p = copy.position[w.index];
      offset = copy.offset[p];
      scale = copy.scale[p];
      table = copy.table[p];
      for (int t = 0; t < trials; ++t)
        durations[t] = sampled_duration(net, seed, t, w.index);
      sort_values(durations);
      copy.offset[p] =
          static_cast<float>(sorted_percentile(std::span<const float>(durations), 0.5));
      copy.scale[p] = 0;
      copy.table[p] = 0;  // the fixed table (an unbounded one's last cell is infinite)
    }
    auto sim =
        simulate(copy, {.trials = trials, .seed = seed, .threads = threads, .criticality = false});
    out.push_back(sim ? percentile_of(sim->target_finish, net.targets, trials, trials, 0.85)
                      : std::vector<double>(net.targets, 0.0));
    if (w.risk) {
      copy.risk_probability[w.index] = probability;
    } else {
      copy.offset[p] = offset;
      copy.scale[p] = scale;
      copy.table[p] = table;
    }
  }
  return out;
}

}  // namespace cairn::forecast
