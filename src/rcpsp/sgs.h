// Schedule generation schemes (SGS) for the RCPSP solver, serial and parallel, forward and
// backward, and the double justification (forward-backward improvement) of Valls, Ballestin and
// Quintanilla (2005).
//
// An activity list is a permutation of the jobs of a Model in which every job comes after its
// predecessors. The forward serial SGS takes the jobs in list order and starts each at the
// earliest time its predecessors are finished and the resources are free for its whole duration
// (an active schedule). The forward parallel SGS moves through time instead: at each decision
// time (0, then each finish) it starts, in list order, every job whose predecessors are finished
// and whose resources are free from then on (a non-delay schedule: no job waits while it could
// run). The two map a list to different schedules; the search uses both (Hartmann 2002 found
// the mix better than either alone on hard instances). The backward passes do the same on the
// reversed network (latest finish first).
//
// The profile is time-indexed (one row of `r` counters per period, up to the sum of durations), so
// a pass allocates nothing. Each object owns its buffers: one per thread; not thread-safe.
#pragma once

#include <vector>

#include "rcpsp/model.h"

namespace cairn::rcpsp::detail {

class Sgs {
 public:
  explicit Sgs(const Model& model);

  // Forward pass of a precedence-feasible list; writes the start of every job and returns the
  // makespan. One schedule.
  int forward(const int* list, int* start);

  // Backward pass: `list` must have every job after all its successors (e.g. a reversed activity
  // list). Writes the start of every job, right-justified so that the earliest start is 0, and
  // returns the makespan. One schedule.
  int backward(const int* list, int* start);

  // The parallel SGS, forward and backward, with the same lists and outputs as forward() and
  // backward(). One schedule each.
  int forward_parallel(const int* list, int* start);
  int backward_parallel(const int* list, int* start);

  // Double justification of a schedule: a backward pass over the jobs by decreasing finish, then a
  // forward pass by increasing start of the result. Overwrites `start` with the final
  // left-justified schedule, writes the jobs by increasing start into `list` (an activity list
  // that reproduces the schedule) and returns the makespan. Two schedules.
  int justify(int* start, int* list);

  // The jobs ordered by increasing start (ties: lower index first) into `list`.
  void order_by_start(const int* start, int* list);
  // The jobs ordered by increasing start, ties by higher index first, into `list`: for starts in
  // mirrored time (period t counted back from the makespan), a list for the backward pass.
  void order_by_start_desc_index(const int* start, int* list);
  // The jobs ordered by increasing start, ties in the order they have in `order` (a permutation
  // of the jobs), into `list`.
  void order_by_start_in(const int* start, const int* order, int* list);
  // The jobs ordered by decreasing finish (ties: higher index first) into `list`.
  void order_by_finish_desc(const int* start, int* list);

 private:
  template <bool kBackward>
  int pass(const int* list, int* t);
  template <bool kBackward>
  int parallel_pass(const int* list, int* t);
  // Starts in normal time from the reversed-time starts in rev_ of a backward pass; returns
  // `makespan`.
  int from_reversed(int makespan, int* start) const;
  // Empties the periods of the profile the last pass used.
  void clear_profile();
  // Whether job j fits the profile over [t, t + duration); puts it there.
  bool fits(int j, int t) const;
  void occupy(int j, int t);

  const Model& m_;
  std::vector<int> usage_;  // (horizon+1) * r: units in use per period and resource
  int used_periods_ = 0;    // periods of usage_ touched by the last pass
  std::vector<int> rev_;    // reversed-time starts of the backward pass
  std::vector<int> tmp_;    // a scratch list
  std::vector<int> count_;  // counting sort buckets, horizon + 2
  // Parallel SGS scratch: list position, unplaced predecessors and earliest start per job; the
  // waiting jobs by list position; jobs made eligible by the last scan; a min-heap of finishes.
  std::vector<int> pos_, npred_, est_, cand_, fresh_, finish_;
};

}  // namespace cairn::rcpsp::detail
