// Scheduling a Program: WHEN, given WHO. The public entry point of src/schedule.
//
// schedule_program builds the task graph (task_graph.h), runs the critical path method (cpm.h),
// levels the work over the people it has (leveling.h), then derives per item dates, slack and
// critical flags against the leveled schedule (the resource order becomes extra finish-start
// links), the resource-aware critical chain, milestone dates against deadlines and each person's
// load by week. See docs/scheduling.md for the semantics.
//
// Units: times are DateTimes (UTC) and slots of ScheduleOptions::slot_minutes; dates shown are
// calendar days, a finish date is the last day worked (inclusive); slack is in working days of
// the program calendar (day_minutes of working time per day); load is in hours.
//
// Diagnostics (stable ids): team-without-people, no-candidate, person-without-time,
// item-without-estimate, remaining-assumed, started-without-date, done-without-dates,
// item-unschedulable, deadline-impossible, deadline-missed, finish-bound-missed.
// Errors: dependency-cycle, invalid-resolution, invalid-option, schedule-beyond-horizon (the dates
// would pass the time axis: year 10000 at 60-minute slots).
//
// Pure function of its arguments (no I/O); deterministic for the same program, options and seed
// unless a time budget is set. Thread-safe on distinct arguments.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/diagnostics.h"
#include "base/error.h"
#include "model/program.h"
#include "schedule/cpm.h"
#include "schedule/leveling.h"
#include "schedule/task_graph.h"

namespace cairn::schedule {

// How the leveler orders the work (the model's enum, model/program.h):
//   kSearch       search for the schedule that best meets the deadlines, then ends earliest
//   kTaskJuggler  one pass in TaskJuggler's order (tj_order.h): tj3's dates for .tjp programs
using ScheduleOrder = cairn::ScheduleOrder;
const char* to_string(ScheduleOrder o);

// Where an item was in a previous schedule (a stored baseline, an earlier run, the plan's
// baseline dates): kept when re-leveling after an edit (ScheduleOptions::previous).
struct PreviousPlacement {
  std::optional<DateTime> start;   // unset: not in the previous schedule
  std::optional<DateTime> finish;  // orders work in progress (which of a person's ends first)
  PersonId person;                 // who did it (first seat); invalid: free choice
  // An item with several seats: per seat who worked on it (invalid: nobody did) and when they
  // started on it. Empty when not known (an older document): `person` goes to the first seat.
  struct Seat {
    PersonId person;
    std::optional<DateTime> start;
  };
  std::vector<Seat> seats;
};

struct ScheduleOptions {
  // SGS passes the improvement loop may spend; 0 = auto (default): 25,000 / nodes, between 12
  // and 64, and while a deadline is missed up to 1,000,000 / nodes, between 64 and 4,000
  // (LevelOptions::deadline_schedules). An explicit count caps them all (while a deadline is
  // missed, half of its samples go to the deadline phase instead). The loop also stops at a
  // schedule that ends at the critical-path end, none late.
  int schedules = 0;
  double time_budget_seconds = 0;  // wall-clock limit of the loop; 0 = none (default)
  uint64_t seed = 1;               // seed of the randomized sampling. Default 1.
  std::optional<Date> as_of;       // status date; overrides Program::as_of. Default unset.
  int slot_minutes = 60;           // time resolution in minutes, divides 1440. Default 60.
  bool level = true;               // level over people; false: critical path only. Default true.
  int threads = 1;                 // threads for the sampling phase. Default 1.
  bool weekly_load = true;         // compute each person's load by week. Default true.
  // Unset (default): the program's own (Program::schedule_order: search unless the plan says
  // taskjuggler, as a .tjp program does). In TaskJuggler's order the program's end
  // (Program::end, the .tjp project end) bounds each person's load that orders the work (unset:
  // the critical-path end), and the successor of an `alap` dependency (Dependency::alap: an ALAP
  // `precedes` onto a forward task, turned round by the .tjp reader), an open leaf with people, is
  // booked backward from the date the dependency gives (its latest finish: the forward task's
  // start or end, less the gap), as tj3 books an ALAP task around work booked before it; when it
  // cannot fit there (after its own predecessors) it is placed forward as the dependency says.
  std::optional<ScheduleOrder> order;
  // Per WorkItemId, where it was in a previous schedule. When any item has a start, the leveler
  // keeps that order (one pass, people kept, no back-filling; leveling.h) instead of searching:
  // more work never moves anything earlier. Default empty: search.
  std::vector<PreviousPlacement> previous;
  // Where `previous` comes from, in words ("baseline B1", "the plan's baseline dates", a file);
  // the result's `order_from` when the order was kept. Default empty.
  std::string previous_source;
  // The value of each three-point estimate the work is timed with (GraphOptions::estimates):
  // likely (default) or mean (the PERT mean, as the forecast's mean).
  EstimateValue estimates = EstimateValue::kLikely;
};

enum class ChainLink {
  kStart,       // the chain starts here (status date, start_no_earlier_than or actual start)
  kDependency,  // it waits for the previous step through a dependency
  kResource,    // it waits for the previous step because the same person does both
};
const char* to_string(ChainLink l);

// Why the first step of a chain starts when it does.
enum class ChainStart {
  kNone,             // not a first step
  kProgramStart,     // the program's start
  kStatusDate,       // open work starts at the status date (as_of)
  kStartConstraint,  // the item's start_no_earlier_than
  kInProgress,       // work under way: it started when it started
  kDone,             // done work
  kAvailability,     // when its person has working time again (calendar, leave, limits)
};
const char* to_string(ChainStart s);

struct ChainStep {
  WorkItemId item;
  ChainLink link = ChainLink::kStart;
  PersonId person;                       // for kResource: the shared person
  ChainStart start = ChainStart::kNone;  // for kStart: why it starts then
};

struct ItemSchedule {
  WorkItemId item;
  bool epic = false;       // a container: its dates span its leaf descendants
  bool scheduled = false;  // has dates
  NodeState state = NodeState::kTodo;
  DateTime start, finish;  // finish is the instant work ends
  Slot start_slot = 0, finish_slot = 0;
  Date start_date, finish_date;  // finish_date inclusive: the last day worked
  PersonId assignee;             // who does it (first seat); invalid: nobody
  std::vector<PersonId> also;    // the people of further seats, if any
  // An open item with several seats: per seat who works on it (invalid: nobody: busy for the
  // whole item) and when they start on it (several seats sharing effort join when they are free).
  // Empty for items with one seat or none.
  struct Seat {
    PersonId person;
    DateTime start;
  };
  std::vector<Seat> seats;
  double total_slack_days = 0;  // working days it can slip without moving the end
  double free_slack_days = 0;   // working days it can slip without moving a successor
  bool critical = false;        // total slack <= 0 (not for done work)
  // The earliest deadline this item feeds (through dependencies and the people's order), and the
  // working days it can slip before that deadline is missed: negative when the deadline is
  // missed by that much on this item's path. Unset when it feeds no deadline.
  MilestoneId feeds;  // the milestone of that deadline (invalid: the item's own finish bound)
  std::optional<double> deadline_slack_days;
  // When its work is split into several stretches (TaskJuggler's order books an effort item slot
  // by slot around work booked before it: LeveledSchedule::segments): each stretch a person
  // works on it, by start (then person). Empty when the work is one stretch [start, finish).
  struct Segment {
    DateTime start, finish;        // finish: the instant the stretch ends
    Date start_date, finish_date;  // finish_date inclusive: the last day worked
    PersonId person;
  };
  std::vector<Segment> segments;
};

struct MilestoneSchedule {
  MilestoneId milestone;
  bool scheduled = false;  // false when it has no items
  DateTime finish;         // when its last item finishes
  Date date;               // the day of it (inclusive)
  Date unleveled_date;     // the date ignoring who does the work (CPM)
  std::optional<Date> deadline;
  bool late = false;  // date > deadline
  int days_late = 0;  // working days of the program calendar past the deadline
  // Working days between the date and the deadline: spare days when on time, minus days_late
  // when late. Unset without a deadline.
  std::optional<int> slack_days;
  std::vector<ChainStep> chain;  // the chain of links that fixes its date, in time order
};

struct PersonLoad {
  PersonId person;
  std::vector<double> booked_hours;    // per week of ScheduleResult::weeks: hours of work booked
  std::vector<double> capacity_hours;  // per week: hours available at their allocation
};

struct ScheduleResult {
  TimeAxis axis;
  std::vector<ItemSchedule> items;            // by WorkItemId, epics included
  std::vector<MilestoneSchedule> milestones;  // by MilestoneId
  DateTime project_start, project_end;
  Date project_start_date, project_end_date;  // end inclusive: the last day worked
  DateTime unleveled_end;                     // the CPM end, ignoring who does the work
  Date unleveled_end_date;  // its day, as project_end_date counts it (an end at 00:00: the day
                            // before)
  std::vector<ChainStep> critical_chain;  // in time order, ends at the project end
  // Same person (or same team lane: a team with history and nobody in the plan works its
  // unestimated items one after another), one after the other.
  std::vector<std::pair<WorkItemId, WorkItemId>> resource_links;
  // TaskJuggler order: the `alap` dependencies (Dependency::alap, ScheduleOptions::order) whose
  // successor was booked backward from them: it may end before the date they give, so the
  // forecast holds it at its scheduled start instead of following them. A pair (i, i): item i, an
  // ALAP item with a finish bound before forward work, was placed back from its bound (held the
  // same way).
  std::vector<std::pair<WorkItemId, WorkItemId>> backward_anchors;
  std::vector<Date> weeks;       // Mondays of the load weeks
  std::vector<PersonLoad> load;  // by PersonId (when weekly_load)
  int schedules_used = 0;
  std::string method;  // how the chosen schedule was made ("cpm", "serial/latest-finish+fbi", ...)
  std::string order_from;  // method "kept-order": ScheduleOptions::previous_source; else empty
  EstimateValue estimates = EstimateValue::kLikely;  // the estimates' value it was computed on

  // Node-level detail for other engines (forecast): the leveled schedule per node and the resource
  // order as node pairs. See leveled_task_graph.
  LeveledSchedule nodes;
  std::vector<std::pair<uint32_t, uint32_t>> resource_arcs;
};

Result<ScheduleResult> schedule_program(const Program& program, const ScheduleOptions& options,
                                        Diagnostics& diags);

// The order a schedule of `program` follows: options.order, else the program's schedule_order.
ScheduleOrder order_of(const Program& program, const ScheduleOptions& options);

// Schedules a graph already built from `program` with the same options (slot_minutes, as_of,
// estimates).
ScheduleResult schedule_graph(const Program& program, const TaskGraph& graph,
                              const ScheduleOptions& options, Diagnostics& diags);
// The same, with the graph's critical path already computed (critical_path(graph)).
ScheduleResult schedule_graph(const Program& program, const TaskGraph& graph, CpmResult cpm,
                              const ScheduleOptions& options, Diagnostics& diags);

// Where each item is in `r` (open and started leaves: start and first person), as the previous
// placements of a later run (ScheduleOptions::previous).
std::vector<PreviousPlacement> placements(const ScheduleResult& r);

// The plan's own baseline (WorkItem::baseline_start and the assignee) as previous placements.
std::vector<PreviousPlacement> baseline_placements(const Program& program);

// The graph of a leveled schedule: each node's work and calendar on its chosen person, plus the
// resource order as finish-start arcs, so that a forward pass (e.g. a Monte Carlo trial) keeps
// nobody double-booked.
TaskGraph leveled_task_graph(const TaskGraph& graph, const ScheduleResult& result);

}  // namespace cairn::schedule
