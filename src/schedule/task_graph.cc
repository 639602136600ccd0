// build_task_graph: its phases run in order (task_graph_build.h); this file holds the time axis,
// the item tree, the leaf nodes and with_extra_arcs.
#include "schedule/task_graph.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/codes.h"
#include "schedule/bookings.h"
#include "schedule/task_graph_build.h"

namespace cairn::schedule {

using detail::ArcTmp;
using detail::ceil_slots;
using detail::GraphBuild;

int32_t TaskGraph::work_for(uint32_t n, uint32_t person) const {
  if (basis[n] != EstimateBasis::kEffort) return work[n];
  double rate = person_rate[person];
  if (rate <= 0) return kNever;
  return ceil_slots(base_work[n] / rate);
}

uint16_t TaskGraph::calendar_for(uint32_t n, uint32_t person) const {
  if (basis[n] != EstimateBasis::kEffort) return calendar[n];
  if (!limited.empty() && limited[n] && !cand_calendar.empty())
    for (uint32_t k = seat_begin[n]; k < seat_begin[n + 1]; ++k)
      for (uint32_t c = cand_begin[k]; c < cand_begin[k + 1]; ++c)
        if (cand_person[c] == person) return cand_calendar[c];
  return person_calendar[person];
}

const char* to_string(EstimateValue v) {
  return v == EstimateValue::kMean ? "mean" : "likely";
}

namespace detail {

void GraphBuild::axis_and_history() {
  items = p.items.size();
  people = p.people.size();
  as_of = opt.as_of.value_or(p.as_of.value_or(p.start));
  // Actual dates from history, once.
  ast.resize(items);
  afin.resize(items);
  cat.resize(items);
  Date earliest = std::min(p.start, as_of);
  for (uint32_t i = 0; i < items; ++i) {
    WorkItemId id{i};
    cat[i] = p.category(id);
    if (cat[i] == StateCategory::kTodo) continue;
    ast[i] = p.actual_start(id);
    afin[i] = p.actual_finish(id);
    if (ast[i]) earliest = std::min(earliest, ast[i]->date());
    if (afin[i]) earliest = std::min(earliest, afin[i]->date());
  }
  g.axis = TimeAxis::around(earliest, opt.slot_minutes);
  g.calendars.push_back(SlotCalendar::build(g.axis, p.calendar));
  g.calendars.push_back(SlotCalendar::always());
  g.day_slots = static_cast<double>(p.calendar.day_minutes()) / opt.slot_minutes;
  g.program_start = g.axis.day_start(p.start);
  g.status_slot = std::max(g.program_start, g.axis.day_start(as_of));
  spd = g.axis.slots_per_day();
}

void GraphBuild::children() {
  child_begin.assign(items + 1, 0);
  for (const auto& it : p.items)
    if (it.parent.valid() && it.parent.index() < items) ++child_begin[it.parent.index() + 1];
  for (size_t i = 0; i < items; ++i)
    child_begin[i + 1] += child_begin[i];
  child_list.resize(child_begin[items]);
  std::vector<uint32_t> pos(child_begin.begin(), child_begin.end() - 1);
  for (uint32_t i = 0; i < items; ++i) {
    WorkItemId par = p.items[i].parent;
    if (par.valid() && par.index() < items) child_list[pos[par.index()]++] = i;
  }
}

namespace {

void reserve_nodes(TaskGraph& g, size_t n) {
  g.node_item.reserve(n);
  g.kind.reserve(n);
  g.state.reserve(n);
  g.basis.reserve(n);
  g.work.reserve(n);
  g.calendar.reserve(n);
  g.work_per_day.reserve(n);
  g.base_work.reserve(n);
  g.release.reserve(n);
  g.actual_start.reserve(n);
  g.actual_finish.reserve(n);
  g.priority.reserve(n);
  g.finish_bound.reserve(n);
  g.backward.reserve(n);
  g.seat_begin.reserve(n + 1);
}

}  // namespace

void GraphBuild::leaf_nodes() {
  g.item_node.assign(items, kNoNode);
  size_t leaves = 0;
  for (uint32_t i = 0; i < items; ++i)
    leaves += is_leaf(i);
  reserve_nodes(g, leaves);
  g.seat_begin.push_back(0);
  g.cand_begin.push_back(0);
  paced_points.assign(p.teams.size() + 1, 0);
  paced_flow.assign(p.teams.size() + 1, 0);
  lanes.assign(p.teams.size(), {});
  without_people.assign(p.teams.size(), {});
  for (uint32_t i = 0; i < items; ++i) {
    if (!is_leaf(i)) continue;
    const WorkItem& it = p.items[i];
    g.item_node[i] = g.nodes();
    g.node_item.push_back(i);
    g.kind.push_back(NodeKind::kItem);
    g.priority.push_back(it.priority);
    g.finish_bound.push_back(it.finish_no_later_than ? g.axis.floor_slot(*it.finish_no_later_than)
                                                     : kNever);
    g.backward.push_back(it.alap && cat[i] == StateCategory::kTodo);
    g.basis.push_back(it.basis);
    NodeState st = cat[i] == StateCategory::kDone         ? NodeState::kDone
                   : cat[i] == StateCategory::kInProgress ? NodeState::kStarted
                                                          : NodeState::kTodo;
    // Bookings make an open item started, or done when they cover its work.
    std::optional<BookingOutcome> bo;
    if (!booked.empty() && booked[i].slots > 0 && st != NodeState::kDone) {
      bo = booking_outcome(booked[i], it, g);
      st = bo->done && !it.remaining ? NodeState::kDone : NodeState::kStarted;
    }
    g.state.push_back(st);

    const size_t nseats = add_seats(it, st);
    g.seat_begin.push_back(static_cast<uint32_t>(g.cand_begin.size() - 1));

    const Slot a_start = ast[i] ? g.axis.floor_slot(*ast[i]) : bo ? bo->start : g.status_slot;
    const double days = days_left(i, st, bo, a_start);
    planned_work(it, nseats, days);
    item_dates(i, st, bo, a_start);
  }
}

}  // namespace detail

Result<TaskGraph> build_task_graph(const Program& p, const GraphOptions& opt, Diagnostics& diags) {
  if (opt.slot_minutes <= 0 || 1440 % opt.slot_minutes != 0)
    return make_error(
        codes::kInvalidResolution,
        fmt::format("a time slot of {} minutes does not divide a day", opt.slot_minutes), {},
        "use 1, 5, 15, 30 or 60 minutes");
  TaskGraph g;
  GraphBuild b(p, opt, diags, g);
  b.axis_and_history();
  b.people_calendars();
  b.children();
  b.booked = booked_work(p, g, b.person_wcal, b.fixed_spans);
  b.leaf_nodes();
  b.report_pace();
  b.links();
  b.team_lanes();
  b.candidate_calendars();
  b.planned_performers();
  b.shared_limits();
  set_fixed_spans(g, std::move(b.fixed_spans));
  if (auto closed = b.close_graph(); !closed) return std::unexpected(closed.error());
  return g;
}

TaskGraph with_extra_arcs(const TaskGraph& graph,
                          const std::vector<std::pair<uint32_t, uint32_t>>& links,
                          std::span<const std::pair<uint32_t, uint32_t>> drop) {
  TaskGraph g = graph;
  std::vector<ArcTmp> arcs;
  arcs.reserve(graph.arcs() + links.size());
  for (uint32_t v = 0; v < graph.nodes(); ++v)
    for (uint32_t a = graph.succ_begin[v]; a < graph.succ_begin[v + 1]; ++a) {
      const uint32_t w = graph.succ_node[a];
      if (std::find(drop.begin(), drop.end(), std::pair{v, w}) != drop.end()) continue;
      arcs.push_back({v, w, graph.succ_flags[a], graph.succ_lag[a]});
    }
  for (auto [a, b] : links)
    if (a < g.nodes() && b < g.nodes() && a != b)
      arcs.push_back({a, b, static_cast<uint8_t>(DependencyType::kFinishStart), 0});
  uint32_t stuck = 0;
  if (!detail::finalize_arcs(g, arcs, &stuck)) g.topo = graph.topo;
  // The links may run from a backward node to a forward one: the graph is for forward passes.
  std::fill(g.backward.begin(), g.backward.end(), 0);
  g.any_backward = false;
  return g;
}

}  // namespace cairn::schedule
