// Semantic checks of a Program, whatever it was read from: every finding at once, each with a
// stable id, a location (from the SourceMap, else a JSON pointer) and a hint. Ids:
//   errors: estimate-order, negative-estimate, negative-cost, state-not-in-workflow,
//     history-state-not-in-workflow, dependency-cycle (message gives the path), self-dependency,
//     parent-cycle, invalid-allocation, invalid-probability, invalid-range, invalid-wip-limit,
//     workflow-without-done, empty-calendar;
//   warnings: history-out-of-order, state-history-mismatch, history-after-as-of,
//     duplicate-dependency, item-without-team, assignee-not-in-team, deadline-before-start,
//     milestone-without-items, remaining-on-done-item, sprint-of-kanban-team,
//     sprint-item-other-team, overlapping-sprints, budget-periods-out-of-order.
//   limits (check_limits, part of validate): value-too-large, date-out-of-range.
// Pure function; thread-safe on distinct Diagnostics.
#pragma once

#include "base/diagnostics.h"
#include "model/program.h"
#include "model/source_map.h"

namespace cairn {

void validate(const Program& program, const SourceMap& sources, Diagnostics& diags);
// validate() without check_limits(): for a reader that ran the limit checks already (the imports),
// so that their findings are reported once.
void check_semantics(const Program& program, const SourceMap& sources, Diagnostics& diags);

// What the engines can represent (docs/plan-format.md, "Limits"). The scheduler's time axis holds
// int32 slots: at the finest resolution (1 minute) it spans about 1,020 years from its origin (the
// earliest date it reads), so each number the engines turn into time, and each date, is bounded
// well inside it; the forecast's working-day arithmetic is bounded by the same numbers.
// Estimates (each point, any basis), remaining effort, risk impacts and lags (either sign): at
// most this many days (100 years).
inline constexpr double kMaxPlanDays = 36500;
// Story points: at most this many per item.
inline constexpr double kMaxPlanPoints = 36500;
// Every date lies in years 1..9999 and at most this many years before or after the program start.
inline constexpr int kMaxYearsFromStart = 400;

// The guards above, on their own (validate() runs them too): `value-too-large` for a number that
// is not finite or above its limit, `date-out-of-range` for a date outside its window. Both are
// errors that make the input unusable (exit 2). Readers that do not run validate() (MSPDI, Jira
// CSV imports) run this.
void check_limits(const Program& program, const SourceMap& sources, Diagnostics& diags);

// The dependency cycles among work items, each as a list of item ids in order (first != last;
// the cycle closes back to the first). Each cycle is reported once. Empty when acyclic.
std::vector<std::vector<WorkItemId>> find_dependency_cycles(const Program& program);

}  // namespace cairn
