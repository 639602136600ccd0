// Synthetic, deterministic programs and task graphs for tests and benchmarks of the scheduler
// (and of engines built on it). Same options, same output. Pure functions; thread-safe.
#pragma once

#include <cstdint>

#include "model/program.h"
#include "schedule/task_graph.h"

namespace cairn::schedule {

struct SyntheticOptions {
  int items = 1000;            // leaf work items. Default 1000.
  int people = 80;             // people, in teams of `team_size`. Default 80.
  int team_size = 8;           // Default 8.
  double deps_per_item = 1.6;  // average finish-start dependencies per item (to earlier items)
  int window = 40;             // a dependency goes to one of the `window` previous items of the
                               // same team (or, 20% of the time, of any team). Default 40.
  double pool_share = 0.3;     // share of items given to the team instead of one person
  int epic_size = 10;          // leaf items per epic; 0: no epics. Default 10.
  uint64_t seed = 1;
};

// Teams of people, epics with leaf items of 1..15 days of effort (median ~5), dependencies,
// Mon-Fri 09:00-17:00 from 2026-01-05. A final milestone holds every epic.
Program synthetic_program(const SyntheticOptions& options);

// A bare task graph (no Program): `nodes` effort nodes of 1..15 days (8-slot days) on the program
// calendar, `arcs` finish-start arcs to random earlier nodes (within `window`), no people.
TaskGraph synthetic_graph(uint32_t nodes, uint64_t arcs, uint32_t window, uint64_t seed);

}  // namespace cairn::schedule
