// Readers of the PSPLIB single-mode RCPSP format (`.sm`, Kolisch and Sprecher 1996) and of the
// reference tables of best known makespans: Cairn's `reference.csv` (bench data) and the PSPLIB
// site's solution files (`j30opt.sm`, `j60hrs.sm`, `j60lb.sm`, ...).
//
// A `.sm` file lists its jobs (supersource and supersink included) with their successors, their
// durations and their demands of renewable resources, and the resource capacities. Job number k
// in the file is job k-1 of the RcpspInstance; times are PSPLIB periods. Only single-mode files
// with renewable resources only are accepted. Errors name file:line:column (`invalid-psplib`,
// `unreadable-file`). Thread-safe on distinct arguments.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "rcpsp/rcpsp.h"

namespace cairn::rcpsp {

// Reads a `.sm` file.
Result<RcpspInstance> read_psplib(const std::string& path);
// Parses `.sm` text; `name` labels locations in errors.
Result<RcpspInstance> parse_psplib(std::string_view text, const std::string& name);

// One row of a reference table: one instance's bounds on the optimal makespan, in PSPLIB periods.
struct PsplibReference {
  std::string set;            // e.g. "j30"
  std::string instance;       // file name without `.sm`, e.g. "j301_1"
  int jobs = 0;               // non-dummy jobs; 0 when the table does not say (PSPLIB files)
  std::optional<int> cpm_lb;  // critical-path lower bound; none in the PSPLIB files
  int best_ub = 0;            // best known makespan (the optimum when proven_optimal)
  int best_lb = 0;            // best known lower bound; 0 when the table gives none
  bool proven_optimal = false;
  Location where;  // the row it was read from (file:line), for messages
};

// Reads a reference table in any of these formats, told apart by the content:
//  - Cairn's CSV `set,instance,jobs,cpm_lb,best_ub,best_lb,proven_optimal` (columns found by name
//    in the first line; `instance`, `cpm_lb` and `best_ub` required; extra columns ignored);
//  - a PSPLIB optimum file (`j30opt.sm`: a `Paramter Instance Makespan CPU-Time` table): proven
//    optima, best_lb = best_ub = Makespan;
//  - a PSPLIB heuristic solution file (`j60hrs.sm`, `j90hrs.sm`, `j120hrs.sm`: a
//    `Par Inst Makespan Date Author` table): best known upper bounds, no lower bound;
//  - a PSPLIB bounds file (`j60lb.sm`, `j120lb.sm`: a `Par Inst UB LB Author` table, a `*` after
//    LB marking LB = UB): both bounds, proven_optimal when marked or LB = UB.
// A PSPLIB table starts at its header line (first two fields `Par...` and `Inst...`, any case,
// separated by spaces or tabs); the free text before it is skipped, `=`/`-` rules are skipped and
// a `=` rule after the rows ends the table. A Makespan table lists optima when the header has a
// CPU-Time column, upper bounds when it has a Date or Author column (or the file starts with
// `solutionlist`); otherwise the file name decides (`...opt...` or `...hrs...`). Row (parameter
// p, instance i) of set s is instance `s` `p` `_` `i` (`j30`, 1, 2 -> `j301_2`). The set is the
// value of an `Instance Set : j30` line, else the file name's leading letters and digits, lower
// case (`j60hrs.sm` -> `j60`), else the file named on the `solutionlist` line. Errors
// (`invalid-psplib-reference`, `unreadable-file`) name file:line:column and say how to fix it.
Result<std::vector<PsplibReference>> read_psplib_reference(const std::string& path);
// Same from text; `name` labels locations and, as a path, may give the set name.
Result<std::vector<PsplibReference>> parse_psplib_reference(std::string_view text,
                                                            const std::string& name);

// Merges the rows of several tables (e.g. `j60hrs.sm` then `j60lb.sm`) into one row per instance,
// in the order instances first appear: best_ub the smallest upper bound, best_lb the largest lower
// bound (a proven optimum counts as one), cpm_lb the largest given, proven_optimal when a row says
// so or best_lb == best_ub; set, jobs and where from the first row that has them. A lower bound
// above an upper bound of the same instance is an error (`psplib-reference-conflict`) naming both
// rows. Pure; thread-safe.
Result<std::vector<PsplibReference>> merge_psplib_references(
    const std::vector<PsplibReference>& rows);

}  // namespace cairn::rcpsp
