#include "cli/schedule_sm.h"

#include <filesystem>
#include <iostream>

#include "cli/output.h"
#include "rcpsp/psplib.h"
#include "rcpsp/rcpsp.h"
#include "report/psplib.h"

namespace cairn::cli {

int schedule_psplib_file(const std::string& path, int schedules, uint64_t seed,
                         const std::string& format, std::ostream& out) {
  int exit_code = 0;
  if (format != "table" && format != "json") {
    fail_usage("--format: '" + format + "' is not a format for a PSPLIB file", exit_code,
               "use table or json");
    return exit_code;
  }
  auto instance = rcpsp::read_psplib(path);
  if (!instance) {
    fail(instance.error(), exit_code);
    return exit_code;
  }
  rcpsp::RcpspOptions options;
  options.schedules = schedules;
  options.seed = seed;
  auto solution = rcpsp::solve_rcpsp(*instance, options);
  if (!solution) {
    fail(solution.error(), exit_code);
    return exit_code;
  }
  if (format == "json") {
    report::Header h;
    h.program_key = std::filesystem::path(path).stem().string();
    h.generated_at = generated_at();
    print(report::psplib_schedule_json(h, *instance, *solution), out);
  } else {
    report::psplib_schedule_table(*instance, *solution, out);
  }
  return 0;
}

}  // namespace cairn::cli
