#include "cli/keep_order.h"

#include <iostream>

#include "cli/output.h"
#include "io/schedule_json.h"
#include "report/check.h"

namespace cairn::cli {

CLI::Option* add_keep_order_option(CLI::App* cmd, std::string& source) {
  return cmd->add_option(
      "--keep-order", source,
      "Keep the order people work in from a previous schedule: `baseline` (the "
      "plan's baseline dates) or the JSON of an earlier `cairn schedule --format "
      "json`; more work then never makes anything earlier (default: search anew for plan "
      "files; a stored program keeps its newest baseline's order)");
}

bool keep_order(const std::string& source, const Program& p,
                std::vector<schedule::PreviousPlacement>& out, std::string& from, int& exit_code) {
  out.clear();
  from.clear();
  if (source.empty()) return true;
  if (source == "baseline") {
    out = schedule::baseline_placements(p);
    bool any = false;
    for (const auto& x : out)
      any = any || x.start.has_value();
    if (!any)
      return fail_usage("--keep-order baseline: no item of the plan has a baseline_start",
                        exit_code,
                        "set baselines (e.g. import an MS Project file with a baseline) or give "
                        "a previous schedule's JSON");
    from = "the plan's baseline dates";
    return true;
  }
  Diagnostics diags;
  auto prev = io::read_previous_schedule(source, p, diags);
  report::diagnostics_table(diags, std::cerr);
  if (!prev) return fail(prev.error(), exit_code);
  out = std::move(*prev);
  from = source;
  return true;
}

}  // namespace cairn::cli
