#include "schedule/cpm.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "base/codes.h"

namespace cairn::schedule {

FastestCandidate fastest_candidate(const TaskGraph& g, uint32_t seat, EarlyBounds b) {
  FastestCandidate best;
  for (uint32_t c = g.cand_begin[seat]; c < g.cand_begin[seat + 1]; ++c) {
    const SlotCalendar& cal = g.calendars[g.cand_calendar[c]];
    if (!cal.has_work() || g.cand_work[c] >= kNever) continue;
    const Slot st = earliest_start(cal, g.cand_work[c], b);
    const Slot f = cal.finish_after(st, g.cand_work[c]);
    if (f < best.finish) best = {c, st, f};
  }
  return best;
}

void forward_pass(const TaskGraph& g, std::span<const int32_t> work,
                  std::span<const uint16_t> calendar, std::span<Slot> start,
                  std::span<Slot> finish) {
  for (uint32_t n : g.topo) {
    switch (g.state[n]) {
      case NodeState::kDone:
        start[n] = g.actual_start[n];
        finish[n] = g.actual_finish[n];
        break;
      case NodeState::kStarted: {
        const SlotCalendar& cal = g.calendars[calendar[n]];
        EarlyBounds b = early_bounds(g, n, start.data(), finish.data());
        Slot resume = earliest_start(cal, work[n], b);
        start[n] = g.actual_start[n];
        finish[n] = cal.finish_after(resume, work[n]);
        break;
      }
      case NodeState::kTodo: {
        const SlotCalendar& cal = g.calendars[calendar[n]];
        EarlyBounds b = early_bounds(g, n, start.data(), finish.data());
        Slot s = earliest_start(cal, work[n], b);
        start[n] = s;
        finish[n] = cal.finish_after(s, work[n]);
        break;
      }
    }
  }
}

void alap_pass(const TaskGraph& g, std::span<const int32_t> work,
               std::span<const uint16_t> calendar, std::span<Slot> start, std::span<Slot> finish) {
  if (!g.any_backward) return;
  Slot anchor = g.program_start;
  for (uint32_t n = 0; n < g.nodes(); ++n) {
    if (g.kind[n] != NodeKind::kItem) continue;
    if (g.backward[n] ? g.finish_bound[n] < kNever : finish[n] < kNever)
      anchor = std::max(anchor, g.backward[n] ? g.finish_bound[n] : finish[n]);
  }
  // Latest placement from the successors' latest placements.
  std::vector<Slot> ls(g.nodes(), kNever), lf(g.nodes(), kNever);
  for (auto it = g.topo.rbegin(); it != g.topo.rend(); ++it) {
    uint32_t n = *it;
    if (!g.backward[n]) continue;
    const SlotCalendar& cal = g.calendars[calendar[n]];
    Slot end =
        g.finish_bound[n] < kNever || g.succ_begin[n] < g.succ_begin[n + 1] ? kNever : anchor;
    LateBounds b = late_bounds(g, n, ls.data(), lf.data(), end);
    if (b.lf >= kNever && b.ls >= kNever) continue;  // a successor cannot be placed
    lf[n] = latest_finish(cal, work[n], b);
    ls[n] = work[n] == 0 ? lf[n] : cal.start_before(lf[n], work[n]);
  }
  // No earlier than the predecessors allow (a bound that cannot be met gives way).
  for (uint32_t n : g.topo) {
    if (!g.backward[n]) continue;
    const SlotCalendar& cal = g.calendars[calendar[n]];
    EarlyBounds b = early_bounds(g, n, start.data(), finish.data());
    if (ls[n] < kNever) b.es = std::max(b.es, ls[n]);
    Slot s = earliest_start(cal, work[n], b);
    start[n] = s;
    finish[n] = cal.finish_after(s, work[n]);
  }
}

Slot latest_finish_of(const TaskGraph& g, std::span<const Slot> finish) {
  Slot end = g.program_start;
  for (uint32_t n = 0; n < g.nodes(); ++n)
    if (g.kind[n] == NodeKind::kItem && finish[n] > end) end = finish[n];
  return end;
}

void backward_pass(const TaskGraph& g, std::span<const int32_t> work,
                   std::span<const uint16_t> calendar, std::span<const Slot> start,
                   std::span<const Slot> finish, Slot end, std::span<Slot> late_start,
                   std::span<Slot> late_finish) {
  for (auto it = g.topo.rbegin(); it != g.topo.rend(); ++it) {
    uint32_t n = *it;
    switch (g.state[n]) {
      case NodeState::kDone:
        late_start[n] = start[n];
        late_finish[n] = finish[n];
        break;
      case NodeState::kStarted: {
        LateBounds b = late_bounds(g, n, late_start.data(), late_finish.data(), end);
        b.ls = kNever;  // the start is history
        late_finish[n] = std::max(finish[n], latest_finish(g.calendars[calendar[n]], work[n], b));
        late_start[n] = start[n];
        break;
      }
      case NodeState::kTodo: {
        const SlotCalendar& cal = g.calendars[calendar[n]];
        LateBounds b = late_bounds(g, n, late_start.data(), late_finish.data(), end);
        Slot f = latest_finish(cal, work[n], b);
        late_finish[n] = f;
        late_start[n] = cal.start_before(f, work[n]);
        break;
      }
    }
  }
}

void compute_slack(const TaskGraph& g, std::span<const uint16_t> calendar, CpmResult& t) {
  const SlotCalendar& pc = g.program_calendar();
  const uint32_t nn = g.nodes();
  t.total_slack.resize(nn);
  t.free_slack.resize(nn);
  t.critical.resize(nn);
  const double elapsed_scale = g.day_slots / g.axis.slots_per_day();
  // The slack between two instants as seen by node n.
  auto between = [&](uint32_t n, Slot a, Slot b) -> int64_t {
    if (calendar[n] == TaskGraph::kAlwaysCalendar)
      return static_cast<int64_t>(std::floor((int64_t{b} - a) * elapsed_scale + 1e-9));
    return pc.cum(b) - pc.cum(a);
  };
  for (uint32_t n = 0; n < nn; ++n) {
    int64_t total = 0;
    switch (g.state[n]) {
      case NodeState::kDone:
        t.critical[n] = 0;
        break;
      case NodeState::kStarted:
        total = between(n, t.finish[n], t.late_finish[n]);
        t.critical[n] = t.late_finish[n] <= t.finish[n];
        break;
      case NodeState::kTodo:
        total = between(n, t.start[n], t.late_start[n]);
        t.critical[n] = t.late_start[n] <= t.start[n];
        break;
    }
    t.total_slack[n] = static_cast<int32_t>(std::clamp<int64_t>(total, -kNever, kNever));
    if (g.state[n] == NodeState::kDone) {
      t.free_slack[n] = 0;
      continue;
    }
    int64_t free = between(n, t.finish[n], t.end);
    for (uint32_t a = g.succ_begin[n]; a < g.succ_begin[n + 1]; ++a) {
      uint32_t s = g.succ_node[a];
      uint8_t f = g.succ_flags[a];
      if (g.state[s] == NodeState::kStarted && arc_to_start(f)) continue;
      Slot bound = g.lagged(arc_from_finish(f) ? t.finish[n] : t.start[n], f, g.succ_lag[a]);
      Slot actual = arc_to_start(f) ? t.start[s] : t.finish[s];
      free = std::min(free, between(n, bound, actual));
    }
    free = std::clamp<int64_t>(free, 0, std::max<int64_t>(0, total));
    t.free_slack[n] = static_cast<int32_t>(free);
  }
}

std::unexpected<Error> beyond_horizon(const TimeAxis& axis, const std::string& key) {
  return make_error(
      codes::kScheduleBeyondHorizon,
      fmt::format("{} would end after {}, beyond the dates the scheduler can show at a {}-minute "
                  "resolution",
                  key, axis.date_of(axis.horizon()).to_string(), axis.slot_minutes),
      {},
      axis.slot_minutes < 60 ? "the plan's work adds up to more time than this resolution can "
                               "show: use a coarser --resolution (60 reaches year 9999), or check "
                               "the chain's estimates and lags for a unit slip"
                             : "the plan's work adds up past year 9999: check the estimates and "
                               "lags along its chain for a unit slip");
}

Result<void> check_horizon(const TaskGraph& g, const Program& program, std::span<const Slot> start,
                           std::span<const Slot> finish) {
  const Slot horizon = g.axis.horizon();
  for (uint32_t n = 0; n < g.nodes(); ++n) {
    const Slot s = start[n], f = finish[n];
    const bool beyond = (s > horizon && s < kNever) || (f > horizon && f < kNever);
    if (!beyond) continue;
    const std::string key = n < g.node_item.size() && g.node_item[n] < program.items.size()
                                ? program.items[g.node_item[n]].key
                                : fmt::format("node {}", n);
    return beyond_horizon(g.axis, key);
  }
  return {};
}

CpmResult critical_path(const TaskGraph& g) {
  CpmResult r;
  const uint32_t n = g.nodes();
  r.start.resize(n);
  r.finish.resize(n);
  r.late_start.resize(n);
  r.late_finish.resize(n);
  forward_pass(g, g.work, g.calendar, r.start, r.finish);
  alap_pass(g, g.work, g.calendar, r.start, r.finish);
  r.end = latest_finish_of(g, r.finish);
  backward_pass(g, g.work, g.calendar, r.start, r.finish, r.end, r.late_start, r.late_finish);
  compute_slack(g, g.calendar, r);
  return r;
}

}  // namespace cairn::schedule
