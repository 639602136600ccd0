// Scheduler benchmarks. Scale targets (2-core machine, Release):
//   critical path on 1,000,000 items and 2,000,000 dependencies: < 0.5 s
//   leveling 100,000 items over 1,000 people: < 2 s
// Programs are generated in code (schedule/synthetic.h), deterministic.
#include <benchmark/benchmark.h>

#include "schedule/schedule.h"
#include "schedule/synthetic.h"

namespace cairn::schedule {
namespace {

void BM_CriticalPath(benchmark::State& state) {
  const uint32_t n = static_cast<uint32_t>(state.range(0));
  TaskGraph g = synthetic_graph(n, 2ull * n, 50, 1);
  for (auto _ : state) {
    CpmResult r = critical_path(g);
    benchmark::DoNotOptimize(r.end);
  }
  state.counters["items"] = n;
  state.counters["deps"] = double(g.arcs());
}
BENCHMARK(BM_CriticalPath)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_ForwardPass(benchmark::State& state) {
  const uint32_t n = static_cast<uint32_t>(state.range(0));
  TaskGraph g = synthetic_graph(n, 2ull * n, 50, 1);
  std::vector<Slot> s(n), f(n);
  for (auto _ : state) {
    forward_pass(g, g.work, g.calendar, s, f);
    benchmark::DoNotOptimize(f.back());
  }
}
BENCHMARK(BM_ForwardPass)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

Program program_of(int items, int people) {
  SyntheticOptions o;
  o.items = items;
  o.people = people;
  o.seed = 1;
  return synthetic_program(o);
}

void BM_BuildGraph(benchmark::State& state) {
  Program p = program_of(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  for (auto _ : state) {
    Diagnostics d;
    auto g = build_task_graph(p, {}, d);
    benchmark::DoNotOptimize(g->nodes());
  }
}
BENCHMARK(BM_BuildGraph)->Args({100'000, 1000})->Unit(benchmark::kMillisecond);

// One serial SGS pass (latest-finish rule) with person choice.
void BM_SerialPass(benchmark::State& state) {
  Program p = program_of(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  Diagnostics d;
  auto g = build_task_graph(p, {}, d);
  CpmResult cpm = critical_path(*g);
  Leveler lev(*g, cpm, {});
  auto list = lev.priority_list(PriorityRule::kLatestFinish);
  LeveledSchedule s;
  for (auto _ : state) {
    lev.serial(list, s);
    benchmark::DoNotOptimize(s.end);
  }
}
BENCHMARK(BM_SerialPass)->Args({100'000, 1000})->Unit(benchmark::kMillisecond);

// The whole `schedule_program` (graph, CPM, leveling loop, slack, chain, weekly load); args:
// items, people, schedules (0 = auto), threads.
void BM_Schedule(benchmark::State& state) {
  Program p = program_of(static_cast<int>(state.range(0)), static_cast<int>(state.range(1)));
  ScheduleOptions opt;
  opt.schedules = static_cast<int>(state.range(2));
  opt.threads = static_cast<int>(state.range(3));
  Slot end = 0;
  for (auto _ : state) {
    Diagnostics d;
    auto r = schedule_program(p, opt, d);
    end = r->nodes.end;
    benchmark::DoNotOptimize(end);
  }
  state.counters["end_slot"] = end;
}
BENCHMARK(BM_Schedule)
    ->Args({1'000, 81, 0, 1})
    ->Args({5'000, 400, 0, 1})
    ->Args({100'000, 1000, 0, 1})
    ->Args({100'000, 1000, 0, 2})
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace cairn::schedule

BENCHMARK_MAIN();
