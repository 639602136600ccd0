// TaskJuggler's scheduling order: the list in which tj3 takes tasks up, for programs read from a
// .tjp file that should come out with tj3's dates (ScheduleOrder::kTaskJuggler).
//
// tj3 does not search for a short schedule: among the tasks ready to be scheduled it takes the one
// of highest priority, then highest path criticalness, then the earliest in the file, and books it
// completely before it looks at the next. Cairn's leveler does the same with one serial pass over
// the precedence-feasible list ordered by (TaskGraph::priority, higher first; taskjuggler_keys,
// smaller first; node).
//
// Pure function; thread-safe.
#pragma once

#include <optional>
#include <vector>

#include "model/program.h"
#include "schedule/cpm.h"
#include "schedule/task_graph.h"

namespace cairn::schedule {

// Per node a list key, smaller = taken up first among ready nodes of the same priority: minus
// TaskJuggler's path criticalness (TaskScenario#calcPathCriticalness): a node's criticalness
// (effort x the mean load of its candidates, the load being the effort allocated to a person
// over their free working slots; a milestone's priority / 500; 0 for length and duration work)
// plus the largest path criticalness among its successors. Ties: file order (the node index).
// `project_end`: the slot the .tjp file's project ends at (tj3 measures each person's load up to
// it); unset: the critical-path end.
//
// With `program` (the program g was built from), the path criticalness is walked as tj3 walks it
// (tj3_path_criticalness below), over the items as tasks (containers included, in the program's
// order) and its dependencies as tj3's start and end successors; without, over g's successors.
std::vector<double> taskjuggler_keys(const TaskGraph& g, const CpmResult& cpm,
                                     std::optional<Slot> project_end = std::nullopt,
                                     const Program* program = nullptr);

// tj3's path criticalness of every item of `p` (by WorkItemId), as
// TaskScenario#calcPathCriticalness computes and stores it, given each item's own criticalness
// `own` (0 for containers): each task in the program's order, depth first through its successors,
// each value stored the first time it is computed. tj3's walk has a quirk that decides its order on
// real files: a task reached again at its start returns its stored value minus its own criticalness
// (its predecessor then sees the path behind it without it), and a task first reached at its end
// stores the path behind it without its own. A leaf at its start takes the largest of its start
// successors' paths and of the end successors of itself and its ancestors, plus its own; at its end
// only the latter; a container at its start the largest of its children's. Dependencies as tj3
// files make them: finish-start (`depends`, `precedes`) → the successor entered at its start from
// the predecessor's end; start-start (`depends ... { onstart }`) → from the predecessor's start;
// finish-finish (`precedes ... { onend }`) → entered at its end; start-finish (the reversed
// ALAP `precedes` of the .tjp reader) → the successor's end before the predecessor's start.
std::vector<double> tj3_path_criticalness(const Program& p, const std::vector<double>& own);

// tj3's default candidate selection (`select minallocated`, Allocation#candidates): an allocation
// tries its candidates by their criticalness (load, as in taskjuggler_keys), lowest first, ties in
// the order written. Reorders the candidate entries of each seat of g in place (person, work,
// calendars).
void taskjuggler_candidate_order(TaskGraph& g, const CpmResult& cpm,
                                 std::optional<Slot> project_end = std::nullopt);

// tj3 starts a length task at its earliest start even when that is not working time (the end of
// its predecessor, 17:00), where Cairn shows the first working slot (09:00 the next working day).
// Moves the start of each open forward length node back to the latest of its precedence bounds
// and release when only non-working time lies between: the same work and end, tj3's start day.
// To be called on the leveled start/finish (per node) in TaskJuggler order, before the result is
// built.
void taskjuggler_length_starts(const TaskGraph& g, std::vector<Slot>& start,
                               const std::vector<Slot>& finish);

}  // namespace cairn::schedule
