// The RCPSP search (internal to the solver): a steady-state hybrid genetic algorithm over activity
// lists.
//
// - Every individual is a schedule improved by double justification (forward-backward
//   improvement), stored as the list of its jobs by start time.
// - Initial population: regret-based biased random sampling with the LFT, LST and greatest
//   resource work rules.
// - Children: two-point list crossover (Hartmann 1998), peak crossover (Valls et al. 2008) or a
//   random-key crossover of start times (Debels and Vanhoucke 2007), then a shift mutation; a
//   child identical to a parent is mutated again.
// - A child whose forward schedule was generated before is not justified again (its result is
//   known): it costs its one pass only.
// - Steady state: a new child replaces the worst individual (by makespan, then by the sum of
//   finish times) unless it duplicates one; after a long spell without a better makespan the
//   population is sampled afresh around the best individual.
//
// Counts every SGS pass against the schedule budget. Not thread-safe: one Search per call.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "schedule/rcpsp.h"
#include "schedule/rcpsp_model.h"
#include "schedule/rcpsp_rng.h"
#include "schedule/rcpsp_sgs.h"

namespace cairn::schedule::rcpsp_internal {

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
    uint64_t hash = 0;  // of the start times
    int64_t fit = 0;    // makespan, then sum of finish times: smaller is better
  };

  bool affordable(int cost);
  // Decodes `list` (forward pass, then double justification while it helps) into `start`;
  // rewrites `list` as the jobs by final start. Sets seen_before_ when the forward schedule was
  // generated before (then it is not justified again). Returns the makespan.
  int evaluate(int* list, int* start);
  void consider(const int* start, int makespan);
  uint64_t hash_of(const int* start) const;
  int64_t fitness(const int* start, int makespan) const;
  bool remember_forward(const int* start);  // false if seen before

  void sample_list(int rule, int* list);  // regret-based biased random sampling
  void init_population();
  void crossover_two_point(const int* mother, const int* father, int* child);
  void crossover_peak(int mother, const int* father, int* child);
  void crossover_keys(int mother, int father, int* child);
  void mutate(int* list);
  int select_parent();
  bool is_duplicate(int makespan, uint64_t hash) const;
  bool insert_child(const int* list, const int* start, int makespan);
  void restart_population();

  int* list_of(int i) { return pop_list_.data() + static_cast<size_t>(i) * m_.n; }
  int* start_of(int i) { return pop_start_.data() + static_cast<size_t>(i) * m_.n; }

  const Model& m_;
  RcpspOptions options_;
  Sgs sgs_;
  Rng rng_;
  std::chrono::steady_clock::time_point began_;
  int used_ = 0;
  int clock_checks_ = 0;
  bool stop_ = false;

  int pop_size_ = 0;
  std::vector<int> pop_list_;   // pop_size_ * n
  std::vector<int> pop_start_;  // pop_size_ * n
  std::vector<Slot> pop_;

  int best_makespan_ = 0;
  std::vector<int> best_start_;

  // Forward schedules generated so far (hashes; open addressing, filled at most half).
  std::vector<uint64_t> seen_;
  size_t seen_count_ = 0;
  bool seen_before_ = false;

  // Scratch, sized once.
  std::vector<int> child_list_, child_start_;
  std::vector<int> pos_, mark_, eligible_, npred_;
  std::vector<double> weight_;
  std::vector<int> profile_;  // load per period for the peak crossover
  int mark_stamp_ = 0;
};

}  // namespace cairn::schedule::rcpsp_internal
