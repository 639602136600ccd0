// The critique (analysis/critique.h) on the scenarios of testdata/analysis/critique/ (and the load
// and sprints scenarios): each rule fires where the scenario's comments say, and nowhere else;
// findings are grouped and ranked; the measured fixes are the hand-computed ones.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "test_plans.h"

#include "analysis/critique.h"
#include "plan/plan.h"

namespace cairn {
namespace {

const std::string kDir = CAIRN_SOURCE_DIR "/testdata/analysis/";
const std::string kBase = kDir + "critique/base.yaml";
const std::string kRules = kDir + "critique/rules.yaml";

size_t count(const Diagnostics& d, const std::string& id, const std::string& text = {}) {
  return std::count_if(d.items().begin(), d.items().end(), [&](const Diagnostic& x) {
    return x.id == id && x.message.find(text) != std::string::npos;
  });
}

analysis::CritiqueOptions quick(int fixes = 0) {
  analysis::CritiqueOptions o;
  o.forecast.trials = 400;
  o.forecast.threads = 1;
  o.fixes = fixes;
  return o;
}

struct Critiqued {
  analysis::CritiqueReport report;
  Diagnostics findings;
};

Critiqued run(const std::string& path, const analysis::CritiqueOptions& o) {
  Diagnostics read;
  auto plan = plan::read_plan({path}, read);
  EXPECT_TRUE(plan) << (plan ? "" : plan.error().to_string());
  Critiqued r;
  if (!plan) return r;
  auto c = analysis::critique(plan->program, o, r.findings, &plan->sources);
  EXPECT_TRUE(c) << (c ? "" : c.error().to_string());
  if (c) r.report = *c;
  return r;
}

TEST(Critique, RulesAndMeasuredFixesOnTheScenario) {
  Program p = test_plans::load_plan(kBase);
  analysis::CritiqueOptions o = quick(3);
  Diagnostics d;
  auto r = analysis::critique(p, o, d);
  ASSERT_TRUE(r) << r.error().to_string();
  EXPECT_EQ(count(d, "critique-milestone-at-risk", "milestone M1"), 1u);
  EXPECT_EQ(count(d, "critique-milestone-at-risk", "P85 2026-03-13 is 2 working days after"), 1u);
  EXPECT_EQ(count(d, "critique-milestone-at-risk", "milestone M2"), 0u);
  EXPECT_EQ(count(d, "critique-risk-incomplete", "R2"), 1u);
  EXPECT_EQ(count(d, "critique-risk-incomplete", "R1"), 0u);
  EXPECT_EQ(count(d, "critique-milestone-no-gate", "M1"), 1u);
  EXPECT_EQ(count(d, "critique-milestone-no-gate", "M2"), 0u);
  EXPECT_EQ(d.size(), 3u);
  // Candidates (the scenario's comments): for P1 and P2, move to pb, raise the priority (no
  // help: pa does both either way) and split with pb; add a person to plat; descope P2.
  EXPECT_EQ(r->candidates, 8u);
  ASSERT_EQ(r->fixes.size(), 3u);
  for (const auto& f : r->fixes) {
    EXPECT_EQ(f.milestone, "M1");
    EXPECT_EQ(f.p85_after, *Date::parse("2026-03-06")) << f.text;
    EXPECT_EQ(f.p85_days, -5) << f.text;
    EXPECT_DOUBLE_EQ(f.on_time_before.value_or(-1), 0.0);
    EXPECT_DOUBLE_EQ(f.on_time_after.value_or(-1), 1.0);
    EXPECT_NE(f.edit.kind, analysis::EditKind::kPriority) << f.text;
  }
  // All the fixes that help: the splits come last (pa does 5 + 2.5 days: P85 03-11, -2 working
  // days); adding a person to plat does not help (P1 and P2 are pa's), nor does a priority.
  o.fixes = 20;
  Diagnostics d2;
  auto all = analysis::critique(p, o, d2);
  ASSERT_TRUE(all);
  std::string texts;
  for (const auto& f : all->fixes)
    texts += f.text + "\n";
  ASSERT_EQ(all->fixes.size(), 5u) << texts;
  for (size_t i = 3; i < 5; ++i) {
    EXPECT_EQ(all->fixes[i].edit.kind, analysis::EditKind::kSplit) << all->fixes[i].text;
    EXPECT_EQ(all->fixes[i].p85_after, *Date::parse("2026-03-11")) << all->fixes[i].text;
    EXPECT_EQ(all->fixes[i].p85_days, -2);
    EXPECT_DOUBLE_EQ(all->fixes[i].on_time_after.value_or(-1), 1.0);
  }
  EXPECT_EQ(all->fixes[2].edit.text(), "--descope P2");
  // No fixes asked: none measured.
  o.fixes = 0;
  Diagnostics d3;
  auto none = analysis::critique(p, o, d3);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->fixes.empty());
  EXPECT_EQ(none->candidates, 0u);
}

TEST(Critique, PlanRulesFireAndDoNot) {
  Critiqued r = run(kRules, quick());
  const Diagnostics& d = r.findings;
  EXPECT_EQ(count(d, "critique-stale-in-progress",
                  "item P1 has been 'In Progress' since "
                  "2026-02-09 (21 days"),
            1u);
  EXPECT_EQ(count(d, "critique-stale-in-progress"), 1u);  // not P2 (7 days), not epic E1
  EXPECT_EQ(count(d, "critique-unowned-in-progress", "item R1 "), 1u);
  EXPECT_EQ(count(d, "critique-unowned-in-progress"), 1u);  // not E1 (an epic)
  EXPECT_EQ(count(d, "flow-wip-over-limit",
                  "plat 'In Progress' holds 2 items, over its WIP "
                  "limit of 1: P1, P2"),
            1u);
  EXPECT_EQ(count(d, "flow-wip-over-limit"), 1u);  // not In Review (1 of 3)
  EXPECT_EQ(count(d, "critique-bus-factor", "epic E1: all 3 open items are pa's"), 1u);
  EXPECT_EQ(count(d, "critique-bus-factor"), 1u);  // not E2 (pa and pb)
  EXPECT_EQ(count(d, "critique-dependency-on-removed", "A2 depends on X1, which is 'Won't Do'"),
            1u);
  EXPECT_EQ(count(d, "critique-dependency-on-done",
                  "A1 needs D1, which is done, but the "
                  "dependency is still 'committed'"),
            1u);
  EXPECT_EQ(count(d, "critique-dependency-on-done"), 1u);  // not D2 -> A3 (delivered)
  EXPECT_EQ(count(d, "dependency-need-by-at-risk", "A4 (app) needs P1 (plat) by 2026-03-03"), 1u);
  EXPECT_EQ(count(d, "dependency-need-by-at-risk"), 1u);  // not Q2 -> A5
  EXPECT_EQ(count(d, "critique-gate-failing", "milestone M1: gate test_coverage 70 < 80"), 1u);
  EXPECT_EQ(count(d, "critique-gate-failing"), 1u);  // not open_bugs, not M2's
  EXPECT_EQ(count(d, "critique-milestone-at-risk", "milestone M3 'Ingest'"), 1u);
  EXPECT_EQ(count(d, "critique-milestone-at-risk"), 1u);
  EXPECT_EQ(count(d, "critique-unestimated-critical", "item U1 is on milestone M3's critical"), 1u);
  EXPECT_EQ(count(d, "critique-unestimated-critical"), 1u);  // not V1
  EXPECT_EQ(count(d, "critique-milestone-no-gate", "M3"), 1u);
  EXPECT_EQ(count(d, "critique-milestone-no-gate"), 1u);
  EXPECT_EQ(count(d, "critique-person-overallocated"), 0u);
  EXPECT_EQ(count(d, "sprint-overcommitted"), 0u);
  EXPECT_EQ(count(d, "critique-risk-incomplete"), 0u);
  EXPECT_EQ(d.size(), 11u);
  // Each finding points into the plan file: P1's state line.
  for (const auto& x : d.items())
    if (x.id == "critique-stale-in-progress") {
      EXPECT_NE(x.where.file.find("rules.yaml"), std::string::npos);
      EXPECT_GT(x.where.line, 0);
    }
}

TEST(Critique, FindingsGroupedAndRanked) {
  analysis::CritiqueOptions o = quick();
  o.stale_days = 5;  // P1 (21 days) and P2 (7): one group for plat; R1 (5 days) not
  Critiqued r = run(kRules, o);
  const auto& g = r.report.findings;
  ASSERT_EQ(g.size(), 11u);  // 12 findings, the two stale ones in one group
  EXPECT_EQ(r.findings.size(), 12u);
  // Dates first (milestone at risk, its unestimated item, need-by, gate), then people and flow,
  // then hygiene.
  const char* order[] = {"critique-milestone-at-risk",
                         "critique-unestimated-critical",
                         "dependency-need-by-at-risk",
                         "critique-gate-failing",
                         "flow-wip-over-limit",
                         "critique-stale-in-progress",
                         "critique-dependency-on-removed",
                         "critique-unowned-in-progress",
                         "critique-bus-factor",
                         "critique-dependency-on-done",
                         "critique-milestone-no-gate"};
  for (size_t i = 0; i < g.size(); ++i) {
    EXPECT_EQ(g[i].id, order[i]) << i;
    EXPECT_EQ(g[i].rank, i + 1);
  }
  const auto& stale = g[5];
  EXPECT_EQ(stale.subject, "plat");
  ASSERT_EQ(stale.members.size(), 2u);
  EXPECT_EQ(stale.members[0].key, "P1");  // most days first
  EXPECT_DOUBLE_EQ(stale.impact, 21 + 7);
  EXPECT_EQ(stale.summary, "plat: 2 items in progress with no state change: P1 21 d, P2 7 d");
  EXPECT_EQ(g[0].subject, "M3");
  EXPECT_EQ(g[0].tier, 1);
  EXPECT_EQ(g[10].tier, 3);
}

TEST(Critique, OverAllocationFromPeopleLoad) {
  // testdata/analysis/load/load.yaml: a has 60 h of 40 in the week of 03-02 as written (X2 40 h,
  // X1 20 h); b's 16 h of 20 are not over.
  Critiqued r = run(kDir + "load/load.yaml", quick());
  EXPECT_EQ(count(r.findings, "critique-person-overallocated",
                  "a is booked 60 h in the week of 2026-03-02 against 40 h (+20 h, as written): "
                  "X2 40 h, X1 20 h"),
            1u);
  EXPECT_EQ(count(r.findings, "critique-person-overallocated"), 1u);
  analysis::CritiqueOptions o = quick();
  o.load.tolerance = 0.5;  // 60 <= 40 x 1.5
  EXPECT_EQ(count(run(kDir + "load/load.yaml", o).findings, "critique-person-overallocated"), 0u);
}

TEST(Critique, SprintCommittedBeyondVelocity) {
  // testdata/analysis/sprints/three_sprints.yaml: S3 (active) commits 10 > the best closed
  // velocity 8; S2 also committed beyond velocity, but it is closed: history, not a finding.
  Critiqued r = run(kDir + "sprints/three_sprints.yaml", quick());
  EXPECT_EQ(count(r.findings, "sprint-overcommitted",
                  "active sprint S3 commits 10, more than the team's best velocity of 8"),
            1u);
  EXPECT_EQ(count(r.findings, "sprint-overcommitted"), 1u);
}

// The two what-if edits the critique added (analysis/whatif.h), on base.yaml.
TEST(Critique, SplitAndPriorityEdits) {
  Program p = test_plans::load_plan(kBase);
  auto split = analysis::parse_edit(analysis::EditKind::kSplit, "P2:pb");
  auto prio = analysis::parse_edit(analysis::EditKind::kPriority, "P1:900");
  ASSERT_TRUE(split && prio);
  EXPECT_EQ(split->text(), "--split P2:pb");
  EXPECT_EQ(prio->text(), "--priority P1:900");
  analysis::Edit edits[] = {*split, *prio};
  auto e = analysis::apply_edits(p, edits);
  ASSERT_TRUE(e) << e.error().to_string();
  WorkItemId p2 = e->find_item("P2"), half = e->find_item("P2-split");
  ASSERT_TRUE(p2.valid() && half.valid());
  EXPECT_EQ(e->item(p2).estimate, (ThreePoint{2.5, 2.5, 2.5}));
  EXPECT_EQ(e->item(half).estimate, (ThreePoint{2.5, 2.5, 2.5}));
  EXPECT_EQ(e->person(e->item(half).assignee).key, "pb");
  EXPECT_EQ(e->item(e->find_item("P1")).priority, 900);
  // P2 -> A1 is copied (A1 waits for both halves); M1 lists the new half.
  size_t to_a1 = 0;
  for (const auto& dep : e->dependencies)
    to_a1 += e->item(dep.successor).key == "A1";
  EXPECT_EQ(to_a1, 2u);
  const auto& m1 = e->milestones[0].items;
  EXPECT_NE(std::find(m1.begin(), m1.end(), half), m1.end());
  // Bad values: a clear usage error naming the form.
  auto bad = analysis::parse_edit(analysis::EditKind::kPriority, "P1:1001");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("ITEM:PRIORITY (1..1000)"), std::string::npos);
  analysis::Edit unknown[] = {*analysis::parse_edit(analysis::EditKind::kSplit, "P2:nobody")};
  auto no = analysis::apply_edits(p, unknown);
  ASSERT_FALSE(no);
  EXPECT_NE(no.error().message.find("no such person"), std::string::npos);
}

}  // namespace
}  // namespace cairn
