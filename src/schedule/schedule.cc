#include "schedule/schedule.h"

#include <algorithm>
#include <limits>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "base/codes.h"
#include "schedule/chain.h"
#include "schedule/tj_order.h"

namespace cairn::schedule {
namespace {

// The CPM dates as a LeveledSchedule on the planned performers (no leveling).
LeveledSchedule from_cpm(const TaskGraph& g, const CpmResult& cpm) {
  LeveledSchedule s;
  s.start = cpm.start;
  s.finish = cpm.finish;
  s.work = g.work;
  s.calendar = g.calendar;
  s.work_start.resize(g.nodes());
  for (uint32_t n = 0; n < g.nodes(); ++n)
    s.work_start[n] = g.state[n] == NodeState::kStarted
                          ? g.calendars[g.calendar[n]].start_before(cpm.finish[n], g.work[n])
                          : cpm.start[n];
  s.seat_person.assign(g.cand_begin.size() - 1, kNoNode);
  for (uint32_t k = 0; k + 1 < g.cand_begin.size(); ++k)
    if (g.cand_begin[k] < g.cand_begin[k + 1]) s.seat_person[k] = g.cand_person[g.cand_begin[k]];
  s.end = cpm.end;
  s.method = "cpm";
  return s;
}

// Slack of each node to the deadlines it feeds: a backward pass on `aug` (the graph with the
// people's order, taken by value: its finish bounds are tightened to the deadlines in place)
// bounded by every milestone deadline and finish bound (and, for paths that reach none, the later
// of the end and the last deadline), measured against the schedule's dates.
struct DeadlineSlack {
  std::vector<int32_t> slack;   // per node: program working slots, may be negative
  std::vector<uint32_t> feeds;  // per node: the milestone of the earliest deadline it feeds;
                                // kNoNode: its own finish bound; kNever: it feeds none
};

DeadlineSlack deadline_slack(TaskGraph aug, const LeveledSchedule& sched, const CpmResult& times,
                             const std::vector<std::vector<uint32_t>>& ms_nodes,
                             const Program& program) {
  const uint32_t nn = aug.nodes();
  DeadlineSlack out;
  out.feeds.assign(nn, kNever);
  std::vector<Slot> due(nn, kNever);
  Slot horizon = times.end;
  for (uint32_t n = 0; n < nn; ++n)
    if (aug.finish_bound[n] < kNever) {
      due[n] = aug.finish_bound[n];
      out.feeds[n] = kNoNode;
    }
  for (uint32_t m = 0; m < ms_nodes.size(); ++m) {
    const auto& d = program.milestones[m].deadline;
    if (!d) continue;
    const Slot due_slot = aug.axis.day_start(*d + 1);
    horizon = std::max(horizon, due_slot);
    for (uint32_t n : ms_nodes[m])
      if (due_slot < due[n]) {
        due[n] = due_slot;
        out.feeds[n] = m;
      }
  }
  // The earliest deadline reachable from each node.
  std::vector<Slot> reach = due;
  for (auto it = aug.topo.rbegin(); it != aug.topo.rend(); ++it) {
    const uint32_t n = *it;
    for (uint32_t a = aug.succ_begin[n]; a < aug.succ_begin[n + 1]; ++a) {
      const uint32_t x = aug.succ_node[a];
      if (reach[x] < reach[n]) {
        reach[n] = reach[x];
        out.feeds[n] = out.feeds[x];
      }
    }
  }
  TaskGraph& bounded = aug;
  for (uint32_t n = 0; n < nn; ++n)
    bounded.finish_bound[n] = std::min(bounded.finish_bound[n], due[n]);
  CpmResult t;
  t.start = times.start;
  t.finish = times.finish;
  t.end = horizon;
  t.late_start.resize(nn);
  t.late_finish.resize(nn);
  backward_pass(bounded, sched.work, sched.calendar, t.start, t.finish, horizon, t.late_start,
                t.late_finish);
  // Slack may be negative here: measure it directly (compute_slack clamps nothing, but the
  // started/done cases are handled the same way).
  const SlotCalendar& pc = aug.program_calendar();
  out.slack.assign(nn, 0);
  for (uint32_t n = 0; n < nn; ++n) {
    if (out.feeds[n] == kNever) continue;
    const bool started = aug.state[n] != NodeState::kTodo;
    Slot b = started ? t.late_finish[n] : t.late_start[n];
    if (aug.state[n] == NodeState::kStarted) {  // the backward pass keeps it >= its finish
      LateBounds lb = late_bounds(bounded, n, t.late_start.data(), t.late_finish.data(), horizon);
      lb.ls = kNever;
      b = latest_finish(aug.calendars[sched.calendar[n]], sched.work[n], lb);
    }
    const Slot a = started ? t.finish[n] : t.start[n];
    out.slack[n] = static_cast<int32_t>(b >= a ? pc.cum(b) - pc.cum(a) : -(pc.cum(a) - pc.cum(b)));
    if (aug.state[n] == NodeState::kDone) out.slack[n] = 0;
  }
  return out;
}

// The dates with as many people as the work could use: each open item with one seat goes to the
// candidate who would finish it first from its earliest start (their calendar, leave and rate),
// everything else where the critical path method puts it — and never later than the leveled
// schedule puts it (which the same work can always do with more people). A milestone later than
// its deadline here cannot make it by any order of this plan's work.
struct Unlimited {
  std::vector<Slot> start, finish;
  Slot end = 0;
};
Unlimited unlimited_dates(const TaskGraph& g, const CpmResult& cpm, const LeveledSchedule& lev) {
  Unlimited u{cpm.start, cpm.finish, g.program_start};
  for (uint32_t n : g.topo) {
    if (g.state[n] == NodeState::kTodo && !(g.any_backward && g.backward[n])) {
      const EarlyBounds b = early_bounds(g, n, u.start.data(), u.finish.data());
      const uint32_t sb = g.seat_begin[n];
      FastestCandidate best;
      if (g.seat_begin[n + 1] - sb == 1 && g.work[n] > 0) best = fastest_candidate(g, sb, b);
      if (best.finish < kNever) {
        u.start[n] = best.start;
        u.finish[n] = best.finish;
      } else {  // no seat to choose (or several): the critical path's own placement rule
        const SlotCalendar& cal = g.calendars[g.calendar[n]];
        u.start[n] = earliest_start(cal, g.work[n], b);
        u.finish[n] = g.work[n] == 0 ? u.start[n] : cal.finish_after(u.start[n], g.work[n]);
      }
      // Never later than the plain critical path or the leveled schedule.
      for (const auto* alt : {&cpm.finish, &lev.finish})
        if ((*alt)[n] < u.finish[n]) {
          u.start[n] = alt == &cpm.finish ? cpm.start[n] : lev.start[n];
          u.finish[n] = (*alt)[n];
        }
    }
    if (g.kind[n] == NodeKind::kItem && u.finish[n] < kNever) u.end = std::max(u.end, u.finish[n]);
  }
  return u;
}

// The stretches of items whose work is split (LeveledSchedule::segments), into r.items (sized).
void split_segments(const TaskGraph& g, const LeveledSchedule& sched, ScheduleResult& r) {
  if (sched.segments.empty()) return;
  std::vector<uint32_t> seat_node(g.cand_begin.size() - 1, kNoNode);
  for (uint32_t n = 0; n < g.nodes(); ++n)
    for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k)
      seat_node[k] = n;
  for (const auto& sg : sched.segments) {
    if (sg.seat >= seat_node.size() || seat_node[sg.seat] == kNoNode) continue;
    const uint32_t n = seat_node[sg.seat];
    const uint32_t person = sg.person != kNoNode ? sg.person : sched.seat_person[sg.seat];
    r.items[g.node_item[n]].segments.push_back(
        {r.axis.to_time(sg.from), r.axis.to_time(sg.to), r.axis.date_of(sg.from),
         r.axis.finish_date(sg.from, sg.to), person == kNoNode ? PersonId{} : PersonId{person}});
  }
  for (auto& it : r.items) {
    if (it.segments.size() < 2) {
      it.segments.clear();
      continue;
    }
    std::stable_sort(it.segments.begin(), it.segments.end(), [](const auto& a, const auto& b) {
      return a.start != b.start ? a.start < b.start : a.person.value < b.person.value;
    });
  }
}

}  // namespace

const char* to_string(ScheduleOrder o) {
  return o == ScheduleOrder::kTaskJuggler ? "taskjuggler" : "search";
}

ScheduleOrder order_of(const Program& program, const ScheduleOptions& options) {
  return options.order.value_or(program.schedule_order);
}

namespace {

// What the leveler serves: each milestone's leaves by its deadline (earlier deadlines weigh more:
// from 2 for the first to 1 for the last), each item by its finish_no_later_than (weighted by its
// priority, 500 = 1).
std::vector<DueGroup> due_groups(const Program& program, const TaskGraph& g,
                                 const std::vector<std::vector<uint32_t>>& ms_nodes) {
  std::vector<DueGroup> groups;
  std::vector<uint32_t> order;
  for (uint32_t m = 0; m < program.milestones.size(); ++m)
    if (program.milestones[m].deadline && !ms_nodes[m].empty()) order.push_back(m);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return *program.milestones[a].deadline < *program.milestones[b].deadline;
  });
  for (size_t r = 0; r < order.size(); ++r) {
    const uint32_t m = order[r];
    DueGroup grp;
    grp.due = g.axis.day_start(*program.milestones[m].deadline + 1);
    grp.weight = order.size() > 1 ? 2.0 - double(r) / double(order.size() - 1) : 2.0;
    grp.nodes = ms_nodes[m];
    groups.push_back(std::move(grp));
  }
  for (uint32_t n = 0; n < g.nodes(); ++n)
    if (g.finish_bound[n] < kNever && g.kind[n] == NodeKind::kItem)
      groups.push_back({g.finish_bound[n], std::max(1, g.priority[n]) / 500.0, {n}});
  return groups;
}

// Work that ends after the program's end (Program::end; a .tjp project's end, where tj3 rejects
// such a file: "Some tasks did not fit into the project time frame"): Cairn shows the dates and
// warns, naming the first items.
void beyond_project_end(const Program& program, const ScheduleResult& r, Diagnostics& diags) {
  if (!program.end || r.project_end <= *program.end) return;
  std::vector<std::string_view> late;
  for (size_t i = 0; i < r.items.size(); ++i)
    if (!r.items[i].epic && r.items[i].scheduled && r.items[i].finish > *program.end)
      late.push_back(program.items[i].key);
  if (late.empty()) return;
  const bool tjp = program.schedule_order == ScheduleOrder::kTaskJuggler;
  diags.warning(
      codes::kBeyondProjectEnd,
      fmt::format("{} item(s) end after the program's end {}{}, the last on {}: {}{}", late.size(),
                  program.end->date().to_string(), tjp ? " (the TaskJuggler header's)" : "",
                  r.project_end_date.to_string(), some_names(late),
                  tjp ? "; tj3 rejects such a file (\"Some tasks did not fit into the project "
                        "time frame\")"
                      : ""),
      {},
      fmt::format("move the program's end{} (e.g. `{}`) or cut the work",
                  tjp ? " in the project header" : "", (r.project_end_date + 1).to_string()));
}

// The program's end as a slot (Program::end), unset without one.
std::optional<Slot> program_end_slot(const TaskGraph& g, const Program& program) {
  if (!program.end) return std::nullopt;
  return g.axis.floor_slot(*program.end);
}

// The previous placements as leveler input: per node its previous start slot, per seat its
// previous person (every seat, nobody included, when the placement lists its seats; else the
// first seat) and, when a seat's person joined later, the slot it is listed at. False when no
// item has a previous start.
bool keep_order_input(const TaskGraph& g, const std::vector<PreviousPlacement>& prev,
                      LevelOptions& lo) {
  bool any = false;
  lo.keep_start.assign(g.nodes(), kNever);
  lo.keep_finish.assign(g.nodes(), kNever);
  lo.keep_person.assign(g.cand_begin.size() - 1, kNoNode);
  lo.keep_listed.clear();
  for (uint32_t i = 0; i < prev.size() && i < g.item_node.size(); ++i) {
    const uint32_t n = g.item_node[i];
    if (n == kNoNode || !prev[i].start) continue;
    // Work in progress is ordered by when what is left of it started in the previous schedule
    // (its start is history): its previous finish less its work on its calendar, at least its
    // release (the status date, or later); ties by the previous finish.
    if (g.state[n] == NodeState::kStarted) {
      Slot rest = std::max(g.release[n], g.status_slot);
      if (prev[i].finish)
        rest = std::max(rest, g.calendars[g.calendar[n]].start_before(
                                  g.axis.floor_slot(*prev[i].finish), g.work[n]));
      lo.keep_start[n] = rest;
    } else {
      lo.keep_start[n] = g.axis.floor_slot(*prev[i].start);
    }
    if (prev[i].finish) lo.keep_finish[n] = g.axis.floor_slot(*prev[i].finish);
    any = true;
    const uint32_t sb = g.seat_begin[n], se = g.seat_begin[n + 1];
    const auto& seats = prev[i].seats;
    const bool someone =
        std::any_of(seats.begin(), seats.end(),
                    [](const PreviousPlacement::Seat& st) { return st.person.valid(); });
    if (seats.size() == se - sb && se - sb > 1 && someone) {
      // Every seat as it was: its person, or nobody; listed when its last person joined it.
      Slot listed = lo.keep_start[n];
      for (uint32_t k = sb; k < se; ++k) {
        const PreviousPlacement::Seat& st = seats[k - sb];
        lo.keep_person[k] = st.person.valid() ? st.person.index() : kEmptySeat;
        if (st.person.valid() && st.start) listed = std::max(listed, g.axis.floor_slot(*st.start));
      }
      if (listed > lo.keep_start[n]) {
        lo.keep_listed.resize(g.nodes(), kNever);
        lo.keep_listed[n] = listed;
      }
    } else if (prev[i].person.valid() && sb < se) {
      lo.keep_person[sb] = prev[i].person.index();
    }
  }
  if (!any) {
    lo.keep_start.clear();
    lo.keep_finish.clear();
    lo.keep_person.clear();
    lo.keep_listed.clear();
  }
  return any;
}

}  // namespace

const char* to_string(ChainStart s) {
  switch (s) {
    case ChainStart::kNone:
      return "none";
    case ChainStart::kProgramStart:
      return "program-start";
    case ChainStart::kStatusDate:
      return "status-date";
    case ChainStart::kStartConstraint:
      return "start-no-earlier-than";
    case ChainStart::kInProgress:
      return "in-progress";
    case ChainStart::kDone:
      return "done";
    case ChainStart::kAvailability:
      return "availability";
  }
  return "?";
}

const char* to_string(ChainLink l) {
  switch (l) {
    case ChainLink::kStart:
      return "start";
    case ChainLink::kDependency:
      return "dependency";
    case ChainLink::kResource:
      return "resource";
  }
  return "?";
}

Result<ScheduleResult> schedule_program(const Program& program, const ScheduleOptions& options,
                                        Diagnostics& diags) {
  if (options.schedules < 0)
    return make_error(codes::kInvalidOption, "schedules must be 0 (auto) or more", {},
                      "use e.g. --schedules 64");
  if (options.time_budget_seconds < 0)
    return make_error(codes::kInvalidOption, "the time budget must not be negative", {},
                      "use e.g. --time-budget 2");
  GraphOptions go;
  go.slot_minutes = options.slot_minutes;
  go.as_of = options.as_of;
  go.estimates = options.estimates;
  if (options.level && options.previous.empty()) go.order = order_of(program, options);
  auto graph = build_task_graph(program, go, diags);
  if (!graph) return std::unexpected(graph.error());
  // Work that adds up past the axis' horizon is an error, never a wrong date (cpm.h).
  CpmResult cpm = critical_path(*graph);
  if (auto h = check_horizon(*graph, program, cpm.start, cpm.finish); !h)
    return std::unexpected(h.error());
  if (order_of(program, options) == ScheduleOrder::kTaskJuggler && options.previous.empty() &&
      options.level)
    taskjuggler_candidate_order(*graph, cpm, program_end_slot(*graph, program));
  ScheduleResult r = schedule_graph(program, *graph, std::move(cpm), options, diags);
  const DateTime last = graph->axis.to_time(graph->axis.horizon());
  for (size_t i = 0; i < r.items.size(); ++i)
    if (r.items[i].finish > last && r.items[i].finish < graph->axis.to_time(kNever))
      return beyond_horizon(graph->axis, program.items[i].key);
  return r;
}

ScheduleResult schedule_graph(const Program& program, const TaskGraph& g,
                              const ScheduleOptions& options, Diagnostics& diags) {
  return schedule_graph(program, g, critical_path(g), options, diags);
}

namespace {

// The leveled schedule (or the CPM dates when leveling is off); the schedules tried go to `r`.
LeveledSchedule level_graph(const Program& program, const TaskGraph& g, const CpmResult& cpm,
                            const ScheduleOptions& options,
                            const std::vector<std::vector<uint32_t>>& ms_nodes, ScheduleResult& r) {
  const uint32_t nn = g.nodes();
  // Auto search effort: about this many node-passes (64 passes for programs up to ~400 items, at
  // least 12). On generated multi-team programs of 2,000-10,000 items, passes beyond the priority
  // rules changed the end by 0-4 days (bench/vs_taskjuggler.sh); the rules phase finds most of it.
  constexpr int64_t kAutoNodePasses = 25'000;
  LeveledSchedule sched;
  if (options.level) {
    Leveler lev(g, cpm, due_groups(program, g, ms_nodes));
    LevelOptions lo;
    lo.schedules = options.schedules > 0
                       ? options.schedules
                       : static_cast<int>(std::clamp<int64_t>(
                             kAutoNodePasses / std::max<uint32_t>(1, nn), 12, 64));
    // While a deadline is missed, the auto effort goes on sampling (LevelOptions::
    // deadline_schedules), up to about 40 times as many node-passes: on programs whose every
    // milestone is due at its date in a better schedule (bench/deadlines_tight.py), 64 passes
    // left 13 of 30 late and 3,000 passes 4.
    constexpr int64_t kDeadlineNodePasses = 1'000'000;
    if (options.schedules == 0)
      lo.deadline_schedules = static_cast<int>(
          std::clamp<int64_t>(kDeadlineNodePasses / std::max<uint32_t>(1, nn), lo.schedules, 4000));
    lo.time_budget_seconds = options.time_budget_seconds;
    lo.seed = options.seed;
    lo.threads = options.threads;
    if (!keep_order_input(g, options.previous, lo) &&
        order_of(program, options) == ScheduleOrder::kTaskJuggler) {
      lo.fixed_keys = taskjuggler_keys(g, cpm, program_end_slot(g, program), &program);
      for (const Dependency& d : program.dependencies) {
        if (!d.alap || d.predecessor.index() >= g.item_node.size() ||
            d.successor.index() >= g.item_node.size())
          continue;
        const uint32_t a = g.item_node[d.predecessor.index()];
        const uint32_t b = g.item_node[d.successor.index()];
        if (a != kNoNode && b != kNoNode) lo.anchors.emplace_back(a, b);
      }
      if (auto end = program_end_slot(g, program)) lo.project_end = *end;
    }
    LevelStats stats;
    sched = lev.level(lo, &stats);
    r.schedules_used = stats.schedules_used;
    // tj3 shows a length task that follows its predecessor over non-working time as starting at
    // the predecessor's end (17:00 the day before), not the next working slot.
    if (!lo.fixed_keys.empty()) taskjuggler_length_starts(g, sched.start, sched.finish);
  } else {
    sched = from_cpm(g, cpm);
  }
  return sched;
}

// The dates' slack against the leveled schedule (the people's order as finish-start links) and
// against the deadlines; sets the resource arcs and links and the critical chain of `r`.
struct Slacks {
  CpmResult times;
  DeadlineSlack deadline;
};

Slacks leveled_slack(const Program& program, const TaskGraph& g, const CpmResult& cpm,
                     const LeveledSchedule& sched, bool leveled,
                     const std::vector<std::vector<uint32_t>>& ms_nodes, ScheduleResult& r) {
  const uint32_t nn = g.nodes();
  DeadlineSlack dslack;
  CpmResult times;
  times.start = sched.start;
  times.finish = sched.finish;
  times.end = sched.end;
  times.late_start.resize(nn);
  times.late_finish.resize(nn);
  if (leveled) {
    r.resource_arcs = resource_order(g, sched);
    TaskGraph aug = with_extra_arcs(g, r.resource_arcs, sched.backward_anchors);
    backward_pass(aug, sched.work, sched.calendar, times.start, times.finish, times.end,
                  times.late_start, times.late_finish);
    compute_slack(aug, sched.calendar, times);
    r.critical_chain = critical_chain(g, sched, times);
    dslack = deadline_slack(std::move(aug), sched, times, ms_nodes, program);
  } else {
    times = cpm;
    r.critical_chain = critical_chain(g, sched, times);
    dslack = deadline_slack(g, sched, times, ms_nodes, program);
  }
  for (auto [a, b] : r.resource_arcs)
    r.resource_links.emplace_back(g.node_item[a], g.node_item[b]);
  // A team lane is worked as one person works: its chain is the forecast's to keep as well.
  for (auto [a, b] : g.lane_arcs)
    r.resource_links.emplace_back(g.node_item[a], g.node_item[b]);
  for (auto [a, b] : sched.backward_anchors)
    r.backward_anchors.emplace_back(g.node_item[a], g.node_item[b]);

  return Slacks{std::move(times), std::move(dslack)};
}

// Each item's dates, people and slack; returns the first start and last finish slot.
std::pair<Slot, Slot> fill_items(const Program& program, const TaskGraph& g,
                                 const LeveledSchedule& sched, const Slacks& slacks,
                                 ScheduleResult& r, Diagnostics& diags) {
  const TimeAxis& axis = g.axis;
  const CpmResult& times = slacks.times;
  const DeadlineSlack& dslack = slacks.deadline;
  Slot first = kNever, last = g.program_start;
  for (uint32_t i = 0; i < program.items.size(); ++i) {
    ItemSchedule& it = r.items[i];
    it.item = WorkItemId{i};
    uint32_t n = g.item_node[i];
    if (n == kNoNode) {
      it.epic = true;
      continue;
    }
    it.scheduled = true;
    it.state = g.state[n];
    it.start_slot = sched.start[n];
    it.finish_slot = sched.finish[n];
    if (it.finish_slot >= kNever) {
      diags.warning(codes::kItemUnschedulable,
                    fmt::format("{} cannot be scheduled: nobody who may do it has working time "
                                "left",
                                program.items[i].key),
                    {}, "give it to someone with working time");
      it.scheduled = false;
      continue;
    }
    it.start = axis.to_time(it.start_slot);
    it.finish = axis.to_time(it.finish_slot);
    if (it.state != NodeState::kDone && it.finish_slot > g.finish_bound[n])
      diags.warning(
          codes::kFinishBoundMissed,
          fmt::format("{} finishes {}, after its finish_no_later_than {}", program.items[i].key,
                      it.finish.to_string(), program.items[i].finish_no_later_than->to_string()),
          {}, "start its work earlier, add people or move the bound");
    it.start_date = axis.date_of(it.start_slot);
    it.finish_date = axis.finish_date(it.start_slot, it.finish_slot);
    const bool seats = g.seat_begin[n + 1] - g.seat_begin[n] > 1 && it.state != NodeState::kDone;
    for (uint32_t k = g.seat_begin[n]; k < g.seat_begin[n + 1]; ++k) {
      uint32_t p = sched.seat_person[k];
      if (seats)
        it.seats.push_back({p == kNoNode ? PersonId{} : PersonId{p},
                            axis.to_time(p == kNoNode || sched.seat_start.empty()
                                             ? it.start_slot
                                             : std::max(it.start_slot, sched.seat_start[k]))});
      if (p == kNoNode) continue;
      if (!it.assignee.valid())
        it.assignee = PersonId{p};
      else
        it.also.emplace_back(p);
    }
    if (!it.assignee.valid() && it.state == NodeState::kDone)
      it.assignee = program.items[i].assignee;  // done work: who the plan says did it
    it.total_slack_days = std::max(0, times.total_slack[n]) / g.day_slots;
    it.free_slack_days = std::max(0, times.free_slack[n]) / g.day_slots;
    it.critical = times.critical[n] != 0;
    if (dslack.feeds[n] != kNever && it.state != NodeState::kDone) {
      it.deadline_slack_days = double(dslack.slack[n]) / g.day_slots;
      if (dslack.feeds[n] != kNoNode) it.feeds = MilestoneId{dslack.feeds[n]};
    }
    first = std::min(first, it.start_slot);
    last = std::max(last, it.finish_slot);
  }
  return {first, last};
}

// Epics span their leaf descendants.
void fill_epics(const Program& program, const TimeAxis& axis, ScheduleResult& r) {
  for (uint32_t i = 0; i < program.items.size(); ++i) {
    const ItemSchedule& leaf = r.items[i];
    if (leaf.epic || !leaf.scheduled) continue;
    WorkItemId up = program.items[i].parent;
    for (int depth = 0; up.valid() && up.index() < r.items.size() && depth < 64; ++depth) {
      ItemSchedule& e = r.items[up.index()];
      if (!e.scheduled) {
        e.scheduled = true;
        e.start_slot = leaf.start_slot;
        e.finish_slot = leaf.finish_slot;
        e.total_slack_days = leaf.total_slack_days;
        e.free_slack_days = leaf.free_slack_days;
        e.state = leaf.state;
      } else {
        e.start_slot = std::min(e.start_slot, leaf.start_slot);
        e.finish_slot = std::max(e.finish_slot, leaf.finish_slot);
        e.total_slack_days = std::min(e.total_slack_days, leaf.total_slack_days);
        e.free_slack_days = std::min(e.free_slack_days, leaf.free_slack_days);
        if (leaf.state != e.state) e.state = NodeState::kStarted;
      }
      e.critical = e.critical || leaf.critical;
      up = program.items[up.index()].parent;
    }
  }
  for (auto& e : r.items) {
    if (!e.epic || !e.scheduled) continue;
    e.start = axis.to_time(e.start_slot);
    e.finish = axis.to_time(e.finish_slot);
    e.start_date = axis.date_of(e.start_slot);
    e.finish_date = axis.finish_date(e.start_slot, e.finish_slot);
  }
}

// Milestones against their deadlines, with the chain that ends each.
void fill_milestones(const Program& program, const TaskGraph& g, const LeveledSchedule& sched,
                     const Unlimited& unlimited, const CpmResult& times,
                     const std::vector<std::vector<uint32_t>>& ms_nodes, ScheduleResult& r,
                     Diagnostics& diags) {
  const TimeAxis& axis = g.axis;
  const PersonBefore before = person_before(g, sched);
  r.milestones.resize(program.milestones.size());
  for (uint32_t m = 0; m < program.milestones.size(); ++m) {
    const Milestone& ms = program.milestones[m];
    MilestoneSchedule& out = r.milestones[m];
    out.milestone = MilestoneId{m};
    out.deadline = ms.deadline;
    if (ms_nodes[m].empty()) continue;
    Slot f = -kNever, cf = -kNever;
    Date d = Date{std::numeric_limits<int32_t>::min()}, cd = d;
    for (uint32_t n : ms_nodes[m]) {
      f = std::max(f, sched.finish[n]);
      cf = std::max(cf, unlimited.finish[n]);
      d = std::max(d, axis.finish_date(sched.start[n], sched.finish[n]));
      cd = std::max(cd, axis.finish_date(unlimited.start[n], unlimited.finish[n]));
    }
    if (f >= kNever) continue;
    out.scheduled = true;
    out.finish = axis.to_time(f);
    out.date = d;
    out.unleveled_date = cd;
    uint32_t last_node = ms_nodes[m].front();
    for (uint32_t n : ms_nodes[m])
      if (sched.finish[n] > sched.finish[last_node]) last_node = n;
    out.chain = critical_chain(g, sched, times, before, last_node);
    if (!ms.deadline) continue;
    out.late = out.date > *ms.deadline;
    if (out.late) out.days_late = program.calendar.working_days_between(*ms.deadline + 1, d + 1);
    out.slack_days =
        out.late ? -out.days_late : program.calendar.working_days_between(d + 1, *ms.deadline + 1);
    if (cd > *ms.deadline) {
      diags.warning(codes::kDeadlineImpossible,
                    fmt::format("milestone {} cannot make its deadline {}: even with unlimited "
                                "people its work ends {}",
                                ms.key, ms.deadline->to_string(), cd.to_string()),
                    {}, "move the deadline, cut scope or shorten the chain of dependencies");
    } else if (out.late) {
      diags.warning(codes::kDeadlineMissed,
                    fmt::format("milestone {} ends {}, {} working day(s) after its deadline {}, "
                                "with the people the plan has",
                                ms.key, d.to_string(), out.days_late, ms.deadline->to_string()),
                    {}, "add people, reassign work or raise the priority of its items");
    }
  }
}

}  // namespace

ScheduleResult schedule_graph(const Program& program, const TaskGraph& g, CpmResult cpm,
                              const ScheduleOptions& options, Diagnostics& diags) {
  ScheduleResult r;
  r.axis = g.axis;
  const TimeAxis& axis = g.axis;

  // Milestone leaves; deadlines (the end of the deadline day) and finish bounds as due groups.
  std::vector<std::vector<uint32_t>> ms_nodes(program.milestones.size());
  const auto leaves = program.milestone_leaf_items();
  for (uint32_t m = 0; m < program.milestones.size(); ++m) {
    for (WorkItemId id : leaves[m]) {
      uint32_t n = g.item_node[id.index()];
      if (n != kNoNode) ms_nodes[m].push_back(n);
    }
  }

  LeveledSchedule sched = level_graph(program, g, cpm, options, ms_nodes, r);
  r.method = sched.method;
  if (r.method == "kept-order") r.order_from = options.previous_source;
  r.estimates = options.estimates;
  const Unlimited unlimited = unlimited_dates(g, cpm, sched);
  r.unleveled_end = axis.to_time(std::min(cpm.end, unlimited.end));

  const Slacks slacks = leveled_slack(program, g, cpm, sched, options.level, ms_nodes, r);
  r.items.resize(program.items.size());
  split_segments(g, sched, r);
  auto [first, last] = fill_items(program, g, sched, slacks, r, diags);
  if (first == kNever) first = g.status_slot;
  fill_epics(program, axis, r);
  r.project_start = axis.to_time(first);
  r.project_end = axis.to_time(last);
  r.project_start_date = axis.date_of(first);
  r.project_end_date = axis.finish_date(first, last);
  r.unleveled_end_date = axis.finish_date(first, std::max(first, std::min(cpm.end, unlimited.end)));
  fill_milestones(program, g, sched, unlimited, slacks.times, ms_nodes, r, diags);
  beyond_project_end(program, r, diags);

  if (options.weekly_load) weekly_load(g, sched, first, last, r);
  r.nodes = std::move(sched);
  return r;
}

std::vector<PreviousPlacement> placements(const ScheduleResult& r) {
  std::vector<PreviousPlacement> out(r.items.size());
  for (size_t i = 0; i < r.items.size(); ++i) {
    const ItemSchedule& it = r.items[i];
    if (it.epic || !it.scheduled || it.state == NodeState::kDone) continue;
    out[i].start = it.start;
    out[i].finish = it.finish;
    out[i].person = it.assignee;
    for (const ItemSchedule::Seat& st : it.seats)
      out[i].seats.push_back({st.person, st.start});
  }
  return out;
}

std::vector<PreviousPlacement> baseline_placements(const Program& program) {
  std::vector<PreviousPlacement> out(program.items.size());
  for (size_t i = 0; i < program.items.size(); ++i) {
    const WorkItem& it = program.items[i];
    if (it.kind == WorkItemKind::kEpic || !it.baseline_start) continue;
    out[i].start = *it.baseline_start;
    out[i].person = it.assignee;
  }
  return out;
}

TaskGraph leveled_task_graph(const TaskGraph& graph, const ScheduleResult& result) {
  TaskGraph g = with_extra_arcs(graph, result.resource_arcs, result.nodes.backward_anchors);
  // ALAP work starts no earlier than the leveled schedule put it, nor does work booked backward
  // from an anchor (whose arc is left out).
  if (graph.any_backward && result.nodes.work_start.size() == g.nodes())
    for (uint32_t n = 0; n < g.nodes(); ++n)
      if (graph.backward[n] && g.state[n] == NodeState::kTodo)
        g.release[n] = std::max(g.release[n], result.nodes.work_start[n]);
  if (result.nodes.work_start.size() == g.nodes())
    for (auto [from, n] : result.nodes.backward_anchors)
      g.release[n] = std::max(g.release[n], result.nodes.work_start[n]);
  if (result.nodes.work.size() == g.nodes()) {
    g.work = result.nodes.work;
    g.calendar = result.nodes.calendar;
    for (uint32_t n = 0; n < g.nodes(); ++n) {
      uint32_t k = g.seat_begin[n];
      if (k < g.seat_begin[n + 1] && result.nodes.seat_person[k] != kNoNode &&
          g.basis[n] == EstimateBasis::kEffort) {
        double rate = g.person_rate[result.nodes.seat_person[k]];
        if (rate > 0)
          g.work_per_day[n] = g.day_slots / rate / double(g.seat_begin[n + 1] - g.seat_begin[n]);
      }
    }
  }
  return g;
}

}  // namespace cairn::schedule
