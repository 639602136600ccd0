// What the leveled schedule derives after leveling: the resource order (who does what after what),
// the resource-aware critical chain and each person's load by week. Used by schedule.cc.
// Pure functions; thread-safe on distinct arguments.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "schedule/schedule.h"

namespace cairn::schedule {

// For each person, consecutive booked nodes (a, b): b comes after a on that person. Sorted,
// without duplicates.
std::vector<std::pair<uint32_t, uint32_t>> resource_order(const TaskGraph& g,
                                                          const LeveledSchedule& s);

// The chain of dependency and resource links that fixes the end: from the item that finishes
// last (or from `end_node` when given), back through the predecessor (dependency first, then the
// previous item of the same person) whose finish leaves it no earlier start, to an item that
// starts at its release (ChainStep::start says which) or when its person is free again.
// `times` holds the schedule's dates.
std::vector<ChainStep> critical_chain(const TaskGraph& g, const LeveledSchedule& s,
                                      const CpmResult& times, uint32_t end_node = kNoNode);

// For each node, the item the same person does before it (the latest finishing over its people)
// and that person; kNoNode when none. What critical_chain follows for a resource link: compute it
// once when following many chains on one schedule (one per milestone).
struct PersonBefore {
  std::vector<uint32_t> node;
  std::vector<uint32_t> person;
};
PersonBefore person_before(const TaskGraph& g, const LeveledSchedule& s);
std::vector<ChainStep> critical_chain(const TaskGraph& g, const LeveledSchedule& s,
                                      const CpmResult& times, const PersonBefore& before,
                                      uint32_t end_node = kNoNode);

// One step of a chain in words, e.g. "PAY-110 waits for PAY-126 (a dependency)", "WEB-139 waits
// for jmuller, who does PAY-151 first", "PLT-163 starts at its start_no_earlier_than 2027-01-11".
// `prev` is the step before (nullptr for the first).
std::string describe(const ChainStep& step, const ChainStep* prev, const Program& program,
                     const ScheduleResult& r);

// Fills r.weeks and r.load for the weeks from `first` to `last` (slots), at most 1040 weeks.
void weekly_load(const TaskGraph& g, const LeveledSchedule& s, Slot first, Slot last,
                 ScheduleResult& r);

}  // namespace cairn::schedule
