// The forecast of a Program: when each milestone (and the whole program) lands at 50%, 85% and 95%
// confidence, how likely each deadline is, the S-curve, each item's criticality index, and the
// inputs (items, teams, risks, cross-team dependencies) that explain most of the spread.
//
// The adapter turns a Program into a Network (network.h) and runs the Monte Carlo engine
// (monte_carlo.h). Durations are working days of the program calendar counted from the forecast
// start (the first working day at or after as_of):
//   * an open leaf item with a three-point estimate gets its distribution (PERT-beta by default),
//     divided by the capacity of its seats for effort-based estimates (a 50% person takes twice as
//     long); in-progress items with `remaining` are scaled so the mean is the remaining effort;
//   * an item with story points only: points x the team's measured days per point (empirical
//     distribution of its done items' cycle time per point; the program's when the team has fewer
//     than 3 such items);
//   * an item with neither: the team's throughput stream (weekly throughput bootstrapped from the
//     team's history over `throughput_window_weeks`, Bayesian bootstrap by default), so Kanban
//     teams without estimates get dates; done items of a team count when their history says when
//     they finished;
//   * done items take no time; epics finish when their children do;
//   * open risks fire with their probability and add their impact to their items and milestones;
//   * people: each person's items keep the order of the leveled schedule (schedule/schedule.h:
//     its resource links become extra finish-start links), so nobody works on two items at once in
//     any trial.
// Pure function of (program, options); deterministic for a seed whatever the thread count;
// thread-safe on distinct arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "base/date.h"
#include "base/diagnostics.h"
#include "base/error.h"
#include "base/ids.h"
#include "forecast/distribution.h"
#include "model/program.h"
#include "schedule/schedule.h"

namespace cairn::forecast {

// An extra precedence arc from a leveled schedule: `before` finishes before `after` starts (same
// person).
struct ResourceLink {
  WorkItemId before;
  WorkItemId after;
};

enum class ResourceOrder {
  kLeveled,    // run the leveled scheduler (schedule/schedule.h) and keep its resource order
  kSchedule,   // the resource links given in ForecastOptions::resource_links
  kMeanOrder,  // each assigned person's items chained in mean-duration precedence order
  kNone,       // dependencies only: people may be double-booked
};
const char* to_string(ResourceOrder o);  // "leveled", "schedule", "mean-order", "none"

// Which sources of spread a forecast keeps (the "why later than the plan" ablations switch them
// off one by one on the same random numbers). Default: all.
struct Spread {
  bool estimates = true;  // three-point estimates vary
  bool pace = true;       // story points and unestimated work vary with the team's pace
  bool risks = true;      // open risks fire
};

struct ForecastOptions {
  int trials = 10000;  // default 10,000
  uint64_t seed = 1;   // default 1
  int threads = 0;     // 0 (default): all hardware threads; results do not depend on it
  DistributionKind distribution = DistributionKind::kPert;  // default PERT-beta
  std::optional<Date> as_of;         // default: the program's as_of, else its start
  int throughput_window_weeks = 12;  // weekly throughput history used per team; default 12
  // Weigh the history's weeks by Dirichlet weights per trial (Bayesian bootstrap) rather than
  // equally (classic bootstrap). Default true: better calibrated on real histories (docs).
  bool bayesian_throughput = true;
  // How people's work is kept in order. Default kLeveled (falls back to kMeanOrder, with a
  // `forecast-no-schedule` warning, when the scheduler fails); kSchedule when resource_links is
  // set.
  ResourceOrder resource_order = ResourceOrder::kLeveled;
  std::vector<ResourceLink> resource_links;  // from a leveled schedule already computed (kSchedule)
  // kLeveled: SGS passes of the leveled scheduler; 0 (default) = the same automatic budget as
  // `cairn schedule`, so that the forecast follows the schedule's people order.
  int schedule_passes = 0;
  // kLeveled: the scheduler's order and the previous placements to keep (schedule.h); with the
  // same values as `cairn schedule`, the forecast's people order is the schedule's.
  // Unset (default): the program's own (Program::schedule_order), as ScheduleOptions::order.
  std::optional<schedule::ScheduleOrder> schedule_order;
  std::vector<schedule::PreviousPlacement> previous;
  std::string previous_source;  // where `previous` comes from, in words (ScheduleOptions)
  // kLeveled: time each item as the schedule does (forecast/anchor.h: its span on its person's
  // calendar, unestimated and story-point work at the schedule's pace, its start where its person
  // is away), so that with zero spread and no risks the P50 is the schedule's date. Default true;
  // false: durations in program working days from the estimates, unestimated work as a team queue.
  bool follow_schedule = true;
  Spread spread;                  // default: every source of spread
  int top_drivers = 5;            // sensitivity entries per milestone; default 5
  int top_critical = 10;          // critical items listed per milestone; default 10
  int sensitivity_trials = 2000;  // trials used for rank correlations; default 2,000
  // Trials whose critical paths are counted (criticality index, critical items): the first ones,
  // at most `trials`; default 2,000, as the correlations (0 = all). Counting walks every
  // milestone's path in every trial: at 10,000 items and 1,000 milestones, all 10,000 trials cost
  // 345 ms of a 405 ms trial loop.
  int criticality_trials = 2000;
  // Trials of each "why later than the plan" ablation run (TargetForecast::why_later), on the
  // first trials' random numbers; 0 = none. Default 1,000.
  int ablation_trials = 1000;
  // Drivers (items and risks, most correlated first over all targets) whose effect on P85 is
  // measured by a what-if run of `effect_trials` trials each; drivers are then ranked by effect.
  // Defaults 8 and 500; 0 = none.
  int effect_drivers = 8;
  int effect_trials = 500;
  // Team and dependency drivers (most correlated first) measured the same way, in addition: a
  // team with every drawn duration of its work held at its median (and its pace at its mean), a
  // dependency cut (its consumer no longer waits for it). Default 6; only when effect_drivers > 0.
  int effect_team_dependency_drivers = 6;
};

struct ScurvePoint {
  Date date;
  double probability = 0;  // P(finish on or before date)
};

struct ItemCriticality {
  WorkItemId item;
  std::string key;
  double index = 0;  // share of trials on the critical path, 0..1
};

enum class DriverKind { kItem, kTeam, kRisk, kDependency };
const char* to_string(DriverKind k);  // "item", "team", "risk", "dependency"

struct Driver {
  DriverKind kind = DriverKind::kItem;
  std::string key;  // item, team or risk key; "PROVIDER->CONSUMER" for a dependency
  double rho = 0;   // Spearman rank correlation with the milestone date
  // Working days the milestone's P85 would be earlier with this input held at its median (an
  // item; a team: all its work), gone (a risk) or cut (a dependency), measured on the same random
  // numbers; unset when not measured (drivers beyond ForecastOptions::effect_drivers and
  // effect_team_dependency_drivers).
  std::optional<int> effect_days;
  std::string text;  // the finding in plain words
};

// One source of delay of a milestone's P50 past the schedule's date, measured by ablation on the
// same random numbers: the P50 with the source switched on minus the P50 before (sources switched
// on in this order: estimate spread, pace of unestimated and story-point work, risks).
struct DelaySource {
  std::string source;  // "spread", "unestimated", "risks", "rest"
  int days = 0;        // working days (negative: the source makes it earlier)
};

struct TargetForecast {
  std::string key;  // milestone key; "program" for the whole program
  std::string name;
  std::optional<Date> deadline;
  bool complete = false;  // nothing left to do
  Date p50, p85, p95;
  double p50_days = 0, p85_days = 0, p95_days = 0, mean_days = 0;  // working days after start
  std::optional<double> on_time_probability;    // P(finish <= deadline); unset without a deadline
  std::vector<ScurvePoint> s_curve;             // one point per working day the probability changes
  std::vector<ItemCriticality> critical_items;  // most critical first, top_critical at most
  std::vector<Driver> drivers;                  // largest |rho| first, top_drivers at most
  // The leveled schedule's date (`cairn schedule`, the same people order); unset without one.
  std::optional<Date> scheduled;
  // P50 minus the schedule's date in working days of the program calendar (unset without one),
  // and why (sources of a non-zero difference; empty when anchored ablations did not run).
  std::optional<int> days_after_schedule;
  std::vector<DelaySource> why_later;
};

struct DependencyForecast {
  DependencyId dependency;
  std::string provider_item, consumer_item;
  std::string provider_team, consumer_team;
  Date need_by;
  double on_time_probability = 0;  // P(provider finishes on or before need_by)
  Date p85;                        // provider finish at 85%
};

struct ThroughputForecastTeam {
  std::string team;
  std::vector<double> weekly;  // the bootstrap population, oldest week first
  size_t backlog = 0;          // unestimated open items forecast from it
  // The team's cadence (cadence_weeks, forecast/throughput.h): its weeks are drawn in blocks of
  // this many, whole past sprints. 1 without one.
  int cadence_weeks = 1;
};

struct ProgramForecast {
  Date as_of;
  Date start;  // the first working day at or after as_of: working day 1
  int trials = 0;
  uint64_t seed = 0;
  DistributionKind distribution = DistributionKind::kPert;
  ResourceOrder resource_order = ResourceOrder::kNone;
  // The leveled schedule kept a previous order: where it came from (ScheduleResult::order_from).
  std::string order_from;
  size_t nodes = 0, links = 0;
  TargetForecast program;
  std::vector<TargetForecast> milestones;        // in the program's order
  std::vector<ItemCriticality> criticality;      // every item with index > 0 for the program end
  std::vector<DependencyForecast> dependencies;  // cross-team dependencies with a need-by date
  std::vector<ThroughputForecastTeam> throughput_teams;
};

// Diagnostics (warnings): `forecast-unestimated` (an open item with no estimate, no points and no
// team throughput history: counted as taking no time), `forecast-no-velocity` (story points but no
// measured days per point anywhere), `forecast-estimate-order` (optimistic > likely or likely >
// pessimistic: sorted), `forecast-stream-truncated` (a throughput queue needed more than 10 years),
// `forecast-no-schedule` (the leveled scheduler failed; people kept in mean-duration order).
// Errors: `forecast-cycle`, `invalid-options`.
Result<ProgramForecast> forecast_program(const Program& program, const ForecastOptions& options,
                                         Diagnostics& diags);

}  // namespace cairn::forecast
