// The RCPSP in solver form (internal to the RCPSP solver): jobs renumbered in a topological order
// so that every predecessor has a smaller index than its successors, adjacency in compressed
// (CSR) arrays both ways, demands as flat arrays, and the critical-path data the priority rules
// and the bounds need. Times are in the instance's time units. Immutable after build_model;
// thread-safe to share for reading.
#pragma once

#include <cstdint>
#include <vector>

#include "base/error.h"
#include "rcpsp/rcpsp.h"

namespace cairn::rcpsp::detail {

struct Model {
  int n = 0;  // jobs
  int r = 0;  // resources
  std::vector<int> dur;
  std::vector<int> cap;
  std::vector<int> dem;             // n*r, row-major
  std::vector<int> pred_off, pred;  // CSR: pred[pred_off[j] .. pred_off[j+1])
  std::vector<int> succ_off, succ;  // CSR: succ[succ_off[j] .. succ_off[j+1])
  // Per job, the resources it needs: res_idx[k] and the largest usage already on the profile that
  // still leaves room for it, res_lim[k] = cap - demand, for k in res_off[j] .. res_off[j+1].
  std::vector<int> res_off, res_idx, res_lim;
  std::vector<int> original;        // internal index -> instance index
  std::vector<int> internal;        // instance index -> internal index
  std::vector<int> es, ef, ls, lf;  // critical-path times, latest ones against `cp`
  std::vector<int> work;            // per job: duration * sum of demands (for the GRPW-like rules)
  int cp = 0;                       // critical-path length
  int horizon = 0;                  // sum of durations: no serial-SGS schedule ends later
  int lower_bound = 0;              // max(cp, resource-energy bound)
};

// Builds the solver form of a valid instance (see validate_rcpsp).
Model build_model(const RcpspInstance& instance);

// Topological order of the instance's jobs, or an empty vector plus the jobs on a cycle.
std::vector<int> topological_order(const RcpspInstance& instance, std::vector<int>* cycle);

}  // namespace cairn::rcpsp::detail
