// Semantic checks of a Program, whatever it was read from: every finding at once, each with a
// stable id, a location (from the SourceMap, else a JSON pointer) and a hint. Ids:
//   estimate-order, negative-estimate, state-not-in-workflow, history-state-not-in-workflow,
//   history-out-of-order, dependency-cycle (message gives the path), self-dependency,
//   duplicate-dependency, parent-cycle, invalid-allocation, invalid-probability, invalid-range,
//   workflow-without-done, item-without-team, assignee-not-in-team, deadline-before-start,
//   milestone-without-items, remaining-on-done-item, empty-calendar.
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
