#include "report/psplib.h"

#include <ostream>

#include <fmt/format.h>

namespace cairn::report {

Json psplib_schedule_json(const Header& h, const rcpsp::RcpspInstance& in,
                          const rcpsp::RcpspSolution& sol) {
  Json doc = document("psplib-schedule", h);
  doc["project_end"] = sol.makespan;
  doc["critical_path_bound"] = sol.critical_path_bound;
  doc["lower_bound"] = sol.lower_bound;
  doc["schedules_used"] = sol.schedules_used;
  Json items = Json::array();
  for (int j = 0; j < in.jobs; ++j)
    items.push_back({{"key", fmt::format("job {}", j + 1)},
                     {"start", sol.start[j]},
                     {"finish", sol.start[j] + in.duration[j]}});
  doc["items"] = std::move(items);
  return doc;
}

void psplib_schedule_table(const rcpsp::RcpspInstance& in, const rcpsp::RcpspSolution& sol,
                           std::ostream& out) {
  out << fmt::format("{:>6} {:>8} {:>8} {:>8}\n", "job", "start", "finish", "duration");
  for (int j = 0; j < in.jobs; ++j)
    out << fmt::format("{:>6} {:>8} {:>8} {:>8}\n", j + 1, sol.start[j],
                       sol.start[j] + in.duration[j], in.duration[j]);
  out << fmt::format("makespan {} (critical path {}, lower bound {}; {} schedules)\n", sol.makespan,
                     sol.critical_path_bound, sol.lower_bound, sol.schedules_used);
}

}  // namespace cairn::report
