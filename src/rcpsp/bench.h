// `cairn bench psplib`: solves every PSPLIB `.sm` file of each directory (a set, e.g. j30) and
// compares the makespans with the reference tables (best known / optimal makespans, critical-path
// bounds): Cairn's `reference.csv` or the PSPLIB site's `j30opt.sm`, `j60hrs.sm`, `j60lb.sm`, ...
// (see rcpsp/psplib.h), merged per instance when several are given. A table without a cpm_lb
// column (the PSPLIB files) is completed with the critical-path bound computed from each instance.
//
// Instances run in parallel across threads; each instance's result depends only on the file, the
// budget and the seed, never on the thread count. Reads files (an edge of the satellite); the CLI
// only registers the command (cli/bench_psplib.cc).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace cairn::rcpsp {

struct BenchOptions {
  std::vector<std::string> dirs;        // directories of .sm files, one set each
  std::vector<std::string> references;  // none (default): <dir>/../reference/reference.csv if any
  int schedules = 5000;                 // schedule budget per instance; default 5000
  uint64_t seed = 1;                    // solver seed; default 1
  std::string format = "table";         // "table" (default) or "json"
  int threads = 0;                      // worker threads; default 0: hardware concurrency
};

// Runs the benchmark, printing the result to `out` and problems to `err`. Returns the exit code:
// 0 fine, 1 an instance could not be read or solved, 2 bad options or an unreadable directory or
// reference table.
int run_psplib_bench(const BenchOptions& options, std::ostream& out, std::ostream& err);

}  // namespace cairn::rcpsp
