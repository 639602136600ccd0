#include "plan/plan.h"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace cairn::plan {
namespace {

namespace fs = std::filesystem;

constexpr const char* kFull = R"(program:
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
  - key: PAY
    name: Payments
    method: kanban
    workflow:
      - To Do
      - {name: Doing, category: in-progress, wip: 3}
      - {name: Review, category: in-progress, active: false}
      - {name: Done, category: done}
    channels: [{kind: slack, name: "#pay"}, "#pay-alerts"]
  - {key: WEB, name: Web}
people:
  - {key: ann, name: Ann, team: PAY, allocation: 50%, cost_per_day: 700, skills: [go],
     leave: [{from: 2026-12-01, to: 2026-12-04, reason: vacation}],
     limits: [{per: week, hours: 12}, {per: 30-days, hours: 40, from: 2026-11-02, until: 2027-01-04}]}
  - {key: bo, team: WEB, efficiency: 2, calendar: {weekdays: [mon, tue]},
     shifts: [{from: 2026-11-02, to: 2026-11-13, weekdays: [mon, wed], hours: ["10:00-16:00"],
               leave: [2026-11-04], replace: true},
              {from: 2026-11-16, to: 2026-11-20, hours: {mon: ["08:00-12:00"], sat: ["09:00-13:00"]}}]}
milestones:
  - key: M1
    name: Beta
    deadline: 2027-01-29
    gates: ["open_bugs <= 0", {metric: coverage, op: ">=", threshold: 80, actual: 72.5}]
items:
  - {key: E1, title: Epic, kind: epic, team: PAY, milestone: M1}
  - key: S1
    parent: E1
    kind: story
    team: PAY
    assignee: ann
    estimate: [1, 2.5, 6]
    points: 3
    remaining: 1.5
    state: Doing
    history: [{state: To Do, at: 2026-10-01T09:00:00Z}, {state: Doing, at: "2026-10-02 10:00"}]
    created: 2026-10-01T08:00:00Z
    start_no_earlier_than: 2026-10-02
    due: 2026-12-01
    priority: 700
    link: https://jira.example/PAY-1
    labels: [api]
  - {key: S2, parent: E1, team: PAY, estimate: 4, basis: length, depends_on: [S1, {item: W1, type: ss, lag: 2}]}
  - {key: W1, team: WEB, estimate: {optimistic: 1, likely: 2, pessimistic: 3}, allocate: [bo, {people: [bo, ann], persistent: true}, {people: ann, mandatory: true}],
     finish_no_later_than: 2027-01-15T17:00:00Z, alap: true, baseline_start: 2026-11-02T09:00:00Z,
     baseline_finish: 2026-11-06T17:00:00Z, limits: [{per: week, hours: 16, people: [bo]}, {per: day, hours: 4},
     {per: 30-days, hours: 60, from: 2026-11-02, until: 2026-12-01}],
     shifts: [{from: 2026-11-02, to: 2026-11-27, weekdays: [mon, tue, wed, thu, fri], hours: ["08:00-12:00"]}]}
  - key: W2
    team: WEB
    estimate: 3
    allocate: [{people: bo, shifts: [{from: 2026-11-02, to: 2026-11-06, weekdays: [tue]}]}]
    bookings: [{person: bo, start: 2026-10-05T09:00, end: 2026-10-05T17:00},
               {person: ann, start: "2026-10-06 00:00", end: 2026-10-07T00:00Z, counts: off-hours}]
dependencies:
  - {from: S1, to: W1, type: finish-finish, lag: -1, lag_unit: calendar-days, need_by: 2026-12-15, state: at-risk}
risks:
  - {key: R1, title: Vendor late, probability: 30%, impact: [2, 5, 10], cost_impact: 5000, items: [S2],
     milestones: [M1], owner: ann, mitigation: second vendor, trigger_date: 2026-12-01, status: open}
sprints:
  - {key: SP1, name: Sprint 1, team: WEB, start: 2026-11-09, end: 2026-11-20, committed: [W1], goal: G}
budget: {total: 100000, planned: [{period_end: 2026-10-31, amount: 20000}], actual: [{period_end: 2026-10-31, amount: 21000}]}
status_updates:
  - {date: 2026-11-20, author: ann, rag: amber, summary: Slipping, blockers: [vendor]}
  - {date: 2026-11-20, team: WEB, rag: green}
decisions: [{key: D1, date: 2026-11-02, owner: ann, text: Use vendor B, status: accepted}]
actions: [{key: A1, text: Call vendor, owner: bo, due: 2026-11-30, done: false}]
)";

LoadedPlan read_ok(const std::string& text, Diagnostics* out = nullptr) {
  Diagnostics d;
  auto plan = read_plan_text(text, "plan.yaml", d);
  EXPECT_TRUE(plan.has_value());
  EXPECT_FALSE(d.has_errors()) << (d.empty() ? "" : format_diagnostic(d.items()[0]));
  if (out) *out = d;
  return std::move(*plan);
}

TEST(PlanYaml, ReadsEveryField) {
  Diagnostics d;
  LoadedPlan plan = read_ok(kFull, &d);
  EXPECT_TRUE(d.empty()) << format_diagnostic(d.items()[0]);
  const Program& p = plan.program;
  EXPECT_EQ(p.key, "ATL");
  EXPECT_EQ(p.as_of->to_string(), "2026-11-23");
  EXPECT_EQ(p.calendar.weekdays().size(), 4u);
  EXPECT_EQ(p.calendar.day_minutes(), 480);
  EXPECT_TRUE(p.calendar.is_holiday(*Date::parse("2026-12-31")));
  EXPECT_EQ(p.teams[0].workflow.size(), 4u);
  EXPECT_FALSE(p.teams[0].workflow[2].active);
  EXPECT_EQ(p.teams[0].workflow[1].wip_limit, 3);
  EXPECT_EQ(p.teams[0].channels[1].name, "#pay-alerts");
  EXPECT_DOUBLE_EQ(p.people[0].allocation, 50);
  EXPECT_DOUBLE_EQ(p.people[0].efficiency, 1);
  EXPECT_DOUBLE_EQ(p.people[1].efficiency, 2);
  EXPECT_EQ(p.people[0].leave.size(), 1u);
  ASSERT_EQ(p.people[0].limits.size(), 2u);
  EXPECT_EQ(p.people[0].limits[0].per, WorkLimit::Per::kWeek);
  EXPECT_DOUBLE_EQ(p.people[0].limits[0].hours, 12);
  EXPECT_EQ(p.people[0].limits[1].per, WorkLimit::Per::k30Days);
  EXPECT_EQ(p.people[0].limits[1].until->to_string(), "2027-01-04");
  EXPECT_EQ(p.people[1].calendar->weekdays().size(), 2u);
  // The person's calendar keeps the program's holidays.
  EXPECT_TRUE(p.people[1].calendar->is_holiday(*Date::parse("2026-12-25")));
  const WorkItem& s1 = p.items[p.find_item("S1").index()];
  EXPECT_EQ(s1.parent, p.find_item("E1"));
  EXPECT_EQ(s1.assignee, p.find_person("ann"));
  EXPECT_DOUBLE_EQ(s1.estimate->likely, 2.5);
  EXPECT_EQ(s1.history.size(), 2u);
  EXPECT_EQ(s1.start_no_earlier_than->date().to_string(), "2026-10-02");
  EXPECT_EQ(s1.priority, 700);
  const WorkItem& w1 = p.items[p.find_item("W1").index()];
  ASSERT_EQ(w1.allocations.size(), 3u);
  EXPECT_EQ(w1.allocations[1].candidates.size(), 2u);
  EXPECT_TRUE(w1.allocations[1].persistent);
  EXPECT_FALSE(w1.allocations[2].persistent);
  EXPECT_TRUE(w1.allocations[2].mandatory);
  EXPECT_TRUE(w1.alap);
  EXPECT_EQ(w1.finish_no_later_than->to_string(), "2027-01-15T17:00:00Z");
  EXPECT_EQ(w1.baseline_finish->to_string(), "2026-11-06T17:00:00Z");
  EXPECT_EQ(w1.limits[0].per, WorkLimit::Per::kWeek);
  EXPECT_EQ(w1.limits[0].people.size(), 1u);
  ASSERT_EQ(w1.limits.size(), 3u);
  EXPECT_EQ(w1.limits[2].per, WorkLimit::Per::k30Days);
  EXPECT_EQ(w1.limits[2].from->to_string(), "2026-11-02");
  EXPECT_EQ(w1.limits[2].until->to_string(), "2026-12-01");
  ASSERT_EQ(w1.shifts.size(), 1u);
  EXPECT_EQ(w1.shifts[0].hours[4].size(), 1u);  // friday 08:00-12:00
  EXPECT_TRUE(w1.shifts[0].hours[5].empty());
  const Person& bo = p.people[1];
  ASSERT_EQ(bo.shifts.size(), 2u);
  EXPECT_TRUE(bo.shifts[0].replace);
  EXPECT_EQ(bo.shifts[0].dates.to.to_string(), "2026-11-13");
  EXPECT_EQ(bo.shifts[0].leave, std::vector<Date>{*Date::parse("2026-11-04")});
  EXPECT_EQ(bo.shifts[0].hours[2][0].start_minute, 600);
  EXPECT_TRUE(bo.shifts[0].hours[1].empty());
  EXPECT_EQ(bo.shifts[1].hours[5][0].end_minute, 13 * 60);
  EXPECT_TRUE(bo.shifts[1].hours[0][0].start_minute == 8 * 60 && bo.shifts[1].hours[2].empty());
  const WorkItem& w2 = p.items[p.find_item("W2").index()];
  ASSERT_EQ(w2.allocations.size(), 1u);
  ASSERT_EQ(w2.allocations[0].shifts.size(), 1u);
  EXPECT_EQ(w2.allocations[0].shifts[0].hours[1][0].start_minute, 9 * 60);  // the default hours
  ASSERT_EQ(w2.bookings.size(), 2u);
  EXPECT_EQ(w2.bookings[0].person, p.find_person("bo"));
  EXPECT_EQ(w2.bookings[0].end.to_string(), "2026-10-05T17:00:00Z");
  EXPECT_EQ(w2.bookings[1].counts, BookingCounts::kOffHours);
  ASSERT_EQ(p.dependencies.size(), 3u);
  EXPECT_EQ(p.dependencies[1].type, DependencyType::kStartStart);
  EXPECT_DOUBLE_EQ(p.dependencies[1].lag, 2);
  EXPECT_EQ(p.dependencies[2].lag_unit, LagUnit::kCalendarDays);
  EXPECT_EQ(p.dependencies[2].provider, p.find_team("PAY"));  // S1 is PAY, W1 is WEB
  EXPECT_EQ(p.dependencies[2].consumer, p.find_team("WEB"));
  EXPECT_EQ(p.milestones[0].items.size(), 1u);
  EXPECT_EQ(p.milestones[0].gates.size(), 2u);
  EXPECT_DOUBLE_EQ(p.risks[0].probability, 0.3);
  EXPECT_EQ(p.status_updates[0].rag, Rag::kAmber);
  EXPECT_EQ(p.decisions[0].status, DecisionStatus::kAccepted);
  EXPECT_EQ(p.actions[0].owner, p.find_person("bo"));
  EXPECT_DOUBLE_EQ(p.budget->total, 100000);
}

TEST(PlanYaml, RoundTripsThroughYamlAndJson) {
  LoadedPlan a = read_ok(kFull);
  std::string yaml = write_plan_yaml(a.program);
  LoadedPlan b = read_ok(yaml);
  EXPECT_TRUE(a.program.same_content(b.program)) << yaml;
  EXPECT_EQ(write_plan_yaml(b.program), yaml);  // canonical: a fixed point
  LoadedPlan c = read_ok(write_plan_json(a.program));
  EXPECT_TRUE(a.program.same_content(c.program));
}

TEST(PlanYaml, ReadsTheCanonicalJsonDocumentDirectly) {
  LoadedPlan a = read_ok(kFull);
  Diagnostics d;
  auto b = read_plan_json(plan_to_json(a.program), "doc.json", d);
  ASSERT_TRUE(b);
  EXPECT_FALSE(d.has_errors());
  EXPECT_TRUE(a.program.same_content(b->program));
  // Findings from a JSON document point at the field by JSON pointer.
  auto bad = plan_to_json(a.program);
  bad["items"][1]["estimate"] = nlohmann::ordered_json::array({5, 2, 1});
  Diagnostics d2;
  read_plan_json(bad, "doc.json", d2);
  ASSERT_TRUE(d2.has("estimate-order"));
  EXPECT_EQ(d2.items()[0].where.pointer, "/items/1/estimate");
}

TEST(PlanYaml, ShiftsBookingsAndLimitsHaveClearErrors) {
  Diagnostics d;
  read_plan_text(R"(program: {key: P, start: 2026-03-02}
teams: [{key: T}]
people: [{key: ann, team: T, shifts: [{from: 2026-03-02}, {from: 2026-03-02, to: 2026-03-06, weekdays: [xyz]}]},
         {key: bo, team: T, limits: [{per: week, hours: 8, people: [ann]}, {per: week}]}]
items:
  - {key: A, team: T, estimate: 1, limits: [{per: fortnight, hours: 4}],
     bookings: [{person: ann, start: 2026-03-02T09:00}, {person: zed, start: 2026-03-02T09:00, end: 2026-03-02T10:00},
                {person: ann, start: 2026-03-02T09:00, end: 2026-03-02T10:00, counts: sometimes}]}
)",
                 "p.yaml", d);
  auto count = [&](const char* id) {
    return std::count_if(d.items().begin(), d.items().end(),
                         [&](const Diagnostic& x) { return x.id == id; });
  };
  EXPECT_EQ(count("missing-field"), 3);  // a shift without to, a booking without end, hours
  EXPECT_TRUE(d.has("unknown-person"));
  EXPECT_GE(count("invalid-value"), 4);  // weekday, per, counts, people on a person's limit
  const auto people = std::find_if(d.items().begin(), d.items().end(), [](const Diagnostic& x) {
    return x.message.find("takes no people") != std::string::npos;
  });
  ASSERT_NE(people, d.items().end());
  EXPECT_EQ(people->where.line, 4);
}

TEST(PlanYaml, PersonCalendarsStartFromTheProgramCalendarWhereverItIs) {
  // People come before the program in the text: the calendar still starts from the program's.
  Diagnostics d;
  auto plan = read_plan_text(R"(people:
  - {key: a, calendar: {weekdays: [mon, tue], holidays: [2026-03-02]}}
  - {key: b, calendar: {day_hours: 6}}
program:
  key: P
  start: 2026-01-05
  calendar: {hours: ["08:00-12:00", "13:00-16:00"], holidays: [2026-12-25]}
)",
                             "cal.yaml", d);
  ASSERT_TRUE(plan);
  EXPECT_FALSE(d.has_errors());
  const auto& a = *plan->program.people[0].calendar;
  EXPECT_EQ(a.weekdays().size(), 2u);
  EXPECT_EQ(a.hours(Weekday::kMonday).front().start_minute, 8 * 60);
  EXPECT_EQ(a.day_minutes(), 7 * 60);
  EXPECT_TRUE(a.is_holiday(*Date::parse("2026-12-25")));
  EXPECT_TRUE(a.is_holiday(*Date::parse("2026-03-02")));
  EXPECT_EQ(plan->program.people[1].calendar->day_minutes(), 6 * 60);
  // Only the person's own holiday is written back, and it round-trips.
  std::string yaml = write_plan_yaml(plan->program);
  Diagnostics d2;
  auto back = read_plan_text(yaml, "back.yaml", d2);
  ASSERT_TRUE(back);
  EXPECT_TRUE(back->program.same_content(plan->program)) << yaml;
}

TEST(PlanYaml, PercentOnlyWhereItMeansSomething) {
  Diagnostics d;
  auto plan = read_plan_text(R"(program: {key: P, start: 2026-01-05}
people: [{key: a, allocation: "50%"}, {key: b, allocation: 0.5}]
items: [{key: I, estimate: "50%"}]
risks: [{key: R, probability: "30%"}]
)",
                             "pct.yaml", d);
  ASSERT_TRUE(plan);
  EXPECT_DOUBLE_EQ(plan->program.people[0].allocation, 50);
  EXPECT_DOUBLE_EQ(plan->program.risks[0].probability, 0.3);
  EXPECT_TRUE(d.has("allocation-looks-like-fraction"));
  EXPECT_TRUE(d.has("invalid-number"));  // the estimate
}

TEST(PlanYaml, MembershipConflictsAreReported) {
  Diagnostics d;
  read_plan_text(R"(program: {key: P, start: 2026-01-05}
teams: [{key: A, members: [x]}, {key: B}]
people: [{key: x, team: B}]
)",
                 "m.yaml", d);
  EXPECT_TRUE(d.has("team-membership-conflict"));
}

TEST(PlanYaml, DiamondIncludesAreReadOnce) {
  fs::path dir = fs::temp_directory_path() / "cairn_diamond_test";
  fs::create_directories(dir);
  std::ofstream(dir / "plan.yaml")
      << "program: {key: P, start: 2026-01-05}\ninclude: [a.yaml, b.yaml]\n";
  std::ofstream(dir / "a.yaml") << "include: [common.yaml]\n";
  std::ofstream(dir / "b.yaml") << "include: [common.yaml]\n";
  std::ofstream(dir / "common.yaml") << "teams: [{key: T}]\n";
  Diagnostics d;
  auto plan = read_plan({dir.string()}, d);
  ASSERT_TRUE(plan);
  EXPECT_TRUE(d.empty()) << format_diagnostic(d.items()[0]);
  EXPECT_EQ(plan->program.teams.size(), 1u);
  fs::remove_all(dir);
}

TEST(PlanYaml, NumbersRoundTripExactly) {
  LoadedPlan a = read_ok("program: {key: P, start: 2026-01-05}\nitems: [{key: I, estimate: 1}]\n");
  a.program.items[0].estimate = ThreePoint{2e-7, 0.1 + 0.05, 1.0 / 3.0};
  a.program.items[0].remaining = 12345.6789;  // within the 36,500-day limit
  LoadedPlan b = read_ok(write_plan_yaml(a.program));
  EXPECT_TRUE(a.program.same_content(b.program)) << write_plan_yaml(a.program);
}

TEST(PlanYaml, ManyUnknownReferencesGetSuggestionsOnlyForTheFirst) {
  std::string text = "program: {key: P, start: 2026-01-05}\nteams: [{key: T}]\nitems:\n";
  for (int i = 0; i < 300; ++i)
    text += fmt::format("  - {{key: I{}, team: T, parent: X{}}}\n", i, i);
  Diagnostics d;
  auto plan = read_plan_text(text, "many.yaml", d);
  ASSERT_TRUE(plan);
  int with_suggestion = 0, unknown = 0;
  for (const auto& x : d.items()) {
    if (x.id != "unknown-item") continue;
    ++unknown;
    if (x.hint.find("did you mean") != std::string::npos) ++with_suggestion;
  }
  EXPECT_EQ(unknown, 300);
  EXPECT_GT(with_suggestion, 0);  // X12 is one edit from I12
  EXPECT_LE(with_suggestion, 100);
}

TEST(PlanYaml, DuplicateFieldsAreErrors) {
  Diagnostics d;
  read_plan_text("program: {key: P, start: 2026-01-05, key: Q}\n", "dup.yaml", d);
  EXPECT_TRUE(d.has("duplicate-field"));
}

TEST(PlanYaml, LocatesFindingsAndSuggestsNames) {
  Diagnostics d;
  auto plan = read_plan_text(R"(program: {key: P, start: 2026-01-05}
teams: [{key: PAY}]
items:
  - {key: A, team: PAX, estimat: 3}
)",
                             "x.yaml", d);
  ASSERT_TRUE(plan);
  ASSERT_EQ(d.size(), 3u);  // unknown team, unknown field, item without team
  bool saw_team = false, saw_field = false;
  for (const auto& x : d.items()) {
    if (x.id == "unknown-team") {
      saw_team = true;
      EXPECT_EQ(x.where.line, 4);
      EXPECT_EQ(x.where.column, 20);
      EXPECT_NE(x.hint.find("PAY"), std::string::npos);
    }
    if (x.id == "unknown-field") {
      saw_field = true;
      EXPECT_EQ(x.severity, Severity::kWarning);
      EXPECT_NE(x.hint.find("estimate"), std::string::npos);
    }
  }
  EXPECT_TRUE(saw_team && saw_field);
}

TEST(PlanYaml, SyntaxErrorHasLocation) {
  Diagnostics d;
  auto plan = read_plan_text("program:\n  key: [unclosed\n", "s.yaml", d);
  ASSERT_TRUE(d.has("invalid-yaml"));
  EXPECT_GT(d.items()[0].where.line, 0);
}

TEST(PlanYaml, RejectsInvalidUtf8AndBinary) {
  Diagnostics d;
  read_plan_text("program:\n  name: caf\xC3\x28\n", "u.yaml", d);
  ASSERT_TRUE(d.has("invalid-utf8"));
  EXPECT_EQ(d.items()[0].where.line, 2);
  EXPECT_EQ(d.items()[0].where.column, 12);
  Diagnostics d2;
  read_plan_text(std::string("\x7f\x45LF\x00\x01", 6), "b.bin", d2);
  EXPECT_TRUE(d2.has("binary-input"));
}

TEST(PlanYaml, DeepNestingIsAnErrorNotACrash) {
  std::string deep(10000, '[');
  deep += std::string(10000, ']');
  Diagnostics d;
  read_plan_text("program: " + deep + "\n", "deep.yaml", d);
  EXPECT_TRUE(d.has("nesting-too-deep"));
  std::string maps;
  for (int i = 0; i < 10000; ++i)
    maps += "{a: ";
  maps += "1" + std::string(10000, '}');
  Diagnostics d2;
  read_plan_text("items: " + maps + "\n", "deep2.yaml", d2);
  EXPECT_TRUE(d2.has("nesting-too-deep"));
}

TEST(PlanYaml, LargeFileIsRefusedWithAClearMessage) {
  fs::path dir = fs::temp_directory_path() / "cairn_large_test";
  fs::create_directories(dir);
  fs::path f = dir / "big.yaml";
  {
    std::ofstream out(f);
    std::string line = "# " + std::string(98, 'x') + "\n";
    for (int i = 0; i < 500000; ++i)
      out << line;  // 50 MB
  }
  Diagnostics d;
  auto plan = read_plan({f.string()}, d);
  EXPECT_TRUE(d.has("file-too-large"));
  fs::remove_all(dir);
}

TEST(PlanYaml, IncludesResolveRelativeAndDetectCycles) {
  fs::path dir = fs::temp_directory_path() / "cairn_include_test";
  fs::create_directories(dir / "sub");
  std::ofstream(dir / "plan.yaml")
      << "program: {key: P, start: 2026-01-05}\ninclude: [sub/a.yaml]\n";
  std::ofstream(dir / "sub" / "a.yaml") << "teams: [{key: T}]\ninclude: [b.yaml]\n";
  std::ofstream(dir / "sub" / "b.yaml")
      << "items: [{key: I, team: T, estimate: 1}]\ninclude: [a.yaml, missing.yaml]\n";
  Diagnostics d;
  auto plan = read_plan({dir.string()}, d);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->program.items.size(), 1u);
  EXPECT_EQ(plan->files.size(), 3u);
  EXPECT_TRUE(d.has("include-cycle"));
  EXPECT_TRUE(d.has("include-not-found"));
  for (const auto& x : d.items())
    if (x.id == "include-cycle") {
      EXPECT_NE(x.where.file.find("b.yaml"), std::string::npos);
      EXPECT_EQ(x.where.line, 2);
    }
  fs::remove_all(dir);
}

TEST(PlanYaml, MissingFileIsAnError) {
  Diagnostics d;
  auto plan = read_plan({"/nonexistent/plan.yaml"}, d);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.error().code, "file-not-found");
}

TEST(PlanYaml, DuplicateKeysPointAtTheFirst) {
  Diagnostics d;
  read_plan_text("program: {key: P, start: 2026-01-05}\nteams:\n  - key: A\n  - key: A\n", "d.yaml",
                 d);
  ASSERT_TRUE(d.has("duplicate-key"));
  EXPECT_EQ(d.items()[0].where.line, 4);
  EXPECT_NE(d.items()[0].hint.find("d.yaml:3"), std::string::npos);
}

// Found by the plan_json fuzzer: an item of no team takes its assignee's team before the
// cross-team dependency defaults are drawn, so the dependency's teams survive a write and a read.
TEST(PlanYaml, AssigneeTeamCountsForCrossTeamDependencies) {
  LoadedPlan a = read_ok(R"(program: {key: P, start: 2026-01-05}
teams: [{key: plat}, {key: app}]
people: [{key: pq, team: plat}, {key: aa, team: app}]
items:
  - {key: R, assignee: pq, estimate: 1}
  - {key: C, team: app, assignee: aa, estimate: 1}
dependencies: [{from: R, to: C}]
)");
  const Dependency& d = a.program.dependencies[0];
  EXPECT_EQ(d.provider, a.program.find_team("plat"));
  EXPECT_EQ(d.consumer, a.program.find_team("app"));
  Diagnostics jd;
  auto json_back = read_plan_json(plan_to_json(a.program), "doc.json", jd);
  ASSERT_TRUE(json_back);
  EXPECT_TRUE(json_back->program.same_content(a.program));
  EXPECT_TRUE(read_ok(write_plan_yaml(a.program)).program.same_content(a.program));
}

// program.health_thresholds: names to numbers, kept through both writers; a name set twice and a
// value that is not a number are errors at their lines.
TEST(PlanYaml, HealthThresholdsRoundTrip) {
  LoadedPlan a = read_ok(R"(program:
  key: P
  start: 2026-01-05
  health_thresholds: {spi_amber: 0.9, on_time_red: 0.4}
)");
  const auto& t = a.program.health_thresholds;
  ASSERT_EQ(t.size(), 2u);
  EXPECT_DOUBLE_EQ(t.at("on_time_red"), 0.4);
  EXPECT_DOUBLE_EQ(t.at("spi_amber"), 0.9);
  EXPECT_EQ(a.sources.at(EntityKind::kProgram, 0, "health_thresholds/on_time_red").line, 4);
  Diagnostics jd;
  auto json_back = read_plan_json(plan_to_json(a.program), "doc.json", jd);
  ASSERT_TRUE(json_back);
  EXPECT_TRUE(json_back->program.same_content(a.program));
  EXPECT_TRUE(read_ok(write_plan_yaml(a.program)).program.same_content(a.program));
  Diagnostics d;
  read_plan_text(R"(program:
  key: P
  start: 2026-01-05
  health_thresholds: {spi_amber: 0.9, spi_amber: 0.8, on_time_red: soon}
)",
                 "t.yaml", d);
  EXPECT_TRUE(d.has("duplicate-key"));
  EXPECT_TRUE(d.has("invalid-number"));
}

}  // namespace
}  // namespace cairn::plan
