// A dependency between two work items. The lag is in working days of the program calendar and may
// be negative (a lead). A dependency whose items belong to different teams is cross-team: the
// provider team delivers to the consumer team, which needs it by a date. Value type.
#pragma once

#include <optional>

#include "base/date.h"
#include "base/ids.h"

namespace cairn {

enum class DependencyType { kFinishStart, kStartStart, kFinishFinish, kStartFinish };
enum class CrossTeamState { kRequested, kCommitted, kAtRisk, kDelivered };
// How a lag is counted: working days of the program calendar, or calendar days (TaskJuggler's
// gapduration).
enum class LagUnit { kWorkingDays, kCalendarDays };

struct Dependency {
  WorkItemId predecessor;
  WorkItemId successor;
  DependencyType type = DependencyType::kFinishStart;
  double lag = 0;  // days, counted as lag_unit says
  LagUnit lag_unit = LagUnit::kWorkingDays;

  // Cross-team fields; the teams default to the items' teams.
  TeamId provider;
  TeamId consumer;
  std::optional<Date> need_by;
  std::optional<CrossTeamState> state;

  // The successor is booked as late as possible before the date this dependency gives (its latest
  // finish): TaskJuggler's ALAP `precedes` onto a task scheduled forward, which the .tjp reader
  // turns round into such a dependency. Honoured in TaskJuggler's scheduling order (an open leaf
  // with people; placed forward when it cannot fit); elsewhere a plain dependency.
  bool alap = false;

  friend bool operator==(const Dependency&, const Dependency&) = default;
};

const char* to_string(DependencyType t);   // "finish-start", ...
const char* short_name(DependencyType t);  // "FS", "SS", "FF", "SF"
const char* to_string(CrossTeamState s);   // "requested", ...

}  // namespace cairn
