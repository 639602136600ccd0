// Working-day arithmetic the forecast's result phases share: a trial's finish (working days after
// the forecast start, fractional) as a whole working day, and a date as a working-day count.
// Pure functions; thread-safe.
#pragma once

#include <cmath>

#include "base/calendar.h"
#include "base/date.h"

namespace cairn::forecast {

inline constexpr double kDayEps = 1e-4;  // working days; below this a finish counts as "now"

// The working day (1-based) a finish `x` (working days after the start) falls in; 0 for "now".
inline int day_index(double x) {
  return x <= kDayEps ? 0 : static_cast<int>(std::ceil(x - kDayEps));
}

// The number of working days from the start through `d` (0 when d is before the start).
inline int days_through(const WorkingCalendar& cal, Date start, Date d) {
  return d < start ? 0 : cal.working_days_between(start, d + 1);
}

}  // namespace cairn::forecast
