#include "schedule/time_axis.h"

#include <gtest/gtest.h>

namespace cairn::schedule {
namespace {

Date d(int y, int m, int day) {
  return Date::from_ymd(y, m, day);
}

class SlotCalendarTest : public ::testing::Test {
 protected:
  TimeAxis axis = TimeAxis::around(d(2026, 3, 2), 60);
  Slot at(int y, int m, int day, int hour) {
    return axis.floor_slot(DateTime::from_date(d(y, m, day), hour * 60));
  }
};

TEST_F(SlotCalendarTest, AxisStartsOnAMondayAWeekEarlier) {
  EXPECT_EQ(axis.origin.date(), d(2026, 2, 23));
  EXPECT_EQ(axis.origin.date().weekday(), Weekday::kMonday);
  EXPECT_EQ(axis.to_time(at(2026, 3, 2, 9)).to_string(), "2026-03-02T09:00:00Z");
}

TEST_F(SlotCalendarTest, WorkSkipsNightsAndWeekends) {
  SlotCalendar c = SlotCalendar::build(axis, WorkingCalendar{});
  EXPECT_EQ(c.week_work(), 40);
  // Friday 13:00 + 8 working hours = Monday 13:00.
  EXPECT_EQ(c.finish_after(at(2026, 3, 6, 13), 8), at(2026, 3, 9, 13));
  // Start at or after a Saturday is Monday 09:00.
  EXPECT_EQ(c.start_at_or_after(at(2026, 3, 7, 10)), at(2026, 3, 9, 9));
  EXPECT_EQ(c.finish_at_or_before(at(2026, 3, 9, 9)), at(2026, 3, 6, 17));
  EXPECT_EQ(c.start_at_or_before(at(2026, 3, 8, 12)), at(2026, 3, 6, 16));
  // The latest start so that 16 hours finish by Tuesday 17:00 is Monday 09:00.
  EXPECT_EQ(c.start_before(at(2026, 3, 10, 17), 16), at(2026, 3, 9, 9));
  // The earliest start so that 8 hours finish at Tuesday 17:00 or later.
  EXPECT_EQ(c.start_for_finish_at_least(at(2026, 3, 10, 17), 8), at(2026, 3, 10, 9));
}

TEST_F(SlotCalendarTest, HolidaysAndLeaveCloseWholeDays) {
  WorkingCalendar wc;
  wc.add_holiday({d(2026, 3, 4), "holiday"});
  std::vector<DateRange> leave = {{d(2026, 3, 9), d(2026, 3, 10)}};
  SlotCalendar c = SlotCalendar::build(axis, wc, leave);
  EXPECT_FALSE(c.is_working(at(2026, 3, 4, 10)));
  EXPECT_FALSE(c.is_working(at(2026, 3, 10, 10)));
  EXPECT_TRUE(c.is_working(at(2026, 3, 11, 10)));
  // Monday 03-02 09:00 + 3 days: Mon, Tue, Thu.
  EXPECT_EQ(c.finish_after(at(2026, 3, 2, 9), 24), at(2026, 3, 5, 17));
  // Past the last exception the week repeats: 10 weeks later, same weekday pattern.
  Slot far = at(2026, 6, 1, 9);  // a Monday
  EXPECT_EQ(c.finish_after(far, 40), at(2026, 6, 5, 17));
  EXPECT_EQ(c.nth(c.cum(far)), far);
}

TEST_F(SlotCalendarTest, AddAndSubtractWorkAreInverse) {
  SlotCalendar c = SlotCalendar::build(axis, WorkingCalendar{});
  for (int h = 0; h < 24 * 14; h += 5) {
    Slot t = at(2026, 3, 2, 0) + h;
    for (int n : {1, 7, 8, 30}) {
      Slot x = c.sub_work(t, n);
      EXPECT_LE(c.add_work(x, n), t);
      EXPECT_GT(c.add_work(x + 1, n), t) << "t=" << t << " n=" << n;
    }
  }
}

TEST_F(SlotCalendarTest, SlotWorksWhenItsMidpointIsInWorkingTime) {
  WorkingCalendar wc;
  wc.set_weekdays({Weekday::kMonday}, {TimeRange{9 * 60 + 30, 12 * 60 + 15}});
  SlotCalendar c = SlotCalendar::build(axis, wc);
  // 09:00-10:00 (midpoint 09:30) works, 11:00-12:00 works, 12:00-13:00 does not.
  EXPECT_TRUE(c.is_working(at(2026, 3, 2, 9)));
  EXPECT_TRUE(c.is_working(at(2026, 3, 2, 11)));
  EXPECT_FALSE(c.is_working(at(2026, 3, 2, 12)));
  EXPECT_EQ(c.week_work(), 3);
}

TEST_F(SlotCalendarTest, AlwaysCountsEverySlot) {
  SlotCalendar c = SlotCalendar::always();
  EXPECT_EQ(c.finish_after(at(2026, 3, 6, 17), 24), at(2026, 3, 7, 17));
  EXPECT_EQ(c.start_at_or_after(at(2026, 3, 7, 3)), at(2026, 3, 7, 3));
}

TEST_F(SlotCalendarTest, NoWorkingTimeMeansNever) {
  WorkingCalendar wc;
  wc.set_weekdays({}, {});
  SlotCalendar c = SlotCalendar::build(axis, wc);
  EXPECT_FALSE(c.has_work());
  EXPECT_EQ(c.finish_after(at(2026, 3, 2, 9), 8), kNever);
}

}  // namespace
}  // namespace cairn::schedule

namespace cairn::schedule {
namespace {

class SlotCalendarSpecTest : public ::testing::Test {
 protected:
  TimeAxis axis = TimeAxis::around(Date::from_ymd(2026, 3, 2), 60);
  Slot at(int m, int day, int hour) {
    return axis.floor_slot(DateTime::from_date(Date::from_ymd(2026, m, day), hour * 60));
  }
  static Shift shift(int from, int to, std::vector<int> weekdays, TimeRange hours) {
    Shift s;
    s.dates = {Date::from_ymd(2026, 3, from), Date::from_ymd(2026, 3, to)};
    for (int w : weekdays)
      s.hours[w] = {hours};
    return s;
  }
};

TEST_F(SlotCalendarSpecTest, ShiftsReplaceHoursAndLeave) {
  WorkingCalendar cal;
  cal.add_holiday({Date::from_ymd(2026, 3, 3), "closed"});
  std::vector<DateRange> leave = {{Date::from_ymd(2026, 3, 4), Date::from_ymd(2026, 3, 4)}};
  Shift night = shift(2, 6, {0, 1, 2, 3, 4}, {20 * 60, 24 * 60});
  night.leave = {Date::from_ymd(2026, 3, 5)};
  night.replace = true;  // Tuesday's holiday and Wednesday's leave do not apply; Thursday is off
  std::vector<Shift> shifts = {night};
  SlotCalendar::Spec spec;
  spec.calendar = &cal;
  spec.closed = leave;
  spec.shifts = shifts;
  SlotCalendar c = SlotCalendar::build(axis, spec);
  EXPECT_EQ(c.cum(at(3, 7, 0)) - c.cum(at(3, 2, 0)), 4 * 4);  // Mon, Tue, Wed, Fri 20-24
  EXPECT_EQ(c.start_at_or_after(at(3, 5, 0)), at(3, 6, 20));
  EXPECT_EQ(c.start_at_or_after(at(3, 7, 0)), at(3, 9, 9));  // the calendar again
  night.replace = false;  // now they add up: Tue, Wed and Thu are off
  shifts = {night};
  spec.shifts = shifts;
  SlotCalendar merged = SlotCalendar::build(axis, spec);
  EXPECT_EQ(merged.cum(at(3, 7, 0)) - merged.cum(at(3, 2, 0)), 2 * 4);
}

TEST_F(SlotCalendarSpecTest, RestrictionsAndThirtyDayCapsWithAPeriod) {
  WorkingCalendar cal;
  Shift mornings = shift(9, 13, {0, 1, 2, 3, 4}, {9 * 60, 11 * 60});
  SlotCalendar::Spec spec;
  spec.calendar = &cal;
  spec.only = {&mornings};
  SlotCalendar c = SlotCalendar::build(axis, spec);
  EXPECT_EQ(c.cum(at(3, 14, 0)) - c.cum(at(3, 9, 0)), 5 * 2);
  EXPECT_EQ(c.cum(at(3, 21, 0)) - c.cum(at(3, 16, 0)), 5 * 8);
  // 16 h per 30 days from March 1st, until April: 16 h in the first days, 8 h on Tue 03-31 (the
  // second window, which the limit covers for one day), no cap from April 1st on.
  SlotCalendar::Spec capped;
  capped.calendar = &cal;
  capped.caps = {
      {WorkLimit::Per::k30Days, 16 * 60, Date::from_ymd(2026, 3, 2), Date::from_ymd(2026, 4, 1)}};
  capped.release = Date::from_ymd(2026, 3, 2);
  capped.until = Date::from_ymd(2026, 5, 1);
  SlotCalendar k = SlotCalendar::build(axis, capped);
  EXPECT_EQ(k.finish_after(at(3, 2, 0), 16), at(3, 3, 17));
  EXPECT_EQ(k.start_at_or_after(at(3, 3, 17)), at(3, 31, 9));
  EXPECT_EQ(k.finish_after(at(3, 31, 0), 16), at(4, 1, 17));
}

TEST(TimeAxisLimits, HorizonIsYear10000OrHalfTheSlotRange) {
  TimeAxis hours = TimeAxis::around(d(2026, 1, 5), 60);
  EXPECT_EQ(hours.horizon(), hours.day_start(d(10000, 1, 1)));
  EXPECT_EQ(hours.date_of(hours.horizon() - 1), d(9999, 12, 31));
  TimeAxis minutes = TimeAxis::around(d(2026, 1, 5), 1);
  EXPECT_EQ(minutes.horizon(), kNever / 2);
  const int year = minutes.date_of(minutes.horizon()).year();
  EXPECT_GT(year, 2026 + 500);
  EXPECT_LT(year, 2026 + 520);
}

TEST(TimeAxisLimits, InstantsBeyondTheSlotRangeClampInsteadOfWrapping) {
  TimeAxis minutes = TimeAxis::around(d(2026, 1, 5), 1);
  EXPECT_EQ(minutes.floor_slot(DateTime::from_date(d(9999, 12, 31))), kNever);
  EXPECT_EQ(minutes.ceil_slot(DateTime::from_date(d(1, 1, 1))), -kNever);
}

TEST(TimeAxisLimits, HugeWorkSaturatesAtNever) {
  TimeAxis axis = TimeAxis::around(d(2026, 1, 5), 1);
  SlotCalendar week = SlotCalendar::build(axis, WorkingCalendar{});
  SlotCalendar always = SlotCalendar::always();
  const int64_t huge = int64_t{1} << 40;
  EXPECT_EQ(week.finish_after(0, huge), kNever);
  EXPECT_EQ(always.finish_after(kNever - 10, huge), kNever);
  EXPECT_EQ(always.start_before(-kNever + 10, huge), -kNever);
  EXPECT_EQ(week.add_work(1000, huge), kNever);
  EXPECT_EQ(week.add_work(kNever, 5), kNever);
  // The largest validated item (36,500 working days) still fits well inside the axis.
  const int64_t item = int64_t{36500} * 8 * 60;
  const Slot f = week.finish_after(0, item);
  EXPECT_LT(f, kNever / 2);
  EXPECT_GT(f, 0);
}

}  // namespace
}  // namespace cairn::schedule
