// Exports carry what Cairn computed: the schedule's start and finish (and forecast P50/P85) in the
// items CSV, MSPDI and iCalendar, and MSPDI calendars survive export -> import, night shifts too.
#include <algorithm>
#include <map>

#include <gtest/gtest.h>
#include <pugixml.hpp>

#include "io/csv/csv.h"
#include "io/csv/items_csv.h"
#include "io/ical/ical.h"
#include "io/mspdi/mspdi.h"
#include "plan/plan.h"

namespace cairn::io {
namespace {

Program small_program() {
  Diagnostics diags;
  auto plan = plan::read_plan_text(R"(
program: {key: EXP, name: Exports, start: 2025-01-06}
teams: [{key: T, name: Team}]
people: [{key: a, name: Ann, team: T}]
items:
  - {key: A, team: T, assignee: a, estimate: 3}
  - {key: B, team: T, assignee: a, estimate: 2, due: 2025-01-31}
  - {key: C, team: T, assignee: a, estimate: 1}
milestones:
  - {key: M, name: Launch, items: [B]}
)",
                                   "exports.yaml", diags);
  EXPECT_TRUE(plan) << plan.error().to_string();
  return std::move(plan->program);
}

// Dates no simple estimate would give: each item starts a week after the previous one.
ScheduleDates spread_dates(const Program& p) {
  ScheduleDates dates;
  for (uint32_t i = 0; i < p.items.size(); ++i) {
    const Date s = Date::from_ymd(2025, 1, 13) + static_cast<int>(7 * i);
    dates[WorkItemId{i}] = {s, s + 2, s + 3, s + 5};
  }
  return dates;
}

TEST(ExportDates, ItemsCsvCarriesStartFinishAndForecast) {
  const Program p = small_program();
  const ScheduleDates dates = spread_dates(p);
  const std::string text = write_items_csv(p, &dates);
  CsvReader reader(text, "items.csv");
  std::vector<std::string_view> row;
  ASSERT_TRUE(*reader.next(row));
  std::map<std::string, size_t> col;
  for (size_t i = 0; i < row.size(); ++i)
    col[std::string(row[i])] = i;
  for (const char* c : {"key", "start", "finish", "p50", "p85"})
    ASSERT_TRUE(col.count(c)) << c;
  size_t rows = 0;
  while (*reader.next(row)) {
    const auto id = p.find_item(std::string(row[col["key"]]));
    ASSERT_TRUE(id.valid());
    const ItemDates& d = dates.at(id);
    EXPECT_EQ(row[col["start"]], d.start.to_string());
    EXPECT_EQ(row[col["finish"]], d.finish.to_string());
    EXPECT_EQ(row[col["p50"]], d.p50->to_string());
    EXPECT_EQ(row[col["p85"]], d.p85->to_string());
    ++rows;
  }
  EXPECT_EQ(rows, p.items.size());
}

TEST(ExportDates, MspdiTasksStartAndFinishOnTheScheduleDates) {
  const Program p = small_program();
  const ScheduleDates dates = spread_dates(p);
  const std::string xml = write_mspdi(p, &dates);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str()));
  size_t checked = 0;
  for (pugi::xml_node t : doc.child("Project").child("Tasks").children("Task")) {
    const auto id = p.find_item(t.child_value("Name"));
    if (!id.valid()) continue;
    EXPECT_EQ(std::string(t.child_value("Start")).substr(0, 10), dates.at(id).start.to_string());
    EXPECT_EQ(std::string(t.child_value("Finish")).substr(0, 10), dates.at(id).finish.to_string());
    ++checked;
  }
  EXPECT_EQ(checked, p.items.size());
  // Re-imported, the program is the same one (keys, estimates, calendar).
  Diagnostics diags;
  auto back = read_mspdi(xml, "exp.xml", {}, diags);
  ASSERT_TRUE(back) << back.error().to_string();
  EXPECT_EQ(back->program.items.size(), p.items.size());
  EXPECT_EQ(back->program.calendar, p.calendar);
}

// MS Project's own week for a 23:00-08:00 shift, as another tool may write it: one time that
// crosses midnight.
constexpr const char* kNightShift = R"(<?xml version="1.0"?>
<Project xmlns="http://schemas.microsoft.com/project">
  <Name>night.xml</Name><StartDate>2025-01-06T23:00:00</StartDate><CalendarUID>1</CalendarUID>
  <Calendars><Calendar><UID>1</UID><Name>Night</Name><IsBaseCalendar>1</IsBaseCalendar>
    <WeekDays>
      <WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
      <WeekDay><DayType>2</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime>
        <FromTime>23:00:00</FromTime><ToTime>08:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
      <WeekDay><DayType>3</DayType><DayWorking>1</DayWorking><WorkingTimes><WorkingTime>
        <FromTime>23:00:00</FromTime><ToTime>08:00:00</ToTime></WorkingTime></WorkingTimes></WeekDay>
      <WeekDay><DayType>4</DayType><DayWorking>0</DayWorking></WeekDay>
      <WeekDay><DayType>5</DayType><DayWorking>0</DayWorking></WeekDay>
      <WeekDay><DayType>6</DayType><DayWorking>0</DayWorking></WeekDay>
      <WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
    </WeekDays></Calendar></Calendars>
  <Tasks><Task><UID>1</UID><ID>1</ID><Name>Work</Name><OutlineLevel>1</OutlineLevel>
    <Duration>PT16H0M0S</Duration><DurationFormat>7</DurationFormat></Task></Tasks>
</Project>
)";

TEST(ExportDates, NightShiftCrossingMidnightSurvivesTheRoundTrip) {
  Diagnostics diags;
  auto in = read_mspdi(kNightShift, "night.xml", {}, diags);
  ASSERT_TRUE(in) << in.error().to_string();
  const WorkingCalendar& cal = in->program.calendar;
  using R = std::vector<TimeRange>;
  EXPECT_EQ(cal.hours(Weekday::kMonday), (R{{23 * 60, 1440}}));
  EXPECT_EQ(cal.hours(Weekday::kTuesday), (R{{0, 8 * 60}, {23 * 60, 1440}}));
  EXPECT_EQ(cal.hours(Weekday::kWednesday), (R{{0, 8 * 60}}));  // Tuesday night's end
  EXPECT_EQ(cal.working_minutes(Date::from_ymd(2025, 1, 7)), 9 * 60);
  const std::string xml = write_mspdi(in->program);
  EXPECT_NE(xml.find("<FromTime>00:00:00</FromTime>\n              <ToTime>08:00:00</ToTime>"),
            std::string::npos);
  auto back = read_mspdi(xml, "night2.xml", {}, diags);
  ASSERT_TRUE(back) << back.error().to_string();
  for (int d = 0; d < 7; ++d)
    EXPECT_EQ(back->program.calendar.hours(static_cast<Weekday>(d)),
              cal.hours(static_cast<Weekday>(d)))
        << "weekday " << d;
}

TEST(ExportDates, IcalEventsCarryPlannedFinishes) {
  const Program p = small_program();
  const ScheduleDates dates = spread_dates(p);
  const std::string ics = write_ical(p, &dates);
  const ItemDates& b = dates.at(p.find_item("B"));
  // The milestone has no deadline: its event is on the planned finish of its item.
  std::string day = b.finish.to_string();
  day.erase(std::remove(day.begin(), day.end(), '-'), day.end());
  EXPECT_NE(ics.find("UID:milestone-M@EXP.cairn\r\n"), std::string::npos);
  EXPECT_NE(ics.find("DTSTART;VALUE=DATE:" + day), std::string::npos) << ics;
  // B's due date event says when B is planned to finish.
  EXPECT_NE(ics.find("Planned finish: " + b.finish.to_string()), std::string::npos) << ics;
  EXPECT_EQ(write_ical(p).find("Planned finish"), std::string::npos);
}

}  // namespace
}  // namespace cairn::io
