// Forecast benchmarks: the Monte Carlo core and the whole forecast on a synthetic program with the
// shape of /work/shared/bench/gen_tjp.py (--tasks N): teams of ~8, epics of 6..14 tasks, 0..3
// dependencies per task on recent tasks (15% cross-team), gates every N/50 tasks and a final
// milestone on every sink; efforts 1..20 days (clipped log-normal, median 5) as three-point
// estimates. Reports peak resident memory as `maxrss_mb`.
//
//   forecast_bench --benchmark_filter=Simulate/items:10000   # the trial loop alone
//   forecast_bench --benchmark_filter=Program                # adapter + trials + results +
//                                                            # sensitivity (+ leveled schedule)
// threads 0 means all cores. Benchmark CPU times count the main thread only: for CPU time use
// `perf stat` or /usr/bin/time on a filtered run.
#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <random>

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include "forecast/monte_carlo.h"
#include "forecast/program_forecast.h"
#include "forecast/program_network.h"

namespace cairn::forecast {
namespace {

Program make_program(int n_tasks, uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto uni = [&](double a, double b) { return std::uniform_real_distribution<double>(a, b)(rng); };
  auto pick = [&](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  Program p;
  p.key = "bench";
  p.name = fmt::format("Synthetic program N={}", n_tasks);
  p.start = *Date::parse("2025-01-06");
  const int teams = std::max(2, static_cast<int>(std::lround(n_tasks / 100.0)));
  const int milestones = std::min(50, std::max(3, n_tasks / 200));
  const int work = n_tasks - milestones;
  for (int t = 0; t < teams; ++t) {
    Team team;
    team.key = fmt::format("t{:03d}", t + 1);
    team.name = team.key;
    p.teams.push_back(team);
    const int size = 8 + static_cast<int>(pick(4)) - 1 - (pick(2) == 0 ? 0 : 0);
    for (int k = 0; k < std::max(1, std::min(size, 9)); ++k) {
      Person person;
      person.key = fmt::format("{}_p{}", team.key, k + 1);
      person.team = TeamId{t};
      p.people.push_back(person);
    }
  }
  std::vector<std::vector<PersonId>> members(teams);
  for (size_t i = 0; i < p.people.size(); ++i)
    members[p.people[i].team.index()].push_back(PersonId{i});
  std::vector<std::vector<uint32_t>> by_team(teams);
  std::lognormal_distribution<double> effort(1.6, 0.7);
  const double pess[] = {1.3, 1.6, 2.0};
  uint32_t last_gate = kNone;
  int gate_no = 0;
  std::vector<uint32_t> recent;
  auto add_dep = [&](uint32_t a, uint32_t b) {
    Dependency d;
    d.predecessor = WorkItemId{a};
    d.successor = WorkItemId{b};
    p.dependencies.push_back(d);
  };
  for (int w = 0; w < work; ++w) {
    const int t = static_cast<int>(pick(teams));
    WorkItem it;
    it.key = fmt::format("k{:06d}", w + 1);
    it.team = TeamId{t};
    const double e = std::clamp(std::round(effort(rng)), 1.0, 20.0);
    it.estimate = ThreePoint{0.8 * e, e, pess[pick(3)] * e};
    it.assignee = members[t][pick(members[t].size())];
    const uint32_t id = static_cast<uint32_t>(p.items.size());
    p.items.push_back(it);
    const double r = uni(0, 1);
    const int k = r < 0.15 ? 0 : r < 0.60 ? 1 : r < 0.85 ? 2 : 3;
    std::vector<uint32_t> deps;
    for (int j = 0; j < k; ++j) {
      int o = t;
      if (uni(0, 1) < 0.15) o = static_cast<int>((t + 1 + pick(teams - 1)) % teams);
      const auto& pool = by_team[o];
      if (pool.empty()) continue;
      const size_t lo = pool.size() > 12 ? pool.size() - 12 : 0;
      deps.push_back(pool[lo + pick(pool.size() - lo)]);
    }
    if (last_gate != kNone && uni(0, 1) < 0.05) deps.push_back(last_gate);
    std::sort(deps.begin(), deps.end());
    deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
    for (uint32_t d : deps)
      add_dep(d, id);
    by_team[t].push_back(id);
    recent.push_back(id);
    if (gate_no < milestones - 1 && (w + 1) == (gate_no + 1) * work / milestones) {
      WorkItem g;
      g.key = fmt::format("m{:03d}", gate_no + 1);
      g.estimate = ThreePoint{0, 0, 0};
      const uint32_t gid = static_cast<uint32_t>(p.items.size());
      p.items.push_back(g);
      const size_t window = std::min<size_t>(recent.size(), 8 * teams);
      std::vector<uint32_t> cand(recent.end() - window, recent.end());
      std::shuffle(cand.begin(), cand.end(), rng);
      const size_t cnt = std::min<size_t>(cand.size(), 3 + pick(4));
      std::sort(cand.begin(), cand.begin() + cnt);
      for (size_t j = 0; j < cnt; ++j)
        add_dep(cand[j], gid);
      Milestone m;
      m.key = g.key;
      m.name = fmt::format("Gate {}", gate_no + 1);
      m.items = {WorkItemId{gid}};
      p.milestones.push_back(m);
      last_gate = gid;
      ++gate_no;
    }
  }
  std::vector<uint8_t> has_succ(p.items.size(), 0);
  for (const auto& d : p.dependencies)
    has_succ[d.predecessor.index()] = 1;
  WorkItem fin;
  fin.key = "m_final";
  fin.estimate = ThreePoint{0, 0, 0};
  const uint32_t fid = static_cast<uint32_t>(p.items.size());
  p.items.push_back(fin);
  for (uint32_t i = 0; i < fid; ++i)
    if (!has_succ[i] && p.items[i].team.valid()) add_dep(i, fid);
  Milestone m;
  m.key = "m_final";
  m.name = "Program complete";
  m.items = {WorkItemId{fid}};
  p.milestones.push_back(m);
  p.reindex();
  return p;
}

double maxrss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

const Program& program(int n) {
  static std::map<int, Program> cache;
  auto it = cache.find(n);
  if (it == cache.end()) it = cache.emplace(n, make_program(n, 1)).first;
  return it->second;
}

void BM_Simulate(benchmark::State& state) {
  const Program& p = program(static_cast<int>(state.range(0)));
  Diagnostics diags;
  ForecastOptions o;
  o.resource_order = ResourceOrder::kMeanOrder;
  auto pn = build_program_network(p, o, diags);
  if (!pn) {
    state.SkipWithError(pn->net.nodes ? "" : "network failed");
    return;
  }
  const int trials = static_cast<int>(state.range(1));
  const int threads = static_cast<int>(state.range(2));
  const bool criticality = state.range(3) != 0;
  const auto simd = static_cast<SimdLevel>(state.range(4));
  for (auto _ : state) {
    auto r = simulate(pn->net, {.trials = trials,
                                .seed = 1,
                                .threads = threads,
                                .criticality = criticality,
                                .simd = simd});
    benchmark::DoNotOptimize(r->target_finish.data());
  }
  state.counters["items"] = static_cast<double>(p.items.size());
  state.counters["links"] = static_cast<double>(pn->links);
  // Item-samples per nanosecond of wall time (benchmark rates are per second).
  state.counters["item_samples_per_ns"] =
      benchmark::Counter(static_cast<double>(p.items.size()) * trials * 1e-9,
                         benchmark::Counter::kIsIterationInvariantRate);
  state.counters["maxrss_mb"] = maxrss_mb();
}
// simd: 0 auto (the widest the processor has), 1 baseline SSE2, 2 AVX2, 3 AVX-512.
BENCHMARK(BM_Simulate)
    ->Args({1000, 10000, 0, 1, 0})
    ->Args({10000, 10000, 0, 1, 0})
    ->Args({10000, 10000, 1, 1, 0})
    ->Args({10000, 10000, 1, 0, 0})
    ->Args({10000, 10000, 1, 1, 1})
    ->Args({10000, 10000, 1, 1, 2})
    ->ArgNames({"items", "trials", "threads", "criticality", "simd"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_ForecastProgram(benchmark::State& state) {
  const Program& p = program(static_cast<int>(state.range(0)));
  ForecastOptions o;
  o.trials = static_cast<int>(state.range(1));
  o.resource_order = state.range(2) ? ResourceOrder::kLeveled : ResourceOrder::kMeanOrder;
  o.threads = static_cast<int>(state.range(3));
  // anchored 0: the forecast before it followed the schedule (durations from the estimates alone,
  // no "why later" ablations, drivers by correlation only); 1: the default (forecast/anchor.h,
  // ablations on 1,000 trials, what-ifs for 8 drivers on 500 trials each); what each part costs:
  // 2 the default without the what-ifs, 3 without the ablations, 4 without either.
  if (!state.range(4)) {
    o.follow_schedule = false;
    o.ablation_trials = 0;
    o.effect_drivers = 0;
  }
  if (state.range(4) == 2 || state.range(4) == 4) o.effect_drivers = 0;
  if (state.range(4) == 3 || state.range(4) == 4) o.ablation_trials = 0;
  for (auto _ : state) {
    Diagnostics diags;
    auto f = forecast_program(p, o, diags);
    if (!f) {
      state.SkipWithError(f.error().message.c_str());
      return;
    }
    benchmark::DoNotOptimize(f->program.p85);
  }
  state.counters["dependencies"] = static_cast<double>(p.dependencies.size());
  state.counters["maxrss_mb"] = maxrss_mb();
}
BENCHMARK(BM_ForecastProgram)
    ->Args({10000, 10000, 0, 0, 1})
    ->Args({10000, 10000, 1, 0, 0})
    ->Args({10000, 10000, 1, 0, 1})
    ->Args({10000, 10000, 0, 1, 1})
    ->Args({10000, 10000, 1, 1, 0})
    ->Args({10000, 10000, 1, 1, 1})
    ->Args({10000, 10000, 1, 1, 2})
    ->Args({10000, 10000, 1, 1, 3})
    ->Args({10000, 10000, 1, 1, 4})
    ->ArgNames({"items", "trials", "leveled", "threads", "anchored"})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace cairn::forecast

BENCHMARK_MAIN();
