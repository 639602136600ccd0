#include "forecast/program_forecast.h"

#include <cmath>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "forecast/program_network.h"

namespace cairn::forecast {
namespace {

Date d(const char* s) {
  return *Date::parse(s);
}

struct PlanBuilder {
  Program p;
  PlanBuilder() {
    p.key = "P";
    p.name = "Test";
    p.start = d("2026-03-02");  // a Monday
  }
  TeamId team(const char* key, TeamMethod m = TeamMethod::kScrum) {
    Team t;
    t.key = key;
    t.name = key;
    t.method = m;
    p.teams.push_back(t);
    return TeamId{p.teams.size() - 1};
  }
  WorkItemId item(const char* key, TeamId t, std::optional<ThreePoint> est,
                  const char* state = "") {
    WorkItem it;
    it.key = key;
    it.team = t;
    it.estimate = est;
    it.state = state;
    p.items.push_back(it);
    return WorkItemId{p.items.size() - 1};
  }
  // A done leaf of team t finished on `day` (its history's one state change).
  void done_on(TeamId t, Date day) {
    auto id = item(fmt::format("H{}", p.items.size()).c_str(), t, std::nullopt, "Done");
    p.items[id.index()].history = {{"Done", DateTime::from_date(day)}};
  }
  // `n` open items of team t without an estimate (K0, K1, ...), all in milestone "M".
  void backlog(TeamId t, int n) {
    std::vector<WorkItemId> items;
    for (int k = 0; k < n; ++k)
      items.push_back(item(fmt::format("K{}", k).c_str(), t, std::nullopt));
    milestone("M", items);
  }
  void dep(WorkItemId a, WorkItemId b) {
    Dependency x;
    x.predecessor = a;
    x.successor = b;
    p.dependencies.push_back(x);
  }
  MilestoneId milestone(const char* key, std::vector<WorkItemId> items,
                        std::optional<Date> deadline = std::nullopt) {
    Milestone m;
    m.key = key;
    m.name = key;
    m.items = std::move(items);
    m.deadline = deadline;
    p.milestones.push_back(m);
    return MilestoneId{p.milestones.size() - 1};
  }
};

const TargetForecast& by_key(const ProgramForecast& f, const std::string& key) {
  for (const auto& m : f.milestones)
    if (m.key == key) return m;
  return f.program;
}

TEST(ProgramForecast, FixedChainLandsOnTheExpectedWorkingDay) {
  PlanBuilder b;
  auto t = b.team("core");
  auto a = b.item("A", t, ThreePoint{3, 3, 3});
  auto c = b.item("B", t, ThreePoint{4, 4, 4});
  b.dep(a, c);
  b.milestone("M1", {c}, d("2026-03-09"));
  Diagnostics diags;
  auto f = forecast_program(b.p, {.trials = 100}, diags);
  ASSERT_TRUE(f.has_value()) << f.error().message;
  const auto& m = by_key(*f, "M1");
  // 7 working days from Monday 2 March: Tuesday 10 March.
  EXPECT_EQ(m.p50, d("2026-03-10"));
  EXPECT_EQ(m.p95, d("2026-03-10"));
  EXPECT_DOUBLE_EQ(*m.on_time_probability, 0.0);
  EXPECT_EQ(f->program.p50, d("2026-03-10"));
  ASSERT_EQ(m.critical_items.size(), 2u);
  EXPECT_DOUBLE_EQ(m.critical_items[0].index, 1.0);
}

TEST(ProgramForecast, RiskDelaysOnlyTheMilestonesItTouches) {
  PlanBuilder b;
  auto t1 = b.team("pay"), t2 = b.team("web");
  auto a = b.item("A", t1, ThreePoint{5, 5, 5});
  auto c = b.item("C", t2, ThreePoint{5, 5, 5});
  b.milestone("M1", {a});
  b.milestone("M2", {c});
  Risk r;
  r.key = "R1";
  r.title = "Vendor late";
  r.probability = 1.0;
  r.impact = ThreePoint{10, 10, 10};
  r.items = {a};
  b.p.risks.push_back(r);
  Diagnostics diags;
  auto on = forecast_program(b.p, {.trials = 500}, diags);
  ASSERT_TRUE(on.has_value());
  b.p.risks[0].status = RiskStatus::kMitigated;
  auto off = forecast_program(b.p, {.trials = 500}, diags);
  ASSERT_TRUE(off.has_value());
  EXPECT_NEAR(by_key(*on, "M1").p50_days, 15, 1e-4);
  EXPECT_NEAR(by_key(*off, "M1").p50_days, 5, 1e-4);
  EXPECT_NEAR(by_key(*on, "M2").p50_days, 5, 1e-4);
  EXPECT_NEAR(by_key(*off, "M2").p50_days, 5, 1e-4);

  // A risk on a milestone delays that milestone directly, with its probability.
  b.p.risks[0].status = RiskStatus::kOpen;
  b.p.risks[0].probability = 0.3;
  b.p.risks[0].items.clear();
  b.p.risks[0].milestones = {MilestoneId{1}};
  auto ms = forecast_program(b.p, {.trials = 20000}, diags);
  ASSERT_TRUE(ms.has_value());
  EXPECT_NEAR(by_key(*ms, "M1").p95_days, 5, 1e-4);
  EXPECT_NEAR(by_key(*ms, "M2").p50_days, 5, 1e-4);
  EXPECT_NEAR(by_key(*ms, "M2").p85_days, 15, 1e-4);
  ASSERT_FALSE(by_key(*ms, "M2").drivers.empty());
  EXPECT_EQ(by_key(*ms, "M2").drivers[0].kind, DriverKind::kRisk);
  EXPECT_EQ(by_key(*ms, "M2").drivers[0].key, "R1");
  // The program ends with its last milestone: never before M2.
  EXPECT_NEAR(ms->program.p50_days, 5, 1e-4);
  EXPECT_NEAR(ms->program.p85_days, 15, 1e-4);
  EXPECT_GE(ms->program.p95_days, by_key(*ms, "M2").p95_days);
}

TEST(ProgramForecast, KanbanTeamWithoutEstimatesGetsAThroughputForecast) {
  PlanBuilder b;
  b.p.as_of = d("2026-03-02");
  auto t = b.team("ops", TeamMethod::kKanban);
  // History: exactly 2 items finished in each of the last 12 weeks.
  for (int w = 0; w < 12; ++w)
    for (int k = 0; k < 2; ++k) {
      auto id = b.item(fmt::format("H{}", w * 2 + k).c_str(), t, std::nullopt, "Done");
      b.p.items[id.index()].history = {
          {"In Progress", DateTime::from_date(d("2026-03-02") - 7 * (w + 1))},
          {"Done", DateTime::from_date(d("2026-03-02") - 7 * (w + 1) + 2 + k)}};
    }
  std::vector<WorkItemId> backlog;
  for (int k = 0; k < 10; ++k)
    backlog.push_back(b.item(fmt::format("K{}", k).c_str(), t, std::nullopt));
  b.milestone("M", backlog, d("2026-04-03"));
  // The team has nobody in the plan: the schedule takes its items one after another, 2.5 working
  // days each and half that for the first (a lane: the k-th item at k - 1/2 items' time), and the
  // forecast follows the schedule: the 10th lands on day 23.75, Thursday 2 April, as the queue
  // below has it.
  {
    Diagnostics ds;
    auto f = forecast_program(b.p, {.trials = 1000}, ds);
    ASSERT_TRUE(f.has_value());
    const auto& m = by_key(*f, "M");
    ASSERT_TRUE(m.scheduled.has_value());
    EXPECT_EQ(*m.scheduled, d("2026-04-02"));
    EXPECT_EQ(m.p50, d("2026-04-02"));
    EXPECT_EQ(f->throughput_teams.size(), 1u);
  }
  // Unestimated work as the team's queue (not following the schedule). The classic bootstrap
  // first: the history's weeks as they are.
  Diagnostics diags;
  auto f = forecast_program(
      b.p, {.trials = 1000, .bayesian_throughput = false, .follow_schedule = false}, diags);
  ASSERT_TRUE(f.has_value());
  EXPECT_FALSE(diags.has("forecast-unestimated"));
  ASSERT_EQ(f->throughput_teams.size(), 1u);
  EXPECT_EQ(f->throughput_teams[0].backlog, 10u);
  const auto& m = by_key(*f, "M");
  // 10 items at 2 a week: the 10th lands 3/4 into week 5, day 23.75: Thursday 2 April.
  EXPECT_NEAR(m.p50_days, 23.75, 1e-3);
  EXPECT_EQ(m.p50, d("2026-04-02"));
  EXPECT_DOUBLE_EQ(*m.on_time_probability, 1.0);
  // The default Bayesian bootstrap adds half an item of prior count over the 12 weeks: a little
  // faster (0.5 / 11 a week on average, 2% of 2), never slower.
  Diagnostics diags2;
  auto fb = forecast_program(b.p, {.trials = 1000, .follow_schedule = false}, diags2);
  ASSERT_TRUE(fb.has_value());
  const auto& mb = by_key(*fb, "M");
  EXPECT_LT(mb.p50_days, 23.75);
  EXPECT_GT(mb.p50_days, 23.75 * 2 / (2 + 2 * 0.5 / 11));
  EXPECT_LE(mb.p95_days, 23.75 + 1e-3);
}

TEST(ProgramForecast, VariableThroughputSpreadsTheForecast) {
  PlanBuilder b;
  b.p.as_of = d("2026-03-02");
  auto t = b.team("ops", TeamMethod::kKanban);
  for (int w = 0; w < 12; ++w)
    for (int k = 0; k < (w % 3) * 2; ++k)  // 0, 2 or 4 a week
      b.done_on(t, d("2026-03-02") - 7 * w - 3);
  b.backlog(t, 20);
  Diagnostics diags;
  auto f = forecast_program(b.p, {.trials = 4000}, diags);
  ASSERT_TRUE(f.has_value());
  const auto& m = by_key(*f, "M");
  EXPECT_LT(m.p50_days, m.p95_days);
  EXPECT_NEAR(m.mean_days, 50, 6);  // 20 items at 2 a week on average
}

// A Scrum team that closes its items at the end of every second week (40 weeks of history): as a
// queue (follow_schedule off: unestimated work is a team queue) its weeks ahead are drawn as whole
// sprints, so the 20 items of its backlog are done by the end of its second sprint ahead (drawn
// week by week, two quiet weeks in a row would push many trials later:
// MonteCarlo.ThroughputStreamWithACadenceDrawsWholeSprints). The same count spread over both
// weeks of each sprint has no cadence.
TEST(ProgramForecast, ScrumTeamsCadenceIsDrawnAsWholeSprints) {
  auto plan = [](bool batched) {
    PlanBuilder b;
    b.p.as_of = d("2026-03-01");  // a Sunday: the last sprint ended on Friday
    auto t = b.team("app");
    for (int s = 0; s < 20; ++s) {
      const Date end = d("2026-02-27") - 14 * s;  // the sprint's last Friday
      for (int k = 0; k < 10; ++k)
        b.done_on(t, batched ? end : end - 7 * (k % 2));
    }
    b.backlog(t, 20);
    return b.p;
  };
  Diagnostics diags;
  auto f = forecast_program(plan(true), {.trials = 2000, .follow_schedule = false}, diags);
  ASSERT_TRUE(f.has_value());
  ASSERT_EQ(f->throughput_teams.size(), 1u);
  EXPECT_EQ(f->throughput_teams[0].cadence_weeks, 2);
  auto g = forecast_program(plan(false), {.trials = 2000, .follow_schedule = false}, diags);
  ASSERT_TRUE(g.has_value());
  EXPECT_EQ(g->throughput_teams[0].cadence_weeks, 1);
  // Two sprints of 10: the 20th item is done within 4 weeks (20 working days).
  EXPECT_LE(by_key(*f, "M").p95_days, 20 + 1e-3);
}

// A team with 40 weeks of history (a level drift is learned from it) whose unestimated items the
// schedule times at its pace: each trial also draws how fast the team really is (the uncertainty
// of the window's mean rate, Bayesian bootstrap), shared by all its items, so a backlog of 20 does
// not come out nearly certain from 20 independent draws that average out. Without the Bayesian
// rate (bayesian_throughput off) only the drift (here none: a steady cycle) and the item draws
// spread it; before session 22 that was all a drifting team's paced items had.
TEST(ProgramForecast, PacedItemsOfADriftingTeamCarryTheRateUncertainty) {
  PlanBuilder b;
  b.p.as_of = d("2026-03-01");
  auto t = b.team("ops", TeamMethod::kKanban);
  const int per_week[] = {2, 4, 3, 5, 1, 3, 4, 2};
  for (int w = 0; w < 40; ++w)
    for (int k = 0; k < per_week[w % 8]; ++k)
      b.done_on(t, d("2026-02-27") - 7 * w - k);
  b.backlog(t, 20);
  Diagnostics diags;
  auto f = forecast_program(b.p, {.trials = 4000}, diags);
  ASSERT_TRUE(f.has_value());
  auto g = forecast_program(b.p, {.trials = 4000, .bayesian_throughput = false}, diags);
  ASSERT_TRUE(g.has_value());
  const auto& m = by_key(*f, "M");
  const auto& mg = by_key(*g, "M");
  // 20 items at 3 a week: about 33 working days; the mean of 12 weeks is known to about 11%.
  // Measured: P85 - P50 3.4 -> 5.0 working days, P95 - P50 5.4 -> 8.6.
  EXPECT_GT(m.p85_days - m.p50_days, 1.3 * (mg.p85_days - mg.p50_days));
  EXPECT_GT(m.p95_days - m.p50_days, 1.3 * (mg.p95_days - mg.p50_days));
}

TEST(ProgramForecast, UnestimatedWithoutHistoryIsReported) {
  PlanBuilder b;
  auto t = b.team("ops");
  auto a = b.item("A", t, std::nullopt);
  b.milestone("M", {a});
  Diagnostics diags;
  auto f = forecast_program(b.p, {.trials = 10}, diags);
  ASSERT_TRUE(f.has_value());
  EXPECT_TRUE(diags.has("forecast-unestimated"));
}

TEST(ProgramForecast, StoryPointsUseTheTeamsDaysPerPoint) {
  PlanBuilder b;
  b.p.as_of = d("2026-03-02");
  auto t = b.team("web");
  for (int k = 0; k < 4; ++k) {  // each took 4 working days for 2 points: 2 days per point
    auto id = b.item(fmt::format("H{}", k).c_str(), t, std::nullopt, "Done");
    auto& it = b.p.items[id.index()];
    it.points = 2;
    it.history = {{"In Progress", DateTime::from_date(d("2026-02-02"))},
                  {"Done", DateTime::from_date(d("2026-02-05"))}};
  }
  auto a = b.item("A", t, std::nullopt);
  b.p.items[a.index()].points = 5;
  b.milestone("M", {a});
  Diagnostics diags;
  auto f = forecast_program(b.p, {.trials = 100}, diags);
  ASSERT_TRUE(f.has_value());
  EXPECT_NEAR(by_key(*f, "M").p50_days, 10, 1e-3);
}

TEST(ProgramForecast, RemainingEffortScalesInProgressWork) {
  PlanBuilder b;
  auto t = b.team("web");
  auto a = b.item("A", t, ThreePoint{6, 6, 6}, "In Progress");
  b.p.items[a.index()].remaining = 2;
  b.milestone("M", {a});
  Diagnostics diags;
  auto f = forecast_program(b.p, {.trials = 10}, diags);
  ASSERT_TRUE(f.has_value());
  EXPECT_NEAR(by_key(*f, "M").p50_days, 2, 1e-4);
}

TEST(ProgramForecast, PeopleAreNotDoubleBooked) {
  PlanBuilder b;
  auto t = b.team("web");
  Person alice;
  alice.key = "alice";
  alice.team = t;
  b.p.people.push_back(alice);
  auto a = b.item("A", t, ThreePoint{3, 3, 3});
  auto c = b.item("B", t, ThreePoint{4, 4, 4});
  b.p.items[a.index()].assignee = PersonId{0};
  b.p.items[c.index()].assignee = PersonId{0};
  b.milestone("M", {a, c});
  Diagnostics diags;
  auto f = forecast_program(b.p, {.trials = 10}, diags);
  ASSERT_TRUE(f.has_value());
  EXPECT_NEAR(by_key(*f, "M").p50_days, 7, 1e-4);  // one after the other
  auto g = forecast_program(b.p, {.trials = 10, .resource_order = ResourceOrder::kNone}, diags);
  EXPECT_NEAR(by_key(*g, "M").p50_days, 4, 1e-4);  // in parallel: double-booked
  // Links from a leveled schedule take precedence: B before A.
  ForecastOptions o{.trials = 10};
  o.resource_links = {{c, a}};
  auto h = forecast_program(b.p, o, diags);
  EXPECT_EQ(h->resource_order, ResourceOrder::kSchedule);
  EXPECT_NEAR(by_key(*h, "M").p50_days, 7, 1e-4);
}

TEST(ProgramForecast, CrossTeamNeedByProbability) {
  PlanBuilder b;
  auto t1 = b.team("core"), t2 = b.team("pay");
  auto a = b.item("A", t1, ThreePoint{2, 5, 8});  // symmetric: median 5 working days
  auto c = b.item("B", t2, ThreePoint{1, 1, 1});
  Dependency x;
  x.predecessor = a;
  x.successor = c;
  x.need_by = d("2026-03-06");  // Friday: working day 5
  b.p.dependencies.push_back(x);
  Diagnostics diags;
  auto f = forecast_program(b.p, {.trials = 20000}, diags);
  ASSERT_TRUE(f.has_value());
  ASSERT_EQ(f->dependencies.size(), 1u);
  EXPECT_NEAR(f->dependencies[0].on_time_probability, 0.5, 0.02);
}

TEST(ProgramForecast, DeterministicWhateverTheThreadCount) {
  PlanBuilder b;
  auto t = b.team("web");
  std::vector<WorkItemId> ids;
  for (int k = 0; k < 60; ++k) {
    ids.push_back(b.item(fmt::format("I{}", k).c_str(), t, ThreePoint{1, 2.0 + k % 3, 7}));
    if (k >= 2) b.dep(ids[k - 2], ids[k]);
  }
  b.milestone("M", ids, d("2026-04-01"));
  Diagnostics diags;
  auto one = forecast_program(b.p, {.trials = 3000, .seed = 9, .threads = 1}, diags);
  auto two = forecast_program(b.p, {.trials = 3000, .seed = 9, .threads = 2}, diags);
  auto five = forecast_program(b.p, {.trials = 3000, .seed = 9, .threads = 5}, diags);
  for (const auto* f : {&two, &five}) {
    EXPECT_EQ((*f)->milestones[0].p85_days, one->milestones[0].p85_days);
    EXPECT_EQ((*f)->milestones[0].on_time_probability, one->milestones[0].on_time_probability);
    EXPECT_EQ((*f)->criticality.size(), one->criticality.size());
    ASSERT_EQ((*f)->milestones[0].drivers.size(), one->milestones[0].drivers.size());
    for (size_t k = 0; k < one->milestones[0].drivers.size(); ++k)
      EXPECT_EQ((*f)->milestones[0].drivers[k].text, one->milestones[0].drivers[k].text);
  }
}

TEST(ProgramForecast, ReportsCyclesByItemKey) {
  PlanBuilder b;
  auto t = b.team("web");
  auto a = b.item("A", t, ThreePoint{1, 1, 1});
  auto c = b.item("B", t, ThreePoint{1, 1, 1});
  b.dep(a, c);
  b.dep(c, a);
  Diagnostics diags;
  auto f = forecast_program(b.p, {.trials = 10}, diags);
  ASSERT_FALSE(f.has_value());
  EXPECT_EQ(f.error().code, "forecast-cycle");
}

}  // namespace
}  // namespace cairn::forecast

namespace cairn::forecast {
namespace {

// The forecast follows the schedule: it carries the schedule's date, says why P50 is later by
// source (ablation on the same random numbers: the parts add up), and ranks the drivers by their
// measured effect on P85.
TEST(ProgramForecast, SaysWhyLaterThanTheScheduleAndRanksDriversByEffect) {
  PlanBuilder b;
  auto t = b.team("dev");
  Person ann;
  ann.key = "ann";
  ann.team = t;
  b.p.people.push_back(ann);
  auto a = b.item("A", t, ThreePoint{2, 4, 14});
  auto c = b.item("C", t, ThreePoint{3, 3, 3});
  b.p.items[a.index()].assignee = b.p.items[c.index()].assignee = PersonId{0};
  b.dep(a, c);
  b.milestone("M", {c});
  Risk r;
  r.key = "R";
  r.probability = 0.5;
  r.impact = ThreePoint{10, 10, 10};
  r.items = {c};
  b.p.risks.push_back(r);
  Diagnostics diags;
  auto f = forecast_program(b.p, {.trials = 2000, .threads = 1}, diags);
  ASSERT_TRUE(f.has_value()) << f.error().message;
  const auto& m = by_key(*f, "M");
  ASSERT_TRUE(m.scheduled.has_value());
  EXPECT_EQ(*m.scheduled, d("2026-03-10"));  // 4 + 3 working days from Monday 03-02
  ASSERT_TRUE(m.days_after_schedule.has_value());
  EXPECT_GT(*m.days_after_schedule, 0);
  int sum = 0, spread = 0, risks = 0;
  for (const auto& w : m.why_later) {
    sum += w.days;
    if (w.source == "spread") spread = w.days;
    if (w.source == "risks") risks = w.days;
  }
  EXPECT_EQ(sum, *m.days_after_schedule);
  EXPECT_GT(spread, 0);  // PERT mean of A is above its likely value
  EXPECT_GT(risks, 0);   // a 50% risk of 10 days moves the median
  ASSERT_GE(m.drivers.size(), 2u);
  EXPECT_EQ(m.drivers[0].key, "R");  // never firing saves 10 days of P85; A's median less
  ASSERT_TRUE(m.drivers[0].effect_days.has_value());
  EXPECT_GE(*m.drivers[0].effect_days, 9);
  for (size_t k = 1; k < m.drivers.size(); ++k)  // measured effects never rise down the list
    if (m.drivers[k].effect_days && m.drivers[k - 1].effect_days) {
      EXPECT_LE(*m.drivers[k].effect_days, *m.drivers[k - 1].effect_days);
    }
}

}  // namespace
}  // namespace cairn::forecast

namespace cairn::forecast {
namespace {

// A person of team t doing the given items (in the schedule's order).
void assign(PlanBuilder& b, TeamId t, const char* key, std::vector<WorkItemId> items) {
  Person p;
  p.key = key;
  p.team = t;
  b.p.people.push_back(p);
  for (WorkItemId i : items)
    b.p.items[i.index()].assignee = PersonId{b.p.people.size() - 1};
}

int part(const TargetForecast& m, const std::string& source) {
  for (const auto& w : m.why_later)
    if (w.source == source) return w.days;
  return 0;
}

// "Why later": the milestone's plan chain (Q, 21 days, nearly fixed) is alone on time; five
// parallel items (10-20-30 days) overtake it in many trials (merge), and ann's two items (5 + 10
// days, off the chain) overtake it when her first item (likely 5, up to 100) pushes her second
// (people order). The parts add up to the P50's distance from the plan.
TEST(ProgramForecast, SeparatesMergeAndPeopleOrderFromSpread) {
  PlanBuilder b;
  auto t = b.team("dev");
  std::vector<WorkItemId> all;
  auto q = b.item("Q", t, ThreePoint{20, 21, 22});
  assign(b, t, "bob", {q});
  all.push_back(q);
  for (int k = 0; k < 5; ++k) {
    const std::string key = fmt::format("T{}", k);
    auto x = b.item(key.c_str(), t, ThreePoint{10, 20, 30});
    assign(b, t, fmt::format("c{}", k).c_str(), {x});
    all.push_back(x);
  }
  auto r = b.item("R", t, ThreePoint{4, 5, 100});
  auto p = b.item("P", t, ThreePoint{10, 10, 10});
  assign(b, t, "ann", {r, p});
  all.push_back(r);
  all.push_back(p);
  b.milestone("M", all);
  Diagnostics diags;
  auto f = forecast_program(b.p, {.trials = 2000, .threads = 1}, diags);
  ASSERT_TRUE(f.has_value()) << f.error().message;
  const auto& m = by_key(*f, "M");
  ASSERT_TRUE(m.days_after_schedule.has_value());
  int sum = 0;
  for (const auto& w : m.why_later)
    sum += w.days;
  EXPECT_EQ(sum, *m.days_after_schedule);
  EXPECT_LE(std::abs(part(m, "spread")), 1);  // the chain alone is symmetric around its plan
  EXPECT_GE(part(m, "merge"), 2);
  EXPECT_GE(part(m, "people"), 1);
  EXPECT_EQ(part(m, "risks"), 0);
}

// Team and dependency drivers are measured by what-if too: the team with its work at median
// durations, the dependency cut (its consumer no longer waits), each with the path it acts by.
TEST(ProgramForecast, MeasuresTeamAndDependencyDrivers) {
  PlanBuilder b;
  auto pay = b.team("pay");
  auto web = b.team("web");
  auto a = b.item("A", pay, ThreePoint{5, 10, 40});
  auto c = b.item("C", web, ThreePoint{5, 5, 5});
  assign(b, pay, "ann", {a});
  assign(b, web, "bob", {c});
  b.dep(a, c);
  b.p.dependencies.back().need_by = d("2026-03-16");
  b.milestone("M", {c});
  Diagnostics diags;
  auto f = forecast_program(b.p, {.trials = 2000, .threads = 1}, diags);
  ASSERT_TRUE(f.has_value()) << f.error().message;
  const auto& m = by_key(*f, "M");
  const Driver *team = nullptr, *dep = nullptr;
  for (const auto& drv : m.drivers) {
    if (drv.kind == DriverKind::kTeam && drv.key == "pay") team = &drv;
    if (drv.kind == DriverKind::kDependency) dep = &drv;
  }
  ASSERT_NE(dep, nullptr);
  ASSERT_TRUE(dep->effect_days.has_value());
  // Cut, C starts on day 1: P85 is 5 days instead of A's P85 plus 5.
  EXPECT_GE(*dep->effect_days, 10);
  EXPECT_NE(dep->text.find("did not wait"), std::string::npos) << dep->text;
  ASSERT_NE(team, nullptr);
  ASSERT_TRUE(team->effect_days.has_value());
  EXPECT_GT(*team->effect_days, 0);  // A at its median instead of its 85th percentile
  EXPECT_LT(*team->effect_days, *dep->effect_days);
  EXPECT_NE(team->text.find("its items on M's critical path: A"), std::string::npos) << team->text;
}

}  // namespace
}  // namespace cairn::forecast
