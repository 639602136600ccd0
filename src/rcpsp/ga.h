// The RCPSP search (internal to the solver): a steady-state bi-population genetic algorithm over
// activity lists (after Debels and Vanhoucke's bi-population GA, 2005, and Valls, Ballestin and
// Quintanilla's hybrid GA, 2008).
//
// - Two populations: left-justified schedules (side 0, lists by start, decoded by the forward
//   serial SGS) and right-justified schedules (side 1, kept in mirrored time, where period t
//   counts back from the makespan; lists by mirrored start, decoded by the backward SGS). A
//   schedule is the same object read from either end, so every operator works on both sides.
// - A child of one side is decoded in that side's direction (one schedule; by the serial SGS, or
//   for 30 % of the children by the parallel one, whose non-delay schedules hand the reflection
//   schedules the serial mapping rarely reaches), then the jobs by decreasing finish (or
//   increasing start) are decoded in the other direction by the serial SGS (a second schedule):
//   the two halves of a double justification. The first result joins its parents' side, the
//   second the other side; while a reflection shortens the schedule it is reflected again (one
//   more schedule each, feeding alternate sides). A child whose first schedule was generated
//   before costs its one pass only and joins nothing. From 100 jobs, the jobs that finish (in
//   mirrored time, start) together enter the reflection's list in random order, not by index.
// - Initial population: regret-based biased random sampling with the LFT, LST and greatest
//   resource work rules, each sample filling both sides (its first pass, too, parallel 30 % of
//   the time).
// - Children: two-point list crossover (Hartmann 1998), peak crossover (Valls et al. 2008) or a
//   random-key crossover of start times (Debels and Vanhoucke 2007), then a shift mutation; a
//   child identical to a parent is mutated again.
// - Steady state: a child replaces the worst individual of its side (by makespan, then by the
//   load of the last period, then by the sum of finish times) unless it duplicates one (the same
//   makespan and the same starts or the same fitness); after a long spell without a better
//   makespan (400 children; 1,000 from 100 jobs) both sides are sampled afresh, keeping their
//   best. From 100 jobs, a child more than 5 % longer than the other side's worst individual is
//   not reflected.
// - From 100 jobs, the SGS of a child's first pass is a gene (Hartmann's self-adapting GA, 2002):
//   inherited from the mother, flipped in 5 % of the children, parallel in 70 % of the samples;
//   and in the second half of the budget the mother is one of the 6 best of her side.
//
// Counts every SGS pass against the schedule budget. Not thread-safe: one Search per call.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "base/random.h"
#include "rcpsp/model.h"
#include "rcpsp/rcpsp.h"
#include "rcpsp/sgs.h"

namespace cairn::rcpsp::detail {

class Search {
 public:
  Search(const Model& model, const RcpspOptions& options);

  // Runs until the budget is spent or a schedule meets the lower bound.
  void run();

  int best_makespan() const { return best_makespan_; }
  const std::vector<int>& best_start() const { return best_start_; }
  int schedules_used() const { return used_; }

 private:
  struct Slot {
    int makespan = 0;
    uint64_t hash = 0;     // of the start times
    int64_t fit = 0;       // makespan, last-period load, sum of finish times: smaller is better
    uint8_t parallel = 0;  // the SGS gene: 1 = the first pass of its children is parallel
  };
  // One population. Side 0: left-justified starts; side 1: right-justified starts in mirrored
  // time. Lists order the jobs by (mirrored) start.
  struct Side {
    std::vector<int> list;   // size * n
    std::vector<int> start;  // size * n
    std::vector<Slot> slot;
  };

  bool affordable(int cost);
  // Decodes a list of side `s` into side-`s` starts (one schedule, by the serial or the parallel
  // SGS), offers the schedule as the best, rewrites `list` as the jobs by start. Returns the
  // makespan.
  int decode(int s, int* list, int* start, bool parallel);
  // From a side-`s` schedule, builds and decodes the other side's list (one schedule) into
  // `list`/`start` of the other side. Returns the makespan.
  int reflect(int s, const int* start, int makespan, int* list, int* other_start);
  // The jobs by increasing `start` into `list` (a list of side `s`), ties in random order.
  void order_by_start_random_ties(int s, const int* start, int* list);
  // Decodes a child of side `s` and its reflection; offers both to their populations. `s_slot`
  // and `o_slot`, when >= 0, overwrite those individuals instead (initial population, restart).
  void breed(int s, int* list, int s_slot, int o_slot);
  void consider(const int* start, int makespan);  // normal-time starts
  uint64_t hash_of(int s, const int* start) const;
  int64_t fitness(const int* start, int makespan) const;
  bool remember(uint64_t hash);  // false if seen before

  void sample_list(int rule, int* list);  // regret-based biased random sampling (side 0)
  void init_population();
  void crossover_two_point(const int* mother, const int* father, int* child);
  void crossover_peak(int s, int mother, const int* father, int* child);
  void crossover_keys(int s, int mother, int father, int* child);
  void mutate(int s, int* list);
  int select_parent(int s);
  int select_elite(int s);  // a random one of the side's kElite best
  bool is_duplicate(int s, int makespan, uint64_t hash, int64_t fit) const;
  bool insert(int s, const int* list, const int* start, int makespan);
  void restart_population();

  int* list_of(int s, int i) { return side_[s].list.data() + static_cast<size_t>(i) * m_.n; }
  int* start_of(int s, int i) { return side_[s].start.data() + static_cast<size_t>(i) * m_.n; }

  const Model& m_;
  RcpspOptions options_;
  Sgs sgs_;
  Xoshiro256 rng_;
  std::chrono::steady_clock::time_point began_;
  int used_ = 0;
  int clock_checks_ = 0;
  bool stop_ = false;

  int pop_size_ = 0;
  int restart_after_ = 0;  // children without a better makespan before a restart
  Side side_[2];

  int best_makespan_ = 0;
  std::vector<int> best_start_;

  // Schedules generated so far (hashes; open addressing, filled at most half).
  std::vector<uint64_t> seen_;
  size_t seen_count_ = 0;

  // Scratch, sized once.
  std::vector<int> child_list_, child_start_, other_list_, other_start_, normal_;
  std::vector<int> pos_, mark_, eligible_, npred_;
  std::vector<double> weight_;
  std::vector<int> profile_;  // load per period for the peak crossover and the fitness
  std::vector<int> load_;     // per job: sum over resources of demand / capacity (x 256)
  int mark_stamp_ = 0;
  bool large_ = false;      // from kLargeJobs: self-adapting SGS, elite mothers late in the run,
                            // random ties in the reflections' lists
  uint8_t gene_ = 0;        // SGS gene of the individual being bred
  std::vector<int> rank_;   // scratch of select_elite
  std::vector<int> order_;  // scratch of order_by_start_random_ties
};

}  // namespace cairn::rcpsp::detail
