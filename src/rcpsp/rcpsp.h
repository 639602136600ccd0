// The single-mode resource-constrained project scheduling problem (RCPSP) and a heuristic solver.
//
// An RcpspInstance is a set of jobs with integer durations (time units, e.g. working days or
// PSPLIB periods), finish-to-start precedence without lag, and renewable resources with a constant
// integer capacity per time unit. A schedule gives every job an integer start time >= 0 such that
// each job starts after all its predecessors finish and, in every unit period, the jobs running
// need no more of any resource than its capacity. The solver minimizes the makespan (the latest
// finish).
//
// solve_rcpsp is a bi-population hybrid genetic algorithm: activity lists of left- and
// right-justified schedules decoded by the forward and backward schedule generation schemes
// (SGS; serial, or parallel for part of the first passes), every child justified from the other
// end by the serial SGS (forward-backward improvement), a regret-based biased random sampling
// initial population, two-point, peak and random-key crossover, and restarts that keep the best
// schedules (details in rcpsp/ga.h). Measured figures on PSPLIB: bench/psplib.md.
//
// Pure functions, no I/O. Deterministic: the same instance, options and seed give the same
// starts, whatever the machine load or thread count. Thread-safe on distinct arguments (the solver
// keeps its state on the stack of the call).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/error.h"

namespace cairn::rcpsp {

struct RcpspInstance {
  int jobs = 0;                              // number of jobs, indexed 0..jobs-1
  std::vector<int> duration;                 // per job, >= 0 time units
  int resources = 0;                         // number of renewable resources
  std::vector<int> capacity;                 // per resource, units per period, >= 0
  std::vector<int> demand;                   // jobs*resources, row-major: demand[j*resources+r]
  std::vector<std::vector<int>> successors;  // per job, the jobs that start after it finishes
};

struct RcpspOptions {
  // How many schedules the search may generate; one schedule is one pass of the schedule
  // generation scheme, forward or backward (a double justification counts as 2). Default 5000.
  int schedules = 5000;
  // Wall-clock limit in seconds; 0 means none (default). A limit makes results depend on the
  // machine's speed; leave it 0 where determinism matters.
  double time_budget_seconds = 0;
  // Seed of the solver's own pseudo-random generator. Default 1.
  uint64_t seed = 1;
  // Stop as soon as a schedule meets the lower bound (then it is optimal). Default true.
  bool stop_at_lower_bound = true;
};

struct RcpspSolution {
  std::vector<int> start;       // per job, the start time
  int makespan = 0;             // latest finish
  int schedules_used = 0;       // SGS passes spent (<= options.schedules, at least 1)
  int critical_path_bound = 0;  // longest path by durations: a lower bound ignoring resources
  int lower_bound = 0;          // max of the critical-path and resource-energy bounds
};

// Checks the instance: sizes agree, durations, capacities and demands are >= 0, no job needs
// more of a resource than its capacity, successors are valid job indices and the precedence graph
// has no cycle. Error codes: `invalid-rcpsp`, `rcpsp-cycle`, `rcpsp-demand-exceeds-capacity`.
Result<void> validate_rcpsp(const RcpspInstance& instance);

// Solves (heuristically) the instance; validates it first. Error `rcpsp-too-large` when the sum
// of durations times the number of resources exceeds 64 million (the time-indexed profile).
Result<RcpspSolution> solve_rcpsp(const RcpspInstance& instance, const RcpspOptions& options = {});

// The longest path through the precedence graph weighted by durations (0 for no jobs). The
// instance must be valid (see validate_rcpsp); a cycle gives -1.
int critical_path_length(const RcpspInstance& instance);

// Whether `start` is a feasible schedule of the instance; on failure, `why` (if given) says which
// precedence or capacity constraint is broken.
bool is_feasible_rcpsp(const RcpspInstance& instance, const std::vector<int>& start,
                       std::string* why = nullptr);

}  // namespace cairn::rcpsp
