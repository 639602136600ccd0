// The critique (docs/formulas.md, "Critique"): what a seasoned TPM would flag in a program, each a
// finding (Diagnostics, base/codes.h) with its evidence in numbers, its place in the plan file and
// a fix; findings of one rule about the same milestone, team, person or sprint are grouped, and the
// groups ranked (what threatens a date first); for each milestone at risk, candidate fixes as
// what-if edits (analysis/whatif.h) ranked by their measured effect on the same random numbers.
//
// Rules (ids registered in base/codes.h, explained in docs/diagnostics.md), in rank order:
//   dates —
//   * critique-milestone-at-risk (warning): a milestone with a deadline, work left and
//     P(on time) < on_time_target; names its critical chain (items on the critical path in at
//     least critical_index of the trials). Per milestone; impact: working days of P85 late;
//   * critique-unestimated-critical (warning): an open item of such a chain with no estimate, no
//     points and no remaining effort. Grouped per milestone;
//   * dependency-need-by-at-risk (warning): a cross-team need-by date before the provider's P85.
//     Grouped per provider team; impact: working days late, summed;
//   * critique-gate-failing (warning): a gate of a milestone with work left fails
//     (analysis/gates.h). Grouped per milestone;
//   people and flow —
//   * critique-person-overallocated (warning): a person's booked hours in an ISO week above their
//     capacity (analysis/load.h, both views, `load` options). Grouped per person; impact: hours;
//   * sprint-overcommitted (warning): an active or future sprint commits more than the best
//     velocity of the team's last closed sprints (analysis/sprints.h). Per sprint;
//   * flow-wip-over-limit (warning): a state holds more open leaf items than its WIP limit. Per
//     team and state; impact: items over;
//   * critique-stale-in-progress (warning): an open leaf item in progress whose state last changed
//     more than stale_days calendar days before the as-of day. Grouped per team; impact: days;
//   * critique-dependency-on-removed (warning): an open item depends on one closed as not done
//     (a done-category state named like "Won't Do", "Cancelled", "Removed", "Rejected",
//     "Obsolete", "Duplicate", "Descoped", "Abandoned"). Grouped per consumer team;
//   hygiene —
//   * critique-unowned-in-progress (warning): an open leaf item in progress with no assignee and
//     no seat. Grouped per team;
//   * critique-risk-incomplete (warning): an open risk with no owner, no mitigation or no
//     trigger (review) date. One group;
//   * critique-bus-factor (info): an epic whose open leaf items (at least bus_factor_items) are
//     all one person's while the team has others. Grouped per team;
//   * critique-dependency-on-done (info): an open item's cross-team dependency on a done item is
//     not marked delivered. Grouped per provider team;
//   * critique-milestone-no-gate (info): a milestone with work left and no quality gate. One group.
// Candidate fixes of a milestone at risk, for (at most 3) open leaf items of its chain: move it to
// the least-loaded other member of its team (load: the PERT mean of their open items' work), raise
// its priority above the rest of its team's open work, split it with that member; a person added
// to the chain's teams; the milestone's lowest-priority open item that no other milestone needs
// descoped. Each is screened with `screen_trials` trials; the best `fixes` are measured again
// with the forecast's trials. Pure; thread-safe on distinct arguments.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analysis/load.h"
#include "analysis/whatif.h"
#include "base/diagnostics.h"
#include "forecast/program_forecast.h"
#include "model/program.h"
#include "model/source_map.h"

namespace cairn::analysis {

struct CritiqueOptions {
  forecast::ForecastOptions forecast;  // trials of the forecast and of confirmed fixes
  LoadOptions load;                    // over-allocation tolerance; default 0
  double on_time_target = 0.85;        // default 0.85
  double critical_index = 0.5;         // default 0.5
  int stale_days = 14;                 // calendar days; default 14
  int bus_factor_items = 3;            // default 3
  int fixes = 3;                       // fixes shown per milestone; default 3; 0: none
  int screen_trials = 300;             // trials of each candidate's screening; default 300
};

// One entry of a finding group: one diagnostic.
struct CritiqueMember {
  std::string key;       // the item, dependency ("A -> B"), week, sprint or risk it is about
  std::string evidence;  // short, with its number: "PAY-112 56 d"
  double impact = 0;     // in the group's unit
  Diagnostic diagnostic;
};

// Findings of one rule about one subject, ranked (docs/formulas.md, "Critique").
struct CritiqueFinding {
  size_t rank = 0;  // 1 = read first
  std::string id;   // the rule's id
  Severity severity = Severity::kWarning;
  int tier = 0;         // 1 dates, 2 people and flow, 3 hygiene
  std::string subject;  // milestone, team, person or sprint key; "program" for program-wide
  std::string summary;  // one line with the numbers ("PAY: 9 items in progress unchanged ...")
  std::string hint;     // the fix
  Location where;       // the first member's place
  double impact = 0;    // the members' impacts summed
  std::string unit;     // of impact: "working days", "hours", "days", "items"
  std::vector<CritiqueMember> members;  // by impact, most first
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
  size_t candidates = 0;                  // candidate fixes screened
  std::vector<CritiqueFinding> findings;  // ranked
  std::vector<CritiqueFix> fixes;         // per milestone in program order, best first
};

// Findings go to `findings` one by one (located in the plan file when `sources` is given) and,
// grouped and ranked, to the report. Errors: the forecast's.
Result<CritiqueReport> critique(const Program& program, const CritiqueOptions& options,
                                Diagnostics& findings, const SourceMap* sources = nullptr);

}  // namespace cairn::analysis
