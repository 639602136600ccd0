// --keep-order for the commands that level (schedule, forecast): re-level after an edit keeping the
// order people work in, so that more work never makes anything earlier (schedule/leveling.h,
// keep-order mode). The source is `baseline` (the plan's baseline_start dates and assignees) or the
// JSON output of an earlier `cairn schedule --format json`.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "model/program.h"
#include "schedule/schedule.h"

namespace cairn::cli {

CLI::Option* add_keep_order_option(CLI::App* cmd, std::string& source);

// The previous placements `source` names (none when empty), and in `from` where they come from in
// words (ScheduleOptions::previous_source). Prints problems to stderr; false with exit code 2 when
// the source is unusable.
bool keep_order(const std::string& source, const Program& p,
                std::vector<schedule::PreviousPlacement>& out, std::string& from, int& exit_code);

}  // namespace cairn::cli
