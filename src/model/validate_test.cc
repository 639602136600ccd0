#include "model/validate.h"

#include <gtest/gtest.h>

namespace cairn {
namespace {

Program chain(int n) {
  Program p;
  p.key = "P";
  p.start = *Date::parse("2026-01-05");
  p.teams.push_back({.key = "T"});
  for (int i = 0; i < n; ++i) {
    WorkItem it;
    it.key = "I" + std::to_string(i);
    it.team = TeamId{0};
    it.estimate = ThreePoint{1, 2, 3};
    p.items.push_back(it);
  }
  for (int i = 0; i + 1 < n; ++i)
    p.dependencies.push_back({.predecessor = WorkItemId{i}, .successor = WorkItemId{i + 1}});
  p.reindex();
  return p;
}

TEST(Validate, CleanProgramHasNoFindings) {
  Program p = chain(5);
  Diagnostics d;
  validate(p, SourceMap{}, d);
  EXPECT_TRUE(d.empty()) << (d.empty() ? "" : format_diagnostic(d.items()[0]));
}

TEST(Validate, ReportsCycleWithItsPath) {
  Program p = chain(4);
  p.dependencies.push_back({.predecessor = WorkItemId{3}, .successor = WorkItemId{1}});
  Diagnostics d;
  validate(p, SourceMap{}, d);
  ASSERT_TRUE(d.has("dependency-cycle"));
  std::string msg;
  for (const auto& x : d.items())
    if (x.id == "dependency-cycle") msg = x.message;
  EXPECT_NE(msg.find("I1 -> I2 -> I3 -> I1"), std::string::npos) << msg;
  auto cycles = find_dependency_cycles(p);
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(cycles[0].size(), 3u);
}

TEST(Validate, FindsEveryProblemAtOnce) {
  Program p = chain(3);
  p.items[0].estimate = ThreePoint{5, 2, 8};
  p.items[1].estimate = ThreePoint{-1, 2, 8};
  p.items[2].state = "Blocked";
  p.people.push_back({.key = "x", .allocation = 150});
  p.dependencies.push_back({.predecessor = WorkItemId{0}, .successor = WorkItemId{0}});
  p.reindex();
  Diagnostics d;
  validate(p, SourceMap{}, d);
  EXPECT_TRUE(d.has("estimate-order"));
  EXPECT_TRUE(d.has("negative-estimate"));
  EXPECT_TRUE(d.has("state-not-in-workflow"));
  EXPECT_TRUE(d.has("invalid-allocation"));
  EXPECT_TRUE(d.has("self-dependency"));
  // Without a source map, findings carry a JSON pointer.
  for (const auto& x : d.items())
    if (x.id == "estimate-order") EXPECT_EQ(x.where.pointer, "/items/0/estimate");
}

TEST(Program, MilestoneLeafItemsExpandEpics) {
  Program p = chain(3);
  p.items[0].kind = WorkItemKind::kEpic;
  p.items[1].parent = WorkItemId{0};
  p.items[2].parent = WorkItemId{0};
  p.milestones.push_back({.key = "M", .items = {WorkItemId{0}, WorkItemId{2}}});
  p.reindex();
  auto leaves = p.milestone_leaf_items(MilestoneId{0});
  ASSERT_EQ(leaves.size(), 2u);
  EXPECT_EQ(leaves[0], WorkItemId{1});
  EXPECT_EQ(leaves[1], WorkItemId{2});
}

TEST(Program, ActualDatesComeFromHistory) {
  Program p = chain(1);
  p.items[0].state = "Done";
  p.items[0].history = {{"To Do", *DateTime::parse("2026-01-05T09:00:00Z")},
                        {"In Progress", *DateTime::parse("2026-01-06T10:00:00Z")},
                        {"Done", *DateTime::parse("2026-01-09T16:00:00Z")}};
  EXPECT_EQ(p.actual_start(WorkItemId{0})->to_string(), "2026-01-06T10:00:00Z");
  EXPECT_EQ(p.actual_finish(WorkItemId{0})->to_string(), "2026-01-09T16:00:00Z");
  EXPECT_EQ(p.category(WorkItemId{0}), StateCategory::kDone);
}

}  // namespace
}  // namespace cairn
