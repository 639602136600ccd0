// The critical path's guards at the ends of the time axis: work that adds up past the horizon is
// an error, never a wrapped or clamped date.
#include "schedule/cpm.h"

#include <gtest/gtest.h>

#include "model/validate.h"

namespace cairn::schedule {
namespace {

// A chain of `n` items of `days` calendar days each (basis duration: no people needed).
Program chain(int n, double days) {
  Program p;
  p.key = "X";
  p.start = Date::from_ymd(2026, 1, 5);
  p.teams.push_back(Team{.key = "T"});
  for (int i = 0; i < n; ++i) {
    WorkItem w;
    w.key = "I" + std::to_string(i);
    w.team = TeamId{0};
    w.basis = EstimateBasis::kDuration;
    w.estimate = ThreePoint{days, days, days};
    p.items.push_back(w);
    if (i > 0)
      p.dependencies.push_back(Dependency{.predecessor = WorkItemId{static_cast<uint32_t>(i - 1)},
                                          .successor = WorkItemId{static_cast<uint32_t>(i)}});
  }
  p.reindex();
  return p;
}

struct Scheduled {
  TaskGraph graph;
  CpmResult times;
  Result<void> horizon;
};

Scheduled run(const Program& p, int slot_minutes) {
  Diagnostics diags;
  GraphOptions opt;
  opt.slot_minutes = slot_minutes;
  auto g = build_task_graph(p, opt, diags);
  EXPECT_TRUE(g) << (g ? "" : g.error().message);
  CpmResult t = critical_path(*g);
  Result<void> h = check_horizon(*g, p, t.start, t.finish);
  return Scheduled{std::move(*g), std::move(t), std::move(h)};
}

TEST(CpmHorizon, EachItemOfTheChainPassesValidation) {
  Diagnostics diags;
  validate(chain(90, kMaxPlanDays), SourceMap{}, diags);
  EXPECT_FALSE(diags.has_errors()) << diags.items().front().message;
  validate(chain(1, kMaxPlanDays + 1), SourceMap{}, diags);
  EXPECT_TRUE(diags.has("value-too-large"));
}

TEST(CpmHorizon, AChainWithinTheYearsIsScheduledInOrder) {
  Scheduled r = run(chain(20, kMaxPlanDays), 60);  // 730,000 days: ends in 4024
  ASSERT_TRUE(r.horizon) << r.horizon.error().message;
  for (uint32_t n = 1; n < 20; ++n)
    EXPECT_GT(r.times.finish[n], r.times.finish[n - 1]);
  EXPECT_EQ(r.graph.axis.date_of(r.times.end), Date::from_ymd(2026, 1, 5) + 20 * 36500);
}

TEST(CpmHorizon, AChainPastYear9999IsAnErrorNamingTheFirstItemBeyond) {
  Scheduled r = run(chain(90, kMaxPlanDays), 60);  // 9,000 years from 2026
  ASSERT_FALSE(r.horizon);
  EXPECT_EQ(r.horizon.error().code, "schedule-beyond-horizon");
  // 2026 + 80 * 100 years = 10026: I79 (the 80th item) is the first to end beyond 9999.
  EXPECT_NE(r.horizon.error().message.find("I79 "), std::string::npos) << r.horizon.error().message;
  EXPECT_NE(r.horizon.error().message.find("10000-01-01"), std::string::npos);
  // No date wraps: finishes never go backwards along the chain.
  for (uint32_t n = 1; n < 90; ++n)
    EXPECT_GE(r.times.finish[n], r.times.finish[n - 1]);
}

TEST(CpmHorizon, AtOneMinuteTheHorizonIsHalfTheSlotRange) {
  Scheduled ok = run(chain(4, kMaxPlanDays), 1);  // 400 years
  ASSERT_TRUE(ok.horizon) << ok.horizon.error().message;
  Scheduled r = run(chain(6, kMaxPlanDays), 1);  // 600 years > about 510
  ASSERT_FALSE(r.horizon);
  EXPECT_EQ(r.horizon.error().code, "schedule-beyond-horizon");
  EXPECT_NE(r.horizon.error().message.find("1-minute"), std::string::npos);
  for (uint32_t n = 1; n < 6; ++n)
    EXPECT_GE(r.times.finish[n], r.times.finish[n - 1]);
}

// The critical path's planned performer is the seat's fastest person by when they would finish
// (fastest_candidate), not by rate alone: a full-time person on leave for the first two weeks
// loses to a half-time one who can start at once.
TEST(CpmPlannedPerformer, IsWhoFinishesFirstFromTheRelease) {
  Program p;
  p.key = "X";
  p.start = Date::from_ymd(2026, 1, 5);  // a Monday
  p.teams.push_back(Team{.key = "T"});
  Person full{.key = "full", .team = TeamId{0}, .allocation = 100};
  full.leave.push_back(Leave{.dates = {Date::from_ymd(2026, 1, 5), Date::from_ymd(2026, 1, 16)}});
  p.people.push_back(full);
  p.people.push_back(Person{.key = "half", .team = TeamId{0}, .allocation = 50});
  WorkItem w;
  w.key = "A";
  w.team = TeamId{0};
  w.estimate = ThreePoint{2, 2, 2};  // person-days: 4 working days at 50%
  p.items.push_back(w);
  p.reindex();
  Scheduled r = run(p, 60);
  const uint32_t n = r.graph.item_node[0];
  const SlotCalendar& half = r.graph.calendars[r.graph.person_calendar[1]];
  EXPECT_EQ(r.graph.calendar[n], r.graph.person_calendar[1]);
  EXPECT_EQ(r.graph.work[n], r.graph.cand_work[r.graph.cand_begin[r.graph.seat_begin[n]] + 1]);
  EXPECT_EQ(r.times.start[n], half.start_at_or_after(r.graph.program_start));
  // Half-time: 2 person-days are 32 working slots, four days, done on Thursday 8 January.
  EXPECT_EQ(r.graph.axis.date_of(r.times.finish[n] - 1), Date::from_ymd(2026, 1, 8));
  // The full-time person would only start on 19 January.
  const SlotCalendar& full_cal = r.graph.calendars[r.graph.person_calendar[0]];
  EXPECT_GE(full_cal.start_at_or_after(r.graph.program_start),
            r.graph.axis.day_start(Date::from_ymd(2026, 1, 19)));
}

}  // namespace
}  // namespace cairn::schedule
