// schedule_program's result as a person reads it: the estimates' value the work is timed on
// (ScheduleOptions::estimates) and the stretches of split work (ItemSchedule::segments).
#include "schedule/schedule.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace cairn::schedule {
namespace {

// A program from Monday 2026-01-05 with one team T and one person, ann.
Program one_person() {
  Program p;
  p.key = "X";
  p.start = Date::from_ymd(2026, 1, 5);  // a Monday
  p.teams.push_back(Team{.key = "T"});
  p.people.push_back(Person{.key = "ann", .team = TeamId{0}});
  return p;
}

// Adds one 1-day effort item per key for ann.
void add_days(Program& p, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    WorkItem w;
    w.key = key;
    w.team = TeamId{0};
    w.assignee = PersonId{0};
    w.estimate = ThreePoint{1, 1, 1};
    p.items.push_back(w);
  }
}

// One person doing A then B (effort, person-days), a milestone on B. A's three points are
// (a_low, a_likely, a_high); B's are fixed at 1 day.
Program two_items(double a_low, double a_likely, double a_high) {
  Program p = one_person();
  add_days(p, {"A", "B"});
  p.items[0].estimate = ThreePoint{a_low, a_likely, a_high};
  p.dependencies.push_back(Dependency{.predecessor = WorkItemId{0}, .successor = WorkItemId{1}});
  p.milestones.push_back(Milestone{.key = "M", .items = {WorkItemId{1}}});
  p.reindex();
  return p;
}

ScheduleResult scheduled(const Program& p, EstimateValue estimates) {
  ScheduleOptions opt;
  opt.estimates = estimates;
  Diagnostics diags;
  auto r = schedule_program(p, opt, diags);
  EXPECT_TRUE(r) << (r ? "" : r.error().to_string());
  return std::move(*r);
}

TEST(ScheduleEstimates, MeanTimesTheWorkOnThePertMean) {
  // A: likely 2 days, mean (1 + 4*2 + 9) / 6 = 3 days.
  const Program p = two_items(1, 2, 9);
  const ScheduleResult likely = scheduled(p, EstimateValue::kLikely);
  const ScheduleResult mean = scheduled(p, EstimateValue::kMean);
  EXPECT_EQ(likely.estimates, EstimateValue::kLikely);
  EXPECT_EQ(mean.estimates, EstimateValue::kMean);
  EXPECT_EQ(likely.items[0].finish_date, Date::from_ymd(2026, 1, 6));  // Mon-Tue
  EXPECT_EQ(likely.milestones[0].date, Date::from_ymd(2026, 1, 7));
  EXPECT_EQ(mean.items[0].finish_date, Date::from_ymd(2026, 1, 7));  // Mon-Wed
  EXPECT_EQ(mean.items[1].start_date, Date::from_ymd(2026, 1, 8));
  EXPECT_EQ(mean.milestones[0].date, Date::from_ymd(2026, 1, 8));
}

TEST(ScheduleEstimates, ZeroSpreadGivesTheSameDatesBothWays) {
  const Program p = two_items(2.5, 2.5, 2.5);
  const ScheduleResult likely = scheduled(p, EstimateValue::kLikely);
  const ScheduleResult mean = scheduled(p, EstimateValue::kMean);
  ASSERT_EQ(likely.items.size(), mean.items.size());
  for (size_t i = 0; i < likely.items.size(); ++i) {
    EXPECT_EQ(likely.items[i].start_slot, mean.items[i].start_slot) << i;
    EXPECT_EQ(likely.items[i].finish_slot, mean.items[i].finish_slot) << i;
  }
  EXPECT_EQ(likely.milestones[0].date, Date::from_ymd(2026, 1, 8));  // 3.5 days: Mon to Thu noon
  EXPECT_EQ(likely.milestones[0].date, mean.milestones[0].date);
}

// TaskJuggler's order books effort slot by slot: a low-priority item that starts before a
// high-priority one booked on Tuesday works Monday, then Wednesday and Thursday. The result
// lists its two stretches; the unsplit item lists none.
TEST(ScheduleSegments, SplitWorkListsItsStretches) {
  Program p = one_person();
  WorkItem low;
  low.key = "LOW";
  low.team = TeamId{0};
  low.assignee = PersonId{0};
  low.estimate = ThreePoint{3, 3, 3};
  low.priority = 100;
  WorkItem high = low;
  high.key = "HIGH";
  high.estimate = ThreePoint{1, 1, 1};
  high.priority = 900;
  high.start_no_earlier_than = DateTime::from_date(Date::from_ymd(2026, 1, 6));
  p.items = {low, high};
  p.reindex();
  ScheduleOptions opt;
  opt.order = ScheduleOrder::kTaskJuggler;
  Diagnostics diags;
  auto r = schedule_program(p, opt, diags);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_TRUE(r->items[1].segments.empty());
  EXPECT_EQ(r->items[1].start_date, Date::from_ymd(2026, 1, 6));
  const auto& sg = r->items[0].segments;
  ASSERT_EQ(sg.size(), 2u);
  EXPECT_EQ(sg[0].start_date, Date::from_ymd(2026, 1, 5));
  EXPECT_EQ(sg[0].finish_date, Date::from_ymd(2026, 1, 5));
  EXPECT_EQ(sg[1].start_date, Date::from_ymd(2026, 1, 7));
  EXPECT_EQ(sg[1].finish_date, Date::from_ymd(2026, 1, 8));
  EXPECT_EQ(sg[0].person, PersonId{0});
  EXPECT_EQ(sg[0].start, r->items[0].start);
  EXPECT_EQ(sg[1].finish, r->items[0].finish);
}

// A person's own limit (Person::limits) caps all their work per window, whatever the item, in
// Cairn's order (the person's calendar keeps the first hours of each week) and in TaskJuggler's
// (the hours booked in the week are counted, slot by slot): three 1-day items for someone with 16
// hours a week take Monday, Tuesday and the next Monday.
TEST(ScheduleLimits, APersonsWeeklyCapHoldsInEveryOrder) {
  Program p = one_person();
  add_days(p, {"A", "B", "C"});
  p.reindex();
  auto last_day = [&](ScheduleOrder order) {
    ScheduleOptions opt;
    opt.order = order;
    Diagnostics diags;
    auto r = schedule_program(p, opt, diags);
    EXPECT_TRUE(r) << (r ? "" : r.error().to_string());
    Date last = p.start;
    std::vector<Date> days;
    for (const auto& it : r->items) {
      last = std::max(last, it.finish_date);
      days.push_back(it.start_date);
    }
    std::sort(days.begin(), days.end());
    EXPECT_EQ(days.size(), 3u);
    if (days.size() == 3 && last > Date::from_ymd(2026, 1, 9)) {
      EXPECT_EQ(days[0], Date::from_ymd(2026, 1, 5));
      EXPECT_EQ(days[1], Date::from_ymd(2026, 1, 6));
      EXPECT_EQ(days[2], Date::from_ymd(2026, 1, 12));
    }
    return last;
  };
  for (ScheduleOrder order : {ScheduleOrder::kSearch, ScheduleOrder::kTaskJuggler})
    EXPECT_EQ(last_day(order), Date::from_ymd(2026, 1, 7)) << "no limit";
  p.people[0].limits.push_back(WorkLimit{.per = WorkLimit::Per::kWeek, .hours = 16});
  for (ScheduleOrder order : {ScheduleOrder::kSearch, ScheduleOrder::kTaskJuggler})
    EXPECT_EQ(last_day(order), Date::from_ymd(2026, 1, 12)) << static_cast<int>(order);
}

// The program says which order it is scheduled in (Program::schedule_order, set by the .tjp
// reader) unless the options say otherwise; its end (Program::end) warns in any order.
TEST(ScheduleOrderOfProgram, ProgramOrderUnlessToldAndEndWarns) {
  Program p = two_items(3, 3, 3);  // A 01-05..01-07, B 01-08
  p.schedule_order = ScheduleOrder::kTaskJuggler;
  Diagnostics d1;
  auto r = schedule_program(p, {}, d1);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(order_of(p, {}), ScheduleOrder::kTaskJuggler);
  EXPECT_EQ(r->method, "taskjuggler-order");
  ScheduleOptions search;
  search.order = ScheduleOrder::kSearch;
  EXPECT_EQ(order_of(p, search), ScheduleOrder::kSearch);
  Diagnostics d2;
  auto s = schedule_program(p, search, d2);
  ASSERT_TRUE(s) << s.error().to_string();
  EXPECT_NE(s->method, "taskjuggler-order");
  EXPECT_FALSE(d2.has("beyond-project-end"));
  // An end before B's day: a warning naming B, whatever the order; the dates stay.
  p.end = DateTime::from_date(Date::from_ymd(2026, 1, 8));
  Diagnostics d3;
  auto late = schedule_program(p, search, d3);
  ASSERT_TRUE(late) << late.error().to_string();
  EXPECT_EQ(late->project_end_date, Date::from_ymd(2026, 1, 8));
  ASSERT_TRUE(d3.has("beyond-project-end"));
  const Diagnostic* w = nullptr;
  for (const auto& x : d3.items())
    if (x.id == "beyond-project-end") w = &x;
  ASSERT_NE(w, nullptr);
  EXPECT_NE(w->message.find(": B"), std::string::npos) << w->message;
  EXPECT_NE(w->hint.find("2026-01-09"), std::string::npos) << w->hint;
  p.end = DateTime::from_date(Date::from_ymd(2026, 1, 9));
  Diagnostics d4;
  ASSERT_TRUE(schedule_program(p, search, d4));
  EXPECT_FALSE(d4.has("beyond-project-end"));
}

}  // namespace
}  // namespace cairn::schedule
