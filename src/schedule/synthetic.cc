#include "schedule/synthetic.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace cairn::schedule {
namespace {

struct Rng {
  uint64_t s;
  uint64_t next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  double uniform() { return double(next() >> 11) / double(1ull << 53); }
  uint64_t below(uint64_t n) { return n ? next() % n : 0; }
  // 1..15 days, skewed: median about 5.
  int days() { return std::clamp(int(std::lround(std::exp(1.6 + 0.7 * normal()))), 1, 15); }
  double normal() {
    double u = std::max(1e-12, uniform()), v = uniform();
    return std::sqrt(-2 * std::log(u)) * std::cos(6.283185307179586 * v);
  }
};

}  // namespace

Program synthetic_program(const SyntheticOptions& o) {
  Rng rng{o.seed * 0x2545F4914F6CDD1Dull + 7};
  Program p;
  p.key = "SYN";
  p.name = "Synthetic program";
  p.start = Date::from_ymd(2026, 1, 5);
  const int teams = std::max(1, (o.people + o.team_size - 1) / std::max(1, o.team_size));
  for (int t = 0; t < teams; ++t)
    p.teams.push_back(Team{.key = fmt::format("T{}", t)});
  std::vector<std::vector<uint32_t>> members(teams);
  for (int i = 0; i < o.people; ++i) {
    Person per;
    per.key = fmt::format("P{}", i);
    per.team = TeamId{i % teams};
    per.allocation = (i % 10 == 9) ? 50.0 : 100.0;
    members[i % teams].push_back(i);
    p.people.push_back(std::move(per));
  }
  // Items go to teams round robin; each team's items are grouped into epics.
  std::vector<std::vector<uint32_t>> team_items(teams);
  std::vector<int> epic_fill(teams, 0);
  std::vector<uint32_t> epic_of(teams, 0);
  p.items.reserve(o.items + (o.epic_size > 0 ? o.items / o.epic_size + teams : 0));
  Milestone done;
  done.key = "DONE";
  for (int i = 0; i < o.items; ++i) {
    int t = i % teams;
    if (o.epic_size > 0 && epic_fill[t] == 0) {
      WorkItem e;
      e.key = fmt::format("E{}", p.items.size());
      e.kind = WorkItemKind::kEpic;
      e.team = TeamId{t};
      epic_of[t] = static_cast<uint32_t>(p.items.size());
      done.items.emplace_back(epic_of[t]);
      p.items.push_back(std::move(e));
    }
    if (o.epic_size > 0) epic_fill[t] = (epic_fill[t] + 1) % o.epic_size;
    WorkItem w;
    uint32_t id = static_cast<uint32_t>(p.items.size());
    w.key = fmt::format("W{}", id);
    w.team = TeamId{t};
    if (o.epic_size > 0) w.parent = WorkItemId{epic_of[t]};
    double d = rng.days();
    w.estimate = ThreePoint{d * 0.8, d, d * 1.6};
    w.priority = 500;
    if (rng.uniform() >= o.pool_share && !members[t].empty())
      w.assignee = PersonId{members[t][rng.below(members[t].size())]};
    // Dependencies to recent items of the same team (80%) or of any team.
    double want = o.deps_per_item;
    int n = int(want) + (rng.uniform() < want - int(want) ? 1 : 0);
    for (int k = 0; k < n; ++k) {
      const auto& pool =
          (rng.uniform() < 0.8 || i < teams) ? team_items[t] : team_items[rng.below(teams)];
      if (pool.empty()) continue;
      size_t lo = pool.size() > size_t(o.window) ? pool.size() - o.window : 0;
      uint32_t pred = pool[lo + rng.below(pool.size() - lo)];
      Dependency dep;
      dep.predecessor = WorkItemId{pred};
      dep.successor = WorkItemId{id};
      p.dependencies.push_back(dep);
    }
    team_items[t].push_back(id);
    p.items.push_back(std::move(w));
  }
  // Drop duplicate dependencies.
  std::sort(p.dependencies.begin(), p.dependencies.end(), [](const auto& a, const auto& b) {
    return std::pair(a.successor, a.predecessor) < std::pair(b.successor, b.predecessor);
  });
  p.dependencies.erase(std::unique(p.dependencies.begin(), p.dependencies.end(),
                                   [](const auto& a, const auto& b) {
                                     return a.successor == b.successor &&
                                            a.predecessor == b.predecessor;
                                   }),
                       p.dependencies.end());
  p.milestones.push_back(std::move(done));
  p.reindex();
  return p;
}

TaskGraph synthetic_graph(uint32_t nodes, uint64_t arcs, uint32_t window, uint64_t seed) {
  Rng rng{seed * 0x2545F4914F6CDD1Dull + 11};
  TaskGraph g;
  g.axis = TimeAxis::around(Date::from_ymd(2026, 1, 5), 60);
  WorkingCalendar cal;
  g.calendars.push_back(SlotCalendar::build(g.axis, cal));
  g.calendars.push_back(SlotCalendar::always());
  g.day_slots = 8;
  g.program_start = g.axis.day_start(Date::from_ymd(2026, 1, 5));
  g.status_slot = g.program_start;
  g.node_item.resize(nodes);
  g.kind.assign(nodes, NodeKind::kItem);
  g.state.assign(nodes, NodeState::kTodo);
  g.basis.assign(nodes, EstimateBasis::kEffort);
  g.work.resize(nodes);
  g.calendar.assign(nodes, TaskGraph::kProgramCalendar);
  g.work_per_day.assign(nodes, 8.0);
  g.base_work.resize(nodes);
  g.release.assign(nodes, g.status_slot);
  g.actual_start.assign(nodes, kNever);
  g.actual_finish.assign(nodes, kNever);
  g.priority.assign(nodes, 500);
  g.finish_bound.assign(nodes, kNever);
  g.backward.assign(nodes, 0);
  g.item_node.resize(nodes);
  for (uint32_t n = 0; n < nodes; ++n) {
    g.node_item[n] = n;
    g.item_node[n] = n;
    g.work[n] = rng.days() * 8;
    g.base_work[n] = g.work[n];
  }
  g.seat_begin.assign(nodes + 1, 0);
  g.cand_begin.assign(1, 0);
  std::vector<std::pair<uint32_t, uint32_t>> links;
  links.reserve(arcs);
  for (uint64_t a = 0; a < arcs && nodes > 1; ++a) {
    uint32_t to = 1 + static_cast<uint32_t>(rng.below(nodes - 1));
    uint32_t span = std::min(to, window);
    uint32_t from = to - 1 - static_cast<uint32_t>(rng.below(span));
    links.emplace_back(from, to);
  }
  g.succ_begin.assign(nodes + 1, 0);
  g.pred_begin.assign(nodes + 1, 0);
  return with_extra_arcs(g, links);
}

}  // namespace cairn::schedule
