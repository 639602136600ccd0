// What a program's finished work says about each team's pace: working days per story point and
// items finished per week. The scheduler turns story points and unestimated (Kanban) items into
// days with it (docs/scheduling.md, "Work of an item"); the forecast samples the same populations.
// Pure function of the program; thread-safe.
#pragma once

#include <span>
#include <vector>

#include "base/date.h"
#include "model/program.h"

namespace cairn {

struct TeamPace {
  // One ratio per done leaf item with points and actual start and finish dates: the working days
  // from its start to its finish (both counted, at least 0.5) divided by its points.
  std::vector<double> days_per_point;
  // Items finished in each of the `window` whole weeks before the status date, oldest first.
  std::vector<double> weekly_done;
  double mean_weekly_done = 0;
};

struct ProgramPace {
  std::vector<TeamPace> teams;             // by TeamId
  std::vector<double> days_per_point_all;  // every team's ratios together
  int window_weeks = 0;
  std::vector<double> mean_days_per_point_of;  // by TeamId, then one more: the program's

  // The ratios for items of `team`: its own when it has at least 3, else the program's.
  const std::vector<double>& days_per_point(TeamId team) const;
  // Their mean (measured once); 0 when there are none.
  double mean_days_per_point(TeamId team) const;
};

// Completions per week in the `weeks` whole weeks before `end` (the days [end - 7 weeks, end)),
// oldest week first. Finishes outside that span are ignored.
std::vector<double> weekly_counts(std::span<const Date> finishes, Date end, int weeks);

// Pace measured from the program's done leaf items, over `window_weeks` before `as_of` (inclusive)
// for throughput; days per point use every done item with dates.
ProgramPace measure_pace(const Program& program, Date as_of, int window_weeks);

}  // namespace cairn
