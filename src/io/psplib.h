// Readers of the PSPLIB single-mode RCPSP format (`.sm`, Kolisch and Sprecher 1996) and of the
// reference table of best known makespans (bench data, `reference.csv`).
//
// A `.sm` file lists its jobs (supersource and supersink included) with their successors, their
// durations and their demands of renewable resources, and the resource capacities. Job number k
// in the file is job k-1 of the RcpspInstance; times are PSPLIB periods. Only single-mode files
// with renewable resources only are accepted. Errors name file:line:column (`invalid-psplib`,
// `unreadable-file`). Thread-safe on distinct arguments.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/error.h"
#include "schedule/rcpsp.h"

namespace cairn::io {

// Reads a `.sm` file.
Result<schedule::RcpspInstance> read_psplib(const std::string& path);
// Parses `.sm` text; `name` labels locations in errors.
Result<schedule::RcpspInstance> parse_psplib(std::string_view text, const std::string& name);

// One row of the reference table: `set,instance,jobs,cpm_lb,best_ub,best_lb,proven_optimal`
// (columns found by name in the header; extra columns are ignored).
struct PsplibReference {
  std::string set;       // e.g. "j30"
  std::string instance;  // file name without `.sm`, e.g. "j301_1"
  int jobs = 0;          // non-dummy jobs
  int cpm_lb = 0;        // critical-path lower bound
  int best_ub = 0;       // best known makespan (the optimum when proven_optimal)
  int best_lb = 0;       // best known lower bound
  bool proven_optimal = false;
};

Result<std::vector<PsplibReference>> read_psplib_reference(const std::string& path);
Result<std::vector<PsplibReference>> parse_psplib_reference(std::string_view text,
                                                            const std::string& name);

}  // namespace cairn::io
