// What the leveled schedule derives after leveling: the resource order (who does what after what),
// the resource-aware critical chain and each person's load by week. Used by schedule.cc.
// Pure functions; thread-safe on distinct arguments.
#pragma once

#include <utility>
#include <vector>

#include "schedule/schedule.h"

namespace cairn::schedule {

// For each person, consecutive booked nodes (a, b): b comes after a on that person. Sorted,
// without duplicates.
std::vector<std::pair<uint32_t, uint32_t>> resource_order(const TaskGraph& g,
                                                          const LeveledSchedule& s);

// The chain of dependency and resource links that fixes the end: from the item that finishes
// last, back through the predecessor (dependency first, then the previous item of the same
// person) whose finish leaves it no earlier start, to an item that starts at its release.
// `times` holds the schedule's dates; `aug` is g with the resource order (for nothing but
// symmetry; links are re-derived from s).
std::vector<ChainStep> critical_chain(const TaskGraph& g, const TaskGraph& aug,
                                      const LeveledSchedule& s, const CpmResult& times,
                                      const Program& program);

// Fills r.weeks and r.load for the weeks from `first` to `last` (slots), at most 1040 weeks.
void weekly_load(const TaskGraph& g, const LeveledSchedule& s, Slot first, Slot last,
                 ScheduleResult& r);

}  // namespace cairn::schedule
