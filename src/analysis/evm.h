// Earned value (PMI) and earned schedule (Lipke) of a program and of each team, at the status date
// and as a series over time (docs/formulas.md, "Earned value").
//
// Work packages are the leaf items with an estimate; an item's budget is its PERT mean effort
// (person-days) times its cost rate: its assignee's cost_per_day, else the mean rate of its team's
// members, else of everyone with a rate. Without any rate the unit is person-days. A program
// budget (`budget.total`) scales the program's figures to it; `budget.planned` (cumulated) is the
// program's planned value curve and `budget.actual` its actual cost, both linear within periods.
// Otherwise planned value spreads each item's budget linearly over its planned span (`planned`,
// from a baseline or the current schedule: the caller says which), and actual cost is the run
// rate of the staffing: each team member's rate × allocation × their working days since the
// program start (no timesheets). When the budget's actuals end before the status date, the
// program's figures are taken at their last period's end (the data date). Percent complete: 100 %
// once done; in progress at the status date 1 − remaining / estimate (no remaining: 50 %), earlier
// in the series 50 % (the 50/50 rule).
//
// Findings (Diagnostics, base/codes.h): `evm-behind-schedule` (warning: SPI below
// `spi_threshold`), `evm-over-budget` (warning: CPI below `cpi_threshold`),
// `evm-planned-value-source` (info: planned value comes from the current schedule, not a
// baseline). No SPI or CPI finding for a group with more open unestimated items than estimated
// ones (a Kanban team's flow work): its figures cover too little of its work. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostics.h"
#include "model/program.h"
#include "model/source_map.h"
#include "schedule/schedule.h"

namespace cairn::analysis {

struct PlannedSpan {
  DateTime start, finish;
};

struct EvmInput {
  std::vector<std::optional<PlannedSpan>> planned;  // by WorkItemId; none: no planned dates
  // "baseline" (the items' baseline dates), "baseline NAME" (a stored baseline) or "schedule"
  // (the current schedule: a warning-level caveat, see above).
  std::string planned_source = "schedule";
};

struct EvmOptions {
  double spi_threshold = 0.9;  // default 0.9
  double cpi_threshold = 0.9;  // default 0.9
  int step_days = 7;           // days between points of the series; default 7
};

struct EvmPoint {
  Date date;  // figures at the end of this day
  double pv = 0, ev = 0, ac = 0;
};

struct EvmFigures {
  std::string key;  // team key; empty for the program
  std::string name;
  // The day the figures are for: the status date, or for the program with budget actuals that
  // end before it, the last actual period's end (cost and progress at one date).
  Date data_date;
  std::string planned_source;  // EvmResult::planned_source, or "budget" (budget.planned)
  size_t items = 0;            // estimated leaf items
  size_t unestimated = 0;      // open leaf items without an estimate (not in the figures)
  size_t unplanned = 0;        // estimated items without planned dates (no planned value)
  double bac = 0, pv = 0, ev = 0, ac = 0, sv = 0, cv = 0;
  std::optional<double> spi, cpi;
  std::optional<double> eac_cpi, eac_atypical, eac_cpi_spi, etc, vac, tcpi_bac, tcpi_eac;
  // Earned schedule, in calendar days since the program start.
  std::optional<double> es_days, at_days, spi_t, sv_t_days, planned_days;
  std::optional<Date> ieac_finish;  // start + planned duration / SPI(t)
  std::vector<EvmPoint> series;     // from the program start, every step_days, and the status date
};

struct EvmResult {
  Date as_of;
  std::string unit;  // the currency, or "person-days"
  std::string planned_source;
  std::string actual_source;  // "budget" or "run-rate" (the program's; teams use the run rate)
  EvmFigures program;
  std::vector<EvmFigures> teams;  // in team order, teams with estimated items
};

// Planned spans from the items' baseline dates; empty when no estimated leaf item has them.
std::vector<std::optional<PlannedSpan>> planned_from_baseline_dates(const Program& program);
// Planned spans from a schedule (by WorkItemId).
std::vector<std::optional<PlannedSpan>> planned_from_schedule(const Program& program,
                                                              const schedule::ScheduleResult& r);
// The planned spans when no stored baseline gives them: the items' baseline dates ("baseline"),
// else today's leveled schedule ("schedule"). An Error when the program cannot be scheduled.
Result<EvmInput> planned_from_plan(const Program& program, Diagnostics& diags);

// `as_of`: the program's status date when unset (else its start). `sources`: where the teams and
// the budget are in the plan files, for findings (may be null).
EvmResult analyze_evm(const Program& program, const EvmInput& input, const EvmOptions& options,
                      Diagnostics& diags, std::optional<Date> as_of = {},
                      const SourceMap* sources = nullptr);

}  // namespace cairn::analysis
