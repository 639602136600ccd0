// The task graph: a Program's schedulable work as a compact precedence graph (CSR) on a slot time
// axis, with the resource choices of every node. The scheduler (CPM, leveling) and the forecast
// engine (Monte Carlo) run on it.
//
// Nodes: first one node per leaf work item (an item without children), in item order; then
// zero-work virtual nodes for the epics that dependencies touch (an epic's "start in", "finish
// in", "start out" and "finish out" gates). A dependency on an epic applies to all its leaf
// descendants: an arc into an epic goes to a gate that precedes each child (start-start for
// FS/SS, finish-finish for FF/SF); an arc out of an epic leaves a gate that follows each child.
//
// Arcs carry the dependency type and a lag in slots: working slots of the program calendar
// (lag_unit working-days) or plain slots (calendar-days). Arcs into done items and FS/SS arcs into
// started items are dropped (history has already happened).
//
// Work: `work[n]` is the node's working slots in `calendars[calendar[n]]` for its planned
// performer (effort work: each seat's fastest candidate from the node's release, cpm.h
// fastest_candidate; the longest seat's work in the first seat's calendar; the program calendar
// at 100% when the item has no people). `work_per_day[n]` converts days of the item's estimate into
// those slots (the Monte Carlo scales sampled estimates with it). Leveling recomputes both per
// chosen person: effort work is base_work[n] / (allocation/100) in that person's calendar.
//
// Value type; immutable after build_task_graph; thread-safe for concurrent readers.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/program.h"
#include "schedule/time_axis.h"

namespace cairn::schedule {

inline constexpr uint32_t kNoNode = 0xffffffffu;

enum class NodeKind : uint8_t { kItem, kEpicStartIn, kEpicFinishIn, kEpicStartOut, kEpicFinishOut };
enum class NodeState : uint8_t { kTodo, kStarted, kDone };

// Arc flags: bits 0-1 the DependencyType, bit 2 set when the lag is in calendar slots.
inline constexpr uint8_t kArcTypeMask = 3;
inline constexpr uint8_t kArcCalendarLag = 4;
inline DependencyType arc_type(uint8_t flags) {
  return static_cast<DependencyType>(flags & kArcTypeMask);
}
// Whether the arc's predecessor side is its finish (FS, FF) and its successor side is its start
// (FS, SS).
inline bool arc_from_finish(uint8_t flags) {
  auto t = arc_type(flags);
  return t == DependencyType::kFinishStart || t == DependencyType::kFinishFinish;
}
inline bool arc_to_start(uint8_t flags) {
  auto t = arc_type(flags);
  return t == DependencyType::kFinishStart || t == DependencyType::kStartStart;
}

// Which value of an item's three-point estimate the work is timed with.
enum class EstimateValue : uint8_t {
  kLikely,  // the most likely value (estimate.likely)
  kMean,    // the PERT mean (optimistic + 4 likely + pessimistic) / 6, the forecast's mean
};
const char* to_string(EstimateValue v);  // "likely", "mean"

struct GraphOptions {
  int slot_minutes = 60;      // time resolution; divides 1440. Default 60.
  std::optional<Date> as_of;  // overrides Program::as_of when set
  // The value of each estimate that times open work (and, minus the days elapsed, started work
  // without `remaining`). `remaining` and the team pace are single values and stay as they are.
  // Default: likely.
  EstimateValue estimates = EstimateValue::kLikely;
  // The order the leveler will follow. In TaskJuggler's an open ALAP item with a finish bound
  // (TaskGraph::bound_alap) is placed back from it even when forward work follows it, as tj3
  // does; in the search order it is scheduled forward (`alap-before-forward`). Default: search.
  ScheduleOrder order = ScheduleOrder::kSearch;
};

struct TaskGraph {
  static constexpr uint16_t kProgramCalendar = 0;  // calendars[0]: the program's
  static constexpr uint16_t kAlwaysCalendar = 1;   // calendars[1]: every slot works

  TimeAxis axis;
  std::vector<SlotCalendar> calendars;
  double day_slots = 8;    // slots in a nominal working day (program day_minutes / slot_minutes)
  Slot program_start = 0;  // slot of the program start (00:00)
  Slot status_slot = 0;    // slot of the status date (as_of, 00:00): open work starts there

  // ---- per node (structure of arrays) ----
  std::vector<uint32_t> node_item;  // the WorkItemId value (for epic gates: the epic)
  std::vector<NodeKind> kind;
  std::vector<NodeState> state;
  std::vector<EstimateBasis> basis;
  std::vector<int32_t> work;         // planned working slots in calendars[calendar[n]]
  std::vector<uint16_t> calendar;    // planned timing calendar
  std::vector<double> work_per_day;  // slots of `work` per day of estimate
  std::vector<double> base_work;     // effort basis: slots per seat at 100%; else == work
  std::vector<Slot> release;  // earliest start: program start, status date, start_no_earlier_than
  std::vector<Slot> actual_start;   // started and done nodes
  std::vector<Slot> actual_finish;  // done nodes
  std::vector<int32_t> priority;    // the item's priority (1..1000, higher first)
  // Latest finish (WorkItem::finish_no_later_than, floored to a slot), kNever when none. A bound
  // of the late pass (slack) and, for ALAP nodes, where they are placed to end.
  std::vector<Slot> finish_bound;
  // Per node: placed as late as possible (backward), after the forward nodes. Set for open ALAP
  // items (WorkItem::alap) whose successors are all backward nodes, and for epic gates whose
  // successors all are. Closed under successors: forward nodes never wait for backward ones.
  std::vector<uint8_t> backward;
  bool any_backward = false;
  // TaskJuggler order (GraphOptions::order): per node, an open ALAP item with a finish bound (a
  // .tjp `end` without a `start`) that a forward successor waits for.
  // tj3 books it back from that bound all the same and its successors follow it: the leveler
  // places it there when it fits after its predecessors, else forward. Empty when there is none.
  std::vector<uint8_t> bound_alap;

  // ---- arcs, CSR both ways (arc i of node n: [succ_begin[n], succ_begin[n+1])) ----
  std::vector<uint32_t> succ_begin, succ_node;
  std::vector<uint8_t> succ_flags;
  std::vector<int32_t> succ_lag;
  std::vector<uint32_t> pred_begin, pred_node;
  std::vector<uint8_t> pred_flags;
  std::vector<int32_t> pred_lag;

  std::vector<uint32_t> topo;  // a topological order (Kahn, lowest index first)
  // Finish-start arcs (also in the arcs above) that chain a team lane's items, one after another
  // (a team with history and nobody in the plan: task_graph_build.h, team_lanes).
  std::vector<std::pair<uint32_t, uint32_t>> lane_arcs;

  // ---- resources ----
  // Seats of node n: [seat_begin[n], seat_begin[n+1]); candidates of seat k:
  // cand_person[cand_begin[k] .. cand_begin[k+1]), PersonId values, preferred first.
  std::vector<uint32_t> seat_begin, cand_begin, cand_person;
  // Per seat: TaskJuggler's `mandatory` (Allocation::mandatory): the item is worked only in slots
  // where this seat's person works, and that person is booked from the item's start.
  std::vector<uint8_t> seat_mandatory;
  std::vector<uint8_t> seat_persistent;   // per seat: Allocation::persistent
  std::vector<int32_t> cand_work;         // per candidate entry: work_for(node, person)
  std::vector<uint16_t> cand_calendar;    // per candidate entry: calendar_for(node, person)
  std::vector<uint16_t> person_calendar;  // per person: index into calendars
  // Per candidate entry of a length or duration node: the calendar its person books the node's
  // span in (TaskJuggler order: the node runs its own calendar and books its people where they
  // work): the person's calendar, cut by the item's limits and shifts and the seat's shifts.
  // Empty when no such node has people.
  std::vector<uint16_t> cand_span_calendar;
  std::vector<double> person_rate;  // per person: allocation / 100 (0 when unusable)

  // Per node: 1 when its candidates work in calendars of their own (the person's calendar cut by
  // the item's WorkItem::limits, its shifts and its seats' shifts); empty when no node has any.
  std::vector<uint8_t> limited;

  // Limits of epics, shared by the work of all their leaf descendants (WorkItem::limits on an
  // epic): at most `max_slots` working slots per window, counted by the leveler as it books.
  struct SharedLimit {
    WorkLimit::Per per = WorkLimit::Per::kDay;
    int32_t max_slots = 0;
    int32_t begin_day = 0;  // axis days: the first window counted, and the first not counted
    int32_t end_day = 0;
    int32_t anchor_day = 0;        // 30-day windows count from here
    std::vector<uint32_t> people;  // PersonId values; empty: everyone's work
  };
  std::vector<SharedLimit> shared_limits;
  // Per node: the shared limits over it, CSR ([shared_begin[n], shared_begin[n+1]) of
  // shared_index); empty when there are none.
  std::vector<uint32_t> shared_begin, shared_index;

  // TaskJuggler order (GraphOptions::order): an effort leaf's own limits (WorkItem::limits),
  // counted in the slots it books from where it starts, as tj3 counts a task's limits, not from
  // its release as its candidates' calendars count them. Per node n the caps
  // [node_cap_begin[n], node_cap_begin[n+1]) of node_caps: `people` holds one person (a limit
  // for each person it names, as tj3 makes one per resource) or none (the item's work in all).
  // Per candidate entry of such a node, cand_free_calendar is its calendar without the item's
  // limits (shifts and the person's own limits kept). All empty when no node has any.
  std::vector<uint32_t> node_cap_begin;
  std::vector<SharedLimit> node_caps;
  std::vector<uint16_t> cand_free_calendar;
  bool node_capped(uint32_t n) const {
    return !node_cap_begin.empty() && node_cap_begin[n] < node_cap_begin[n + 1];
  }

  // People's own limits (Person::limits, TaskJuggler's resource limits): per person p, the caps
  // [person_cap_begin[p], person_cap_begin[p+1]) of person_caps (`people` unused), counted in
  // the work booked on p whatever the item; with a limit, the person's daily_max_minutes() is
  // one of them too. The person's calendar has them as caps from the program start (Cairn's own
  // order counts them so); TaskJuggler's order books slot by slot in the person's working time
  // without any cap (without_person_caps) and counts the caps in what is booked (tj3).
  // Both empty when nobody has limits.
  std::vector<uint32_t> person_cap_begin;
  std::vector<SharedLimit> person_caps;
  bool person_capped(uint32_t p) const {
    return !person_cap_begin.empty() && person_cap_begin[p] < person_cap_begin[p + 1];
  }
  // Calendar c without the caps of a person's limits: for the calendar of a person with limits,
  // their working time without any cap (nor their daily maximum); c itself otherwise.
  std::vector<uint16_t> uncapped_calendar;  // empty when nobody has limits
  uint16_t without_person_caps(uint16_t c) const {
    return c < uncapped_calendar.size() ? uncapped_calendar[c] : c;
  }

  // Actual work (WorkItem::bookings): per person the slots their bookings occupy, as sorted
  // disjoint intervals (CSR: [fixed_begin[p], fixed_begin[p+1]) of fixed_from/to/node); empty when
  // no item has bookings. Leveling books them before anything else.
  std::vector<uint32_t> fixed_begin;
  std::vector<Slot> fixed_from, fixed_to;
  std::vector<uint32_t> fixed_node;

  std::vector<uint32_t> item_node;  // per WorkItemId: its node, kNoNode for epics and unknowns

  uint32_t nodes() const { return static_cast<uint32_t>(node_item.size()); }
  uint32_t arcs() const { return static_cast<uint32_t>(succ_node.size()); }
  const SlotCalendar& program_calendar() const { return calendars[kProgramCalendar]; }
  // t moved by an arc's lag (forward), and the inverse for backward passes.
  Slot lagged(Slot t, uint8_t flags, int32_t lag) const {
    if (lag == 0) return t;
    if (flags & kArcCalendarLag) return t + lag;
    return program_calendar().add_work(t, lag);
  }
  Slot unlagged(Slot t, uint8_t flags, int32_t lag) const {
    if (lag == 0) return t;
    if (flags & kArcCalendarLag) return t - lag;
    return program_calendar().sub_work(t, lag);
  }
  // The work of node n when person p does one of its seats, in p's calendar (effort basis), or
  // the node's fixed work (length, duration).
  int32_t work_for(uint32_t n, uint32_t person) const;
  uint16_t calendar_for(uint32_t n, uint32_t person) const;
};

// Builds the graph. Reports `team-without-people`, `item-without-estimate`, `remaining-assumed`,
// `done-without-dates`, `started-without-date`, `person-without-time` to diags. Errors:
// `dependency-cycle` (the graph has a cycle), `invalid-resolution` (slot_minutes does not divide
// a day). O(items + dependencies + people * distinct calendars).
Result<TaskGraph> build_task_graph(const Program& program, const GraphOptions& options,
                                   Diagnostics& diags);

// The graph with extra finish-start arcs (lag 0) between nodes, e.g. the resource order of a
// leveled schedule, so that a forward pass keeps nobody double-booked. Keeps the topological
// order valid (the links must not close a cycle; they come from a feasible schedule).
// `drop`: arcs (from, to) of the graph to leave out.
TaskGraph with_extra_arcs(const TaskGraph& graph,
                          const std::vector<std::pair<uint32_t, uint32_t>>& links,
                          std::span<const std::pair<uint32_t, uint32_t>> drop = {});

}  // namespace cairn::schedule
