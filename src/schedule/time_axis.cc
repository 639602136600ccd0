#include "schedule/time_axis.h"

#include <algorithm>
#include <array>

namespace cairn::schedule {
namespace {

int64_t floor_div(int64_t a, int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}

Slot clamp_slot(int64_t v) {
  if (v > kNever) return kNever;
  if (v < -kNever) return -kNever;
  return static_cast<Slot>(v);
}

}  // namespace

Slot TimeAxis::floor_slot(DateTime t) const {
  return clamp_slot(floor_div(t.seconds - origin.seconds, int64_t{slot_minutes} * 60));
}

Slot TimeAxis::ceil_slot(DateTime t) const {
  int64_t len = int64_t{slot_minutes} * 60;
  return clamp_slot(-floor_div(-(t.seconds - origin.seconds), len));
}

Slot TimeAxis::horizon() const {
  return std::min<Slot>(kNever / 2, floor_slot(DateTime::from_date(Date::from_ymd(10000, 1, 1))));
}

TimeAxis TimeAxis::around(Date earliest, int slot_minutes) {
  Date d = earliest - 7;
  d = d - static_cast<int>(d.weekday());  // back to Monday
  return TimeAxis{DateTime::from_date(d), slot_minutes};
}

SlotCalendar SlotCalendar::always() {
  SlotCalendar c;
  c.always_ = true;
  return c;
}

SlotCalendar SlotCalendar::build(const TimeAxis& axis, const WorkingCalendar& calendar,
                                 std::span<const DateRange> closed) {
  Spec spec;
  spec.calendar = &calendar;
  spec.closed = closed;
  return build(axis, spec);
}

namespace {

using Mask = std::vector<char>;

// The slots of one day that lie in `ranges` (a slot works when its midpoint does).
Mask day_mask(const std::vector<TimeRange>& ranges, int spd, int res) {
  Mask m(spd, 0);
  for (const TimeRange& r : ranges)
    for (int i = 0; i < spd; ++i) {
      int mid2 = 2 * i * res + res;
      if (2 * r.start_minute <= mid2 && mid2 < 2 * r.end_minute) m[i] = 1;
    }
  return m;
}

std::array<Mask, 7> week_mask(const std::array<std::vector<TimeRange>, 7>& hours, int spd,
                              int res) {
  std::array<Mask, 7> w;
  for (int d = 0; d < 7; ++d)
    w[d] = day_mask(hours[d], spd, res);
  return w;
}

bool in_sorted(const std::vector<Date>& v, Date d) {
  return std::binary_search(v.begin(), v.end(), d);
}

// Window arithmetic of a cap, in days after the axis origin (a Monday).
struct CapState {
  WorkLimit::Per per;
  int minutes;
  int begin;   // first day of the first window the cap applies to
  int end;     // first day of the window it no longer applies to (INT_MAX: none)
  int anchor;  // 30-day windows: the day they count from
  int64_t window = std::numeric_limits<int64_t>::min();
  int used = 0;
};

int month_index(Date d) {
  return d.year() * 12 + (d.month() - 1);
}

Date window_start(WorkLimit::Per per, Date d) {
  switch (per) {
    case WorkLimit::Per::kDay:
      return d;
    case WorkLimit::Per::kWeek:
      return d - static_cast<int>(d.weekday());
    case WorkLimit::Per::kMonth:
    case WorkLimit::Per::k30Days:
      return Date::from_ymd(d.year(), d.month(), 1);
  }
  return d;
}

int64_t window_of(const CapState& c, int day, Date date) {
  switch (c.per) {
    case WorkLimit::Per::kDay:
      return day;
    case WorkLimit::Per::kWeek:
      return floor_div(day, 7);
    case WorkLimit::Per::kMonth:
      return month_index(date);
    case WorkLimit::Per::k30Days:
      return floor_div(day - c.anchor, 30);
  }
  return day;
}

}  // namespace

// The phases of SlotCalendar::build after the explicit days.
struct SlotCalendarBuild {
  // Per day of the explicit part, its first run (day_first_run_).
  static void index_days(SlotCalendar& c, int days) {
    c.day_first_run_.resize(days + 1);
    uint32_t r = 0;
    for (int d = 0; d <= days; ++d) {
      Slot start = d * c.spd_;
      while (r < c.runs_.size() && c.runs_[r].end <= start)
        ++r;
      c.day_first_run_[d] = r;
    }
  }

  // The repeating week after the explicit part: each day and the week cut to the caps without an
  // end.
  static void repeating_week(SlotCalendar& c, std::array<Mask, 7>& mask,
                             const std::vector<CapState>& caps, bool capped, int res) {
    if (capped) {  // the repeating week: each day and the week cut to the caps without an end
      int cap_day = -1, cap_week = -1;
      for (const auto& k : caps) {
        if (k.end != std::numeric_limits<int>::max()) continue;
        int& cap = k.per == WorkLimit::Per::kDay ? cap_day : cap_week;
        if (k.per == WorkLimit::Per::kDay || k.per == WorkLimit::Per::kWeek)
          cap = cap < 0 ? k.minutes : std::min(cap, k.minutes);
      }
      auto room = [&](int cap, int used) { return cap < 0 || used + res <= cap; };
      int wk = 0;
      for (int w = 0; w < 7; ++w) {
        int dy = 0;
        for (int i = 0; i < c.spd_; ++i) {
          if (!mask[w][i]) continue;
          if (!room(cap_day, dy) || !room(cap_week, wk)) {
            mask[w][i] = 0;
            continue;
          }
          dy += res, wk += res;
        }
      }
    }
    c.week_cum_.assign(c.period_ + 1, 0);
    for (int s = 0; s < c.period_; ++s) {
      bool work = mask[s / c.spd_][s % c.spd_];
      c.week_cum_[s + 1] = c.week_cum_[s] + (work ? 1 : 0);
      if (work) c.week_nth_.push_back(s);
    }
    c.week_work_ = c.week_cum_[c.period_];
  }

  // Caps that placement applies from the start of the work: daily ones without an end that count
  // from the release at the latest.
  static void placement_caps(SlotCalendar& c, const TimeAxis& axis, const SlotCalendar::Spec& spec,
                             const std::vector<SlotCalendar::Cap>& all_caps, int person_max,
                             int res) {
    bool dynamic = !all_caps.empty();
    int item_minutes = 0;
    for (size_t i = 0; i < all_caps.size() && dynamic; ++i) {
      const SlotCalendar::Cap& k = all_caps[i];
      const bool own = i < spec.caps.size();
      if (k.per != WorkLimit::Per::kDay || k.until || (own && k.from > spec.release))
        dynamic = false;
      if (own) item_minutes = item_minutes == 0 ? k.minutes : std::min(item_minutes, k.minutes);
    }
    if (dynamic) {
      SlotCalendar::Spec u = spec;
      u.caps.clear();
      u.ignore_daily_max = true;
      c.uncapped_ = std::make_shared<const SlotCalendar>(SlotCalendar::build(axis, u));
      c.item_day_slots_ = spec.caps.empty() ? 0 : std::max(0, item_minutes / res);
      c.person_day_slots_ = person_max / res;
      if (!spec.caps.empty() && c.item_day_slots_ == 0) c.item_day_slots_ = -1;  // nothing a day
      if (person_max > 0 && c.person_day_slots_ == 0) c.uncapped_.reset();       // never works
    }
  }
};

SlotCalendar SlotCalendar::build(const TimeAxis& axis, const Spec& spec) {
  SlotCalendar c;
  const WorkingCalendar& calendar = *spec.calendar;
  const int res = axis.slot_minutes;
  c.spd_ = axis.slots_per_day();
  c.period_ = 7 * c.spd_;
  const Date day0 = axis.origin.date();
  // The person's daily maximum is a daily cap over the whole axis.
  std::vector<Cap> all_caps = spec.caps;
  const int person_max = spec.ignore_daily_max ? 0 : calendar.daily_max_minutes();
  if (person_max > 0) all_caps.push_back(Cap{WorkLimit::Per::kDay, person_max, day0, std::nullopt});
  const bool capped = !all_caps.empty();

  // Working slots of each weekday (the origin is a Monday, so day % 7 is the weekday).
  std::array<Mask, 7> mask;
  for (int w = 0; w < 7; ++w)
    mask[w] = day_mask(calendar.hours(static_cast<Weekday>(w)), c.spd_, res);
  std::vector<std::array<Mask, 7>> shift_mask, only_mask;
  for (const Shift& s : spec.shifts)
    shift_mask.push_back(week_mask(s.hours, c.spd_, res));
  for (const Shift* s : spec.only)
    only_mask.push_back(week_mask(s->hours, c.spd_, res));

  // The explicit part reaches the week after the last exception.
  int last_exception = -1;
  for (const Holiday& h : calendar.holidays())
    last_exception = std::max(last_exception, h.date - day0);
  for (const DateRange& r : spec.closed)
    last_exception = std::max(last_exception, r.to - day0);
  for (const Shift& s : spec.shifts)
    last_exception = std::max(last_exception, s.dates.to - day0);
  for (const Shift* s : spec.only)
    last_exception = std::max(last_exception, s->dates.to - day0);
  std::vector<CapState> caps;
  for (const Cap& k : all_caps) {
    CapState st{k.per, k.minutes, window_start(k.per, k.from) - day0,
                k.until ? window_start(k.per, *k.until) - day0 : std::numeric_limits<int>::max(),
                window_start(k.per, k.from) - day0};
    caps.push_back(st);
    last_exception = std::max(last_exception, st.begin);
    if (k.until) last_exception = std::max(last_exception, st.end);
  }
  if (capped) last_exception = std::max({last_exception, spec.until - day0, spec.release - day0});
  const int weeks = last_exception >= 0 ? last_exception / 7 + 1 : 0;
  const int days = weeks * 7;
  std::vector<char> closed_day(days, 0);
  for (const Holiday& h : calendar.holidays()) {
    int d = h.date - day0;
    if (d >= 0 && d < days) closed_day[d] = 1;
  }
  for (const DateRange& r : spec.closed)
    for (int d = std::max(0, r.from - day0); d <= std::min(days - 1, r.to - day0); ++d)
      closed_day[d] |= 2;

  Mask today(c.spd_);
  int64_t total = 0;
  for (int d = 0; d < days; ++d) {
    const Date date = day0 + d;
    if (capped) {
      for (auto& k : caps) {
        int64_t w = window_of(k, d, date);
        if (w != k.window) k.window = w, k.used = 0;
      }
      if (d < spec.release - day0) continue;
    }
    // The person's shift of the day, if any: its hours, and its leave (alone with `replace`).
    const Mask* m = &mask[d % 7];
    bool closed = closed_day[d] != 0;
    for (size_t i = 0; i < spec.shifts.size(); ++i) {
      const Shift& s = spec.shifts[i];
      if (!s.covers(date)) continue;
      m = &shift_mask[i][d % 7];
      if (s.replace) closed = false;
      closed = closed || in_sorted(s.leave, date);
      break;
    }
    if (closed) continue;
    if (!spec.only.empty()) {
      today = *m;
      for (size_t i = 0; i < spec.only.size(); ++i) {
        const Shift& s = *spec.only[i];
        if (!s.covers(date)) continue;
        if (in_sorted(s.leave, date)) closed = true;
        for (int k = 0; k < c.spd_; ++k)
          today[k] = today[k] && only_mask[i][d % 7][k];
      }
      if (closed) continue;
      m = &today;
    }
    for (int i = 0; i < c.spd_; ++i) {
      if (!(*m)[i]) continue;
      if (capped) {
        bool room = true;
        for (const auto& k : caps)
          if (d >= k.begin && d < k.end && k.used + res > k.minutes) room = false;
        if (!room) continue;
        for (auto& k : caps)
          if (d >= k.begin && d < k.end) k.used += res;
      }
      Slot s = d * c.spd_ + i;
      if (!c.runs_.empty() && c.runs_.back().end == s) {
        ++c.runs_.back().end;
      } else {
        c.runs_.push_back(Run{s, s + 1, total});
      }
      ++total;
    }
  }
  c.explicit_end_ = days * c.spd_;
  c.explicit_total_ = total;
  SlotCalendarBuild::index_days(c, days);
  SlotCalendarBuild::repeating_week(c, mask, caps, capped, res);
  SlotCalendarBuild::placement_caps(c, axis, spec, all_caps, person_max, res);
  return c;
}

Slot SlotCalendar::day_end(Slot t) const {
  const int64_t d = t >= 0 ? t / spd_ : -((-int64_t{t} + spd_ - 1) / spd_);
  return clamp_slot((d + 1) * spd_);
}

Slot SlotCalendar::day_start(Slot t) const {
  return day_end(t) - spd_;
}

int64_t SlotCalendar::day_room(int64_t person_used) const {
  int64_t room = std::numeric_limits<int64_t>::max();
  if (item_day_slots_ != 0) room = std::max(0, item_day_slots_);
  if (person_day_slots_ > 0) room = std::min(room, person_day_slots_ - person_used);
  return std::max<int64_t>(0, room);
}

Slot SlotCalendar::capped_start(Slot j, int64_t person_used) const {
  if (!uncapped_) return start_at_or_after(j);
  const Slot end = day_end(j);
  if (day_room(person_used) > 0) {
    const Slot b = uncapped_->start_at_or_after(j);
    if (b < end) return b;
  }
  return start_at_or_after(end);
}

int64_t SlotCalendar::capped_work(Slot j, Slot f, int64_t person_used) const {
  if (f <= j) return 0;
  if (!uncapped_) return cum(f) - cum(j);
  const Slot end = day_end(j);
  const int64_t first =
      std::min(day_room(person_used), uncapped_->cum(std::min(f, end)) - uncapped_->cum(j));
  return f <= end ? first : first + cum(f) - cum(end);
}

Slot SlotCalendar::capped_finish(Slot j, int64_t w, int64_t person_used) const {
  if (w <= 0) return j;
  if (!uncapped_) return finish_after(j, w);
  const Slot end = day_end(j);
  const int64_t take = std::min(day_room(person_used), uncapped_->cum(end) - uncapped_->cum(j));
  if (w <= take) return uncapped_->finish_after(j, w);
  return finish_after(end, w - take);
}

int64_t SlotCalendar::cum(Slot t) const {
  if (always_) return t;
  if (t <= 0) return 0;
  if (t >= explicit_end_) {
    int64_t off = int64_t{t} - explicit_end_;
    return explicit_total_ + (off / period_) * week_work_ + week_cum_[off % period_];
  }
  uint32_t r = day_first_run_[t / spd_];
  const uint32_t n = static_cast<uint32_t>(runs_.size());
  while (r < n && runs_[r].end <= t)
    ++r;
  if (r == n) return explicit_total_;
  return runs_[r].before + std::max<int64_t>(0, int64_t{t} - runs_[r].begin);
}

Slot SlotCalendar::nth(int64_t k) const {
  if (always_) return clamp_slot(k);
  if (k < 0) return 0;
  if (k >= explicit_total_) {
    if (week_work_ == 0) return kNever;
    int64_t rest = k - explicit_total_;
    return clamp_slot(int64_t{explicit_end_} + (rest / week_work_) * period_ +
                      week_nth_[rest % week_work_]);
  }
  auto it = std::upper_bound(runs_.begin(), runs_.end(), k,
                             [](int64_t v, const Run& run) { return v < run.before; });
  --it;
  return static_cast<Slot>(it->begin + (k - it->before));
}

Slot SlotCalendar::start_at_or_before(Slot t) const {
  if (always_) return t;
  int64_t c = cum(t + 1);
  return c == 0 ? t : nth(c - 1);
}

Slot SlotCalendar::finish_at_or_before(Slot t) const {
  if (always_) return t;
  int64_t c = cum(t);
  return c == 0 ? t : nth(c - 1) + 1;
}

Slot SlotCalendar::finish_after(Slot s, int64_t w) const {
  if (w <= 0) return s;
  if (always_) return clamp_slot(int64_t{s} + w);
  Slot n = nth(cum(s) + w - 1);
  return n >= kNever ? kNever : n + 1;
}

Slot SlotCalendar::start_before(Slot f, int64_t w) const {
  if (w <= 0) return f;
  if (always_) return clamp_slot(int64_t{f} - w);
  if (f >= kNever) return kNever;
  return nth(std::max<int64_t>(0, cum(f) - w));
}

Slot SlotCalendar::start_for_finish_at_least(Slot x, int64_t w) const {
  if (w <= 0) return x;
  if (always_) return clamp_slot(int64_t{x} - w);
  int64_t i = cum(x - 1) - w + 1;
  return i <= 0 ? -kNever : nth(i);
}

Slot SlotCalendar::add_work(Slot t, int64_t n) const {
  if (n == 0 || t >= kNever) return t;
  if (always_) return clamp_slot(int64_t{t} + n);
  if (n > 0) {
    Slot s = nth(cum(t) + n - 1);
    return s >= kNever ? kNever : s + 1;
  }
  return nth(std::max<int64_t>(0, cum(t) + n));
}

Slot SlotCalendar::sub_work(Slot t, int64_t n) const {
  if (n == 0 || t >= kNever) return t;
  if (always_) return clamp_slot(int64_t{t} - n);
  if (n < 0) return add_work(t, -n);
  return nth(std::max<int64_t>(0, cum(t) - n));
}

}  // namespace cairn::schedule
