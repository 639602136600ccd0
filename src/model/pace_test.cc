#include "model/pace.h"

#include <gtest/gtest.h>

namespace cairn {
namespace {

Date day(const char* s) {
  return *Date::parse(s);
}

// A done item of `team` worked from `from` to `to` (09:00 to 16:00), with `points` if > 0.
WorkItem done_item(const std::string& key, uint32_t team, const char* from, const char* to,
                   double points = 0) {
  WorkItem it;
  it.key = key;
  it.team = TeamId{team};
  it.state = "Done";
  it.history.push_back({.state = "In Progress", .at = DateTime::from_date(day(from), 9 * 60)});
  it.history.push_back({.state = "Done", .at = DateTime::from_date(day(to), 16 * 60)});
  if (points > 0) it.points = points;
  return it;
}

TEST(Pace, WeeklyCountsKeepWholeWeeksBeforeTheEnd) {
  // Weeks [03-02, 03-09) and [03-09, 03-16) before 03-16; 03-16 itself and 03-01 are outside.
  std::vector<Date> f = {day("2026-03-01"), day("2026-03-02"), day("2026-03-08"),
                         day("2026-03-09"), day("2026-03-15"), day("2026-03-16")};
  auto c = weekly_counts(f, day("2026-03-16"), 2);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0], 2);
  EXPECT_EQ(c[1], 2);
}

TEST(Pace, DaysPerPointFallBackToTheProgramBelowThreeSamples) {
  Program p;
  p.key = "P";
  p.start = day("2026-01-05");
  p.teams.push_back({.key = "A"});
  p.teams.push_back({.key = "B"});
  // Team A: 1, 2 and 3 days per point (Mon-Mon is 6 working days for 2 points = 3).
  p.items.push_back(done_item("A1", 0, "2026-02-02", "2026-02-02", 1));  // 1 day / 1 point
  p.items.push_back(done_item("A2", 0, "2026-02-03", "2026-02-06", 2));  // 4 days / 2 points
  p.items.push_back(done_item("A3", 0, "2026-02-09", "2026-02-16", 2));  // 6 days / 2 points
  // Team B: one sample of 4 days per point, and one done item without points.
  p.items.push_back(done_item("B1", 1, "2026-02-09", "2026-02-12", 1));
  p.items.push_back(done_item("B2", 1, "2026-02-10", "2026-02-11"));
  p.reindex();
  ProgramPace pace = measure_pace(p, day("2026-02-22"), 4);
  EXPECT_DOUBLE_EQ(pace.mean_days_per_point(TeamId{0}), 2.0);
  // B has one ratio: it gets every team's (1, 2, 3, 4).
  EXPECT_EQ(pace.days_per_point(TeamId{1}).size(), 4u);
  EXPECT_DOUBLE_EQ(pace.mean_days_per_point(TeamId{1}), 2.5);
  // Throughput over the 4 weeks before 02-23: A finished 3 items, B 2.
  EXPECT_DOUBLE_EQ(pace.teams[0].mean_weekly_done, 3.0 / 4);
  EXPECT_DOUBLE_EQ(pace.teams[1].mean_weekly_done, 2.0 / 4);
}

TEST(Pace, OpenAndParentItemsDoNotCount) {
  Program p;
  p.key = "P";
  p.start = day("2026-01-05");
  p.teams.push_back({.key = "A"});
  WorkItem epic = done_item("E", 0, "2026-02-02", "2026-02-06", 5);
  p.items.push_back(epic);
  WorkItem child = done_item("C", 0, "2026-02-02", "2026-02-03", 1);
  child.parent = WorkItemId{0};
  p.items.push_back(child);
  WorkItem open;
  open.key = std::string("O");
  open.team = TeamId{0};
  open.points = 3;
  p.items.push_back(open);
  p.reindex();
  ProgramPace pace = measure_pace(p, day("2026-02-22"), 4);
  ASSERT_EQ(pace.days_per_point_all.size(), 1u);  // the child only
  EXPECT_DOUBLE_EQ(pace.days_per_point_all[0], 2.0);
  EXPECT_DOUBLE_EQ(pace.teams[0].mean_weekly_done, 1.0 / 4);
}

}  // namespace
}  // namespace cairn
