#include "rcpsp/rcpsp.h"

#include <fmt/format.h>

#include "rcpsp/ga.h"
#include "rcpsp/model.h"

namespace cairn::rcpsp {

Result<RcpspSolution> solve_rcpsp(const RcpspInstance& instance, const RcpspOptions& options) {
  if (auto ok = validate_rcpsp(instance); !ok) return std::unexpected(ok.error());
  int64_t horizon = 0;
  for (int d : instance.duration)
    horizon += d;
  if ((horizon + 2) * std::max(1, instance.resources) > (int64_t{64} << 20)) {
    return make_error("rcpsp-too-large",
                      fmt::format("sum of durations {} x {} resources is too large for the "
                                  "time-indexed resource profile",
                                  horizon, instance.resources),
                      {}, "express durations in coarser time units");
  }
  if (options.schedules < 1) {
    return make_error("invalid-rcpsp-options",
                      fmt::format("schedules must be at least 1, not {}", options.schedules));
  }
  const detail::Model model = detail::build_model(instance);
  detail::Search search(model, options);
  search.run();
  RcpspSolution out;
  out.start.assign(instance.jobs, 0);
  for (int i = 0; i < model.n; ++i)
    out.start[model.original[i]] = search.best_start()[i];
  out.makespan = search.best_makespan();
  out.schedules_used = search.schedules_used();
  out.critical_path_bound = model.cp;
  out.lower_bound = model.lower_bound;
  return out;
}

}  // namespace cairn::rcpsp
