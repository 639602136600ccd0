// Health (issue 13 item 1, docs/formulas.md "Health"): a RAG status for the program, each
// milestone, each team and each cross-team dependency, derived from the data, never typed in. Every
// status carries its reasons with numbers; the status is the worst of its reasons' (a reason may be
// a note, which does not count). The typed status (the newest status update of the program or team
// on or before the as-of day; a dependency's agreement state: at-risk red, committed and
// delivered green) is shown beside the derived one, and a disagreement is itself a finding.
//
// Rules (thresholds in HealthThresholds, each with its default and its `--threshold` name):
//   milestone  forecast: P(finish <= deadline) < on_time_red: red, < on_time_amber: amber (P85,
//                deadline and odds in the reason); done: green; no deadline: a note;
//              slip against the baseline: the leveled schedule's date against the stored
//                baseline's schedule date (HealthHistory), else against the plan's baseline dates
//                (latest baseline_finish of its items); working days, >= slip_red: red,
//                >= slip_amber: amber;
//              slip since the last forecast snapshot (stored programs): P85 now − then, working
//                days, >= snapshot_slip_red / snapshot_slip_amber;
//              failing quality gates (analysis/gates.h): amber each; unknown gates are a note;
//              cross-team dependencies into its scope whose provider P85 misses the need-by date:
//                amber;
//              open high-exposure risks on it or its items (score >= risk_high_score): amber.
//   team       SPI and CPI (analysis/evm.h, the team's figures): < spi_red / cpi_red: red,
//                < spi_amber / cpi_amber: amber; not judged (a note) when most of its open
//                work is unestimated (EVM's rule), SPI not when planned value comes from today's
//                schedule (no baseline), CPI not when actual cost is a run rate (teams always);
//              blocked items (open leaves whose state or a label says "blocked", or in progress
//                with a finish-start predecessor not done): >= blocked_red: red, >= blocked_amber:
//                amber;
//              stale items (in progress, no state change for more than stale_days calendar days):
//                >= stale_red / stale_amber;
//              over-allocated person-weeks of its people (analysis/load.h, both views, the as-of
//                week and the overload_weeks weeks after): >= overload_red / overload_amber;
//              work no one has capacity for (open leaves with work and no person with time: no
//                assignee or candidate with allocation > 0 among them or the team):
//                >= no_capacity_red: red;
//              dependencies it provides whose provider P85 misses the need-by date:
//                >= late_deliveries_red: red, >= late_deliveries_amber: amber.
//   dependency P(provider finishes by need-by) from the forecast: < on_time_red: red,
//                < on_time_amber: amber; delivered: green; no need-by: a note.
//   program    its milestones' worst status; a red team makes it at least amber; its own SPI and
//              CPI (CPI judged on the budget's actuals); open high-exposure risks (>=
//              high_risks_red: red, >= high_risks_amber: amber).
//
// Findings (Diagnostics, base/codes.h), located in the plan file when `sources` is given:
// `health-red` (warning) and `health-amber` (info) for each subject that is not green, with its
// reasons; `health-status-disagrees` (warning when the typed status is better than the derived
// one, info when worse). Pure; thread-safe on distinct arguments.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analysis/evm.h"
#include "base/date.h"
#include "base/diagnostics.h"
#include "base/error.h"
#include "forecast/program_forecast.h"
#include "model/program.h"
#include "model/source_map.h"

namespace cairn::analysis {

// Every threshold, with its default; `--threshold NAME=VALUE` names them (health_thresholds()).
struct HealthThresholds {
  double on_time_red = 0.5;          // P(on time) below: red; default 0.5
  double on_time_amber = 0.8;        // below: amber; default 0.8
  double spi_red = 0.85;             // default 0.85
  double spi_amber = 0.95;           // default 0.95
  double cpi_red = 0.85;             // default 0.85
  double cpi_amber = 0.95;           // default 0.95
  double slip_red = 10;              // working days later than the baseline; default 10
  double slip_amber = 5;             // default 5
  double snapshot_slip_red = 10;     // working days later than the last snapshot; default 10
  double snapshot_slip_amber = 3;    // default 3
  double stale_days = 14;            // calendar days without a state change; default 14
  double stale_red = 5;              // stale items of a team; default 5
  double stale_amber = 2;            // default 2
  double blocked_red = 3;            // blocked items of a team; default 3
  double blocked_amber = 1;          // default 1
  double overload_weeks = 8;         // weeks after the as-of week looked at; default 8
  double overload_red = 4;           // over-allocated person-weeks of a team; default 4
  double overload_amber = 1;         // default 1
  double overload_tolerance = 0.1;   // above capacity × (1 + this) is over; default 0.1
  double late_deliveries_red = 3;    // dependencies a team provides late; default 3
  double late_deliveries_amber = 1;  // default 1
  double no_capacity_red = 1;        // items no one has time for; default 1
  double risk_high_score = 15;       // probability band × impact band; default 15 (high)
  double high_risks_red = 3;         // open high risks of the program; default 3
  double high_risks_amber = 1;       // default 1
};

struct ThresholdInfo {
  const char* name;  // "on_time_red"
  double HealthThresholds::*field;
  const char* help;
};
// The table of thresholds, in the order above.
std::span<const ThresholdInfo> health_thresholds();
// Sets one threshold by name; an `invalid-option` Error naming the known ones when there is no
// such name.
Result<void> set_threshold(HealthThresholds& t, std::string_view name, double value);
// The program's own thresholds (plan: program.health_thresholds) over `t`; an `invalid-option`
// Error at the name's place in the plan (`sources`, when given) when a name is unknown.
Result<void> apply_program_thresholds(const Program& p, HealthThresholds& t,
                                      const SourceMap* sources = nullptr);

struct HealthOptions {
  // The forecast's options (its defaults). Its `previous` placements (a stored baseline's order,
  // as `cairn snapshot` keeps) are the schedule's too.
  forecast::ForecastOptions forecast;
  HealthThresholds thresholds;
};

// What the store knows of the past; empty for a plan file (the reasons then say there is no
// history).
struct HealthHistory {
  bool stored = false;   // the program came from a store
  std::string baseline;  // the newest stored baseline's name; empty: none
  // Each milestone's date in the baseline's leveled schedule (key, date): compared with today's
  // leveled schedule, the same method on both sides (a baseline's forecast is made with its own
  // resource order, so its P85 is no measure of a later forecast's).
  std::vector<std::pair<std::string, Date>> baseline_dates;
  std::optional<Date> snapshot_day;                        // the last snapshot before as-of
  std::vector<std::pair<std::string, Date>> snapshot_p85;  // milestone key, P85 then
};

struct HealthInput {
  // Planned spans for SPI/CPI (analysis/evm.h): a stored baseline's or the items' baseline dates;
  // empty: the leveled schedule's (which analyze_health computes anyway).
  EvmInput evm;
  HealthHistory history;
};

struct HealthReason {
  std::string rule;  // "forecast", "baseline_slip", "snapshot_slip", "gate", "dependency", "risk",
                     // "spi", "cpi", "blocked", "stale", "overload", "no_capacity",
                     // "milestones", "teams", "history"
  std::optional<Rag> rag;       // unset: a note (does not count)
  std::string text;             // with its numbers
  std::optional<double> value;  // the measured figure, when one number says it
  std::optional<double> limit;  // the threshold it was judged against (the one crossed)
};

struct HealthStatus {
  std::string kind;  // "program", "milestone", "team", "dependency"
  std::string key;   // dependencies: "PROVIDER->CONSUMER" item keys
  std::string name;
  Rag rag = Rag::kGreen;
  std::optional<Rag> typed;            // the typed status, when there is one
  std::string typed_source;            // "status update 2026-11-20 (aokafor)", "state at-risk"
  std::optional<size_t> typed_update;  // index into Program::status_updates, when it is one
  std::vector<HealthReason> reasons;
  bool disagrees() const { return typed && *typed != rag; }
  // "Milestone M2: red — P85 2027-08-30, deadline 2027-03-05, 0 % on time; gate open_bugs 14 > 5"
  // (its red reasons, then its amber ones; a green status its green ones).
  std::string summary() const;
};

struct HealthReport {
  Date as_of;
  int trials = 0;
  uint64_t seed = 0;
  HealthThresholds thresholds;
  HealthStatus program;
  std::vector<HealthStatus> milestones;    // program order
  std::vector<HealthStatus> teams;         // program order
  std::vector<HealthStatus> dependencies;  // cross-team, program order
};

// Errors: the forecast's and the scheduler's.
Result<HealthReport> analyze_health(const Program& program, const HealthOptions& options,
                                    const HealthInput& input, Diagnostics& findings,
                                    const SourceMap* sources = nullptr);

}  // namespace cairn::analysis
