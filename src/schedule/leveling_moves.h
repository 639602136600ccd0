// The leveler's moves along late chains (internal to src/schedule): a local search on the activity
// list of the best schedule while a deadline is missed. Used by leveling.cc.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "schedule/leveling.h"
#include "schedule/leveling_rules.h"
#include "schedule/leveling_worker.h"

namespace cairn::schedule::leveling {

// The search's objective, in order: weighted tardiness, then the end, then the weighted finishes of
// the due groups, then the sum of finishes.
inline bool better(const LeveledSchedule& a, const LeveledSchedule& b) {
  if (a.tardiness != b.tardiness) return a.tardiness < b.tardiness;
  if (a.end != b.end) return a.end < b.end;
  if (a.due_finish != b.due_finish) return a.due_finish < b.due_finish;
  return a.sum_finish < b.sum_finish;
}

struct MoveLimits {
  int most = 0;      // SGS passes in all, counted with what `used` holds already
  double floor = 0;  // the tardiness no order can go below (critical-path finishes)
  int kicks = 20;    // times the search may step to its best worse neighbour when stuck
  int tenure = 20;   // steps a kick's pair of items stays untouched
};

// Walking back from each late due group's last finish in `best`, every item that waited for its
// person's previous item (rather than for a predecessor or its release) gives moves of the list
// `best` was decoded from (`best_list`, precedence-feasible): the item (with its predecessors
// listed after that place) just before the item it waited for, or before the first item of the
// person's that ran past when it could have started; and each of these the other way round, the
// item passed (with its successors listed before) just after the one that waited. The moved list is
// listed again as any list is, priority first (the place the move gave breaks ties), so that each
// item is of the highest priority among those ready when it is listed; a move that this undoes is
// skipped. Each is decoded by the serial pass and improved forward-backward (3 passes); the first
// that is better (`better`) is taken and the walk starts again from it. When none is, the search
// steps to the best of them (a kick, at most `limits.kicks` times), the pair it moved left alone
// for `limits.tenure` steps, and goes on from there; `best` and `best_list` keep the best schedule
// seen. Stops at the floor, when stuck, or when the passes are spent. Deterministic. Returns how
// many times `best` improved.
int chain_moves(Worker& w, const Targets& targets, LeveledSchedule& best,
                std::vector<uint32_t>& best_list, const MoveLimits& limits, int& used,
                const std::function<bool()>& out_of_time);

}  // namespace cairn::schedule::leveling
