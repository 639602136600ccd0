// The critique (docs/formulas.md, "Critique"): what a seasoned TPM would flag in a program, each a
// finding (Diagnostics, base/codes.h) with its evidence in numbers, its place in the plan file and
// a fix; for each milestone at risk, candidate fixes as what-if edits (analysis/whatif.h) ranked by
// their measured effect on the same random numbers.
//
// Rules (ids registered in base/codes.h, explained in docs/diagnostics.md):
//   * critique-milestone-at-risk (warning): a milestone with a deadline, work left and
//     P(on time) < on_time_target; names its critical chain (items on the critical path in at
//     least critical_index of the trials);
//   * critique-unestimated-critical (warning): an open item of such a chain with no estimate, no
//     points and no remaining effort;
//   * dependency-need-by-at-risk (warning): a cross-team need-by date before the provider's P85;
//   * critique-unowned-in-progress (warning): an item in progress with no assignee and no seat;
//   * critique-stale-in-progress (warning): an item in progress whose state last changed more than
//     stale_days calendar days before the as-of day;
//   * critique-bus-factor (info): an epic whose open leaf items (at least bus_factor_items) are
//     all one person's while the team has others;
//   * critique-risk-incomplete (warning): an open risk with no owner, no mitigation or no
//     trigger (review) date;
//   * critique-milestone-no-gate (info): a milestone with work left and no quality gate.
//   * critique-gate-failing (warning): a gate of a milestone with work left fails
//   (analysis/gates.h).
// Candidate fixes of a milestone at risk: each chain item moved to the least-loaded other member
// of its team (load: the PERT mean of their open items' work), a person added to the chain's
// teams, and the milestone's lowest-priority open item that no other milestone needs descoped.
// Each is screened with `screen_trials` trials; the best `fixes` are measured again with the
// forecast's trials. Pure; thread-safe on distinct arguments.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/whatif.h"
#include "base/diagnostics.h"
#include "forecast/program_forecast.h"
#include "model/program.h"
#include "model/source_map.h"

namespace cairn::analysis {

struct CritiqueOptions {
  forecast::ForecastOptions forecast;  // trials of the forecast and of confirmed fixes
  double on_time_target = 0.85;        // default 0.85
  double critical_index = 0.5;         // default 0.5
  int stale_days = 14;                 // calendar days; default 14
  int bus_factor_items = 3;            // default 3
  int fixes = 3;                       // fixes shown per milestone; default 3; 0: none
  int screen_trials = 300;             // trials of each candidate's screening; default 300
};

struct CritiqueFix {
  std::string milestone;
  Edit edit;
  Date p85_before, p85_after;
  int p85_days = 0;  // after − before, working days (negative: earlier)
  std::optional<double> on_time_before, on_time_after;
  std::string text;  // "move PAY-151 to jmuller: M1 P85 -9 working days, on time 0 % -> 41 %"
};

struct CritiqueReport {
  Date as_of;
  int trials = 0, screen_trials = 0;
  uint64_t seed = 0;
  size_t candidates = 0;           // candidate fixes screened
  std::vector<CritiqueFix> fixes;  // per milestone in program order, best first
};

// Findings go to `findings` (located in the plan file when `sources` is given). Errors: the
// forecast's.
Result<CritiqueReport> critique(const Program& program, const CritiqueOptions& options,
                                Diagnostics& findings, const SourceMap* sources = nullptr);

}  // namespace cairn::analysis
