// Working time for a date range (a shift), and actual work already done (a booking).
//
// A Shift is a weekly working-time pattern that applies on the days of `dates` only (TaskJuggler's
// `shifts id 2026-03-02 +2w`). On a person it replaces their working hours in the range (a night
// shift, a week on call, a part-time month), adds its `leave` days, and with `replace` its leave
// is the only leave in the range (the person's own leave and the program's holidays there do
// not apply). On a work item or an allocation seat it restricts the work: in the range, the item
// (or the seat's person) works only in the shift's hours and not on its leave days.
//
// A Booking is actual work: `person` worked on the item from `start` to `end`. Booked time counts
// against the item's effort and occupies the person; `counts` says which time in the interval is
// work (TaskJuggler's booking `overtime`).
// Value types; thread-compatible.
#pragma once

#include <array>
#include <vector>

#include "base/calendar.h"
#include "base/date.h"
#include "base/ids.h"

namespace cairn {

struct Shift {
  DateRange dates;                              // inclusive
  std::array<std::vector<TimeRange>, 7> hours;  // per weekday, Monday first; empty: not worked
  std::vector<Date> leave;                      // days off within the range, sorted
  // People only: the shift's leave replaces the person's leave and the program's holidays on the
  // days of the range. Default false: they add up.
  bool replace = false;

  bool covers(Date d) const { return dates.contains(d); }
  friend bool operator==(const Shift&, const Shift&) = default;
};

// Which time of a booking's interval counts as work.
enum class BookingCounts {
  kWorkingTime,  // the person's working time only (default)
  kOffHours,     // also time outside working hours, but not leave or holidays (overtime 1)
  kAll,          // every hour of the interval, leave included (overtime 2)
};

struct Booking {
  PersonId person;
  DateTime start;
  DateTime end;  // exclusive
  BookingCounts counts = BookingCounts::kWorkingTime;
  friend bool operator==(const Booking&, const Booking&) = default;
};

const char* to_string(BookingCounts c);

}  // namespace cairn
