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
