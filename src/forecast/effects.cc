#include "forecast/effects.h"

#include <algorithm>

#include "forecast/monte_carlo.h"
#include "forecast/parallel.h"
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

namespace {

float median_duration(const Network& net, uint64_t seed, int trials, uint32_t node,
                      std::vector<float>& scratch) {
  for (int t = 0; t < trials; ++t)
    scratch[t] = sampled_duration(net, seed, t, node);
  sort_values(scratch);
  return static_cast<float>(sorted_percentile(std::span<const float>(scratch), 0.5));
}

// Holds group g of `copy` (a copy of `net`) as WhatIf::kGroup says.
void hold_group(const Network& net, uint64_t seed, int trials, uint32_t g, Network& copy,
                std::vector<float>& scratch) {
  for (uint32_t p = 0; p < net.nodes; ++p) {
    if (net.group[p] != g || net.stream_slot[p] != kNone) continue;
    if (net.scale[p] == 0 && (net.level_group.empty() || net.level_group[p] == kNone)) continue;
    copy.offset[p] = median_duration(net, seed, trials, net.order[p], scratch);
    copy.scale[p] = 0;
    copy.table[p] = 0;  // the fixed table
    if (!copy.level_group.empty()) copy.level_group[p] = kNone;
  }
  for (uint32_t s = 0; s < net.streams; ++s) {
    const uint32_t first = net.stream_node_begin[s], last = net.stream_node_begin[s + 1];
    if (first == last || net.group[net.stream_node[first]] != g) continue;
    const uint32_t wb = net.stream_weeks_begin[s], we = net.stream_weeks_begin[s + 1];
    double mean = 0;
    for (uint32_t i = wb; i < we; ++i)
      mean += net.stream_weeks[i];
    mean /= std::max<uint32_t>(1, we - wb);
    std::fill(copy.stream_weeks.begin() + wb, copy.stream_weeks.begin() + we,
              static_cast<float>(mean));
    if (!copy.stream_group.empty()) copy.stream_group[s] = kNone;
  }
}

void cut_links(std::span<const uint32_t> links, Network& copy) {
  for (size_t e = 0; e < copy.start_link.size(); ++e)
    if (std::binary_search(links.begin(), links.end(), copy.start_link[e]))
      copy.start_lag[e] = kNeverBinds;
  for (size_t e = 0; e < copy.finish_link.size(); ++e)
    if (std::binary_search(links.begin(), links.end(), copy.finish_link[e]))
      copy.finish_lag[e] = kNeverBinds;
}

// Undoes hold_group and cut_links on `copy`.
void restore(const Network& net, Network& copy) {
  copy.offset = net.offset;
  copy.scale = net.scale;
  copy.table = net.table;
  copy.level_group = net.level_group;
  copy.stream_weeks = net.stream_weeks;
  copy.stream_group = net.stream_group;
  copy.start_lag = net.start_lag;
  copy.finish_lag = net.finish_lag;
}

}  // namespace

std::vector<std::vector<double>> what_if_p85(const Network& net, std::span<const WhatIf> what_ifs,
                                             uint64_t seed, int trials, int threads) {
  std::vector<std::vector<double>> out(what_ifs.size());
  // The what-ifs side by side, each on one thread, on that thread's copy of the network: a run of
  // a few hundred trials gains less from threads of its own than whole runs do (the results do
  // not depend on the split).
  struct Scratch {
    Network copy;
    std::vector<float> durations;
  };
  parallel_for_with(
      what_ifs.size(), threads,
      [&] {
        return Scratch{net, std::vector<float>(trials)};
      },
      [&](Scratch& sc, size_t i) {
        Network& copy = sc.copy;
        auto run = [&] {
          auto sim =
              simulate(copy, {.trials = trials, .seed = seed, .threads = 1, .criticality = false});
          out[i] = sim ? percentile_of(sim->target_finish, net.targets, trials, trials, 0.85)
                       : std::vector<double>(net.targets, 0.0);
        };
        const WhatIf& w = what_ifs[i];
        if (w.kind != WhatIf::Kind::kItemOrRisk) {
          if (w.kind == WhatIf::Kind::kGroup) {
            hold_group(net, seed, trials, w.index, copy, sc.durations);
          } else {
            std::vector<uint32_t> links = w.links;
            std::sort(links.begin(), links.end());
            cut_links(links, copy);
          }
          run();
          restore(net, copy);
          return;
        }
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
          copy.offset[p] = median_duration(net, seed, trials, w.index, sc.durations);
          copy.scale[p] = 0;
          copy.table[p] = 0;  // the fixed table (an unbounded one's last cell is infinite)
        }
        run();
        if (w.risk) {
          copy.risk_probability[w.index] = probability;
        } else {
          copy.offset[p] = offset;
          copy.scale[p] = scale;
          copy.table[p] = table;
        }
      });
  return out;
}

}  // namespace cairn::forecast
