// Critical path method on a TaskGraph: forward pass (early dates), backward pass (late dates),
// total and free slack, for all four dependency types with lags, per-node calendars, release dates
// (status date, start_no_earlier_than) and the fixed dates of started and done work.
//
// Semantics, per node with w working slots in calendar C:
//   early start ES = the first working slot of C at or after max(release, every start bound), and
//   late enough that the finish meets every finish bound; early finish EF = end of the w-th
//   working slot from ES. Zero-work nodes (milestones, epic gates) are not snapped to working time.
//   A started node keeps its actual start and does its remaining work from the status date; a
//   done node keeps its actual dates. Bounds from an arc p -> s with lag L:
//   FS: s.start >= p.finish + L, SS: s.start >= p.start + L, FF: s.finish >= p.finish + L,
//   SF: s.finish >= p.start + L. Lags count working slots of the program calendar (or calendar
//   slots for calendar-day lags).
//   The backward pass mirrors it from the project end (the latest early finish).
//   Slack is measured in working slots of the program calendar (calendar-time nodes: elapsed
//   slots scaled to working-day equivalents): total slack = LS - ES (LF - EF for started work, 0
//   for done work); free slack = how far a node can slip before it moves any successor's early
//   date or the project end. A node is critical when it cannot move at all: LS <= ES (LF <= EF
//   for started work); done work is never critical.
//
// Pure functions; thread-safe on distinct outputs. O(nodes + arcs) calendar queries.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/error.h"
#include "model/program.h"
#include "schedule/task_graph.h"

namespace cairn::schedule {

struct CpmResult {
  std::vector<Slot> start, finish;  // early dates per node (start = actual start for started work)
  std::vector<Slot> late_start, late_finish;  // late dates per node
  std::vector<int32_t> total_slack;           // program working slots per node
  std::vector<int32_t> free_slack;            // program working slots per node
  std::vector<char> critical;                 // per node: it cannot move (late == early)
  Slot end = 0;                               // the latest early finish (the project end)
};

// Early start/finish bounds of node n from its predecessors' dates.
struct EarlyBounds {
  Slot es;  // start >= es
  Slot ef;  // finish >= ef
};
// The bound predecessor arc a (an index into pred_node) gives its successor: its predecessor's
// start or finish, lagged.
inline Slot pred_arc_bound(const TaskGraph& g, uint32_t a, const Slot* start, const Slot* finish) {
  const uint8_t f = g.pred_flags[a];
  const uint32_t p = g.pred_node[a];
  return g.lagged(arc_from_finish(f) ? finish[p] : start[p], f, g.pred_lag[a]);
}
// `given` (optional, per predecessor arc): a bound to take instead of the predecessor's dates
// (kNever: from them), for a predecessor not placed yet (the kept order's early links).
inline EarlyBounds early_bounds(const TaskGraph& g, uint32_t n, const Slot* start,
                                const Slot* finish, const Slot* given = nullptr) {
  EarlyBounds b{g.release[n], -kNever};
  for (uint32_t a = g.pred_begin[n]; a < g.pred_begin[n + 1]; ++a) {
    uint8_t f = g.pred_flags[a];
    Slot t = given && given[a] < kNever ? given[a] : pred_arc_bound(g, a, start, finish);
    if (arc_to_start(f)) {
      if (t > b.es) b.es = t;
    } else if (t > b.ef) {
      b.ef = t;
    }
  }
  return b;
}
// The earliest start of w working slots in cal that meets the bounds (no resources).
inline Slot earliest_start(const SlotCalendar& cal, int64_t w, EarlyBounds b) {
  if (w == 0) return b.es > b.ef ? b.es : b.ef;
  Slot s = b.ef > -kNever ? std::max(b.es, cal.start_for_finish_at_least(b.ef, w)) : b.es;
  return cal.start_at_or_after(s);
}

// "The fastest person" of a seat: the candidate who would finish the node first from the bounds
// (each in their own calendar, leave, shifts and limits, at their rate: TaskGraph::cand_work,
// cand_calendar), ties to the first listed. The one rule for the critical path's planned
// performer (bounds: the node's release) and the dates with unlimited people (bounds: the
// predecessors' dates). `cand` is kNoNode when no candidate has working time.
struct FastestCandidate {
  uint32_t cand = kNoNode;  // candidate entry (index into cand_person)
  Slot start = kNever, finish = kNever;
};
FastestCandidate fastest_candidate(const TaskGraph& g, uint32_t seat, EarlyBounds b);

// Late start/finish bounds of node n from its successors' late dates, its finish bound and the
// end.
struct LateBounds {
  Slot ls;  // start <= ls
  Slot lf;  // finish <= lf
};
inline LateBounds late_bounds(const TaskGraph& g, uint32_t n, const Slot* late_start,
                              const Slot* late_finish, Slot end) {
  LateBounds b{kNever, std::min(end, g.finish_bound[n])};
  for (uint32_t a = g.succ_begin[n]; a < g.succ_begin[n + 1]; ++a) {
    uint32_t s = g.succ_node[a];
    uint8_t f = g.succ_flags[a];
    Slot t = g.unlagged(arc_to_start(f) ? late_start[s] : late_finish[s], f, g.succ_lag[a]);
    if (arc_from_finish(f)) {
      if (t < b.lf) b.lf = t;
    } else if (t < b.ls) {
      b.ls = t;
    }
  }
  return b;
}
// The latest finish of w working slots in cal that meets the bounds (no resources).
inline Slot latest_finish(const SlotCalendar& cal, int64_t w, LateBounds b) {
  if (w == 0) return b.ls < b.lf ? b.ls : b.lf;
  Slot f = b.lf;
  if (b.ls < kNever) f = std::min(f, cal.finish_after(cal.start_at_or_before(b.ls), w));
  return cal.finish_at_or_before(f);
}

// Forward pass with the given work and calendar per node (e.g. the graph's planned ones, or a
// Monte Carlo trial's). Fills start and finish (size nodes()).
void forward_pass(const TaskGraph& g, std::span<const int32_t> work,
                  std::span<const uint16_t> calendar, std::span<Slot> start,
                  std::span<Slot> finish);
// Places the backward (ALAP) nodes of g as late as their successors and finish bounds allow (a
// backward node without a finish bound and without successors ends at the latest finish of the
// forward nodes), but no earlier than their predecessors and release allow. `start` and `finish`
// hold a forward pass on entry; only backward nodes change.
void alap_pass(const TaskGraph& g, std::span<const int32_t> work,
               std::span<const uint16_t> calendar, std::span<Slot> start, std::span<Slot> finish);
// The latest finish over all nodes (program_start when there are none).
Slot latest_finish_of(const TaskGraph& g, std::span<const Slot> finish);
// Backward pass from `end` given the early dates. Fills late_start and late_finish.
void backward_pass(const TaskGraph& g, std::span<const int32_t> work,
                   std::span<const uint16_t> calendar, std::span<const Slot> start,
                   std::span<const Slot> finish, Slot end, std::span<Slot> late_start,
                   std::span<Slot> late_finish);
// Total and free slack and the critical flags of `times` (whose dates are filled), with the given
// calendar per node (see the header comment).
void compute_slack(const TaskGraph& g, std::span<const uint16_t> calendar, CpmResult& times);

// Whether every start and finish of a schedule (per node, as a pass filled them) lies at or before
// the axis' horizon (TimeAxis::horizon): a date beyond it would be shown wrong or wrap, so callers
// stop instead of printing it. kNever (work that can never be done) is not this check's concern.
// Error `schedule-beyond-horizon` naming the first item in node order, its date and the fix.
Result<void> check_horizon(const TaskGraph& g, const Program& program, std::span<const Slot> start,
                           std::span<const Slot> finish);
// The error check_horizon returns for item `key` on `axis`.
std::unexpected<Error> beyond_horizon(const TimeAxis& axis, const std::string& key);
// The whole critical path analysis with the graph's planned work.
CpmResult critical_path(const TaskGraph& g);

}  // namespace cairn::schedule
