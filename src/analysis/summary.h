// The program at a glance: counts and totals a TPM reads first. Pure function of the model.
// Effort figures are working days (PERT means of three-point estimates).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/program.h"

namespace cairn::analysis {

struct TeamSummary {
  std::string key;
  std::string name;
  std::string method;
  size_t people = 0;
  double capacity = 0;  // full-time equivalents (sum of allocations / 100)
  size_t items = 0;
  size_t done = 0;
  size_t in_progress = 0;
  double remaining_effort = 0;  // working days of open estimated work (PERT mean or remaining)
  size_t unestimated_open = 0;  // open leaf items with neither estimate nor points
};

struct MilestoneSummary {
  std::string key;
  std::string name;
  std::optional<Date> deadline;
  size_t items = 0;  // leaf items
  size_t done = 0;
  size_t gates = 0;
};

struct ProgramSummary {
  std::string key;
  std::string name;
  Date start;
  size_t teams = 0, people = 0, items = 0, epics = 0, stories = 0, tasks = 0, bugs = 0;
  size_t todo = 0, in_progress = 0, done = 0;
  double total_effort = 0;      // working days, estimated leaf items
  double remaining_effort = 0;  // working days, open estimated leaf items
  size_t dependencies = 0, cross_team = 0, cross_team_open = 0;
  size_t risks_open = 0;
  double risk_exposure_days = 0;  // sum over open risks of probability x PERT impact
  size_t sprints = 0;
  std::optional<double> budget_total;
  std::string currency;
  std::optional<StatusUpdate> latest_status;
  std::vector<TeamSummary> team_rows;
  std::vector<MilestoneSummary> milestone_rows;
};

ProgramSummary summarize(const Program& program);

}  // namespace cairn::analysis
