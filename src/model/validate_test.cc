#include "model/validate.h"

#include <cmath>

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

// The program's end must come after its start (a date alone is 00:00: the start day itself is out).
TEST(Validate, ProgramEndAfterItsStart) {
  Program p = chain(2);
  p.end = DateTime::parse("2026-01-05");
  Diagnostics d;
  validate(p, SourceMap{}, d);
  ASSERT_TRUE(d.has("invalid-range"));
  EXPECT_NE(d.items()[0].message.find("program end"), std::string::npos) << d.items()[0].message;
  p.end = DateTime::parse("2026-01-06");
  Diagnostics ok;
  validate(p, SourceMap{}, ok);
  EXPECT_FALSE(ok.has("invalid-range"));
}

// Effort without a team cannot be scheduled (a warning); calendar time and milestones need nobody.
TEST(Validate, OnlyWorkThatNeedsSomeoneWarnsWithoutATeam) {
  Program p = chain(4);
  for (auto& it : p.items)
    it.team = TeamId{};
  p.items[1].basis = EstimateBasis::kLength;  // runs on calendar time
  p.items[2].estimate = ThreePoint{0, 0, 0};  // a milestone
  p.items[3].estimate.reset();                // effort not estimated yet
  Diagnostics d;
  validate(p, SourceMap{}, d);
  std::vector<std::string> warned;
  for (const auto& x : d.items())
    if (x.id == "item-without-team") warned.push_back(x.message.substr(0, 2));
  EXPECT_EQ(warned, (std::vector<std::string>{"I0", "I3"}));
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

// A dependency on an epic is one on its items, as the scheduler reads it: a cycle through an epic
// and its own item is found.
TEST(Validate, FindsCyclesThroughEpics) {
  Program p = chain(3);  // I0 -> I1 -> I2
  p.dependencies.clear();
  p.items[1].parent = WorkItemId{0};  // I0 is an epic holding I1
  p.dependencies.push_back({.predecessor = WorkItemId{0}, .successor = WorkItemId{2}});
  p.reindex();
  EXPECT_TRUE(find_dependency_cycles(p).empty());
  p.dependencies.push_back({.predecessor = WorkItemId{2}, .successor = WorkItemId{1}});
  p.reindex();
  auto cycles = find_dependency_cycles(p);
  ASSERT_EQ(cycles.size(), 1u);
  EXPECT_EQ(cycles[0].size(), 3u);  // I0 (the epic, once), I1, I2
  Diagnostics d;
  validate(p, SourceMap{}, d);
  EXPECT_TRUE(d.has("dependency-cycle"));
  // I2 waits for the epic's start (SS) and I1 for I2: I1's start comes before I2's, a cycle too.
  p.dependencies[0].type = DependencyType::kStartStart;
  p.reindex();
  EXPECT_EQ(find_dependency_cycles(p).size(), 1u);
  // The epic waits for its own item I1: a cycle while I1 is open; once I1 is done, the epic's hold
  // on it is history (the scheduler drops it too).
  p.dependencies = {{.predecessor = WorkItemId{1}, .successor = WorkItemId{0}}};
  p.reindex();
  EXPECT_EQ(find_dependency_cycles(p).size(), 1u);
  p.items[1].state = "Done";
  p.reindex();
  ASSERT_EQ(p.category(WorkItemId{1}), StateCategory::kDone);
  EXPECT_TRUE(find_dependency_cycles(p).empty());
}

TEST(Validate, EfficiencyIsZeroToOneHundred) {
  for (auto [e, bad] :
       {std::pair{-1.0, true}, {101.0, true}, {std::nan(""), true}, {0.0, false}, {5.0, false}}) {
    Program p = chain(1);
    p.people.push_back({.key = "x", .efficiency = e});
    p.reindex();
    Diagnostics d;
    validate(p, SourceMap{}, d);
    EXPECT_EQ(d.has("invalid-efficiency"), bad) << e;
  }
}

// Someone with efficiency 0 (a truck, a room) is booked beside the people who do the effort; an
// effort item with nobody else can never be done (tj3 rejects such a file too).
TEST(Validate, EffortNeedsSomeoneWhoDoesEffort) {
  auto check = [](std::vector<std::vector<uint32_t>> seats, bool assign_truck) {
    Program p = chain(1);
    p.people.push_back({.key = "truck", .efficiency = 0});
    p.people.push_back({.key = "ann"});
    for (const auto& s : seats) {
      Allocation& a = p.items[0].allocations.emplace_back();
      for (uint32_t c : s)
        a.candidates.push_back(PersonId{c});
    }
    if (assign_truck) p.items[0].assignee = PersonId{0};
    p.reindex();
    Diagnostics d;
    validate(p, SourceMap{}, d);
    return d.has("effort-without-effort-people");
  };
  EXPECT_TRUE(check({{0}}, false));
  EXPECT_TRUE(check({}, true));
  EXPECT_FALSE(check({{0}, {1}}, false));
  EXPECT_FALSE(check({{0, 1}}, false));
  EXPECT_FALSE(check({}, false));
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
  EXPECT_FALSE(d.has("invalid-efficiency"));
  // Without a source map, findings carry a JSON pointer.
  for (const auto& x : d.items()) {
    if (x.id == "estimate-order") {
      EXPECT_EQ(x.where.pointer, "/items/0/estimate");
    }
  }
}

TEST(Program, MilestoneLeafItemsExpandEpics) {
  Program p = chain(3);
  p.items[0].kind = WorkItemKind::kEpic;
  p.items[1].parent = WorkItemId{0};
  p.items[2].parent = WorkItemId{0};
  p.milestones.push_back({.key = "M", .items = {WorkItemId{0}, WorkItemId{2}}});
  p.reindex();
  auto leaves = p.milestone_leaf_items()[0];
  ASSERT_EQ(leaves.size(), 2u);
  EXPECT_EQ(leaves[0], WorkItemId{1});
  EXPECT_EQ(leaves[1], WorkItemId{2});
  // A second milestone sharing those items gets them again (each milestone on its own).
  p.milestones.push_back({.key = "N", .items = {WorkItemId{2}, WorkItemId{0}}});
  auto all = p.milestone_leaf_items();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0], leaves);
  ASSERT_EQ(all[1].size(), 2u);
  EXPECT_EQ(all[1][0], WorkItemId{2});
  EXPECT_EQ(all[1][1], WorkItemId{1});
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

// An item's limit counts its people's work together: up to the window's hours for each person of
// the program (a team's epic may cap 40 hours a day); a person's own limit, up to the window's.
TEST(Validate, ItemLimitsMayCountSeveralPeople) {
  Program p = chain(1);
  p.people.push_back({.key = "ann", .team = TeamId{0}});
  p.people.push_back({.key = "bob", .team = TeamId{0}});
  p.items[0].limits.push_back({.per = WorkLimit::Per::kDay, .hours = 40});
  p.reindex();
  Diagnostics two;
  validate(p, SourceMap{}, two);
  EXPECT_FALSE(two.has("value-too-large"));
  p.items[0].limits[0].hours = 49;  // more than 2 x 24
  Diagnostics over;
  validate(p, SourceMap{}, over);
  EXPECT_TRUE(over.has("value-too-large"));
  p.items[0].limits[0].hours = 8;
  p.people[0].limits.push_back({.per = WorkLimit::Per::kDay, .hours = 25});
  Diagnostics person;
  validate(p, SourceMap{}, person);
  EXPECT_TRUE(person.has("value-too-large"));
}

}  // namespace
}  // namespace cairn

namespace cairn {
namespace {

TEST(Validate, ShiftsBookingsAndLimitPeriods) {
  Program p = chain(2);
  Person ann{.key = "ann", .team = TeamId{0}};
  Shift a{.dates = {*Date::parse("2026-02-02"), *Date::parse("2026-02-13")}};
  Shift b{.dates = {*Date::parse("2026-02-09"), *Date::parse("2026-02-20")}};
  Shift backwards{.dates = {*Date::parse("2026-03-09"), *Date::parse("2026-03-02")}};
  ann.shifts = {a, b};
  p.people.push_back(ann);
  p.as_of = *Date::parse("2026-02-02");
  WorkItem& it = p.items[0];
  it.shifts = {backwards};
  it.limits.push_back({.per = WorkLimit::Per::kWeek,
                       .hours = 8,
                       .from = *Date::parse("2026-02-09"),
                       .until = *Date::parse("2026-02-02")});
  auto t = [](const char* s) { return *DateTime::parse(s); };
  it.bookings = {{PersonId{0}, t("2026-01-05T09:00"), t("2026-01-05T09:00")},
                 {PersonId{0}, t("2026-02-03T09:00"), t("2026-02-03T12:00")}};
  p.items[1].kind = WorkItemKind::kEpic;
  p.items[1].bookings = {{PersonId{0}, t("2026-01-06T09:00"), t("2026-01-06T12:00")}};
  p.reindex();
  Diagnostics d;
  validate(p, SourceMap{}, d);
  auto count = [&](const char* id) {
    return std::count_if(d.items().begin(), d.items().end(),
                         [&](const Diagnostic& x) { return x.id == id; });
  };
  EXPECT_EQ(count("overlapping-shifts"), 1);
  EXPECT_EQ(count("invalid-range"), 3);  // the item's shift, the limit, the empty booking
  EXPECT_EQ(count("booking-after-as-of"), 1);
  EXPECT_EQ(count("booking-on-epic"), 1);
}

}  // namespace
}  // namespace cairn
