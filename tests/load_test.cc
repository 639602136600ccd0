// People load (analysis/load.h) on testdata/analysis/load/load.yaml: the as-written weeks, the
// over-allocation with its items, a part-time person under capacity, unplaced items, the
// tolerance, and the leveled view, as hand-computed in the scenario's comments.
#include <string>

#include <gtest/gtest.h>

#include "test_plans.h"

#include "analysis/load.h"

namespace cairn {
namespace {

const std::string kLoad = CAIRN_SOURCE_DIR "/testdata/analysis/load/load.yaml";

Date d(const char* s) {
  return *Date::parse(s);
}

analysis::LoadReport run(const analysis::LoadOptions& o = {}) {
  Program p = test_plans::load_plan(kLoad);
  Diagnostics diags;
  auto s = schedule::schedule_program(p, {}, diags);
  EXPECT_TRUE(s) << (s ? "" : s.error().to_string());
  return s ? analysis::analyze_load(p, *s, o) : analysis::LoadReport{};
}

const analysis::PersonWeeks* find(const std::vector<analysis::PersonWeeks>& rows,
                                  const std::string& key) {
  for (const auto& r : rows)
    if (r.person == key) return &r;
  return nullptr;
}

TEST(Load, WeekOfIsMonday) {
  EXPECT_EQ(analysis::week_of(d("2026-03-08")), d("2026-03-02"));  // Sunday
  EXPECT_EQ(analysis::week_of(d("2026-03-09")), d("2026-03-09"));
}

TEST(Load, AsWrittenOverAllocationNamesItsItems) {
  auto r = run();
  size_t written = 0;
  for (const auto& o : r.over) {
    if (o.view != "written") continue;
    ++written;
    EXPECT_EQ(o.person, "a");
    EXPECT_EQ(o.week, d("2026-03-02"));
    EXPECT_NEAR(o.booked, 60, 1e-9);
    EXPECT_NEAR(o.capacity, 40, 1e-9);
    EXPECT_NEAR(o.excess(), 20, 1e-9);
    ASSERT_EQ(o.items.size(), 2u);
    EXPECT_EQ(o.items[0].item, "X2");
    EXPECT_NEAR(o.items[0].hours, 40, 1e-9);
    EXPECT_EQ(o.items[1].item, "X1");
    EXPECT_NEAR(o.items[1].hours, 20, 1e-9);
  }
  EXPECT_EQ(written, 1u);
}

TEST(Load, AsWrittenWeeksUnderCapacityAreNotFlagged) {
  auto r = run();
  const auto* a = find(r.written, "a");
  ASSERT_TRUE(a);
  ASSERT_EQ(a->weeks.size(), 2u);
  EXPECT_NEAR(a->weeks[1].booked, 20, 1e-9);
  EXPECT_NEAR(a->weeks[1].capacity, 40, 1e-9);
  const auto* b = find(r.written, "b");
  ASSERT_TRUE(b);
  ASSERT_EQ(b->weeks.size(), 1u);  // X3's window is W2 only
  EXPECT_EQ(b->weeks[0].week, d("2026-03-09"));
  EXPECT_NEAR(b->weeks[0].booked, 16, 1e-9);
  EXPECT_NEAR(b->weeks[0].capacity, 20, 1e-9);  // 50 %
  for (const auto& o : r.over)
    EXPECT_NE(o.person, "b");
}

TEST(Load, UnplacedAndDoneItems) {
  auto r = run();
  EXPECT_EQ(r.unplaced, 2u);  // X4 (no window), X5 (no person)
  const auto* a = find(r.written, "a");
  ASSERT_TRUE(a);
  for (const auto& w : a->weeks)
    for (const auto& i : w.items)
      EXPECT_NE(i.item, "X6");
}

TEST(Load, ToleranceRaisesTheBar) {
  auto r = run({.tolerance = 0.5});
  for (const auto& o : r.over)
    EXPECT_NE(o.view, "written");
}

TEST(Load, LeveledFollowsTheScheduleWithoutOverAllocation) {
  auto r = run();
  for (const auto& o : r.over)
    EXPECT_NE(o.view, "leveled");
  const auto* a = find(r.leveled, "a");
  ASSERT_TRUE(a);
  ASSERT_FALSE(a->weeks.empty());
  EXPECT_EQ(a->weeks[0].week, d("2026-03-02"));
  EXPECT_NEAR(a->weeks[0].booked, 40, 1e-6);
  EXPECT_NEAR(a->weeks[0].capacity, 40, 1e-6);
}

}  // namespace
}  // namespace cairn
