#include "base/calendar.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <iterator>

#include <fmt/format.h>

namespace cairn {

WorkingCalendar::WorkingCalendar() {
  for (int w = 0; w < 5; ++w)
    week_[w] = {TimeRange{9 * 60, 17 * 60}};
}

void WorkingCalendar::set_hours(Weekday w, std::vector<TimeRange> ranges) {
  week_[static_cast<int>(w)] = std::move(ranges);
}

std::vector<Weekday> WorkingCalendar::weekdays() const {
  std::vector<Weekday> out;
  for (int w = 0; w < 7; ++w)
    if (!week_[w].empty()) out.push_back(static_cast<Weekday>(w));
  return out;
}

void WorkingCalendar::set_weekdays(const std::vector<Weekday>& days,
                                   const std::vector<TimeRange>& ranges) {
  for (auto& d : week_)
    d.clear();
  for (Weekday w : days)
    week_[static_cast<int>(w)] = ranges;
}

void WorkingCalendar::add_holiday(Holiday h) {
  auto it = std::lower_bound(holidays_.begin(), holidays_.end(), h.date,
                             [](const Holiday& a, Date d) { return a.date < d; });
  if (it != holidays_.end() && it->date == h.date) return;
  holidays_.insert(it, std::move(h));
}

void WorkingCalendar::add_holidays(std::vector<Holiday> hs) {
  if (hs.empty()) return;
  holidays_.insert(holidays_.end(), std::make_move_iterator(hs.begin()),
                   std::make_move_iterator(hs.end()));
  // Stable: of two entries for a date the one there first (the older one) stays.
  std::stable_sort(holidays_.begin(), holidays_.end(),
                   [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  holidays_.erase(std::unique(holidays_.begin(), holidays_.end(),
                              [](const Holiday& a, const Holiday& b) { return a.date == b.date; }),
                  holidays_.end());
}

bool WorkingCalendar::is_holiday(Date d) const {
  auto it = std::lower_bound(holidays_.begin(), holidays_.end(), d,
                             [](const Holiday& a, Date x) { return a.date < x; });
  return it != holidays_.end() && it->date == d;
}

bool WorkingCalendar::is_working_day(Date d) const {
  return !week_[static_cast<int>(d.weekday())].empty() && !is_holiday(d);
}

int WorkingCalendar::working_minutes(Date d) const {
  if (!is_working_day(d)) return 0;
  int total = 0;
  for (const auto& r : week_[static_cast<int>(d.weekday())])
    total += r.end_minute - r.start_minute;
  return daily_max_minutes_ > 0 ? std::min(total, daily_max_minutes_) : total;
}

Date WorkingCalendar::next_working_day(Date d) const {
  for (int i = 0; i < 3660; ++i, d = d + 1)
    if (is_working_day(d)) return d;
  return d;
}

Date WorkingCalendar::add_working_days(Date d, int n) const {
  int step = n >= 0 ? 1 : -1;
  int left = n >= 0 ? n : -n;
  int guard = 0;
  while (left > 0 && guard++ < 366 * 50) {
    d = d + step;
    if (is_working_day(d)) --left;
  }
  return d;
}

int WorkingCalendar::working_days_between(Date from, Date to) const {
  int n = 0;
  for (Date d = from; d < to; d = d + 1)
    if (is_working_day(d)) ++n;
  return n;
}

std::optional<TimeRange> parse_time_range(const std::string& text) {
  auto parse_hm = [](std::string s) -> std::optional<int> {
    s.erase(std::remove_if(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); }),
            s.end());
    auto colon = s.find(':');
    if (colon == std::string::npos || colon == 0 || colon > 2 || s.size() - colon != 3)
      return std::nullopt;
    // Digits only on both sides of the one colon ("1::0" is not a time).
    for (size_t i = 0; i < s.size(); ++i)
      if (i != colon && !std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    int h = 0, m = 0;
    std::from_chars(s.data(), s.data() + colon, h);
    std::from_chars(s.data() + colon + 1, s.data() + s.size(), m);
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
  };
  auto dash = text.find('-');
  if (dash == std::string::npos) return std::nullopt;
  auto a = parse_hm(text.substr(0, dash));
  auto b = parse_hm(text.substr(dash + 1));
  if (!a || !b || *a >= *b) return std::nullopt;
  return TimeRange{*a, *b};
}

std::string to_string(const TimeRange& r) {
  return fmt::format("{:02}:{:02}-{:02}:{:02}", r.start_minute / 60, r.start_minute % 60,
                     r.end_minute / 60, r.end_minute % 60);
}

}  // namespace cairn
