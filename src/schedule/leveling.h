// Resource leveling on a TaskGraph: list scheduling with person choice, forward-backward
// improvement and randomized priority sampling.
//
// Each person is a unary resource: they work on one item at a time, at their allocation rate (a
// 50% person needs twice the working slots for effort work), in their own working slots
// (calendar minus holidays and leave). Each item goes, per seat, to one of its candidates (the
// assignee, the allocation's alternatives, or any member of its team) and stays with that person,
// contiguous in that person's working time, from its start to its finish; nobody is booked twice
// in the same slot. Items without people are timed like in the critical path method.
//
// Schedule generation schemes (SGS):
//   serial   - items in a precedence-feasible priority list; each goes, for each candidate, to the
//              earliest gap of the candidate's timeline that fits it after its precedence bounds;
//              the candidate with the earliest finish wins (then earliest start, then list order of
//              candidates).
//   parallel - items become eligible when their predecessors are scheduled; the eligible item that
//              can start earliest goes next, ties by priority (a non-delay schedule).
// Priority: the item's `priority` (higher first) always comes first; started work comes before
// everything; then the rule on the deadline-aware late dates: a backward pass from the project end
// and from every due slot (milestone deadlines, finish_no_later_than), so that the work that feeds
// an early deadline comes before the work that feeds a late one or none (LatestFinish = that late
// finish, smaller first, etc.). The parallel scheme takes the eligible item of highest priority
// first, then the one that can start earliest.
// Improvement: every rule with the serial SGS, two with the parallel one, then forward-backward
// improvement (right-justify every item against the project end keeping its people, then
// left-justify in that order) while it helps, then randomized priority sampling (late finish
// plus seeded noise) each followed by forward-backward improvement, until `schedules` SGS passes
// or the time budget are spent. The best schedule has the least weighted tardiness (each due
// group: its weight times the slots its last node finishes after its due slot), then the earliest
// end, then the earliest milestones (weighted sum of the due groups' finishes: every milestone as
// early as it can be, not only the late ones), then the smallest sum of finishes. Same graph,
// options and seed: same schedule (unless a time budget cuts the loop).
//
// Two modes replace the search with one serial pass:
//   fixed_keys (TaskJuggler's order, tj_order.h): the list ordered by (priority, key, node); an
//              effort item with one seat is booked slot by slot into its person's free working
//              slots from its start, as tj3 does: split around work booked before it
//              (LeveledSchedule::segments);
//   keep_start (keep a previous schedule's order): the list ordered by the previous start, each
//              seat on its previous person, and nobody's work placed before the end of the work
//              listed before it for the same person (no back-filling). Each item then starts at
//              the latest of its precedence bounds and its person's previous item: more work on an
//              item never moves any item earlier, and adding d slots of work to one item moves
//              nothing later by more than d slots of working time (plus calendar rounding). Items
//              new since the previous schedule come after the kept ones. An ALAP item that was
//              placed before is placed forward, no earlier than its previous start (as late as
//              it was), in the list with the others; a new one backward as in a search.
//
// Thread-safe on distinct arguments; the work of one call is single-threaded unless
// LevelOptions::threads > 1 (results do not depend on it).
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "schedule/cpm.h"
#include "schedule/task_graph.h"

namespace cairn::schedule {

enum class PriorityRule {
  kLatestFinish,    // CPM late finish, earliest first (LFT)
  kLatestStart,     // CPM late start, earliest first (LST)
  kMinSlack,        // CPM total slack, least first (MSLK)
  kMostSuccessors,  // direct successors, most first
  kLongestWork,     // most work first
  kShortestWork,    // least work first (SPT)
  kFileOrder,       // the plan's order
};
const char* to_string(PriorityRule r);

// LevelOptions::keep_person: the seat stays empty (its people did no work on the item before).
inline constexpr uint32_t kEmptySeat = kNoNode - 1;

struct LevelOptions {
  int schedules = 64;  // SGS passes at most (>= 1). Default 64.
  // More passes, in all, while the best schedule misses a deadline (more than `schedules` to
  // count): the deadline phase (moves along late chains, bred samples) goes on until none is
  // late, the search stalls, or these are spent. Default 0: none more; with a deadline missed
  // after half of the samples, the other half of `schedules` goes to that phase instead.
  int deadline_schedules = 0;
  double time_budget_seconds = 0;  // wall-clock limit; 0 = none (default)
  uint64_t seed = 1;               // seed of the sampling noise. Default 1.
  int threads = 1;                 // worker threads for the sampling phase. Default 1.
  // Per node a list key (smaller first after priority): one serial pass in that order, no search
  // (TaskJuggler's order). Default empty: search.
  std::vector<double> fixed_keys;
  // TaskJuggler order: the program's end (Program::end, a .tjp project's end). A `persistent` seat
  // does not lock a person who could not finish the work before it (tj3's scoreboard ends there:
  // the person is gone for the rest of the project). Default kNever.
  Slot project_end = kNever;
  // TaskJuggler order: arcs (predecessor node, successor node) whose successor, an open leaf with
  // people, is placed backward from the date the arc gives (its latest finish) when it fits there
  // after its other predecessors; else forward as the arc says (the program's `alap`
  // dependencies, Dependency::alap). An arc from a forward item's start dates from when that item
  // became ready, and its successor may be listed as soon as that item's predecessors are
  // (tj3 takes it up then). Default empty.
  std::vector<std::pair<uint32_t, uint32_t>> anchors;
  // Keep a previous order: per node the slot it started in the previous schedule (kNever: new
  // since), and per seat the person it had (kNoNode: free choice; must be one of the seat's
  // candidates; kEmptySeat: nobody, the seat's people did not work on it). Default empty: search.
  std::vector<Slot> keep_start;
  std::vector<uint32_t> keep_person;
  // Per node the slot it is listed at, when later than keep_start: the latest start of its
  // seats' people in the previous schedule (one who joined later did other work first, which
  // is listed before it). kNever or empty: keep_start.
  std::vector<Slot> keep_listed;
  // Per node the slot it finished in the previous schedule (ties of keep_start go by it: a
  // person's shorter item first). Same size as keep_start, or empty.
  std::vector<Slot> keep_finish;
};

// Nodes that should finish by a slot: a milestone's leaves by its deadline, an item by its
// finish_no_later_than. Tardiness counts the group's last finish; `weight` scales it.
struct DueGroup {
  Slot due = kNever;
  double weight = 1;
  std::vector<uint32_t> nodes;
};

// One leveled schedule: per node dates and timing, per seat the person chosen.
struct LeveledSchedule {
  std::vector<Slot> start, finish;    // per node; start = actual start for started work
  std::vector<Slot> work_start;       // per node: when its (remaining) work begins
  std::vector<int32_t> work;          // per node: working slots on the chosen person (first seat)
  std::vector<uint16_t> calendar;     // per node: the chosen person's calendar (first seat)
  std::vector<uint32_t> seat_person;  // per seat: the chosen person, or kNoNode
  // Per seat: when its person starts on the node (they work until its finish; several seats
  // sharing effort join when they are free). Empty: work_start.
  std::vector<Slot> seat_start;
  // TaskJuggler order only: the booked stretches [from, to) of seats whose work is split slot by
  // slot around earlier work (see LevelOptions::fixed_keys), and of the seats of length and
  // duration items, which book the free slots of their span; such a seat works only in its
  // segments, in order. Empty for every other seat and mode.
  struct Segment {
    uint32_t seat;
    Slot from, to;
    uint32_t person = kNoNode;  // who works the stretch; kNoNode: the seat's person
  };
  std::vector<Segment> segments;
  // TaskJuggler order only: the anchor arcs (LevelOptions::anchors) whose successor was booked
  // backward from them; it may end before the date the arc gives, so passes over the schedule
  // (slack, the forecast's network) leave these arcs out and hold the node at its start instead.
  // A pair (n, n): node n was placed back from its own finish bound (TaskGraph::bound_alap),
  // later than its predecessors ask; it is held at its start the same way.
  std::vector<std::pair<uint32_t, uint32_t>> backward_anchors;
  Slot end = 0;           // the latest finish of an item
  double tardiness = 0;   // sum over due groups of weight x slots its last node is late
  double due_finish = 0;  // sum over due groups of weight x its last finish (slots from the start)
  int64_t sum_finish = 0;
  std::string method;  // how it was made ("serial/latest-finish+fbi", ...)
};

struct LevelStats {
  int schedules_used = 0;
  int improvements = 0;  // times the best schedule got better after the first
};

class Leveler {
 public:
  // `due`: what should finish by when (milestone deadlines, item finish bounds); may be empty.
  Leveler(const TaskGraph& g, const CpmResult& cpm, std::vector<DueGroup> due = {});
  ~Leveler();

  LeveledSchedule level(const LevelOptions& options, LevelStats* stats = nullptr);

  // The building blocks, exposed for tests and benchmarks.
  std::vector<uint32_t> priority_list(PriorityRule rule) const;
  // The deadline-aware late finish per node that the rules order by (the CPM late finish when
  // nothing is due).
  const std::vector<Slot>& late_finish() const;
  void serial(std::span<const uint32_t> order, LeveledSchedule& out);
  void parallel(PriorityRule rule, LeveledSchedule& out);
  // Right-justifies `in` against its end keeping each seat's person; false when that would move
  // work before its release. Then left-justifies in that order into `out`.
  bool forward_backward(const LeveledSchedule& in, LeveledSchedule& out);

 private:
  struct Impl;
  Impl* impl_;
};

// Whether a leveled schedule keeps every precedence bound and books nobody twice; `why` says
// what is broken. For tests.
bool is_feasible(const TaskGraph& g, const LeveledSchedule& s, std::string* why = nullptr);

// Calls fn(node, seat, person, from, to) for every stretch [from, to) a person works on open or
// started work in s: a split seat's segments, else [seat start, finish). Done work is skipped.
void for_each_booked(const TaskGraph& g, const LeveledSchedule& s,
                     const std::function<void(uint32_t, uint32_t, uint32_t, Slot, Slot)>& fn);

// When seat k of node n starts in s (LeveledSchedule::seat_start, else the node's work start).
inline Slot seat_work_start(const LeveledSchedule& s, uint32_t n, uint32_t k) {
  return k < s.seat_start.size() ? s.seat_start[k] : s.work_start[n];
}

}  // namespace cairn::schedule
