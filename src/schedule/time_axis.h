// The scheduler's time axis: integer time slots of a fixed resolution, and working-time patterns
// ("slot calendars") over them.
//
// Slot 0 starts at TimeAxis::origin (a Monday 00:00 UTC); slot s covers
// [origin + s*slot_minutes, origin + (s+1)*slot_minutes). The resolution divides a day (default 60
// minutes, TaskJuggler's `timingresolution`). An instant between slots is the boundary slot index:
// a start at slot s means "at the beginning of slot s", a finish at slot f means "at the end of
// slot f-1" (half-open [start, finish)).
//
// A SlotCalendar says which slots are working for one calendar (a person's week minus holidays and
// leave, the program's week, or "always" for calendar-time durations). It is stored as explicit
// runs of working slots up to the last exception (holiday or leave) and as a repeating week after
// it, so every query is O(1) or O(log runs) and needs no horizon. A slot works when its midpoint
// lies in a working time range of its weekday.
//
// Value types; every query is const and thread-safe once built.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "base/calendar.h"
#include "base/date.h"
#include "model/work_item.h"

namespace cairn::schedule {

using Slot = int32_t;
// "Never": the finish of work that cannot be done (a calendar with no working time left).
inline constexpr Slot kNever = std::numeric_limits<int32_t>::max() / 4;

struct TimeAxis {
  DateTime origin;        // the instant of slot 0; a Monday 00:00 UTC
  int slot_minutes = 60;  // divides 1440

  int slots_per_day() const { return 1440 / slot_minutes; }
  int slots_per_week() const { return 7 * slots_per_day(); }
  DateTime to_time(Slot s) const {
    return DateTime{origin.seconds + int64_t{s} * slot_minutes * 60};
  }
  // The slot boundary at or before t (a slot index whose start is <= t).
  Slot floor_slot(DateTime t) const;
  // The slot boundary at or after t.
  Slot ceil_slot(DateTime t) const;
  Slot day_start(Date d) const { return floor_slot(DateTime::from_date(d)); }
  // The date of the slot that starts at s.
  Date date_of(Slot s) const { return to_time(s).date(); }
  // The date shown for a finish boundary f of work that started at s: the day of the last slot
  // worked (f-1), or the start's day for zero-length work. Finish dates are inclusive.
  Date finish_date(Slot s, Slot f) const { return f > s ? date_of(f - 1) : date_of(s); }

  // The latest slot boundary a schedule may reach and still be shown as a date a person can
  // trust: the start of 10000-01-01, or kNever / 2 slots from the origin (about 510 years at a
  // 1-minute resolution, 61,000 years at 60 minutes), whichever is earlier. The half range keeps
  // every date of validated input (one item or lag is at most 100 years, model/validate.h) from
  // jumping past the horizon straight to kNever, so "beyond the horizon" and "never" stay apart.
  Slot horizon() const;

  // An axis whose origin is the Monday 00:00 at or before `earliest` minus one week (room for
  // negative lags).
  static TimeAxis around(Date earliest, int slot_minutes);
};

class SlotCalendar {
 public:
  // Every slot works (calendar time: durations, milestones).
  static SlotCalendar always();
  // The working slots of `calendar` on `axis`, without its holidays and without the `closed`
  // date ranges (a person's leave, inclusive).
  static SlotCalendar build(const TimeAxis& axis, const WorkingCalendar& calendar,
                            std::span<const DateRange> closed = {});

  // A cap on working time per window (TaskJuggler's limits): at most `minutes` per day, week
  // (Monday first), calendar month or 30-day window, in the windows from the one containing `from`
  // up to, not including, the one containing `until` (unset: no end). 30-day windows start on the
  // first day of `from`'s month.
  struct Cap {
    WorkLimit::Per per = WorkLimit::Per::kDay;
    int minutes = 0;
    Date from;
    std::optional<Date> until;
  };
  // Everything that shapes one working-time pattern.
  struct Spec {
    const WorkingCalendar* calendar = nullptr;  // required
    std::span<const DateRange> closed;          // days off (a person's leave), inclusive
    std::span<const Shift> shifts;   // a person's shifts: their hours replace the calendar's
    std::vector<const Shift*> only;  // restrictions: in their ranges, only their hours
    std::vector<Cap> caps;           // window caps, counted from `release`
    Date release;                    // with caps: no working time before this day
    Date until;                      // with caps: exact up to this day, then a repeating week
                                     // cut by the daily and weekly caps that have no end
    bool ignore_daily_max = false;   // leave out the calendar's daily_max_minutes()
  };
  // The working slots of `spec` on `axis`.
  static SlotCalendar build(const TimeAxis& axis, const Spec& spec);

  bool is_always() const { return always_; }
  // Whether the calendar has any working time at all, now or later.
  bool has_work() const { return always_ || week_work_ > 0 || explicit_total_ > 0; }
  // Working slots per repeating week.
  int week_work() const { return always_ ? 0 : week_work_; }

  // ---- daily caps counted from the work actually done ----
  // TaskJuggler counts a daily limit in the slots booked that day: work that starts at 15:00 on
  // an otherwise free day may take the cap's hours from 15:00, where this calendar (the uncapped
  // one cut to the first hours of each day) would leave it only what remains of those first
  // hours. When every cap of the calendar is a daily one without an end (the item's daily
  // limits, the person's daily_max_minutes()), the calendar keeps its uncapped twin and the caps
  // so that placement can apply them from the start of the work: on the first day the cap counts
  // from the work's first slot (the person cap also counts `person_used`, the slots the person
  // already works that day on other items); from the next day on, work that goes on without a
  // break takes each day's first hours, which is this calendar.
  bool day_capped() const { return uncapped_ != nullptr; }
  // Whether the cap counts the person's other work of the day (see person_used).
  bool counts_person_day() const { return person_day_slots_ > 0; }
  const SlotCalendar& uncapped() const { return *uncapped_; }
  // Slots that work starting on a day may take that day.
  int64_t day_room(int64_t person_used) const;
  // The first slot at or after j where work that starts there can be done.
  Slot capped_start(Slot j, int64_t person_used) const;
  // Slots worked in [j, f) by work that starts at j and goes on without a break.
  int64_t capped_work(Slot j, Slot f, int64_t person_used) const;
  // The finish of w slots of work that starts at j and goes on without a break.
  Slot capped_finish(Slot j, int64_t w, int64_t person_used) const;
  Slot day_end(Slot t) const;    // the start of the day after the one of slot t
  Slot day_start(Slot t) const;  // the start of the day of slot t

  // Working slots in [0, t) (0 for t <= 0).
  int64_t cum(Slot t) const;
  // The start of the k-th working slot (k from 0); kNever when there is none; 0 for k < 0.
  Slot nth(int64_t k) const;
  bool is_working(Slot t) const { return cum(t + 1) > cum(t); }

  // The first working slot start at or after t.
  Slot start_at_or_after(Slot t) const { return always_ ? t : nth(cum(t)); }
  // The latest working slot start at or before t.
  Slot start_at_or_before(Slot t) const;
  // The end of the last working slot that ends at or before t.
  Slot finish_at_or_before(Slot t) const;
  // The finish of w working slots that start at or after s (s itself for w == 0).
  Slot finish_after(Slot s, int64_t w) const;
  // The latest start from which w working slots finish by f (f itself for w == 0).
  Slot start_before(Slot f, int64_t w) const;
  // The earliest start from which w working slots finish at or after x.
  Slot start_for_finish_at_least(Slot x, int64_t w) const;
  // t moved by n working slots: forward for n > 0 (the end of the n-th working slot from t),
  // backward for n < 0 (the start of the |n|-th working slot before t); t for n == 0.
  Slot add_work(Slot t, int64_t n) const;
  // The largest x with add_work(x, n) <= t, for n >= 0 (the inverse used by backward passes).
  Slot sub_work(Slot t, int64_t n) const;

 private:
  friend struct SlotCalendarBuild;  // time_axis.cc: the phases of build()
  struct Run {
    Slot begin;
    Slot end;
    int64_t before;  // working slots before this run
  };
  bool always_ = false;
  int spd_ = 24;      // slots per day
  int period_ = 168;  // slots per week
  // Explicit part: [0, explicit_end_).
  std::vector<Run> runs_;
  std::vector<uint32_t> day_first_run_;  // per day: first run with end > day start
  Slot explicit_end_ = 0;
  int64_t explicit_total_ = 0;
  // Repeating week after explicit_end_.
  std::vector<int32_t> week_cum_;  // period_+1 entries: working slots in [0, r) of the week
  std::vector<int32_t> week_nth_;  // week_work_ entries: offset of the k-th working slot
  int32_t week_work_ = 0;
  // Daily caps applied at placement (see day_capped()).
  std::shared_ptr<const SlotCalendar> uncapped_;
  int32_t item_day_slots_ = 0;    // the item's own daily cap; 0: none
  int32_t person_day_slots_ = 0;  // the person's daily cap over all their work; 0: none
};

}  // namespace cairn::schedule
