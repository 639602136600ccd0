// Timing the forecast's items as the leveled schedule does, so that schedule and forecast tell one
// story: with zero spread (o = m = p) and no risks, a forecast trial reproduces the schedule's
// dates, and the forecast's P50 of every milestone is the schedule's date.
//
// Each open leaf item the schedule placed gets, as its base duration, its span in the schedule in
// working days of the program calendar (so its person's calendar, leave, part-time allocation and
// seats, and the pace the schedule gave unestimated and story-point work, all count as the
// schedule counts them); a trial scales that span by the drawn value relative to the value the
// schedule used (three-point estimates: the likely value; story points: the team's days per point
// relative to their mean; unestimated work: the team's weekly throughput relative to its mean). An
// item that the schedule starts later than its links and release allow (its person is away, ALAP,
// a lag counted on a person's calendar) gets that start as its release; a link that would start
// it later than the schedule does gets its lag shortened to the schedule's start.
// Pure functions; thread-safe on distinct arguments.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/date.h"
#include "forecast/distribution.h"
#include "forecast/network.h"
#include "forecast/program_forecast.h"
#include "model/program.h"
#include "schedule/schedule.h"

namespace cairn::forecast {

struct PendingLink {
  uint32_t pred, succ;
  LinkType type;
  double lag;  // working days of the program calendar
};

// What a node's duration is drawn from, before the schedule anchors it.
struct NodeBasis {
  enum class Kind : uint8_t {
    kFixed,       // no spread (remaining work without an estimate, nothing known, not open)
    kThreePoint,  // `dist` (working days), relative to `reference` (the schedule's value)
    kEmpirical,   // `samples` (days per point), relative to their mean
    kThroughput,  // `samples` (items per week): duration scales with mean / week
    kQueue,       // in a team's throughput queue (the schedule gave it no time): not anchored
  };
  Kind kind = Kind::kFixed;
  ThreePointDistribution dist;
  double reference = 0;
  const std::vector<double>* samples = nullptr;
};

// Sets the duration and release of every node of `b` from the schedule `sched` (by WorkItemId =
// node) and adjusts `links` as described above. `release` holds each node's release before (its
// start-no-earlier-than), `start` the forecast's working day 1. Marks `random_duration` per node.
// Returns the number of items anchored.
size_t anchor_to_schedule(const Program& program, const schedule::ScheduleResult& sched, Date start,
                          std::span<const uint8_t> open_leaf, std::span<const NodeBasis> basis,
                          std::span<const double> release, const Spread& spread,
                          std::vector<PendingLink>& links, std::vector<uint8_t>& random_duration,
                          NetworkBuilder& b);

// The earliest start a link allows its successor (of duration `dur`), given the predecessor's
// start and finish.
double link_start(const PendingLink& l, double pred_start, double pred_finish, double dur);

// A node order in which every link's predecessor comes first (Kahn's algorithm, smallest index
// first among ready nodes). Shorter than `n` when the links have a cycle.
std::vector<uint32_t> topological_order(uint32_t n, std::span<const PendingLink> links);

}  // namespace cairn::forecast
