#include "forecast/ablation.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "forecast/days.h"
#include "forecast/effects.h"
#include "forecast/monte_carlo.h"
#include "forecast/parallel.h"
#include "forecast/sensitivity.h"
#include "forecast/throughput.h"

namespace cairn::forecast {
namespace {

constexpr float kNoValue = std::numeric_limits<float>::quiet_NaN();

std::optional<ProgramNetwork> network_with(const Program& program, const ForecastOptions& options,
                                           const ProgramNetwork& pn, Spread spread) {
  ForecastOptions o = options;
  o.spread = spread;
  Diagnostics quiet;  // the full forecast reported the network's findings
  auto net = build_program_network(program, o, quiet, pn.schedule);
  if (!net) return std::nullopt;
  return std::move(*net);
}

std::optional<std::vector<double>> p50_of(const Network& net, uint64_t seed, int k) {
  auto sim = simulate(net, {.trials = k, .seed = seed, .threads = 1, .criticality = false});
  if (!sim) return std::nullopt;
  return percentile_of(sim->target_finish, net.targets, k, k, 0.5);
}

// Per target: the positions of its critical chain in the plan, first item first: the binding path
// back from its latest item in the one trial of the zero-spread network (which is the schedule).
// Empty for a target without open work, or whose chain has an item of a throughput queue (its
// time is not a drawn duration).
std::vector<std::vector<uint32_t>> plan_chains(const Network& zero) {
  auto sim = simulate(
      zero,
      {.trials = 1, .seed = 1, .threads = 1, .criticality = false, .first_trial_paths = true});
  if (!sim) return std::vector<std::vector<uint32_t>>(zero.targets);
  std::vector<std::vector<uint32_t>> chains = std::move(sim->first_paths);
  for (auto& c : chains) {
    std::sort(c.begin(), c.end());
    c.erase(std::unique(c.begin(), c.end()), c.end());
    if (std::any_of(c.begin(), c.end(), [&](uint32_t p) { return zero.stream_slot[p] != kNone; }))
      c.clear();
  }
  return chains;
}

// The chain alone in trial t of `net`: its items with their drawn durations, each starting at its
// release or when its links from the chain item before it allow (finish in working days).
float chain_finish(const Network& net, std::span<const uint32_t> chain, uint64_t seed, int t) {
  float prev_start = 0, prev_finish = 0;
  uint32_t prev = kNone;
  for (uint32_t p : chain) {
    const float d = sampled_duration(net, seed, t, net.order[p]);
    float es = net.release[p];
    auto from_prev = [&](uint32_t src, float lag, float minus) {
      if (prev == kNone || src / 2 != prev) return;
      es = std::max(es, (src & 1 ? prev_start : prev_finish) + lag - minus);
    };
    for (uint32_t e = net.start_begin[p]; e < net.start_begin[p + 1]; ++e)
      from_prev(net.start_src[e], net.start_lag[e], 0.0f);
    for (uint32_t e = net.finish_begin[p]; e < net.finish_begin[p + 1]; ++e)
      from_prev(net.finish_src[e], net.finish_lag[e], d);
    prev = p;
    prev_start = es;
    prev_finish = es + d;
  }
  return prev_finish;
}

// P50 per target of its plan chain alone (NaN where it has none); targets side by side on up to
// `threads` threads (each writes only its own slot: the result does not depend on the count).
std::vector<double> chain_p50(const Network& net, const std::vector<std::vector<uint32_t>>& chains,
                              uint64_t seed, int k, int threads) {
  std::vector<double> out(chains.size(), kNoValue);
  parallel_for(chains.size(), threads, [&](size_t tg) {
    if (chains[tg].empty()) return;
    std::vector<float> v(k);
    for (int t = 0; t < k; ++t)
      v[t] = chain_finish(net, chains[tg], seed, t);
    sort_values(v);
    out[tg] = sorted_percentile(std::span<const float>(v), 0.5);
  });
  return out;
}

// `net` with every same-person link (number >= person_begin) cut, except those between two items
// of one target's plan chain.
Network without_people(const Network& net, const std::vector<std::vector<uint32_t>>& chains,
                       size_t person_begin) {
  Network out = net;
  std::vector<uint8_t> keep_start(net.start_src.size(), 0), keep_finish(net.finish_src.size(), 0);
  std::vector<uint32_t> stamp(net.nodes, kNone);
  for (uint32_t tg = 0; tg < chains.size(); ++tg) {
    for (uint32_t p : chains[tg])
      stamp[p] = tg;
    for (uint32_t p : chains[tg]) {
      for (uint32_t e = net.start_begin[p]; e < net.start_begin[p + 1]; ++e)
        if (stamp[net.start_src[e] / 2] == tg) keep_start[e] = 1;
      for (uint32_t e = net.finish_begin[p]; e < net.finish_begin[p + 1]; ++e)
        if (stamp[net.finish_src[e] / 2] == tg) keep_finish[e] = 1;
    }
  }
  for (size_t e = 0; e < net.start_src.size(); ++e)
    if (net.start_link[e] >= person_begin && !keep_start[e]) out.start_lag[e] = kNeverBinds;
  for (size_t e = 0; e < net.finish_src.size(); ++e)
    if (net.finish_link[e] >= person_begin && !keep_finish[e]) out.finish_lag[e] = kNeverBinds;
  return out;
}

}  // namespace

void explain_delays(const Program& program, const ForecastOptions& options,
                    const ProgramNetwork& pn, std::span<const float> full,
                    std::span<TargetForecast* const> targets) {
  const int k = std::min(options.ablation_trials, options.trials);
  const uint32_t nt = static_cast<uint32_t>(targets.size());
  // The networks with less spread are built side by side. The one without risks is, when the
  // forecast has every other spread, the full network with each risk's probability zero: no
  // rebuild, and the same random numbers as the full run, whose step it is compared with.
  const bool pace_from_full = options.spread.estimates && options.spread.pace;
  const Spread less[] = {Spread{false, false, false}, Spread{true, false, false},
                         Spread{true, true, false}};  // zero, spread, pace
  std::optional<ProgramNetwork> built[3];
  parallel_for(pace_from_full ? 2 : 3, options.threads,
               [&](size_t i) { built[i] = network_with(program, options, pn, less[i]); });
  const auto& zero = built[0];
  const auto& spread = built[1];
  if (!zero || !spread || zero->net.nodes != spread->net.nodes) return;
  if (!pace_from_full && !built[2]) return;
  Network pace = pace_from_full ? pn.net : std::move(built[2]->net);
  std::fill(pace.risk_probability.begin(), pace.risk_probability.end(), 0.0f);
  const auto chains = plan_chains(zero->net);
  std::vector<std::vector<double>> steps;  // P50 per step and target
  steps.push_back(chain_p50(spread->net, chains, options.seed, k, options.threads));
  const Network cut = without_people(spread->net, chains, spread->person_links_begin);
  // The three runs side by side, one thread each (their results do not depend on the split).
  const Network* nets[] = {&cut, &spread->net, &pace};
  std::optional<std::vector<double>> p50[3];
  parallel_for(3, options.threads, [&](size_t i) { p50[i] = p50_of(*nets[i], options.seed, k); });
  for (auto& p : p50) {
    if (!p) return;
    steps.push_back(std::move(*p));
  }
  steps.push_back(percentile_of(full, nt, options.trials, k, 0.5));
  const char* names[] = {"spread", "merge", "people", "unestimated", "risks"};
  for (uint32_t tg = 0; tg < nt; ++tg) {
    TargetForecast& f = *targets[tg];
    if (f.complete || !f.scheduled || !f.days_after_schedule) continue;
    int before = days_through(program.calendar, pn.start, *f.scheduled), sum = 0;
    for (size_t s = 0; s < steps.size(); ++s) {
      if (std::isnan(steps[s][tg])) continue;  // no plan chain: its spread counts in "merge"
      const int now = day_index(steps[s][tg]);
      if (now != before) f.why_later.push_back({names[s], now - before});
      sum += now - before;
      before = now;
    }
    if (sum != *f.days_after_schedule)  // Monte Carlo noise of the fewer trials
      f.why_later.push_back({"rest", *f.days_after_schedule - sum});
  }
}

}  // namespace cairn::forecast
