// The cross-team dependency register (docs/formulas.md, "Dependencies"): every dependency whose
// provider and consumer teams differ, with its need-by date against the provider's forecast, the
// agreement state, the provider × consumer team matrix, and, per milestone, the dependencies that
// move its P85 most.
//
// Figures come from the forecast (forecast/program_forecast.h) with the caller's options:
//   * provider P85 and probability of being met: the provider item's finish over the forecast's
//     trials (the share of trials in which it finishes on or before the need-by date); none when
//     the dependency has no need-by date; a provider already delivered is met (probability 1, no
//     P85). A start-start or start-finish dependency is delivered once its provider has started;
//   * effect on a milestone: a what-if on the same random numbers (the first `effect_trials`
//     trials of the forecast's seed, on the forecast's own network): the milestone's P85 minus
//     its P85 when the consumer no longer waits for this provider (the link gone). Working days;
//     0 for a delivered dependency or one the milestone does not wait for.
// Agreement state is what the model holds: `state` of the dependency (requested, committed,
// at-risk, delivered; unset: "none"). Delivered is also checked against the provider item.
//
// Findings (Diagnostics, base/codes.h), located at the dependency in the plan file when `sources`
// is given: `dependency-need-by-at-risk` (warning: an open dependency whose provider P85 is after
// its need-by date), `dependency-state-mismatch` (warning: stated delivered while the provider item
// is not done). Pure; thread-safe on distinct arguments.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostics.h"
#include "forecast/program_forecast.h"
#include "model/program.h"
#include "model/source_map.h"

namespace cairn::analysis {

struct DepsOptions {
  forecast::ForecastOptions forecast;  // the forecast's options (its defaults)
  int effect_trials = 1000;            // trials of each what-if; default 1,000; 0: none
  size_t top = 3;                      // dependencies listed per milestone; default 3
};

struct DependencyRow {
  std::string provider_item, consumer_item, provider_team, consumer_team;
  std::optional<Date> need_by;
  std::string state;  // "requested", "committed", "at-risk", "delivered" or "none"
  bool provider_done = false;
  std::optional<Date> provider_p85;   // unset without a need-by date (the forecast's rule)
  std::optional<double> probability;  // P(provider finishes by need_by)
  std::optional<int> margin_days;     // need_by − provider P85, calendar days
  std::vector<int> effect_days;       // per milestone (program order): P85 working days saved
  int max_effect = 0;                 // the largest of them
};

struct TeamPairCount {
  std::string provider, consumer;
  size_t total = 0, open = 0, at_risk = 0;  // at risk: open and provider P85 after need-by
};

struct MilestoneDeps {
  std::string key;
  Date p85;
  struct Entry {
    size_t row = 0;  // index into DepsReport::rows
    int days = 0;
  };
  std::vector<Entry> top;  // largest effect first, effect > 0, `top` at most
};

struct DepsReport {
  Date as_of;
  int trials = 0, effect_trials = 0;
  uint64_t seed = 0;
  std::vector<std::string> teams;     // provider/consumer teams in the matrix, by key
  std::vector<TeamPairCount> matrix;  // provider then consumer key
  std::vector<DependencyRow> rows;    // in the program's order
  std::vector<MilestoneDeps> milestones;
};

// Errors: the forecast's (`forecast-cycle`, `invalid-options`).
Result<DepsReport> analyze_deps(const Program& program, const DepsOptions& options,
                                Diagnostics& diags, const SourceMap* sources = nullptr);

}  // namespace cairn::analysis
