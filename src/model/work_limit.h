// A cap on working time per window (TaskJuggler's `limits { dailymax / weeklymax / monthlymax }`),
// on a work item or on a person. Value type; thread-compatible.
#pragma once

#include <optional>
#include <vector>

#include "base/date.h"
#include "base/ids.h"

namespace cairn {

// A cap on the work done per window of time, TaskJuggler's `limits { dailymax / weeklymax /
// monthlymax }`: at most `hours` working hours per calendar day, week (Monday to Sunday), calendar
// month, or 30-day window (TaskJuggler's months: consecutive 30-day windows from the first day of
// the month the limit starts in). `from`/`until` (optional): the limit applies only in the windows
// from the one containing `from` up to, not including, the one containing `until` (TaskJuggler's
// limit `period`); unset: from the program start on, always.
// - On an item (task limits), `people` empty: the item's work in total (all its people; on an
//   epic, all the work of its descendants together); else the work of each listed person.
// - On a person (resource limits): all the person's work on the program, whatever the item;
//   `people` is empty.
struct WorkLimit {
  enum class Per { kDay, kWeek, kMonth, k30Days };
  Per per = Per::kDay;
  double hours = 0;
  std::vector<PersonId> people;
  std::optional<Date> from;
  std::optional<Date> until;  // exclusive (in whole windows, see above)
  friend bool operator==(const WorkLimit&, const WorkLimit&) = default;
};

}  // namespace cairn
