#include "schedule/tj_order.h"

#include <algorithm>
#include <cmath>

namespace cairn::schedule {

// TaskJuggler's path criticalness (TaskScenario#calcCriticalness, #calcPathCriticalness,
// ResourceScenario#calcCriticalness):
//   resource criticalness = effort allocated to it (each effort task's effort in slots split
//                           evenly over its candidates, in whole slots: tj3 divides integers) /
//                           its free working slots from the project start to the project end;
//   task criticalness     = effort x the mean criticalness of its candidates (effort tasks with
//                           people; 0 otherwise), a milestone's priority / 500;
//   path criticalness     = the task's criticalness + the largest path criticalness of what
//                           follows it (through containers: their gates here).
// Effort is taken in slots, as tj3 counts it at the same resolution. A milestone's criticalness
// does not scale with the others, so the horizon must be tj3's: the .tjp project end when known,
// else the critical-path end.
namespace {

// The people node n may book (each once), in seat and candidate order.
void candidates_of(const TaskGraph& g, uint32_t n, std::vector<uint32_t>& out) {
  out.clear();
  for (uint32_t s = g.seat_begin[n]; s < g.seat_begin[n + 1]; ++s)
    for (uint32_t c = g.cand_begin[s]; c < g.cand_begin[s + 1]; ++c)
      if (std::find(out.begin(), out.end(), g.cand_person[c]) == out.end())
        out.push_back(g.cand_person[c]);
}

// Node n's effort in slots over all its seats; 0 for other work.
double effort_of(const TaskGraph& g, uint32_t n) {
  if (g.kind[n] != NodeKind::kItem || g.basis[n] != EstimateBasis::kEffort) return 0.0;
  const double seats = std::max<uint32_t>(1, g.seat_begin[n + 1] - g.seat_begin[n]);
  return std::max(0.0, g.base_work[n]) * seats;
}

// Per person, tj3's resource criticalness (ResourceScenario#calcCriticalness).
std::vector<double> resource_criticalness(const TaskGraph& g, const CpmResult& cpm,
                                          std::optional<Slot> project_end) {
  const size_t people = g.person_calendar.size();
  std::vector<double> allocated(people, 0.0);
  std::vector<uint32_t> cands;
  for (uint32_t n = 0; n < g.nodes(); ++n) {
    double e = effort_of(g, n);
    if (e <= 0) continue;
    candidates_of(g, n, cands);
    const double share = std::floor(std::round(e) / double(cands.size()));
    for (uint32_t p : cands)
      if (p < people) allocated[p] += share;
  }
  const Slot horizon_end = std::max(project_end.value_or(cpm.end), g.program_start + 1);
  std::vector<double> resource(people, 0.0);
  for (size_t p = 0; p < people; ++p) {
    if (allocated[p] <= 0) continue;
    const SlotCalendar& cal = g.calendars[g.person_calendar[p]];
    double free = double(cal.cum(horizon_end) - cal.cum(g.program_start));
    resource[p] = free > 0 ? allocated[p] / free : 1.0;
  }
  return resource;
}

}  // namespace

std::vector<double> tj3_path_criticalness(const Program& p, const std::vector<double>& own) {
  const size_t n = p.items.size();
  // Successors as tj3's Xref makes them, in its order: (task, entered at its end).
  using Succ = std::pair<uint32_t, bool>;
  std::vector<std::vector<Succ>> start_succs(n), end_succs(n);
  for (const Dependency& d : p.dependencies) {
    const uint32_t a = d.predecessor.index(), b = d.successor.index();
    if (a >= n || b >= n) continue;
    switch (d.type) {
      case DependencyType::kFinishStart:
        end_succs[a].push_back({b, false});
        break;
      case DependencyType::kStartStart:
        start_succs[a].push_back({b, false});
        break;
      case DependencyType::kFinishFinish:
        if (d.alap)  // `b precedes a { onend }`, turned round by the reader
          end_succs[b].push_back({a, true});
        else
          end_succs[a].push_back({b, true});
        break;
      case DependencyType::kStartFinish:  // `b precedes a`, turned round by the reader
        end_succs[b].push_back({a, false});
        break;
    }
  }
  std::vector<std::vector<uint32_t>> children(n);
  for (uint32_t i = 0; i < n; ++i)
    if (WorkItemId parent = p.items[i].parent; parent.valid() && parent.index() < n)
      children[parent.index()].push_back(i);
  auto crit = [&](uint32_t t) { return t < own.size() ? own[t] : 0.0; };

  // The walk, with an explicit stack (chains of thousands of tasks): each frame calls its list in
  // order and keeps the largest result.
  std::vector<double> stored(n, 0.0);
  std::vector<uint8_t> state(n, 0);  // 0 not yet, 1 in progress (a loop: counts 0), 2 stored
  struct Frame {
    uint32_t task;
    bool at_end;
    std::vector<Succ> calls;
    size_t next = 0;
    double max = 0;
  };
  std::vector<Frame> stack;
  double result = 0;  // the value the last finished call returned
  auto end_succs_walk = [&](uint32_t t, std::vector<Succ>& out) {
    for (int64_t x = t; x >= 0;) {
      for (const Succ& s : end_succs[x])
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
      const WorkItemId parent = p.items[x].parent;
      x = parent.valid() && parent.index() < n ? int64_t(parent.index()) : -1;
    }
  };
  // Enters task t: returns true when the value is known at once (in `result`).
  auto enter = [&](uint32_t t, bool at_end) {
    if (state[t] == 2) {
      result = stored[t] - (at_end ? 0.0 : crit(t));
      return true;
    }
    if (state[t] == 1) {
      result = 0;
      return true;
    }
    state[t] = 1;
    Frame f{t, at_end, {}};
    if (at_end) {
      end_succs_walk(t, f.calls);
    } else if (!children[t].empty()) {
      for (uint32_t c : children[t])
        f.calls.push_back({c, false});
    } else {
      f.calls = start_succs[t];
      std::vector<Succ> ends;
      end_succs_walk(t, ends);
      f.calls.insert(f.calls.end(), ends.begin(), ends.end());
    }
    stack.push_back(std::move(f));
    return false;
  };
  for (uint32_t top = 0; top < n; ++top) {
    if (enter(top, false)) continue;
    while (!stack.empty()) {
      Frame& f = stack.back();
      if (f.next < f.calls.size()) {
        const Succ s = f.calls[f.next++];
        if (enter(s.first, s.second)) f.max = std::max(f.max, result);
        continue;
      }
      const uint32_t t = f.task;
      double v = f.max;
      if (!f.at_end && children[t].empty()) v += crit(t);
      stored[t] = v;
      state[t] = 2;
      result = v;
      stack.pop_back();
      if (!stack.empty()) stack.back().max = std::max(stack.back().max, result);
    }
  }
  return stored;
}

std::vector<double> taskjuggler_keys(const TaskGraph& g, const CpmResult& cpm,
                                     std::optional<Slot> project_end, const Program* program) {
  const uint32_t nn = g.nodes();
  const size_t people = g.person_calendar.size();
  const std::vector<double> resource = resource_criticalness(g, cpm, project_end);
  std::vector<uint32_t> cands;
  // Task criticalness, then path criticalness in reverse topological order.
  std::vector<double> path(nn, 0.0), own(nn, 0.0);
  for (auto it = g.topo.rbegin(); it != g.topo.rend(); ++it) {
    const uint32_t n = *it;
    double& own_n = own[n];
    own_n = 0;
    if (g.kind[n] == NodeKind::kItem) {
      if (g.work[n] == 0 && g.basis[n] != EstimateBasis::kEffort) {
        own_n = g.priority[n] / 500.0;  // a milestone
      } else if (double e = effort_of(g, n); e > 0) {
        candidates_of(g, n, cands);
        double mean = 0;
        for (uint32_t p : cands)
          mean += p < people ? resource[p] : 0.0;
        own_n = cands.empty() ? 0.0 : e * mean / double(cands.size());
      }
    }
    double tail = 0;
    for (uint32_t a = g.succ_begin[n]; a < g.succ_begin[n + 1]; ++a)
      tail = std::max(tail, path[g.succ_node[a]]);
    path[n] = tail + own_n;
  }
  std::vector<double> keys(nn);
  for (uint32_t n = 0; n < nn; ++n)
    keys[n] = -path[n];
  if (program) {
    // tj3's own walk over the items; g's path stays the key of nodes that are not items.
    std::vector<double> own_of_item(program->items.size(), 0.0);
    for (uint32_t n = 0; n < nn; ++n)
      if (g.kind[n] == NodeKind::kItem && g.node_item[n] < own_of_item.size())
        own_of_item[g.node_item[n]] = own[n];
    const std::vector<double> tj = tj3_path_criticalness(*program, own_of_item);
    for (uint32_t n = 0; n < nn; ++n)
      if (g.kind[n] == NodeKind::kItem && g.node_item[n] < tj.size()) keys[n] = -tj[g.node_item[n]];
  }
  return keys;
}

void taskjuggler_candidate_order(TaskGraph& g, const CpmResult& cpm,
                                 std::optional<Slot> project_end) {
  const std::vector<double> crit = resource_criticalness(g, cpm, project_end);
  auto load = [&](uint32_t p) { return p < crit.size() ? crit[p] : 0.0; };
  std::vector<uint32_t> idx;
  for (size_t k = 0; k + 1 < g.cand_begin.size(); ++k) {
    const uint32_t b = g.cand_begin[k], e = g.cand_begin[k + 1];
    if (e - b < 2) continue;
    idx.resize(e - b);
    for (uint32_t i = 0; i < e - b; ++i)
      idx[i] = b + i;
    std::stable_sort(idx.begin(), idx.end(), [&](uint32_t x, uint32_t y) {
      return load(g.cand_person[x]) < load(g.cand_person[y]);
    });
    auto permute = [&](auto& v) {
      if (v.size() < e) return;
      std::vector<std::decay_t<decltype(v[0])>> tmp(e - b);
      for (uint32_t i = 0; i < e - b; ++i)
        tmp[i] = v[idx[i]];
      std::copy(tmp.begin(), tmp.end(), v.begin() + b);
    };
    permute(g.cand_person);
    permute(g.cand_work);
    permute(g.cand_calendar);
    permute(g.cand_span_calendar);
  }
}

}  // namespace cairn::schedule

namespace cairn::schedule {

void taskjuggler_length_starts(const TaskGraph& g, std::vector<Slot>& start,
                               const std::vector<Slot>& finish) {
  const SlotCalendar& cal = g.program_calendar();
  for (uint32_t n : g.topo) {
    if (g.kind[n] != NodeKind::kItem || g.basis[n] != EstimateBasis::kLength || g.work[n] <= 0 ||
        g.state[n] != NodeState::kTodo || g.backward[n])
      continue;
    const Slot bound = early_bounds(g, n, start.data(), finish.data()).es;
    // Only the non-working time just before the first working slot: the same work, the same end.
    if (bound < start[n] && cal.cum(bound) == cal.cum(start[n])) start[n] = bound;
  }
}

}  // namespace cairn::schedule
