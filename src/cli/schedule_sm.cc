#include "cli/schedule_sm.h"

#include <filesystem>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "rcpsp/psplib.h"
#include "rcpsp/rcpsp.h"

namespace cairn::cli {

int schedule_psplib_file(const std::string& path, int schedules, uint64_t seed,
                         const std::string& format, std::ostream& out, std::ostream& err) {
  if (format != "table" && format != "json") {
    err << fmt::format("error: unknown format '{}' (expected table or json)\n", format);
    return 2;
  }
  auto instance = rcpsp::read_psplib(path);
  if (!instance) {
    err << "error: " << instance.error().to_string() << "\n";
    return 2;
  }
  rcpsp::RcpspOptions options;
  options.schedules = schedules;
  options.seed = seed;
  auto solution = rcpsp::solve_rcpsp(*instance, options);
  if (!solution) {
    err << "error: " << solution.error().to_string() << "\n";
    return 2;
  }
  const auto& in = *instance;
  const auto& sol = *solution;
  if (format == "json") {
    nlohmann::ordered_json doc;
    doc["instance"] = std::filesystem::path(path).stem().string();
    doc["project_end"] = sol.makespan;
    doc["critical_path_bound"] = sol.critical_path_bound;
    doc["lower_bound"] = sol.lower_bound;
    doc["schedules_used"] = sol.schedules_used;
    nlohmann::ordered_json items = nlohmann::ordered_json::array();
    for (int j = 0; j < in.jobs; ++j) {
      items.push_back({{"key", fmt::format("job {}", j + 1)},
                       {"start", sol.start[j]},
                       {"finish", sol.start[j] + in.duration[j]}});
    }
    doc["items"] = std::move(items);
    out << doc.dump(2) << "\n";
    return 0;
  }
  out << fmt::format("{:>6} {:>8} {:>8} {:>8}\n", "job", "start", "finish", "duration");
  for (int j = 0; j < in.jobs; ++j) {
    out << fmt::format("{:>6} {:>8} {:>8} {:>8}\n", j + 1, sol.start[j],
                       sol.start[j] + in.duration[j], in.duration[j]);
  }
  out << fmt::format("makespan {} (critical path {}, lower bound {}; {} schedules)\n", sol.makespan,
                     sol.critical_path_bound, sol.lower_bound, sol.schedules_used);
  return 0;
}

}  // namespace cairn::cli
