// One small .tjp per TaskJuggler semantic Cairn follows (testdata/tjp/semantics/*.tjp): each file
// asserts tj3's dates (${FixStart}/${FixEnd}, i.e. minstart/maxstart/minend/maxend, checked by
// tj3 itself when the file was written). This test imports each file, schedules it in
// TaskJuggler's order, and checks every assertion; it also checks the second scenario of
// scenarios.tjp and that an unknown scenario is an error naming the known ones.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "forecast/program_forecast.h"
#include "io/tjp/tjp_reader.h"
#include "plan/plan.h"
#include "schedule/schedule.h"

namespace cairn {
namespace {

namespace fs = std::filesystem;

fs::path semantics(const std::string& name) {
  return fs::path(CAIRN_SOURCE_DIR) / "testdata/tjp/semantics" / (name + ".tjp");
}

struct Scheduled {
  plan::LoadedPlan plan;
  schedule::ScheduleResult result;
};

std::optional<Scheduled> schedule_file(const std::string& name, const std::string& scenario,
                                       std::string& failure) {
  Diagnostics diags;
  io::TjpReadOptions ro;
  ro.scenario = scenario;
  auto plan = io::read_tjp(semantics(name).string(), diags, ro);
  if (!plan) {
    failure = "import failed: " + plan.error().to_string();
    return std::nullopt;
  }
  if (diags.has_errors()) {
    failure = "import errors: " + format_diagnostic(diags.items().front());
    return std::nullopt;
  }
  // The program carries TaskJuggler's order, its end and its ALAP anchors (Program::schedule_order,
  // Program::end, Dependency::alap): no option needed.
  schedule::ScheduleOptions options;
  Diagnostics sdiags;
  auto result = schedule::schedule_program(plan->program, options, sdiags);
  if (!result) {
    failure = "schedule failed: " + result.error().to_string();
    return std::nullopt;
  }
  return Scheduled{std::move(*plan), std::move(*result)};
}

class TjpSemantics : public ::testing::TestWithParam<std::string> {};

TEST_P(TjpSemantics, MatchesTj3Dates) {
  std::string failure;
  auto s = schedule_file(GetParam(), "", failure);
  ASSERT_TRUE(s) << failure;
  int checked = 0;
  std::string misses;
  for (const auto& a : s->plan.tjp_assertions) {
    const auto& item = s->result.items[a.item.index()];
    const std::string& key = s->plan.program.item(a.item).key;
    auto check = [&](const char* what, const std::optional<DateTime>& bound, DateTime got,
                     bool upper) {
      if (!bound) return;
      ++checked;
      if (upper ? got > *bound : got < *bound)
        misses += fmt::format("  {} {}: {} {} {}\n", key, what, got.to_string(), upper ? ">" : "<",
                              bound->to_string());
    };
    check("start", a.min_start, item.start, false);
    check("start", a.max_start, item.start, true);
    check("end", a.min_end, item.finish, false);
    check("end", a.max_end, item.finish, true);
  }
  EXPECT_GT(checked, 0);
  EXPECT_TRUE(misses.empty()) << "of " << checked << " assertions:\n" << misses;
  // With as many people as the work could use, the program cannot end later, counted the same way
  // (an end at 00:00 is the day before).
  EXPECT_LE(s->result.unleveled_end_date, s->result.project_end_date);
}

// The files under testdata/tjp/semantics, each asserting tj3's dates (${FixTask}).
const std::vector<std::string> kSemanticsFiles = {"complete",
                                                  "precedes_forward",
                                                  "scenarios",
                                                  "anonymous_resource",
                                                  "gaps",
                                                  "split",
                                                  "daily_limits",
                                                  "length_allocation",
                                                  "alternatives",
                                                  "shift_span",
                                                  "pooled_allocations",
                                                  "candidate_selection",
                                                  "path_criticalness",
                                                  "persistent",
                                                  "alap_priority",
                                                  "precedes_busy",
                                                  "precedes_ready",
                                                  "precedes_order",
                                                  "precedes_early",
                                                  "leave_list",
                                                  "working_hours_slots",
                                                  "working_hours_reset",
                                                  "efficiency",
                                                  "resource_limits",
                                                  "spans",
                                                  "spans_precedes",
                                                  "alap_end",
                                                  "tracking",
                                                  "runs_to_end",
                                                  "container_dates",
                                                  "task_limits",
                                                  "supplement",
                                                  "length_shift",
                                                  "precedes_length",
                                                  "efficiency_zero",
                                                  "time_zone",
                                                  "date_calc",
                                                  "epic_limits"};

INSTANTIATE_TEST_SUITE_P(Files, TjpSemantics, ::testing::ValuesIn(kSemanticsFiles),
                         [](const auto& info) { return std::string(info.param); });

// A .tjp program stored (`cairn import`: the store keeps the canonical JSON) or converted to a plan
// (`cairn convert --to yaml`) schedules as the file does: the program carries TaskJuggler's order,
// the project end and the ALAP anchors (Program::schedule_order, Program::end, Dependency::alap).
class TjpRoundTrip : public ::testing::TestWithParam<std::string> {};

TEST_P(TjpRoundTrip, YamlAndJsonKeepTheDates) {
  std::string failure;
  auto s = schedule_file(GetParam(), "", failure);
  ASSERT_TRUE(s) << failure;
  const Program& direct = s->plan.program;
  EXPECT_EQ(direct.schedule_order, ScheduleOrder::kTaskJuggler);
  ASSERT_TRUE(direct.end.has_value());
  auto compare = [&](const plan::LoadedPlan& again, const char* form) {
    EXPECT_EQ(again.program.schedule_order, ScheduleOrder::kTaskJuggler) << form;
    EXPECT_EQ(again.program.end, direct.end) << form;
    EXPECT_EQ(again.program.dependencies, direct.dependencies) << form;
    Diagnostics sd;
    auto r = schedule::schedule_program(again.program, {}, sd);
    ASSERT_TRUE(r.has_value()) << form << ": " << r.error().to_string();
    ASSERT_EQ(r->items.size(), s->result.items.size()) << form;
    std::string diff;
    for (size_t i = 0; i < r->items.size(); ++i)
      if (r->items[i].start != s->result.items[i].start ||
          r->items[i].finish != s->result.items[i].finish)
        diff += fmt::format("  {}: {}..{} against {}..{}\n", direct.items[i].key,
                            r->items[i].start.to_string(), r->items[i].finish.to_string(),
                            s->result.items[i].start.to_string(),
                            s->result.items[i].finish.to_string());
    EXPECT_TRUE(diff.empty()) << form << " moved:\n" << diff;
  };
  Diagnostics yd;
  auto yaml = plan::read_plan_text(plan::write_plan_yaml(direct), "round.yaml", yd);
  ASSERT_TRUE(yaml.has_value()) << yaml.error().to_string();
  ASSERT_FALSE(yd.has_errors()) << format_diagnostic(yd.items().front());
  compare(*yaml, "yaml");
  Diagnostics jd;
  auto json = plan::read_plan_json(plan::plan_to_json(direct), "round.json", jd);
  ASSERT_TRUE(json.has_value()) << json.error().to_string();
  ASSERT_FALSE(jd.has_errors()) << format_diagnostic(jd.items().front());
  compare(*json, "json");
}

INSTANTIATE_TEST_SUITE_P(Files, TjpRoundTrip, ::testing::ValuesIn(kSemanticsFiles),
                         [](const auto& info) { return std::string(info.param); });

// Work that ends after the project's end (tj3 rejects the file: "Some tasks did not fit into the
// project time frame"): the dates are shown, with a warning naming the items, and nothing when
// the work fits.
TEST(TjpSemantics, WorkAfterTheProjectEndWarns) {
  auto run = [](const char* end, Diagnostics& sdiags) {
    const std::string text = fmt::format(
        "project p \"P\" 2024-01-01 - {} {{ }}\n"
        "resource r \"R\"\n"
        "task a \"A\" {{ effort 5d allocate r }}\n"
        "task b \"B\" {{ effort 5d allocate r depends a }}\n",
        end);
    Diagnostics diags;
    auto plan = io::read_tjp_text(text, "end.tjp", diags);
    EXPECT_TRUE(plan.has_value());
    schedule::ScheduleOptions options;
    options.order = schedule::ScheduleOrder::kTaskJuggler;
    auto r = schedule::schedule_program(plan->program, options, sdiags);
    EXPECT_TRUE(r.has_value());
    return r->items[plan->program.find_item("b").index()].finish_date.to_string();
  };
  Diagnostics late, fits;
  EXPECT_EQ(run("2024-01-10", late), "2024-01-12");  // b: 01-08..01-12, after the end
  ASSERT_TRUE(late.has("beyond-project-end"));
  const Diagnostic* d = nullptr;
  for (const auto& x : late.items())
    if (x.id == "beyond-project-end") d = &x;
  ASSERT_NE(d, nullptr);
  EXPECT_NE(d->message.find("1 item(s)"), std::string::npos) << d->message;
  EXPECT_NE(d->message.find(" b"), std::string::npos) << d->message;
  EXPECT_NE(d->hint.find("2024-01-13"), std::string::npos) << d->hint;
  EXPECT_EQ(run("2024-02-01", fits), "2024-01-12");
  EXPECT_FALSE(fits.has("beyond-project-end"));
}

// With fixed efforts the forecast of the program's one milestone is a single day: its P50 and
// P95 are `day`.
void expect_one_milestone_forecast_on(const Program& program, const std::string& day) {
  Diagnostics diags;
  forecast::ForecastOptions fo;
  fo.trials = 200;
  auto f = forecast::forecast_program(program, fo, diags);
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  ASSERT_EQ(f->milestones.size(), 1u);
  EXPECT_EQ(f->milestones[0].p50.to_string(), day);
  EXPECT_EQ(f->milestones[0].p95.to_string(), day);
}

// A task booked backward from the task it `precedes` (precedes_busy.tjp) may end before the date
// the turned dependency gives; the forecast holds it at its scheduled start and leaves that
// dependency out, so what follows it keeps the schedule's dates (fixed efforts: P50 = schedule)
// and the people's order closes no cycle (draft -> after on dev's order, launch -> draft).
TEST(TjpSemantics, ForecastFollowsWorkBookedBackwardFromItsAnchor) {
  const std::string text =
      "project p \"P\" 2024-01-01 +2m { }\n"
      "resource writer \"Writer\"\nresource dev \"Developer\"\n"
      "task launch \"Launch\" { start 2024-01-15 effort 2d allocate dev }\n"
      "task review \"Review\" { start 2024-01-10 effort 3d allocate writer priority 900 }\n"
      "task draft \"Draft\" { effort 2d allocate writer precedes launch }\n"
      "task after \"After\" { effort 1d allocate dev depends draft }\n"
      "task m \"M\" { milestone depends after }\n";
  Diagnostics diags;
  auto plan = io::read_tjp_text(text, "anchor.tjp", diags);
  ASSERT_TRUE(plan.has_value());
  ASSERT_TRUE(std::any_of(plan->program.dependencies.begin(), plan->program.dependencies.end(),
                          [](const Dependency& d) { return d.alap; }));
  schedule::ScheduleOptions so;
  auto s = schedule::schedule_program(plan->program, so, diags);
  ASSERT_TRUE(s.has_value());
  const auto& draft = s->items[plan->program.find_item("draft").index()];
  EXPECT_EQ(draft.start_date.to_string(), "2024-01-08");  // tj3: 01-08..01-09, before review
  ASSERT_EQ(s->milestones.size(), 1u);
  EXPECT_EQ(s->milestones[0].date.to_string(), "2024-01-10");
  expect_one_milestone_forecast_on(plan->program, "2024-01-10");
}

// A task with an `end` of its own that forward work waits for (alap_end.tjp): in TaskJuggler's
// order it is booked back from its end and the work after it follows, as tj3 does; the forecast
// holds it at its scheduled start (fixed efforts: P50 = schedule). Cairn's own order schedules it
// forward and says so (`alap-before-forward`).
TEST(TjpSemantics, WorkBeforeForwardWorkIsPlacedBackFromItsOwnEnd) {
  const std::string text =
      "project p \"P\" 2024-01-01 +2m { }\n"
      "resource r \"R\"\n"
      "task e \"E\" { end 2024-01-19-17:00 effort 2d allocate r }\n"
      "task f \"F\" { effort 1d allocate r depends e }\n"
      "task m \"M\" { milestone depends f }\n";
  Diagnostics diags;
  auto plan = io::read_tjp_text(text, "own_end.tjp", diags);
  ASSERT_TRUE(plan.has_value());
  const auto e = plan->program.find_item("e").index();
  Diagnostics sd;
  auto s = schedule::schedule_program(plan->program, {}, sd);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->items[e].start_date.to_string(), "2024-01-18");  // tj3: 01-18..01-19
  ASSERT_EQ(s->milestones.size(), 1u);
  EXPECT_EQ(s->milestones[0].date.to_string(), "2024-01-22");
  EXPECT_FALSE(sd.has("alap-before-forward"));
  expect_one_milestone_forecast_on(plan->program, "2024-01-22");

  schedule::ScheduleOptions search;
  search.order = schedule::ScheduleOrder::kSearch;
  Diagnostics sd2;
  auto s2 = schedule::schedule_program(plan->program, search, sd2);
  ASSERT_TRUE(s2.has_value());
  EXPECT_EQ(s2->items[e].start_date.to_string(), "2024-01-01");
  EXPECT_TRUE(sd2.has("alap-before-forward"));
}

// The `delayed` scenario of scenarios.tjp: tj3 gives a 01-01..01-12, b 01-15..01-18, c 01-19.
TEST(TjpSemantics, ChosenScenarioTakesItsOwnAndInheritedValues) {
  std::string failure;
  auto s = schedule_file("scenarios", "delayed", failure);
  ASSERT_TRUE(s) << failure;
  auto day = [&](const char* key, bool start) {
    const auto& it = s->result.items[s->plan.program.find_item(key).index()];
    return (start ? it.start_date : it.finish_date).to_string();
  };
  EXPECT_EQ(day("a", false), "2024-01-12");
  EXPECT_EQ(day("b", true), "2024-01-15");
  EXPECT_EQ(day("b", false), "2024-01-18");
  EXPECT_EQ(day("c", true), "2024-01-19");
}

// split.tjp: `big` is split around `urgent` on the same person, so neither is the other's
// predecessor on that person; every resource link the schedule gives (and the forecast uses) is
// a finish-to-start order the dates keep, and the weekly load counts only the booked stretches.
TEST(TjpSemantics, SplitWorkGivesNoResourceLinkTheDatesContradict) {
  std::string failure;
  auto s = schedule_file("split", "", failure);
  ASSERT_TRUE(s) << failure;
  const auto& r = s->result;
  ASSERT_FALSE(r.resource_links.empty());
  for (auto [a, b] : r.resource_links)
    EXPECT_LE(r.items[a.index()].finish, r.items[b.index()].start)
        << s->plan.program.item(a).key << " -> " << s->plan.program.item(b).key;
  const WorkItemId big = s->plan.program.find_item("big"),
                   urgent = s->plan.program.find_item("urgent");
  for (auto [a, b] : r.resource_links)
    EXPECT_FALSE((a == big && b == urgent) || (a == urgent && b == big));
  double booked = 0;
  for (const auto& pl : r.load)
    for (double h : pl.booked_hours)
      booked += h;
  ASSERT_FALSE(r.load.empty());
  EXPECT_NEAR(booked, 8.0 * 8, 1e-6);  // 2d + 5d + 1d of 8 hours
}

// length_allocation.tjp: a length or duration task books its people only in the free slots of
// its span. `review` gets dev's two free days before `urgent`; `watch` gets qa on 01-08 and 01-10
// and dev (the alternative) on qa's day off, as stretches with their person. Before, both waited
// for their people: `review` after `urgent`, and `watch` had no dev.
TEST(TjpSemantics, SpanTasksBookOnlyTheFreeSlotsOfTheirSpan) {
  std::string failure;
  auto s = schedule_file("length_allocation", "", failure);
  ASSERT_TRUE(s) << failure;
  const auto& p = s->plan.program;
  const auto& r = s->result;
  std::map<std::string, double> hours;
  for (const auto& pl : r.load)
    for (double h : pl.booked_hours)
      hours[p.person(pl.person).key] += h;
  EXPECT_NEAR(hours["dev"], 16 + 16 + 8 + 8 + 8, 1e-6);  // review, urgent, after, watch, last
  EXPECT_NEAR(hours["qa"], 16, 1e-6);
  const auto& watch = r.items[p.find_item("watch").index()];
  // qa's stretch runs across their day off (a stretch is the person's free gap), dev's is it.
  ASSERT_EQ(watch.segments.size(), 2u);
  EXPECT_EQ(p.person(watch.segments[0].person).key, "qa");
  EXPECT_EQ(watch.segments[0].finish_date.to_string(), "2024-01-10");
  EXPECT_EQ(p.person(watch.segments[1].person).key, "dev");
  EXPECT_EQ(watch.segments[1].start_date.to_string(), "2024-01-09");
  EXPECT_EQ(watch.segments[1].finish_date.to_string(), "2024-01-09");
}

TEST(TjpSemantics, UnknownScenarioIsAnErrorNamingTheKnownOnes) {
  Diagnostics diags;
  io::TjpReadOptions ro;
  ro.scenario = "optimistic";
  auto plan = io::read_tjp(semantics("scenarios").string(), diags, ro);
  ASSERT_TRUE(plan);
  ASSERT_TRUE(diags.has_errors());
  const Diagnostic* found = nullptr;
  for (const auto& d : diags.items())
    if (d.id == "tjp-unknown-scenario") found = &d;
  ASSERT_NE(found, nullptr);
  EXPECT_NE(found->hint.find("delayed"), std::string::npos) << found->hint;
  EXPECT_GT(found->where.line, 0);
}

}  // namespace
}  // namespace cairn
