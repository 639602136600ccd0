// Scrum metrics of a program's sprints (docs/formulas.md, "Sprints"): per sprint the commitment,
// what of it was done (say/do ratio), the work added after planning (scope change), carry-over,
// velocity and the burndown and burn-up series; per team the velocity over its last closed sprints.
//
// Units: story points when some committed item of the team's sprints has points (unpointed items
// count 0 and are counted apart), else items (each counts 1). An item is done in a sprint when its
// finish (Program::actual_finish: its last move into a done state) falls on one of the sprint's
// days; it started when it first moved into an in-progress state (Program::actual_start). Work
// added after planning: team leaf items not committed that started during the sprint. The sprint's
// scope is the committed plus the added work; velocity is the part of it done in the sprint (as
// Jira counts it: work finished in the sprint but never in it does not count).
// Sprints are closed (end before the as-of day), active (the as-of day within) or future.
//
// Findings (Diagnostics, base/codes.h): `sprint-low-say-do` (warning: a closed sprint's say/do
// under `say_do_threshold`), `sprint-overcommitted` (warning: a sprint commits more than the best
// velocity of the team's last `last` closed sprints before it), `sprint-scope-change` (info: work
// added after planning above `scope_change_threshold` of the commitment). Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostics.h"
#include "model/program.h"
#include "model/source_map.h"

namespace cairn::analysis {

struct SprintOptions {
  size_t last = 3;                      // closed sprints in the velocity summary; default 3
  double say_do_threshold = 0.7;        // default 0.7
  double scope_change_threshold = 0.2;  // default 0.2
};

// One working day of a sprint, at its end.
struct SprintDay {
  Date date;
  double scope = 0;      // committed + added so far
  double done = 0;       // done so far (burn-up)
  double remaining = 0;  // scope − done (burndown)
  double ideal = 0;      // committed × (1 − working days elapsed / working days of the sprint)
};

struct SprintMetrics {
  std::string key, name, team;
  Date start, end;
  std::string status;  // "closed", "active", "future"
  double committed = 0;
  size_t committed_items = 0, unpointed = 0;
  double done_committed = 0;
  std::optional<double> say_do;  // done_committed / committed; none when nothing is committed
  double added = 0;
  std::vector<std::string> added_items;
  std::optional<double> scope_change;          // added / committed
  double velocity = 0;                         // done in the sprint, committed or added
  std::vector<std::string> carried_over;       // committed, not done by the end (closed sprints)
  std::vector<std::string> carried_into_next;  // those of them committed to the team's next sprint
  std::optional<double> velocity_before;       // best velocity of the last closed sprints before it
  std::vector<SprintDay> days;                 // working days up to the end or the as-of day
};

struct TeamVelocity {
  std::string team;
  std::string unit;    // "points" or "items"
  size_t sprints = 0;  // closed sprints in the summary (at most `last`)
  std::optional<double> mean, min, max;
  std::optional<double> say_do_mean;
};

struct SprintReport {
  Date as_of;
  size_t last = 0;
  std::vector<TeamVelocity> teams;     // by team key
  std::vector<SprintMetrics> sprints;  // by team key, then start
};

// `as_of`: the program's status date when unset (else its start). `sources`: where the sprints
// are in the plan files, for findings (may be null).
SprintReport analyze_sprints(const Program& program, const SprintOptions& options,
                             Diagnostics& diags, std::optional<Date> as_of = {},
                             const SourceMap* sources = nullptr);

}  // namespace cairn::analysis
