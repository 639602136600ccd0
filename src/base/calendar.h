// Working calendars: which days are worked and, within a day, which hours.
//
// A WorkingCalendar has a working-time pattern per weekday (a list of [start, end) minute ranges,
// e.g. 09:00-12:00 and 13:00-18:00) and a list of holidays (closed dates). A day counts as a
// working day when it has working time and is not a holiday. Durations in Cairn's model are in
// working days; the calendar's `day_minutes` (default 480, 8 hours) converts them to working time.
// Value type; thread-compatible; every query is const.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "base/date.h"

namespace cairn {

struct TimeRange {
  int start_minute = 0;  // minutes after midnight, inclusive
  int end_minute = 0;    // exclusive; 1440 at most
  friend bool operator==(const TimeRange&, const TimeRange&) = default;
};

struct Holiday {
  Date date;
  std::string name;
  friend bool operator==(const Holiday&, const Holiday&) = default;
};

class WorkingCalendar {
 public:
  // Monday to Friday, 09:00-17:00, no holidays.
  WorkingCalendar();

  // The working time of a weekday; empty when the weekday is not worked.
  const std::vector<TimeRange>& hours(Weekday w) const { return week_[static_cast<int>(w)]; }
  void set_hours(Weekday w, std::vector<TimeRange> ranges);
  // The worked weekdays, Monday first.
  std::vector<Weekday> weekdays() const;
  // Works the given weekdays, each with `ranges`; the others are off.
  void set_weekdays(const std::vector<Weekday>& days, const std::vector<TimeRange>& ranges);

  // Minutes in a nominal working day (converts working days to time). Default 480.
  int day_minutes() const { return day_minutes_; }
  void set_day_minutes(int m) { day_minutes_ = m; }

  // At most this many minutes worked on any one day, counted over everything worked that day
  // (TaskJuggler's resource `limits { dailymax }`): the hours above are the hours a day may
  // fall in, this caps how many of them are worked. 0 (default): no cap.
  int daily_max_minutes() const { return daily_max_minutes_; }
  void set_daily_max_minutes(int m) { daily_max_minutes_ = m > 0 ? m : 0; }

  const std::vector<Holiday>& holidays() const { return holidays_; }
  // Keeps the list sorted by date; a second entry for a date is ignored.
  void add_holiday(Holiday h);
  // The same for many at once, in O((n + m) log(n + m)): for long ranges of days off, which one
  // add_holiday each would move the list over and over.
  void add_holidays(std::vector<Holiday> hs);
  bool is_holiday(Date d) const;

  bool is_working_day(Date d) const;
  int working_minutes(Date d) const;  // 0 on days off; at most daily_max_minutes() when set
  // The first working day at or after d (d itself when it is one). Searches 10 years at most.
  Date next_working_day(Date d) const;
  // The working day n working days after d (n may be negative); d need not be a working day.
  Date add_working_days(Date d, int n) const;
  // Working days in [from, to).
  int working_days_between(Date from, Date to) const;

  friend bool operator==(const WorkingCalendar&, const WorkingCalendar&) = default;

 private:
  std::array<std::vector<TimeRange>, 7> week_;
  std::vector<Holiday> holidays_;
  int day_minutes_ = 480;
  int daily_max_minutes_ = 0;
};

// An inclusive range of dates (leave, sprints, freezes).
struct DateRange {
  Date from;
  Date to;  // inclusive
  bool contains(Date d) const { return from <= d && d <= to; }
  friend bool operator==(const DateRange&, const DateRange&) = default;
};

// Parses "HH:MM-HH:MM" (spaces allowed around the dash). nullopt when malformed or empty.
std::optional<TimeRange> parse_time_range(const std::string& text);
std::string to_string(const TimeRange& r);  // "09:00-17:00"

}  // namespace cairn
