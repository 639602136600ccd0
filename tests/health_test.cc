// Health (analysis/health.h) on testdata/analysis/health/health.yaml: every rule fires where the
// scenario's comments say (with the hand-computed numbers) and stays quiet where it says not;
// thresholds move the colours; the typed status is compared; Atlas's M2 is red with its gate.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "test_plans.h"

#include "analysis/health.h"
#include "base/codes.h"
#include "plan/plan.h"

namespace cairn {
namespace {

using analysis::HealthReason;
using analysis::HealthReport;
using analysis::HealthStatus;

const std::string kHealth = CAIRN_SOURCE_DIR "/testdata/analysis/health/health.yaml";

// Earned value is judged in its own test: here its thresholds are off, so a team's colour comes
// from the rules the scenario computes by hand.
analysis::HealthOptions options() {
  analysis::HealthOptions o;
  o.forecast.trials = 200;
  o.forecast.ablation_trials = 0;
  o.forecast.effect_drivers = 0;
  o.thresholds.spi_red = o.thresholds.spi_amber = 0;
  o.thresholds.cpi_red = o.thresholds.cpi_amber = 0;
  return o;
}

HealthReport run(const Program& p, const analysis::HealthOptions& o = options(),
                 const analysis::HealthInput& in = {}, Diagnostics* out = nullptr) {
  Diagnostics diags;
  auto r = analysis::analyze_health(p, o, in, out ? *out : diags);
  EXPECT_TRUE(r) << (r ? "" : r.error().to_string());
  return r ? *r : HealthReport{};
}

const HealthStatus& find(const std::vector<HealthStatus>& v, const std::string& key) {
  for (const auto& s : v)
    if (s.key == key) return s;
  ADD_FAILURE() << "no status " << key;
  static HealthStatus none;
  return none;
}

// The reasons of one rule.
std::vector<HealthReason> rule(const HealthStatus& s, const std::string& name) {
  std::vector<HealthReason> out;
  for (const auto& r : s.reasons)
    if (r.rule == name) out.push_back(r);
  return out;
}

// The one reason of rule `name` on `s`, with its value and colour.
void expect_reason(const HealthStatus& s, const std::string& name, double value,
                   std::optional<Rag> rag) {
  auto v = rule(s, name);
  ASSERT_EQ(v.size(), 1u) << s.key << " " << name;
  ASSERT_TRUE(v[0].value) << s.key << " " << name;
  EXPECT_EQ(*v[0].value, value) << s.key << " " << name;
  EXPECT_EQ(v[0].rag, rag) << s.key << " " << name;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(Health, LateMilestoneIsRedAndOnTimeOneIsGreen) {
  auto r = run(test_plans::load_plan(kHealth));
  const auto& m2 = find(r.milestones, "M2");
  EXPECT_EQ(m2.rag, Rag::kRed);
  auto f = rule(m2, "forecast");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rag, Rag::kRed);
  EXPECT_EQ(*f[0].value, 0.0);
  EXPECT_EQ(f[0].text, "P85 2026-03-18, deadline 2026-03-17, 0 % on time");
  EXPECT_TRUE(has(m2.summary(), "Milestone M2: red — P85 2026-03-18")) << m2.summary();
  const auto& m1 = find(r.milestones, "M1");
  EXPECT_EQ(m1.rag, Rag::kGreen);
  f = rule(m1, "forecast");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].rag, Rag::kGreen);
  EXPECT_EQ(*f[0].value, 1.0);
}

TEST(Health, FailingGateIsAmberPassingGateSilent) {
  auto r = run(test_plans::load_plan(kHealth));
  auto g = rule(find(r.milestones, "M2"), "gate");
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].rag, Rag::kAmber);
  EXPECT_EQ(g[0].text, "gate coverage 70 < 80");
  EXPECT_TRUE(rule(find(r.milestones, "M1"), "gate").empty());  // open_bugs 0 <= 0 passes
}

TEST(Health, DependencyMissingNeedByIsRedAndIntoMilestoneScope) {
  auto r = run(test_plans::load_plan(kHealth));
  const auto& d = find(r.dependencies, "B1->A2");
  EXPECT_EQ(d.rag, Rag::kRed);
  ASSERT_EQ(d.reasons.size(), 1u);
  EXPECT_EQ(d.reasons[0].text,
            "B1 (B) -> A2 (A): provider P85 2026-03-20, need-by 2026-03-18, 0 % met");
  EXPECT_EQ(find(r.dependencies, "D2->B2").rag, Rag::kGreen);
  EXPECT_EQ(*find(r.dependencies, "D2->B2").reasons[0].value, 1.0);
  EXPECT_EQ(find(r.dependencies, "D1->B1").rag, Rag::kGreen);
  EXPECT_FALSE(find(r.dependencies, "D3->C1").reasons[0].rag);  // no need-by: a note
  EXPECT_EQ(rule(find(r.milestones, "M2"), "dependency").size(), 1u);
  EXPECT_TRUE(rule(find(r.milestones, "M1"), "dependency").empty());
  auto b = rule(find(r.teams, "B"), "dependency");  // the provider team
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].rag, Rag::kAmber);
  EXPECT_TRUE(rule(find(r.teams, "D"), "dependency").empty());
}

TEST(Health, SlipAgainstThePlansBaselineDates) {
  auto r = run(test_plans::load_plan(kHealth));
  expect_reason(find(r.milestones, "M3"), "baseline_slip", 7.0, Rag::kAmber);
  EXPECT_TRUE(rule(find(r.milestones, "M1"), "baseline_slip").empty());  // D2 has no baseline
  // A plan file has no history: the program says so.
  auto h = rule(r.program, "history");
  ASSERT_EQ(h.size(), 1u);
  EXPECT_TRUE(has(h[0].text, "no stored baseline or forecast snapshot")) << h[0].text;
}

TEST(Health, SlipAgainstStoredBaselineAndSnapshot) {
  analysis::HealthInput in;
  in.history.stored = true;
  in.history.baseline = "plan-of-record";
  in.history.baseline_dates = {{"M2", *Date::parse("2026-03-02")}};
  in.history.snapshot_day = Date::parse("2026-03-09");
  in.history.snapshot_p85 = {{"M1", *Date::parse("2026-03-10")},
                             {"M2", *Date::parse("2026-03-18")}};
  auto r = run(test_plans::load_plan(kHealth), options(), in);
  // [03-02, 03-18): 12 working days.
  expect_reason(find(r.milestones, "M2"), "baseline_slip", 12.0, Rag::kRed);
  expect_reason(find(r.milestones, "M1"), "snapshot_slip", 5.0, Rag::kAmber);  // [03-10, 03-17)
  expect_reason(find(r.milestones, "M2"), "snapshot_slip", 0.0, Rag::kGreen);
  EXPECT_TRUE(rule(r.program, "history").empty());
}

TEST(Health, OpenHighRiskOnMilestoneAndProgram) {
  auto r = run(test_plans::load_plan(kHealth));
  const auto& m3 = find(r.milestones, "M3");
  expect_reason(m3, "risk", 15.0, Rag::kAmber);
  EXPECT_EQ(rule(m3, "forecast")[0].rag, Rag::kGreen);
  EXPECT_EQ(m3.rag, Rag::kAmber);
  EXPECT_TRUE(rule(find(r.milestones, "M1"), "risk").empty());  // R2 low, R3 closed
  expect_reason(r.program, "risk", 1.0, Rag::kAmber);
}

TEST(Health, TeamBlockedStaleAndOverloaded) {
  auto r = run(test_plans::load_plan(kHealth));
  const auto& a = find(r.teams, "A");
  auto b = rule(a, "blocked");
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(*b[0].value, 1.0);
  EXPECT_EQ(b[0].rag, Rag::kAmber);
  EXPECT_TRUE(has(b[0].text, "A2 (waits for B1)")) << b[0].text;
  auto s = rule(a, "stale");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(*s[0].value, 2.0);
  EXPECT_EQ(s[0].rag, Rag::kAmber);
  EXPECT_TRUE(has(s[0].text, "A1 ('In Progress' for 21 days)")) << s[0].text;
  auto o = rule(a, "overload");
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(*o[0].value, 1.0);
  EXPECT_TRUE(has(o[0].text, "a1 2026-03-16 +40 h")) << o[0].text;
  EXPECT_EQ(a.rag, Rag::kAmber);
  const auto& d = find(r.teams, "D");
  EXPECT_TRUE(rule(d, "blocked").empty());
  EXPECT_TRUE(rule(d, "stale").empty());
  EXPECT_TRUE(rule(d, "overload").empty());  // D3's baseline week is before the as-of week
  EXPECT_EQ(d.rag, Rag::kGreen);
}

TEST(Health, WorkNoOneHasCapacityForIsRed) {
  auto r = run(test_plans::load_plan(kHealth));
  expect_reason(find(r.teams, "C"), "no_capacity", 1.0, Rag::kRed);
  EXPECT_TRUE(rule(find(r.teams, "A"), "no_capacity").empty());
}

TEST(Health, SpiJudgedAgainstABaselineCpiOnlyOnMeasuredCost) {
  Program p = test_plans::load_plan(kHealth);
  // The reference: earned value as `cairn evm` computes it, planned value from the schedule's
  // spans given as if they were a baseline.
  Diagnostics scratch;
  schedule::ScheduleOptions so;
  so.as_of = p.as_of;
  auto sched = schedule::schedule_program(p, so, scratch);
  ASSERT_TRUE(sched);
  analysis::HealthInput in;
  in.evm = {analysis::planned_from_schedule(p, *sched), "baseline"};
  auto evm = analysis::analyze_evm(p, in.evm, {}, scratch, p.as_of);
  const analysis::EvmFigures* d = nullptr;
  for (const auto& t : evm.teams)
    if (t.key == "D") d = &t;
  ASSERT_TRUE(d && d->spi && d->cpi);
  auto o = options();
  o.thresholds.spi_amber = *d->spi + 0.01;  // fires
  auto spi = rule(find(run(p, o, in).teams, "D"), "spi");
  ASSERT_EQ(spi.size(), 1u);
  EXPECT_DOUBLE_EQ(*spi[0].value, *d->spi);
  EXPECT_EQ(spi[0].rag, Rag::kAmber);
  o.thresholds.spi_amber = *d->spi - 0.01;  // does not
  auto r = run(p, o, in);
  spi = rule(find(r.teams, "D"), "spi");
  ASSERT_EQ(spi.size(), 1u);
  EXPECT_EQ(spi[0].rag, Rag::kGreen);
  // A team's actual cost is a run rate: CPI is shown, not judged.
  auto cpi = rule(find(r.teams, "D"), "cpi");
  ASSERT_EQ(cpi.size(), 1u);
  EXPECT_FALSE(cpi[0].rag);
  EXPECT_TRUE(has(cpi[0].text, "not judged")) << cpi[0].text;
  // Against today's schedule (no baseline) SPI is a note too.
  o.thresholds.spi_amber = 2;
  spi = rule(find(run(p, o).teams, "D"), "spi");
  ASSERT_EQ(spi.size(), 1u);
  EXPECT_FALSE(spi[0].rag);
}

TEST(Health, TypedStatusBesideDerivedAndDisagreementsAreFindings) {
  Diagnostics diags;
  auto r = run(test_plans::load_plan(kHealth), options(), {}, &diags);
  EXPECT_EQ(r.program.rag, Rag::kRed);
  ASSERT_TRUE(r.program.typed);
  EXPECT_EQ(*r.program.typed, Rag::kGreen);
  EXPECT_EQ(r.program.typed_source, "status update 2026-03-13 (a1)");
  const auto& d = find(r.teams, "D");
  ASSERT_TRUE(d.typed);
  EXPECT_EQ(*d.typed, Rag::kGreen);  // the red update of 03-20 is after the as-of day
  EXPECT_FALSE(d.disagrees());
  EXPECT_TRUE(find(r.teams, "A").disagrees());
  size_t warnings = 0, infos = 0;
  for (const auto& x : diags.items())
    if (x.id == codes::kHealthStatusDisagrees) {
      (x.severity == Severity::kWarning ? warnings : infos)++;
      EXPECT_FALSE(has(x.message, "Team D")) << x.message;
    }
  EXPECT_EQ(warnings, 2u);  // the program (green typed, red derived), B1->A2 (committed, red)
  EXPECT_EQ(infos, 1u);     // team A (red typed, amber derived)
}

TEST(Health, FindingsPointIntoThePlanFile) {
  Diagnostics read;
  auto plan = plan::read_plan({kHealth}, read);
  ASSERT_TRUE(plan);
  Diagnostics diags;
  auto r = analysis::analyze_health(plan->program, options(), {}, diags, &plan->sources);
  ASSERT_TRUE(r);
  bool m2 = false;
  for (const auto& x : diags.items())
    if (x.id == codes::kHealthRed && has(x.message, "Milestone M2")) {
      m2 = true;
      EXPECT_TRUE(has(x.where.file, "health.yaml")) << x.where.file;
      EXPECT_GT(x.where.line, 0);
    }
  EXPECT_TRUE(m2);
  // A disagreement points where the typed status is written: the program's status update.
  bool typed = false;
  for (const auto& x : diags.items())
    if (x.id == codes::kHealthStatusDisagrees && has(x.message, "Program H")) {
      typed = true;
      EXPECT_EQ(x.where.line, plan->sources.at(EntityKind::kStatusUpdate, 0, "rag").line);
      EXPECT_GT(x.where.line, plan->sources.at(EntityKind::kProgram, 0).line);
    }
  EXPECT_TRUE(typed);
}

TEST(Health, ThresholdsMoveTheColoursAndUnknownNamesAreRefused) {
  auto o = options();
  ASSERT_TRUE(analysis::set_threshold(o.thresholds, "on_time_red", 0));
  ASSERT_TRUE(analysis::set_threshold(o.thresholds, "on_time_amber", 0));
  ASSERT_TRUE(analysis::set_threshold(o.thresholds, "blocked_amber", 2));
  auto r = run(test_plans::load_plan(kHealth), o);
  EXPECT_EQ(rule(find(r.milestones, "M2"), "forecast")[0].rag, Rag::kGreen);
  EXPECT_EQ(rule(find(r.teams, "A"), "blocked")[0].rag, Rag::kGreen);
  auto bad = analysis::set_threshold(o.thresholds, "on_time", 0.5);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, codes::kInvalidOption);
  EXPECT_TRUE(has(bad.error().hint, "on_time_red")) << bad.error().hint;
}

// The program's own thresholds (program.health_thresholds in the plan) move the colours as the
// command line's do; an unknown name is refused at its line in the plan.
TEST(Health, ProgramThresholdsFromThePlan) {
  auto text = test_plans::read_text(kHealth);
  auto at = text.find("program:");
  ASSERT_NE(at, std::string::npos);
  auto line_end = text.find('\n', at);
  auto with = [&](const std::string& thresholds) {
    std::string t = text;
    t.insert(line_end + 1, "  health_thresholds: {" + thresholds + "}\n");
    return t;
  };
  Diagnostics d;
  auto plan = plan::read_plan_text(with("on_time_red: 0, on_time_amber: 0"), "h.yaml", d);
  ASSERT_TRUE(plan) << (d.empty() ? "" : format_diagnostic(d.items()[0]));
  EXPECT_EQ(plan->program.health_thresholds.size(), 2u);
  auto o = options();
  ASSERT_TRUE(analysis::apply_program_thresholds(plan->program, o.thresholds, &plan->sources));
  EXPECT_EQ(rule(find(run(plan->program, o).milestones, "M2"), "forecast")[0].rag, Rag::kGreen);
  EXPECT_EQ(rule(find(run(plan->program).milestones, "M2"), "forecast")[0].rag, Rag::kRed);

  Diagnostics d2;
  auto bad = plan::read_plan_text(with("on_time: 0.5"), "h.yaml", d2);
  ASSERT_TRUE(bad);
  auto r = analysis::apply_program_thresholds(bad->program, o.thresholds, &bad->sources);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, codes::kInvalidOption);
  EXPECT_EQ(r.error().where.file, "h.yaml");
  const int inserted_line = static_cast<int>(std::count(text.begin(), text.begin() + at, '\n')) + 2;
  EXPECT_EQ(r.error().where.line, inserted_line);
  EXPECT_TRUE(has(r.error().hint, "on_time_red")) << r.error().hint;
}

TEST(Health, AtlasM2IsRedWithItsOpenBugsGate) {
  Program p = test_plans::load_plan(CAIRN_SOURCE_DIR "/examples/atlas/plan.yaml");
  analysis::HealthOptions o;
  o.forecast.trials = 300;
  o.forecast.ablation_trials = 0;
  o.forecast.effect_drivers = 0;
  auto r = run(p, o);
  const auto& m2 = find(r.milestones, "M2");
  EXPECT_EQ(m2.rag, Rag::kRed);
  EXPECT_TRUE(has(m2.summary(), "gate open_bugs 14 > 5")) << m2.summary();
}

}  // namespace
}  // namespace cairn
