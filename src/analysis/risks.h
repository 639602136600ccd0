// The risk register (docs/formulas.md, "Risks"): each risk's exposure, its place in a 5×5
// probability × impact matrix, overdue reviews, unmitigated high risks, the trend of total exposure
// over the stored history, and each open risk's measured effect on every milestone's P85.
//
// Exposure (PMI, Practice Standard for Project Risk Management): probability × impact.
//   * days: probability × the PERT mean of the schedule impact (working days);
//   * money: probability × (cost_impact + the delay's cost), the delay's cost being the PERT mean
//     days × the cost rate: `cost_per_day` when given, else the program's burn rate (the sum of
//     every person's cost_per_day × allocation; the people stay on while the work is late).
// Only open risks carry exposure (as only open risks fire in the forecast); an occurred risk is
// an issue now, its delay in the plan.
// Matrix bands (edges are lower bounds of each band, documented in docs/formulas.md):
//   probability 1: < 0.1, 2: < 0.3, 3: < 0.5, 4: < 0.7, 5: >= 0.7;
//   impact (PERT mean days) 1: < 2, 2: < 5, 3: < 10, 4: < 20, 5: >= 20.
//   score = probability band × impact band: low 1-4, medium 5-14, high 15-25.
// Effect on milestone P85: a what-if on the same random numbers (the first `effect_trials` trials
// of the forecast's seed): P85 minus P85 when the risk never fires (working days); open risks only.
// The model holds one date per risk, `trigger_date` (when the plan said it would be known); it has
// no separate review or mitigation due date.
//
// Findings (Diagnostics, base/codes.h), located at the risk in the plan file when `sources` is
// given: `risk-review-overdue` (warning: an open risk whose trigger date is before the as-of day),
// `risk-unmitigated` (warning: an open high risk with no mitigation or no owner). Pure;
// thread-safe on distinct arguments.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostics.h"
#include "forecast/program_forecast.h"
#include "model/program.h"
#include "model/source_map.h"

namespace cairn::analysis {

struct RisksOptions {
  forecast::ForecastOptions forecast;  // the forecast's options (its defaults)
  int effect_trials = 1000;            // trials of each what-if; default 1,000; 0: none
  std::optional<double> cost_per_day;  // default: the program's burn rate
};

struct Exposure {
  double days = 0;   // probability × PERT mean impact, working days
  double money = 0;  // probability × (cost_impact + mean days × cost rate)
};

// A point of the trend: the register as of one stored revision.
struct ExposurePoint {
  int64_t revision = 0;
  std::string at;  // ISO 8601 UTC
  size_t open = 0;
  Exposure total;
};

struct RiskRow {
  std::string key, title, status, owner;
  double probability = 0;
  double impact_days = 0;  // PERT mean
  double cost_impact = 0;
  Exposure exposure;
  int probability_band = 1, impact_band = 1, score = 1;
  std::string level;  // "low", "medium", "high"
  std::optional<Date> trigger_date;
  bool review_overdue = false;
  bool unmitigated = false;
  std::vector<int> effect_days;  // per milestone (program order); empty when not measured
};

struct RiskReport {
  Date as_of;
  std::string currency;
  double cost_per_day = 0;
  std::string cost_rate_source;  // "option" or "burn rate"
  int effect_trials = 0;         // 0: effects not measured
  uint64_t seed = 0;
  std::vector<RiskRow> risks;                     // in the program's order
  Exposure total;                                 // open risks
  std::array<std::array<size_t, 5>, 5> matrix{};  // [probability band − 1][impact band − 1], open
  std::vector<std::string> milestones;            // keys, program order
  std::vector<ExposurePoint> trend;               // oldest first; empty: no stored history
  bool has_history = false;                       // false for a plan file
};

// The program's burn rate: Σ cost_per_day × allocation / 100 over its people.
double burn_rate(const Program& program);
// A risk's exposure at `cost_per_day`; zero unless it is open.
Exposure risk_exposure(const Risk& r, double cost_per_day);
int probability_band(double p);
int impact_band(double days);

// `trend`: points computed by the caller from the stored history (risk_exposure on each
// revision's risks); none for a plan file. Errors: the forecast's.
Result<RiskReport> analyze_risks(const Program& program, const RisksOptions& options,
                                 Diagnostics& diags, const SourceMap* sources = nullptr,
                                 std::optional<std::vector<ExposurePoint>> trend = std::nullopt);

}  // namespace cairn::analysis
