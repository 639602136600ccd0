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
// Pure function; thread-safe on distinct Diagnostics.
#pragma once

#include "base/diagnostics.h"
#include "model/program.h"
#include "model/source_map.h"

namespace cairn {

void validate(const Program& program, const SourceMap& sources, Diagnostics& diags);

// The dependency cycles among work items, each as a list of item ids in order (first != last;
// the cycle closes back to the first). Each cycle is reported once. Empty when acyclic.
std::vector<std::vector<WorkItemId>> find_dependency_cycles(const Program& program);

}  // namespace cairn
