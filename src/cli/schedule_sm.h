// Scheduling one PSPLIB single-mode file (`cairn schedule FILE.sm`): reads the instance, solves
// the RCPSP (rcpsp/rcpsp.h) and prints every job's start and finish and the makespan, in PSPLIB
// periods. Thread-safe on distinct streams.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace cairn::cli {

// Schedules the `.sm` file at `path` with a budget of `schedules` SGS passes and the given seed.
// `format` is "table" or "json": the `psplib-schedule` document of report/psplib.h (the header
// names the instance by its file stem as the program). Errors go to stderr (cli::fail). Returns
// the exit code: 0 fine, 2 unreadable or invalid input or options.
int schedule_psplib_file(const std::string& path, int schedules, uint64_t seed,
                         const std::string& format, std::ostream& out);

}  // namespace cairn::cli
