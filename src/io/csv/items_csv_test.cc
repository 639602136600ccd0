#include "io/csv/items_csv.h"

#include <gtest/gtest.h>

#include "io/csv/csv.h"

namespace cairn::io {
namespace {

TEST(ItemsCsv, OneRowPerItemWithDates) {
  Program p;
  p.key = "ATL";
  p.teams.push_back({"PAY", "Payments"});
  WorkItem a;
  a.key = "PAY-1";
  a.title = "Tokens, \"cards\"";
  a.team = TeamId{0};
  a.estimate = ThreePoint{1, 2, 9};
  a.labels = {"x", "y"};
  p.items.push_back(a);
  WorkItem b;
  b.key = "PAY-2";
  b.parent = WorkItemId{0};
  b.state = "Done";
  p.items.push_back(b);
  p.reindex();
  ScheduleDates dates;
  dates[WorkItemId{0}] = {Date::from_ymd(2026, 10, 1), Date::from_ymd(2026, 10, 7),
                          Date::from_ymd(2026, 10, 9), Date::from_ymd(2026, 10, 14)};
  const std::string csv = write_items_csv(p, &dates);
  CsvReader r(csv, "items.csv");
  std::vector<std::string_view> f;
  ASSERT_TRUE(*r.next(f));
  ASSERT_EQ(f.size(), 23u);
  EXPECT_EQ(f[0], "key");
  ASSERT_TRUE(*r.next(f));
  EXPECT_EQ(f[1], "Tokens, \"cards\"");
  EXPECT_EQ(f[4], "PAY");
  EXPECT_EQ(f[7], "todo");
  EXPECT_EQ(f[8], "3");
  EXPECT_EQ(f[17], "2026-10-01");
  EXPECT_EQ(f[20], "2026-10-14");
  EXPECT_EQ(f[22], "x; y");
  ASSERT_TRUE(*r.next(f));
  EXPECT_EQ(f[3], "PAY-1");
  EXPECT_EQ(f[7], "done");
  EXPECT_EQ(f[17], "");
  EXPECT_FALSE(*r.next(f));
}

}  // namespace
}  // namespace cairn::io
