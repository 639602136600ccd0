// What-if: the same program with some changes, scheduled and forecast before and after on the same
// random numbers (the forecast's seed and trials), so that the difference is the changes' effect
// and not sampling noise.
//
// An Edit is a value anyone can build (the CLI parses them from flags; the critique generates
// candidate fixes as edits and ranks them by their effect). Kinds and what they do to a copy of the
// model (docs/formulas.md, "What-if"):
//   * add-person TEAM[:FTE[:FROM]]: a new member of TEAM (key `TEAM-new-N`), FTE a share of a full
//     day (default 1; allocation = 100 x FTE), working from FROM on (default: from the start;
//     before FROM the person is on leave). They take the team's unassigned work as the scheduler
//     sees fit;
//   * remove-person P: P is away from the status date on, and P's open items go back to the team
//     (unassigned; P dropped from every seat's candidates);
//   * move-item K:P: item K is P's (assignee P, its seats replaced);
//   * estimate K:O,M,P: K's three-point estimate in working days, which is then the work left (an
//     in-progress item's `remaining` is cleared);
//   * descope K: K (an epic: its open descendants) is out of scope: in its team's first done state,
//     and out of every milestone's item list, so nothing waits for it;
//   * risk-occurs R: R fires (open, probability 1); risk-avoided R: R is closed;
//   * deadline M:DATE: milestone M's deadline is DATE;
//   * priority K:N: open leaf item K's priority is N (1..1000, higher first);
//   * split K:P: open leaf item K's work left is shared: K keeps half, a new item `K-split` (same
//     team, parent, predecessors, successors and milestones) takes the other half and is P's.
// Any number of edits, applied in order. Each is validated against the program: an unknown key, a
// malformed value or an edit that cannot apply (moving a done item) is an Error naming the edit as
// written and the fix (the nearest key when one is close). Pure; thread-safe on distinct arguments.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/date.h"
#include "base/diagnostics.h"
#include "base/error.h"
#include "forecast/program_forecast.h"
#include "model/program.h"

namespace cairn::analysis {

enum class EditKind {
  kAddPerson,
  kRemovePerson,
  kMoveItem,
  kEstimate,
  kDescope,
  kRiskOccurs,
  kRiskAvoided,
  kDeadline,
  kPriority,
  kSplit,
};
// "add-person", "remove-person", "move-item", "estimate", "descope", "risk-occurs",
// "risk-avoided", "deadline", "priority", "split": the CLI flag without its dashes.
const char* to_string(EditKind k);

struct Edit {
  EditKind kind = EditKind::kDescope;
  std::string key;           // the team, person, item, risk or milestone the edit is about
  std::string person;        // move-item, split: the person who takes the item (or its half)
  int priority = 500;        // priority: the new priority, 1..1000
  double fte = 1.0;          // add-person: (0, 1]
  std::optional<Date> date;  // add-person: from when (unset: the start); deadline: the date
  std::optional<ThreePoint> estimate;  // estimate: the new estimate
  // The edit as the CLI spells it: "--move-item PAY-151:jmuller".
  std::string text() const;
  friend bool operator==(const Edit&, const Edit&) = default;
};

// The edit of `kind` from its flag's argument ("PAY-151:jmuller", "payments:0.5:2027-03-01").
// Errors (`usage`): a malformed value, naming the flag, the value and the expected form.
Result<Edit> parse_edit(EditKind kind, const std::string& arg);

// `program` with `edits` applied in order (reindexed). Errors (`usage`): an edit naming an unknown
// key or one that cannot apply, with the fix.
Result<Program> apply_edits(const Program& program, std::span<const Edit> edits);

// One target (a milestone, or "program") before and after.
struct WhatIfSide {
  std::optional<Date> deadline;
  std::optional<Date> scheduled;  // the leveled schedule's date
  Date p50, p85;
  std::optional<double> on_time;  // P(finish <= deadline); unset without a deadline
  bool complete = false;
};

struct WhatIfTarget {
  std::string key, name;
  WhatIfSide before, after;
  // after.p85 − before.p85 in working days of the program calendar (negative: earlier).
  int p85_days = 0;
};

struct WhatIfReport {
  Date as_of;
  int trials = 0;
  uint64_t seed = 0;
  std::vector<Edit> edits;
  WhatIfTarget program;
  std::vector<WhatIfTarget> milestones;  // in the program's order
};

// after − before in working days of `cal` (negative: earlier), as the two dates read.
int working_day_change(const WorkingCalendar& cal, Date before, Date after);

// Applies `edits` and forecasts the program before and after with the same options (hence the same
// random numbers). Errors: apply_edits' and the forecast's. Diagnostics: the forecasts' warnings,
// each once.
Result<WhatIfReport> whatif(const Program& program, std::span<const Edit> edits,
                            const forecast::ForecastOptions& options, Diagnostics& diags);

}  // namespace cairn::analysis
