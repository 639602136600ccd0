// A person: who does the work. Allocation is the share of a full working day given to this
// program (percent, 1..100); efficiency is the effort done per hour worked (TaskJuggler's
// `efficiency`: a resource that stands for a team of five does 5, a room or a truck 0: booked
// beside the people who do the effort, doing none); cost rate is per working day in the program's
// currency. Value type.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/calendar.h"
#include "base/ids.h"
#include "model/shift.h"
#include "model/work_limit.h"

namespace cairn {

struct Leave {
  DateRange dates;  // inclusive
  std::string reason;
  friend bool operator==(const Leave&, const Leave&) = default;
};

struct Person {
  std::string key;
  std::string name;
  std::string email;
  TeamId team;                // invalid when the person belongs to no team
  double allocation = 100.0;  // percent of a full working day
  double efficiency = 1.0;    // effort per hour worked, 0 to 100; 0: booked, does no effort
  double cost_per_day = 0.0;  // currency units per working day
  std::vector<Leave> leave;
  std::vector<std::string> skills;
  // Own working week, when it differs from the program's (part-time days, other shifts).
  std::optional<WorkingCalendar> calendar;
  // Working time for date ranges (TaskJuggler's resource `shifts id DATE +2w`): on the days of a
  // shift, its hours instead of the calendar's. Ranges do not overlap. Empty: none.
  std::vector<Shift> shifts;
  // Caps on all the person's work per day, week or month (TaskJuggler's resource `limits`),
  // counted in the work booked on them. A plain daily cap is the calendar's daily_max_minutes().
  std::vector<WorkLimit> limits;

  bool on_leave(Date d) const;
  // Effort done per working hour of the person's calendar: allocation / 100 x efficiency.
  double rate() const { return allocation / 100.0 * efficiency; }
  friend bool operator==(const Person&, const Person&) = default;
};

}  // namespace cairn
