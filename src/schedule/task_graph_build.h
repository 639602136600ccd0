// (internal) The phases of build_task_graph (task_graph.h), in the order they run:
//
//   1. time axis and history (task_graph.cc): actual dates, the axis, the program calendars;
//   2. people (task_graph_people.cc): one slot calendar per distinct (calendar, leave, shifts),
//      their rates, the teams' members;
//   3. leaf nodes (task_graph.cc), one per leaf item: state, seats and candidates
//      (task_graph_people.cc), days of work left and the team pace for items without an estimate,
//      the work on the planned performer, release and actual dates (task_graph_work.cc);
//   4. links (task_graph_links.cc): epic gates and the dependencies as arcs;
//   5. candidates' work and own calendars (limits and shifts of items and seats), the planned
//      performer of effort work (each seat's fastest candidate), the limits that epics share
//      (task_graph_people.cc, task_graph_work.cc);
//   6. the CSR arcs, the topological order and the backward (ALAP) nodes (task_graph_links.cc).
//
// A GraphBuild holds what the phases hand each other; it lives for one build_task_graph call.
// Not thread-safe (one builder per call).
#pragma once

#include <cmath>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/pace.h"
#include "model/program.h"
#include "schedule/bookings.h"
#include "schedule/task_graph.h"

namespace cairn::schedule::detail {

// Weeks of history that time items without estimates (the forecast's default window).
inline constexpr int kPaceWindowWeeks = 12;

// Working slots for x slots of work, rounded up (kNever when it does not fit).
inline int32_t ceil_slots(double x) {
  if (x <= 0) return 0;
  double c = std::ceil(x - 1e-6);
  return c >= kNever ? kNever : static_cast<int32_t>(c);
}

struct ArcTmp {
  uint32_t from;
  uint32_t to;
  uint8_t flags;
  int32_t lag;
};

// Fills the CSR arrays (both ways) and the topological order. False on a cycle (*stuck: a node
// on it).
bool finalize_arcs(TaskGraph& g, const std::vector<ArcTmp>& arcs, uint32_t* stuck);

struct GraphBuild {
  GraphBuild(const Program& program, const GraphOptions& options, Diagnostics& diagnostics,
             TaskGraph& graph)
      : p(program), opt(options), diags(diagnostics), g(graph) {}

  const Program& p;
  const GraphOptions& opt;
  Diagnostics& diags;
  TaskGraph& g;

  size_t items = 0, people = 0;
  Date as_of;
  double spd = 24;  // slots per calendar day

  // History, per item.
  std::vector<std::optional<DateTime>> ast, afin;
  std::vector<StateCategory> cat;
  // People: their working calendar and leave (own calendars start from these); per team the
  // people who can work.
  std::vector<const WorkingCalendar*> person_wcal;
  std::vector<std::vector<DateRange>> person_closed;
  // Per person: 1 when they have working time and an allocation. With efficiency 0 (a room, a
  // truck: booked, no effort) their person_rate is 0 but they may still take a seat.
  std::vector<uint8_t> person_works;
  std::vector<std::vector<uint32_t>> team_members;
  // Children (CSR) to tell leaves from epics.
  std::vector<uint32_t> child_begin, child_list;
  bool is_leaf(uint32_t i) const { return child_begin[i] == child_begin[i + 1]; }
  // Per seat: its allocation, if any.
  std::vector<const Allocation*> seat_src;
  // Actual work (WorkItem::bookings).
  std::vector<FixedSpan> fixed_spans;
  std::vector<BookedWork> booked;
  // The pace of the teams' history (measured once, when needed); per team the items it timed and
  // the items left at 0 days.
  std::optional<ProgramPace> pace;
  std::vector<int> paced_points, paced_flow;
  // Per team that has history but nobody in the plan: its open items without an estimate (nodes),
  // one after another at the team's throughput, as the forecast's queue does (team_lanes).
  std::vector<std::vector<uint32_t>> lanes;
  std::vector<double> team_fte;
  std::vector<std::string> zero_days;
  // Per team: its open items that nobody in the plan can work on (team-without-people, one
  // warning per team).
  std::vector<std::vector<std::string_view>> without_people;
  // Arcs before the CSR.
  std::vector<ArcTmp> arcs;

  // Phase 1 (task_graph.cc).
  void axis_and_history();
  void children();
  // Phase 2 (task_graph_people.cc).
  void people_calendars();
  //   a person's limits (Person::limits) as TaskGraph::person_caps and their calendars
  void person_limits(uint32_t i);
  // Own calendars of candidates, by person, caps, release, item shifts and seat shifts.
  using CalendarCache =
      std::map<std::tuple<uint32_t, std::string, int32_t, int64_t, const void*>, uint16_t>;
  // TaskJuggler order: an item's limits as caps its node counts as it books (TaskGraph::node_caps),
  // and a candidate's calendar without them (TaskGraph::cand_free_calendar).
  std::vector<TaskGraph::SharedLimit> window_limits(const std::vector<WorkLimit>& limits) const;
  uint16_t free_calendar(SlotCalendar::Spec spec, uint32_t per, bool own_caps, uint32_t item,
                         const Allocation* src, CalendarCache& own);
  // Adds `limits` (those that count person `per`'s work) to spec's caps from `release` on; returns
  // a key of what it added.
  std::string add_caps(SlotCalendar::Spec& spec, const std::vector<WorkLimit>& limits, uint32_t per,
                       Date release) const;
  // A cap of `minutes` per window counted by the leveler as it books (TaskGraph::SharedLimit,
  // `people` empty), in the windows from `from`'s (the program start) up to `until`'s
  // (task_graph_work.cc).
  TaskGraph::SharedLimit window_limit(WorkLimit::Per per, double minutes, std::optional<Date> from,
                                      std::optional<Date> until) const;
  // Phase 3 (task_graph.cc): every leaf item's node.
  void leaf_nodes();
  //   its seats (task_graph_people.cc); returns how many.
  size_t add_seats(const WorkItem& it, NodeState st);
  //   its days of work left (task_graph_work.cc); a_start: its actual start (or the status date).
  double days_left(uint32_t i, NodeState st, const std::optional<BookingOutcome>& bo, Slot a_start);
  //   its work (task_graph_work.cc): effort work per seat at 100%.
  void planned_work(const WorkItem& it, size_t nseats, double days);
  //   its release and actual dates (task_graph_work.cc).
  void item_dates(uint32_t i, NodeState st, const std::optional<BookingOutcome>& bo, Slot a_start);
  //   one `estimate-from-pace` per team and one `item-without-estimate` (task_graph_work.cc).
  void report_pace();
  // Phase 4 (task_graph_links.cc).
  void links();
  //   each team lane's items chained in the order the forecast's queue takes them (in progress
  //   first, then priority, then plan order), as far as their dependencies allow.
  void team_lanes();
  // Phase 5.
  void candidate_calendars();  // task_graph_people.cc
  void planned_performers();   // task_graph_work.cc: effort work on each seat's fastest
  void shared_limits();        // task_graph_work.cc
  // Phase 6 (task_graph_links.cc): error `dependency-cycle`.
  Result<void> close_graph();

 private:
  const ProgramPace& pace_of();
  double paced_days(uint32_t i, NodeState st, const std::optional<BookingOutcome>& bo,
                    Slot a_start);
  uint32_t gate(uint32_t epic, NodeKind k, int depth);
  uint32_t add_gate_node(uint32_t epic, NodeKind k);
  void push_arc(uint32_t from, uint32_t to, uint8_t flags, int32_t lag);
  void backward_nodes();
  std::unordered_map<uint64_t, uint32_t> gates_;  // epic * 8 + NodeKind: its gate node
};

}  // namespace cairn::schedule::detail
