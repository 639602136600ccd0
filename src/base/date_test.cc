#include "base/date.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "base/calendar.h"

namespace cairn {
namespace {

TEST(Date, FormatsEveryDayOfFourCenturiesLikeTheCalendar) {
  // Every day from 1800 to 2200: to_string gives back the parsed text, and agrees with year(),
  // month() and day().
  for (int32_t d = Date::from_ymd(1800, 1, 1).days; d <= Date::from_ymd(2200, 12, 31).days; ++d) {
    Date date{d};
    std::string s = date.to_string();
    ASSERT_EQ(s.size(), 10u);
    auto back = Date::parse(s);
    ASSERT_TRUE(back) << s;
    ASSERT_EQ(back->days, d) << s;
    ASSERT_EQ(std::stoi(s.substr(0, 4)), date.year());
    ASSERT_EQ(std::stoi(s.substr(5, 2)), date.month());
    ASSERT_EQ(std::stoi(s.substr(8, 2)), date.day());
  }
  EXPECT_EQ(DateTime::parse("2026-03-02T23:59:59Z")->to_string(), "2026-03-02T23:59:59Z");
  EXPECT_EQ(DateTime::parse("2026-03-02T00:00:00Z")->to_string(), "2026-03-02T00:00:00Z");
}

TEST(Date, ParsesAndFormatsIso) {
  auto d = Date::parse("2026-02-28");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->to_string(), "2026-02-28");
  EXPECT_EQ(d->year(), 2026);
  EXPECT_EQ(d->month(), 2);
  EXPECT_EQ(d->day(), 28);
  EXPECT_EQ((*d + 1).to_string(), "2026-03-01");
  EXPECT_EQ(Date::parse("1970-01-01")->days, 0);
}

TEST(Date, RejectsImpossibleDates) {
  EXPECT_FALSE(Date::parse("2026-02-29"));
  EXPECT_FALSE(Date::parse("2026-13-01"));
  EXPECT_FALSE(Date::parse("2026-1-01"));
  EXPECT_FALSE(Date::parse("2026-01-01x"));
  EXPECT_FALSE(Date::parse(""));
  EXPECT_TRUE(Date::parse("2028-02-29"));
}

TEST(Date, Weekday) {
  EXPECT_EQ(Date::parse("2026-11-25")->weekday(), Weekday::kWednesday);
  EXPECT_EQ(Date::parse("1969-12-31")->weekday(), Weekday::kWednesday);
  EXPECT_EQ(Date::parse("2026-11-29")->weekday(), Weekday::kSunday);
}

TEST(DateTime, ParsesZonesAndFractions) {
  auto a = DateTime::parse("2026-03-02T09:30:00Z");
  auto b = DateTime::parse("2026-03-02T10:30:00+01:00");
  auto c = DateTime::parse("2026-03-02 09:30");
  auto d = DateTime::parse("2026-03-02T09:30:00.123Z");
  ASSERT_TRUE(a && b && c && d);
  EXPECT_EQ(a->seconds, b->seconds);
  EXPECT_EQ(a->seconds, c->seconds);
  EXPECT_EQ(a->seconds, d->seconds);
  EXPECT_EQ(a->to_string(), "2026-03-02T09:30:00Z");
  EXPECT_EQ(a->minute_of_day(), 9 * 60 + 30);
  EXPECT_FALSE(DateTime::parse("2026-03-02T25:00"));
  EXPECT_FALSE(DateTime::parse("2026-03-02T09:30+5"));
  EXPECT_EQ(DateTime::parse("1969-12-31T23:00:00Z")->date().to_string(), "1969-12-31");
}

TEST(WorkingCalendar, SkipsWeekendsAndHolidays) {
  WorkingCalendar cal;
  cal.add_holiday({*Date::parse("2026-12-25"), "Christmas"});
  Date thu = *Date::parse("2026-12-24");
  EXPECT_TRUE(cal.is_working_day(thu));
  EXPECT_FALSE(cal.is_working_day(thu + 1));
  EXPECT_EQ(cal.add_working_days(thu, 1).to_string(), "2026-12-28");
  EXPECT_EQ(cal.working_days_between(thu, *Date::parse("2026-12-31")), 4);
  EXPECT_EQ(cal.next_working_day(thu + 2).to_string(), "2026-12-28");
  EXPECT_EQ(cal.add_working_days(*Date::parse("2026-12-28"), -1).to_string(), "2026-12-24");
  EXPECT_EQ(cal.working_minutes(thu), 480);
}

TEST(WorkingCalendar, ParsesTimeRanges) {
  auto r = parse_time_range("09:00 - 12:30");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->start_minute, 540);
  EXPECT_EQ(r->end_minute, 750);
  EXPECT_EQ(to_string(*r), "09:00-12:30");
  EXPECT_FALSE(parse_time_range("12:00-09:00"));
  EXPECT_FALSE(parse_time_range("9-12"));
  // Found by the plan_json fuzzer: a second colon threw std::invalid_argument out of the reader.
  EXPECT_FALSE(parse_time_range("1::0-12:00"));
  EXPECT_FALSE(parse_time_range("09:00-1::0"));
  EXPECT_TRUE(parse_time_range("9:00-12:00"));
}

// Many days off at once (an MS Project exception spans up to ten years): sorted, one per date, the
// entry there first kept, as add_holiday one by one would.
TEST(WorkingCalendar, AddsManyHolidaysAtOnceLikeOneByOne) {
  const Date base = *Date::parse("2026-01-01");
  WorkingCalendar one, many;
  one.add_holiday({base + 5, "first"});
  many.add_holiday({base + 5, "first"});
  std::vector<Holiday> batch;
  for (int d = 3000; d >= 0; d -= 1)  // descending: the worst order for one by one
    batch.push_back({base + d, d == 5 ? "second" : ""});
  batch.push_back({base + 7, "repeat"});
  for (const auto& h : batch)
    one.add_holiday(h);
  many.add_holidays(batch);
  ASSERT_EQ(many.holidays().size(), 3001u);
  EXPECT_EQ(many.holidays(), one.holidays());
  EXPECT_EQ(many.holidays()[5].name, "first");
  EXPECT_TRUE(std::is_sorted(many.holidays().begin(), many.holidays().end(),
                             [](const Holiday& a, const Holiday& b) { return a.date < b.date; }));
}

}  // namespace
}  // namespace cairn
