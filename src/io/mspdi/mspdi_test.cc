#include "io/mspdi/mspdi.h"

#include <algorithm>
#include <filesystem>

#include <gtest/gtest.h>

#include "model/validate.h"
#include "plan/plan.h"

namespace cairn::io {
namespace {

namespace fs = std::filesystem;

const std::string kShared = std::string(CAIRN_SHARED_DIR) + "/data/mspdi";

Result<ImportResult> load(const std::string& file, Diagnostics& diags) {
  return import_file(kShared + "/" + file, std::nullopt, {}, diags);
}

TEST(MspdiDuration, ParsesIsoDurations) {
  EXPECT_DOUBLE_EQ(*parse_mspdi_duration_minutes("PT8H0M0S"), 480);
  EXPECT_DOUBLE_EQ(*parse_mspdi_duration_minutes("PT1H30M30S"), 90.5);
  EXPECT_DOUBLE_EQ(*parse_mspdi_duration_minutes("P1DT2H"), 1440 + 120);
  EXPECT_DOUBLE_EQ(*parse_mspdi_duration_minutes("-PT4H0M0S"), -240);
  EXPECT_FALSE(parse_mspdi_duration_minutes("8h"));
  EXPECT_FALSE(parse_mspdi_duration_minutes("PT"));
  EXPECT_FALSE(parse_mspdi_duration_minutes("P1H"));
}

// Every file MS Project wrote imports, and what it holds arrives.
TEST(Mspdi, EverySharedFileImports) {
  ASSERT_TRUE(fs::exists(kShared)) << "no shared data at " << kShared << " (../shared is missing)";
  int files = 0;
  for (const auto& e : fs::directory_iterator(kShared)) {
    if (e.path().extension() != ".xml") continue;
    ++files;
    Diagnostics diags;
    auto r = load(e.path().filename().string(), diags);
    ASSERT_TRUE(r) << e.path() << ": " << r.error().to_string();
    EXPECT_EQ(r->format, ImportFormat::kMspdi);
    // Three files hold only calendars and resources (the project summary task is not an item).
    EXPECT_FALSE(r->program.items.empty() && r->program.people.empty()) << e.path();
    Diagnostics v;
    validate(r->program, r->sources, v);
    EXPECT_FALSE(v.has_errors()) << e.path() << ": "
                                 << (v.empty() ? "" : format_diagnostic(v.items()[0]));
    // And every one exports and reads back to the same model.
    const std::string xml = write_mspdi(r->program);
    Diagnostics again;
    auto back = read_mspdi(xml, r->program.key + ".xml", {}, again);
    ASSERT_TRUE(back) << e.path() << ": " << back.error().to_string();
    EXPECT_TRUE(back->program.same_content(r->program))
        << e.path() << "\n--- before\n"
        << plan::write_plan_yaml(r->program) << "--- after\n"
        << plan::write_plan_yaml(back->program);
  }
  EXPECT_EQ(files, 13);
}

TEST(Mspdi, RelationsFileHasEveryLinkTypeWithLags) {
  Diagnostics diags;
  auto r = load("task-links-project2019-mspdi.xml", diags);
  ASSERT_TRUE(r) << r.error().to_string();
  const Program& p = r->program;
  ASSERT_EQ(p.dependencies.size(), 8u);
  // T2 follows T1 finish-start; T4 follows T3 with a 1-day lag; T8 follows T7 by 1 week (5 d).
  auto dep_into = [&](const std::string& key) -> const Dependency& {
    for (const auto& d : p.dependencies)
      if (p.item(d.successor).key == key) return d;
    ADD_FAILURE() << "no link into " << key;
    return p.dependencies[0];
  };
  EXPECT_EQ(dep_into("T2").lag, 0.0);
  EXPECT_EQ(dep_into("T2").type, DependencyType::kFinishStart);
  EXPECT_EQ(dep_into("T4").lag, 1.0);
  EXPECT_EQ(dep_into("T6").lag, 2.0);
  EXPECT_EQ(dep_into("T8").lag, 5.0);
  EXPECT_EQ(dep_into("T10").lag, 10.0);
  EXPECT_EQ(dep_into("T12").type, DependencyType::kStartFinish);
  EXPECT_EQ(dep_into("T14").type, DependencyType::kStartStart);
  EXPECT_EQ(dep_into("T16").type, DependencyType::kFinishFinish);
}

TEST(Mspdi, SampleHasOutlineResourcesAndAssignments) {
  Diagnostics diags;
  auto r = load("sample.xml", diags);
  ASSERT_TRUE(r) << r.error().to_string();
  const Program& p = r->program;
  EXPECT_FALSE(p.people.empty());
  int with_parent = 0, epics = 0, assigned = 0;
  for (const auto& it : p.items) {
    with_parent += it.parent.valid();
    epics += it.kind == WorkItemKind::kEpic;
    assigned += it.assignee.valid() || !it.allocations.empty();
  }
  EXPECT_GT(with_parent, 0);
  EXPECT_GT(epics, 0);
  EXPECT_GT(assigned, 0);
}

TEST(Mspdi, BaselinesArrive) {
  Diagnostics diags;
  auto r = load("task-baselines-project2016-mspdi.xml", diags);
  ASSERT_TRUE(r) << r.error().to_string();
  int with_baseline = 0;
  for (const auto& it : r->program.items)
    with_baseline += it.baseline_start.has_value();
  EXPECT_GT(with_baseline, 0);
}

TEST(Mspdi, ElapsedDurationsAreCalendarDays) {
  Diagnostics diags;
  auto r = load("mspdiduration.xml", diags);
  ASSERT_TRUE(r) << r.error().to_string();
  int elapsed = 0;
  for (const auto& it : r->program.items)
    elapsed += it.basis == EstimateBasis::kDuration;
  EXPECT_GT(elapsed, 0);
}

Program sample_program() {
  Diagnostics d;
  auto plan = plan::read_plan_text(R"(program:
  key: ATL
  name: Atlas
  goal: Ship it
  start: 2026-09-28
  as_of: 2026-11-23
  currency: USD
  calendar:
    weekdays: [mon, tue, wed, thu]
    hours: ["09:00-12:00", "13:00-18:00"]
    holidays: [2026-12-25, {date: 2026-12-31, name: NYE}]
teams:
  - {key: PAY, name: PAY}
  - {key: WEB, name: WEB}
people:
  - {key: ann, name: Ann, team: PAY, allocation: 50%, cost_per_day: 700,
     leave: [{from: 2026-12-01, to: 2026-12-04, reason: vacation}]}
  - {key: bo, name: Bo, team: WEB, calendar: {weekdays: [mon, tue]}}
milestones:
  - {key: M1, name: Beta, deadline: 2027-01-29, items: [S1, S2]}
  - {key: GA, name: GA, deadline: 2027-03-01, items: [GA]}
items:
  - {key: E1, title: Epic, kind: epic, team: PAY}
  - key: S1
    title: Tokens
    parent: E1
    kind: story
    team: PAY
    assignee: ann
    estimate: [1, 2.5, 6]
    points: 3
    remaining: 1.5
    state: In Progress
    history: [{state: In Progress, at: 2026-10-02T10:00:00Z}]
    created: 2026-10-01T08:00:00Z
    start_no_earlier_than: 2026-10-02
    due: 2026-12-01
    priority: 700
    link: https://jira.example/PAY-1
    labels: [backend, pci]
  - {key: S2, title: Done one, parent: E1, team: WEB, assignee: bo, estimate: 3, basis: length,
     state: Done, history: [{state: In Progress, at: 2026-10-01T09:00:00Z},
                            {state: Done, at: 2026-10-05T16:00:00Z}]}
  - {key: S3, title: Calendar days, team: WEB, estimate: 10, basis: duration,
     depends_on: [{item: S2, type: SS, lag: 2}, {item: S1, lag: 3, lag_unit: calendar-days}]}
  - {key: GA, title: GA, team: PAY, estimate: 0, basis: length, depends_on: [S3], due: 2027-03-01}
)",
                                   "atlas.yaml", d);
  EXPECT_TRUE(plan) << plan.error().to_string();
  EXPECT_FALSE(d.has_errors()) << (d.empty() ? "" : format_diagnostic(d.items()[0]));
  return plan ? plan->program : Program{};
}

TEST(Mspdi, ExportThenImportGivesTheSameModel) {
  const Program p = sample_program();
  const std::string xml = write_mspdi(p);
  Diagnostics d;
  auto back = read_mspdi(xml, "x.xml", {}, d);
  ASSERT_TRUE(back) << back.error().to_string();
  const Program& q = back->program;
  EXPECT_EQ(q.calendar, p.calendar);
  EXPECT_EQ(q.teams, p.teams);
  EXPECT_EQ(q.people, p.people);
  EXPECT_EQ(q.items, p.items);
  EXPECT_EQ(q.dependencies, p.dependencies);
  EXPECT_EQ(q.milestones, p.milestones);
  EXPECT_TRUE(back->program.same_content(p)) << xml << "\n--- before\n"
                                             << plan::write_plan_yaml(p) << "--- after\n"
                                             << plan::write_plan_yaml(back->program);
  // Deterministic.
  EXPECT_EQ(xml, write_mspdi(p));
}

// Two links between the same tasks with other lags (a duplicate-dependency warning) both come
// back: the reader used to keep the first per (predecessor, successor, type), and the lag that
// binds was lost (B two working days earlier). A link written twice over is read once.
TEST(Mspdi, LinksBetweenTheSameTasksWithOtherLagsSurviveARoundTrip) {
  Program p = sample_program();
  ASSERT_FALSE(p.dependencies.empty());
  Dependency again = p.dependencies.front();
  again.lag += 2;
  p.dependencies.push_back(again);
  p.dependencies.push_back(again);
  Diagnostics d;
  auto back = read_mspdi(write_mspdi(p), "x.xml", {}, d);
  ASSERT_TRUE(back) << back.error().to_string();
  p.dependencies.pop_back();
  // The file lists links by successor.
  auto by_successor = [](std::vector<Dependency> v) {
    std::stable_sort(v.begin(), v.end(), [](const Dependency& a, const Dependency& b) {
      return a.successor.value < b.successor.value;
    });
    return v;
  };
  EXPECT_EQ(by_successor(back->program.dependencies), by_successor(p.dependencies));
}

TEST(Mspdi, ExportUsesScheduleDatesWhenGiven) {
  const Program p = sample_program();
  ScheduleDates dates;
  dates[p.find_item("S3")] = {Date::from_ymd(2026, 10, 12), Date::from_ymd(2026, 10, 26), {}, {}};
  const std::string xml = write_mspdi(p, &dates);
  EXPECT_NE(xml.find("<Start>2026-10-12T09:00:00</Start>"), std::string::npos);
  EXPECT_NE(xml.find("<Finish>2026-10-26T18:00:00</Finish>"), std::string::npos);
}

TEST(Mspdi, BadInputNamesLineAndElement) {
  Diagnostics d;
  auto r = read_mspdi(
      "<Project>\n<Tasks>\n<Task><UID>1</UID>\n<Duration>8 hours</Duration></Task>"
      "</Tasks></Project>",
      "bad.xml", {}, d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where.line, 4);
  EXPECT_NE(r.error().message.find("Duration"), std::string::npos);
  r = read_mspdi("<Project><Tasks><Task><UID>x</UID></Task></Tasks></Project>", "bad.xml", {}, d);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("UID"), std::string::npos);
  r = read_mspdi("<Project><Tasks>", "bad.xml", {}, d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "invalid-xml");
  r = read_mspdi("<Plan/>", "bad.xml", {}, d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "not-mspdi");
  r = read_mspdi(
      "<Project><Tasks><Task><UID>1</UID></Task><Task><UID>1</UID></Task></Tasks></Project>",
      "bad.xml", {}, d);
  ASSERT_FALSE(r);
}

TEST(Mspdi, OldStyleCalendarExceptionsBecomeHolidays) {
  Diagnostics d;
  auto r = read_mspdi(R"(<Project><CalendarUID>1</CalendarUID><Calendars><Calendar><UID>1</UID>
    <WeekDays><WeekDay><DayType>0</DayType><DayWorking>0</DayWorking>
      <TimePeriod><FromDate>2024-12-24T00:00:00</FromDate><ToDate>2024-12-26T23:59:00</ToDate>
      </TimePeriod></WeekDay></WeekDays></Calendar></Calendars>
    <Tasks><Task><UID>1</UID><Name>A</Name><OutlineLevel>1</OutlineLevel></Task></Tasks>
    </Project>)",
                      "old.xml", {}, d);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(r->program.calendar.holidays().size(), 3u);
}

}  // namespace
}  // namespace cairn::io

namespace cairn::io {
namespace {

TEST(Mspdi, SmallFixtureCoversTheMappings) {
  Diagnostics d;
  auto r = import_file(std::string(CAIRN_SOURCE_DIR) + "/testdata/import/mspdi_small.xml",
                       std::nullopt, {}, d);
  ASSERT_TRUE(r) << r.error().to_string();
  const Program& p = r->program;
  EXPECT_EQ(p.key, "small");
  EXPECT_EQ(p.start, Date::from_ymd(2024, 1, 8));
  EXPECT_EQ(p.calendar.holidays().size(), 3u);  // one new-style, two old-style days
  EXPECT_EQ(p.calendar.hours(Weekday::kMonday), (std::vector<TimeRange>{{480, 720}}));
  ASSERT_EQ(p.items.size(), 4u);
  EXPECT_EQ(p.items[0].kind, WorkItemKind::kEpic);
  EXPECT_EQ(p.items[1].parent, p.find_item("T1"));
  const WorkItem& a = p.item(p.find_item("T2"));
  EXPECT_EQ(a.basis, EstimateBasis::kLength);
  EXPECT_DOUBLE_EQ(a.estimate->likely, 2.0);
  EXPECT_EQ(a.state, "In Progress");
  EXPECT_DOUBLE_EQ(*a.remaining, 1.0);
  EXPECT_EQ(a.baseline_finish->to_string(), "2024-01-09T17:00:00Z");
  ASSERT_TRUE(a.assignee.valid());
  const Person& ann = p.person(a.assignee);
  EXPECT_EQ(ann.allocation, 50);
  EXPECT_EQ(ann.cost_per_day, 400);
  EXPECT_EQ(p.team(ann.team).key, "PAY");
  EXPECT_EQ(a.team, ann.team);
  EXPECT_TRUE(d.has("mspdi-resource-skipped"));
  const WorkItem& b = p.item(p.find_item("T3"));
  EXPECT_EQ(b.basis, EstimateBasis::kDuration);
  EXPECT_DOUBLE_EQ(b.estimate->likely, 2.0);
  EXPECT_EQ(b.start_no_earlier_than->to_string(), "2024-01-10T08:00:00Z");
  ASSERT_EQ(p.dependencies.size(), 3u);
  EXPECT_EQ(p.dependencies[0].type, DependencyType::kStartStart);
  EXPECT_DOUBLE_EQ(p.dependencies[0].lag, 1.0);
  EXPECT_DOUBLE_EQ(p.dependencies[1].lag, 1.0);  // 50% of a 2-day predecessor
  EXPECT_TRUE(d.has("mspdi-percent-lag"));
  EXPECT_EQ(p.dependencies[2].type, DependencyType::kFinishFinish);
  EXPECT_EQ(p.dependencies[2].lag_unit, LagUnit::kCalendarDays);
  EXPECT_DOUBLE_EQ(p.dependencies[2].lag, 1.0);
  ASSERT_EQ(p.milestones.size(), 1u);
  EXPECT_EQ(p.milestones[0].key, "T4");
  EXPECT_EQ(p.milestones[0].deadline, Date::from_ymd(2024, 2, 1));
  EXPECT_EQ(p.milestones[0].items, (std::vector<WorkItemId>{p.find_item("T4")}));
  // Keys carry the prefix when asked.
  ImportOptions o;
  o.key_prefix = "P";
  auto pr = import_file(std::string(CAIRN_SOURCE_DIR) + "/testdata/import/mspdi_small.xml",
                        std::nullopt, o, d);
  ASSERT_TRUE(pr);
  EXPECT_TRUE(pr->program.find_item("P-T2").valid());
}

}  // namespace
}  // namespace cairn::io
