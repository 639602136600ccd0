// build_task_graph, the links: epic gates, the dependencies as arcs, the CSR arrays and the
// topological order, the backward (ALAP) nodes (task_graph_build.h).
#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/codes.h"
#include "schedule/task_graph_build.h"

namespace cairn::schedule::detail {

bool finalize_arcs(TaskGraph& g, const std::vector<ArcTmp>& arcs, uint32_t* stuck) {
  const uint32_t n = g.nodes();
  const size_t m = arcs.size();
  g.succ_begin.assign(n + 1, 0);
  g.pred_begin.assign(n + 1, 0);
  for (const auto& a : arcs) {
    ++g.succ_begin[a.from + 1];
    ++g.pred_begin[a.to + 1];
  }
  for (uint32_t i = 0; i < n; ++i) {
    g.succ_begin[i + 1] += g.succ_begin[i];
    g.pred_begin[i + 1] += g.pred_begin[i];
  }
  g.succ_node.resize(m);
  g.succ_flags.resize(m);
  g.succ_lag.resize(m);
  g.pred_node.resize(m);
  g.pred_flags.resize(m);
  g.pred_lag.resize(m);
  std::vector<uint32_t> sp(g.succ_begin.begin(), g.succ_begin.end() - 1);
  std::vector<uint32_t> pp(g.pred_begin.begin(), g.pred_begin.end() - 1);
  for (const auto& a : arcs) {
    uint32_t i = sp[a.from]++;
    g.succ_node[i] = a.to;
    g.succ_flags[i] = a.flags;
    g.succ_lag[i] = a.lag;
    uint32_t j = pp[a.to]++;
    g.pred_node[j] = a.from;
    g.pred_flags[j] = a.flags;
    g.pred_lag[j] = a.lag;
  }
  // Kahn's algorithm, FIFO from the lowest index: deterministic.
  std::vector<uint32_t> indeg(n);
  for (uint32_t i = 0; i < n; ++i)
    indeg[i] = g.pred_begin[i + 1] - g.pred_begin[i];
  g.topo.clear();
  g.topo.reserve(n);
  for (uint32_t i = 0; i < n; ++i)
    if (indeg[i] == 0) g.topo.push_back(i);
  for (size_t head = 0; head < g.topo.size(); ++head) {
    uint32_t v = g.topo[head];
    for (uint32_t a = g.succ_begin[v]; a < g.succ_begin[v + 1]; ++a)
      if (--indeg[g.succ_node[a]] == 0) g.topo.push_back(g.succ_node[a]);
  }
  if (g.topo.size() != n) {
    for (uint32_t i = 0; i < n; ++i)
      if (indeg[i] > 0) {
        *stuck = i;
        break;
      }
    return false;
  }
  return true;
}

uint32_t GraphBuild::add_gate_node(uint32_t epic, NodeKind k) {
  uint32_t n = g.nodes();
  g.node_item.push_back(epic);
  g.kind.push_back(k);
  g.state.push_back(NodeState::kTodo);
  g.basis.push_back(EstimateBasis::kDuration);
  g.work.push_back(0);
  g.calendar.push_back(TaskGraph::kAlwaysCalendar);
  g.work_per_day.push_back(0);
  g.base_work.push_back(0);
  g.release.push_back(-kNever);
  g.actual_start.push_back(kNever);
  g.actual_finish.push_back(kNever);
  g.priority.push_back(p.items[epic].priority);
  g.finish_bound.push_back(kNever);
  g.backward.push_back(2);  // a gate: backward when all its successors are
  g.seat_begin.push_back(g.seat_begin.back());
  return n;
}

// An arc, unless history has made it moot: arcs into done items, FS/SS arcs into started ones.
void GraphBuild::push_arc(uint32_t from, uint32_t to, uint8_t flags, int32_t lag) {
  if (g.state[to] == NodeState::kDone) return;
  if (g.state[to] == NodeState::kStarted && arc_to_start(flags)) return;
  arcs.push_back({from, to, flags, lag});
}

// The gate of kind k of an epic, created on demand and linked to the epic's children.
uint32_t GraphBuild::gate(uint32_t epic, NodeKind k, int depth) {
  constexpr uint8_t kSS = static_cast<uint8_t>(DependencyType::kStartStart);
  constexpr uint8_t kFF = static_cast<uint8_t>(DependencyType::kFinishFinish);
  uint64_t key = uint64_t{epic} * 8 + static_cast<uint64_t>(k);
  if (auto f = gates_.find(key); f != gates_.end()) return f->second;
  uint32_t n = add_gate_node(epic, k);
  gates_.emplace(key, n);
  if (depth > 64) return n;
  for (uint32_t c = child_begin[epic]; c < child_begin[epic + 1]; ++c) {
    uint32_t child = child_list[c];
    uint32_t cn = is_leaf(child) ? g.item_node[child] : gate(child, k, depth + 1);
    switch (k) {
      case NodeKind::kEpicStartIn:
        push_arc(n, cn, kSS, 0);
        break;
      case NodeKind::kEpicFinishIn:
        push_arc(n, cn, kFF, 0);
        break;
      case NodeKind::kEpicStartOut:
        push_arc(cn, n, kSS, 0);
        break;
      case NodeKind::kEpicFinishOut:
        push_arc(cn, n, kFF, 0);
        break;
      case NodeKind::kItem:
        break;
    }
  }
  return n;
}

// The dependencies as arcs; one on an epic goes through its gates.
void GraphBuild::links() {
  arcs.reserve(p.dependencies.size());
  for (const Dependency& d : p.dependencies) {
    if (!d.predecessor.valid() || !d.successor.valid() || d.predecessor.index() >= items ||
        d.successor.index() >= items || d.predecessor == d.successor)
      continue;
    uint8_t flags = static_cast<uint8_t>(d.type);
    int32_t lag;
    if (d.lag_unit == LagUnit::kCalendarDays) {
      flags |= kArcCalendarLag;
      lag = static_cast<int32_t>(std::lround(d.lag * spd));
    } else {
      lag = static_cast<int32_t>(std::lround(d.lag * g.day_slots));
    }
    uint32_t pi = d.predecessor.value, si = d.successor.value;
    uint32_t from =
        is_leaf(pi)
            ? g.item_node[pi]
            : gate(pi, arc_from_finish(flags) ? NodeKind::kEpicFinishOut : NodeKind::kEpicStartOut,
                   0);
    uint32_t to =
        is_leaf(si)
            ? g.item_node[si]
            : gate(si, arc_to_start(flags) ? NodeKind::kEpicStartIn : NodeKind::kEpicFinishIn, 0);
    push_arc(from, to, flags, lag);
  }
}

// A lane's order: Kahn's algorithm over every arc, the other nodes taken first as soon as they are
// ready, then among the ready lane items the one the forecast's queue takes first (in progress,
// higher priority, earlier in the plan). Consecutive items are then linked finish to start:
// arcs that follow a topological order add no cycle. The lane's first item, when not started,
// takes half an item's time: the k-th item is done where the team's running total reaches
// k - 1/2, the forecast queue's rule (a team's items are at every stage of their work, so the
// first one is not a whole item away).
void GraphBuild::team_lanes() {
  if (std::all_of(lanes.begin(), lanes.end(), [](const auto& l) { return l.empty(); })) return;
  const uint32_t n = g.nodes();
  std::vector<uint32_t> lane_of(n, UINT32_MAX);
  for (uint32_t t = 0; t < lanes.size(); ++t)
    for (uint32_t v : lanes[t])
      lane_of[v] = t;
  std::vector<uint32_t> begin(n + 1, 0), out(arcs.size()), indeg(n, 0);
  for (const auto& a : arcs)
    ++begin[a.from + 1], ++indeg[a.to];
  for (uint32_t v = 0; v < n; ++v)
    begin[v + 1] += begin[v];
  {
    std::vector<uint32_t> at(begin.begin(), begin.end() - 1);
    for (const auto& a : arcs)
      out[at[a.from]++] = a.to;
  }
  // Lane items ready: smallest key first (started first, then higher priority, then plan order).
  auto key = [&](uint32_t v) {
    return std::tuple(g.state[v] == NodeState::kStarted ? 0 : 1, -g.priority[v], g.node_item[v]);
  };
  auto later = [&](uint32_t a, uint32_t b) { return key(a) > key(b); };
  std::vector<uint32_t> other, ready;  // ready: a heap by `later`
  for (uint32_t v = 0; v < n; ++v)
    if (indeg[v] == 0) (lane_of[v] == UINT32_MAX ? other : ready).push_back(v);
  std::make_heap(ready.begin(), ready.end(), later);
  std::vector<uint32_t> last(lanes.size(), UINT32_MAX);
  std::vector<ArcTmp> chained;
  while (!other.empty() || !ready.empty()) {
    uint32_t v;
    if (!other.empty()) {
      v = other.back();
      other.pop_back();
    } else {
      std::pop_heap(ready.begin(), ready.end(), later);
      v = ready.back();
      ready.pop_back();
      const uint32_t t = lane_of[v];
      if (last[t] != UINT32_MAX) {
        chained.push_back({last[t], v, static_cast<uint8_t>(DependencyType::kFinishStart), 0});
      } else if (g.state[v] == NodeState::kTodo) {
        g.base_work[v] /= 2;
        g.work[v] = ceil_slots(g.base_work[v]);
      }
      last[t] = v;
    }
    for (uint32_t e = begin[v]; e < begin[v + 1]; ++e) {
      const uint32_t w = out[e];
      if (--indeg[w] != 0) continue;
      if (lane_of[w] == UINT32_MAX) {
        other.push_back(w);
      } else {
        ready.push_back(w);
        std::push_heap(ready.begin(), ready.end(), later);
      }
    }
  }
  for (const auto& a : chained) {
    if (g.state[a.to] == NodeState::kTodo) g.lane_arcs.emplace_back(a.from, a.to);
    push_arc(a.from, a.to, a.flags, a.lag);
  }
}

// Backward nodes: ALAP items (and gates with successors) whose successors are all backward.
void GraphBuild::backward_nodes() {
  std::vector<std::string_view> forced_forward;  // ALAP items with a forward successor
  for (auto it = g.topo.rbegin(); it != g.topo.rend(); ++it) {
    uint32_t n = *it;
    if (!g.backward[n]) continue;
    bool is_gate = g.backward[n] == 2;
    bool ok = !is_gate || g.succ_begin[n + 1] > g.succ_begin[n];
    for (uint32_t a = g.succ_begin[n]; ok && a < g.succ_begin[n + 1]; ++a)
      ok = g.backward[g.succ_node[a]] != 0;
    g.backward[n] = ok;
    g.any_backward = g.any_backward || (ok && !is_gate);
    if (ok || is_gate) continue;
    if (opt.order == ScheduleOrder::kTaskJuggler && g.finish_bound[n] < kNever) {
      g.bound_alap.resize(g.nodes(), 0);
      g.bound_alap[n] = 1;
    } else {
      forced_forward.push_back(p.items[g.node_item[n]].key);
    }
  }
  if (!forced_forward.empty()) {
    diags.warning(
        codes::kAlapBeforeForward,
        fmt::format("{} ALAP item(s) come before work scheduled as soon as possible, so they are "
                    "scheduled as soon as possible too (Cairn schedules an item backward only "
                    "when all its successors are ALAP): {}",
                    forced_forward.size(), some_names(forced_forward)),
        {}, "mark their successors ALAP too, or give the items a start or a finish bound instead");
  }
  if (!g.any_backward) std::fill(g.backward.begin(), g.backward.end(), 0);
}

Result<void> GraphBuild::close_graph() {
  uint32_t stuck = 0;
  if (!finalize_arcs(g, arcs, &stuck)) {
    return make_error(codes::kDependencyCycle,
                      fmt::format("the dependencies form a cycle through {}; nothing can be "
                                  "scheduled",
                                  p.items[g.node_item[stuck]].key),
                      {}, "run `cairn check` to see the cycle, then remove one dependency");
  }
  backward_nodes();
  return {};
}

}  // namespace cairn::schedule::detail
