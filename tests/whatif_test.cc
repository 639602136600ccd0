// What-if (analysis/whatif.h) on testdata/analysis/whatif/base.yaml: each edit kind's hand-computed
// effect, the what-if's "after" equal to the forecast of a hand-edited copy of the plan text (same
// seed), and a clear error for each kind of bad edit.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_plans.h"

#include "analysis/whatif.h"
#include "plan/plan.h"

namespace cairn {
namespace {

using analysis::Edit;
using analysis::EditKind;

const std::string kBase = CAIRN_SOURCE_DIR "/testdata/analysis/whatif/base.yaml";

Program plan_of(const std::string& text) {
  Diagnostics diags;
  auto p = plan::read_plan_text(text, "edited.yaml", diags);
  EXPECT_TRUE(p) << (p ? "" : p.error().to_string());
  return p ? p->program : Program{};
}

forecast::ForecastOptions options() {
  forecast::ForecastOptions o;
  o.trials = 400;
  o.seed = 7;
  o.threads = 1;
  o.ablation_trials = 0;
  o.effect_drivers = 0;
  return o;
}

Edit edit(EditKind k, const std::string& arg) {
  auto e = analysis::parse_edit(k, arg);
  EXPECT_TRUE(e) << arg << ": " << (e ? "" : e.error().to_string());
  return e ? *e : Edit{};
}

analysis::WhatIfReport run(const std::vector<Edit>& edits) {
  Program p = test_plans::load_plan(kBase);
  Diagnostics diags;
  auto r = analysis::whatif(p, edits, options(), diags);
  EXPECT_TRUE(r) << (r ? "" : r.error().to_string());
  return r ? *r : analysis::WhatIfReport{};
}

Date d(const char* s) {
  return *Date::parse(s);
}

// The base plan's text with `from` replaced by `to` (each must occur).
std::string edited(const std::string& from, const std::string& to) {
  std::string t = test_plans::read_text(kBase);
  auto at = t.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) t.replace(at, from.size(), to);
  return t;
}

TEST(Whatif, NoEditsChangesNothing) {
  auto r = run({});
  ASSERT_EQ(r.milestones.size(), 2u);
  EXPECT_EQ(r.milestones[0].before.p85, d("2026-03-13"));
  EXPECT_EQ(r.milestones[0].before.on_time, 0.0);
  EXPECT_EQ(r.milestones[1].before.p85, d("2026-03-11"));
  // R1 fires in about 10 % of trials and then makes M2 late.
  EXPECT_NEAR(*r.milestones[1].before.on_time, 0.9, 0.04);
  EXPECT_EQ(r.milestones[1].before.scheduled, d("2026-03-11"));
  for (const auto& m : r.milestones) {
    EXPECT_EQ(m.before.p85, m.after.p85);
    EXPECT_EQ(m.p85_days, 0);
  }
}

TEST(Whatif, MoveItem) {
  auto r = run({edit(EditKind::kMoveItem, "P2:pb")});
  EXPECT_EQ(r.milestones[0].after.p85, d("2026-03-06"));
  EXPECT_EQ(r.milestones[0].after.on_time, 1.0);
  EXPECT_EQ(r.milestones[0].p85_days, -5);
  EXPECT_EQ(r.milestones[1].after.p85, d("2026-03-11"));
  EXPECT_EQ(r.milestones[1].after.scheduled, d("2026-03-11"));
  EXPECT_EQ(r.program.p85_days, -2);  // the program now ends with M2
}

TEST(Whatif, Descope) {
  auto r = run({edit(EditKind::kDescope, "P2")});
  EXPECT_EQ(r.milestones[0].after.p85, d("2026-03-06"));
  EXPECT_EQ(r.milestones[1].after.p85, d("2026-03-04"));
}

TEST(Whatif, Estimate) {
  auto r = run({edit(EditKind::kEstimate, "P2:2,2,2")});
  EXPECT_EQ(r.milestones[0].after.p85, d("2026-03-10"));
  EXPECT_EQ(r.milestones[0].after.on_time, 1.0);
  EXPECT_EQ(r.milestones[1].after.p85, d("2026-03-06"));
}

TEST(Whatif, RiskOccursAndAvoided) {
  auto r = run({edit(EditKind::kRiskOccurs, "R1")});
  EXPECT_EQ(r.milestones[1].after.p85, d("2026-03-17"));
  EXPECT_EQ(r.milestones[1].after.on_time, 0.0);
  EXPECT_EQ(r.milestones[1].p85_days, 4);
  auto a = run({edit(EditKind::kRiskAvoided, "R1")});
  EXPECT_EQ(a.milestones[1].after.p85, d("2026-03-11"));
  EXPECT_EQ(a.milestones[1].after.on_time, 1.0);
}

TEST(Whatif, Deadline) {
  auto r = run({edit(EditKind::kDeadline, "M1:2026-03-13")});
  EXPECT_EQ(r.milestones[0].after.deadline, d("2026-03-13"));
  EXPECT_EQ(r.milestones[0].after.on_time, 1.0);
  EXPECT_EQ(r.milestones[0].after.p85, r.milestones[0].before.p85);
}

TEST(Whatif, RemoveAndAddPerson) {
  auto r = run({edit(EditKind::kRemovePerson, "pa"), edit(EditKind::kAddPerson, "plat")});
  EXPECT_EQ(r.milestones[0].after.p85, d("2026-03-06"));
  EXPECT_EQ(r.milestones[1].after.p85, d("2026-03-11"));
  EXPECT_EQ(r.program.after.p85, d("2026-03-11"));
  // Removing pa alone leaves both items to pb, one after the other.
  auto alone = run({edit(EditKind::kRemovePerson, "pa")});
  EXPECT_EQ(alone.milestones[0].after.p85, d("2026-03-13"));
}

TEST(Whatif, AddPersonFromDate) {
  // The newcomer joins Monday 03-09 (day 6): after pa's removal one of P1 and P2 can only start
  // on day 6, whoever does it: M1 03-13.
  auto r =
      run({edit(EditKind::kRemovePerson, "pa"), edit(EditKind::kAddPerson, "plat:1:2026-03-09")});
  EXPECT_EQ(r.milestones[0].after.p85, d("2026-03-13"));
}

// The what-if's "after" is the forecast of the plan edited by hand, on the same seed.
void expect_same(const analysis::WhatIfReport& r, const std::string& text) {
  Diagnostics diags;
  auto f = forecast::forecast_program(plan_of(text), options(), diags);
  ASSERT_TRUE(f);
  ASSERT_EQ(f->milestones.size(), r.milestones.size());
  for (size_t m = 0; m < r.milestones.size(); ++m) {
    EXPECT_EQ(r.milestones[m].after.p50, f->milestones[m].p50) << m;
    EXPECT_EQ(r.milestones[m].after.p85, f->milestones[m].p85) << m;
    EXPECT_EQ(r.milestones[m].after.on_time, f->milestones[m].on_time_probability) << m;
    EXPECT_EQ(r.milestones[m].after.scheduled, f->milestones[m].scheduled) << m;
  }
  EXPECT_EQ(r.program.after.p85, f->program.p85);
}

TEST(Whatif, EqualsForecastOfEditedPlan) {
  expect_same(run({edit(EditKind::kMoveItem, "P2:pb")}),
              edited("{key: P2, team: plat, assignee: pa", "{key: P2, team: plat, assignee: pb"));
  expect_same(run({edit(EditKind::kEstimate, "P2:1,2,6")}),
              edited("assignee: pa, estimate: [5, 5, 5]}\n  - {key: A1",
                     "assignee: pa, estimate: [1, 2, 6]}\n  - {key: A1"));
  expect_same(run({edit(EditKind::kRiskOccurs, "R1")}),
              edited("probability: 0.1", "probability: 1"));
  expect_same(run({edit(EditKind::kRiskAvoided, "R1")}),
              edited("impact: [4, 4, 4],", "status: closed, impact: [4, 4, 4],"));
  expect_same(run({edit(EditKind::kDeadline, "M1:2026-03-12")}),
              edited("deadline: 2026-03-11", "deadline: 2026-03-12"));
  expect_same(run({edit(EditKind::kAddPerson, "plat:0.5:2026-03-04")}),
              edited("  - {key: aa, team: app}",
                     "  - {key: aa, team: app}\n  - {key: plat-new-1, team: plat, allocation: 50,\n"
                     "     leave: [{from: 2026-03-02, to: 2026-03-03}]}"));
  expect_same(run({edit(EditKind::kDescope, "P2")}), edited("estimate: [5, 5, 5]}\n  - {key: A1",
                                                            "estimate: [5, 5, 5], state: Done}\n"
                                                            "  - {key: A1"));
}

TEST(Whatif, BadEditsNameTheEditAndTheFix) {
  Program p = test_plans::load_plan(kBase);
  auto err = [&](EditKind k, const std::string& arg) {
    auto e = analysis::parse_edit(k, arg);
    if (!e) return e.error().message + " | " + e.error().hint;
    std::vector<Edit> edits{*e};
    auto r = analysis::apply_edits(p, edits);
    return r ? std::string("accepted") : r.error().message + " | " + r.error().hint;
  };
  EXPECT_EQ(err(EditKind::kMoveItem, "P2:pbb"),
            "--move-item P2:pbb: no such person | did you mean person 'pb'?");
  EXPECT_EQ(err(EditKind::kMoveItem, "P2"),
            "--move-item P2: not of the form ITEM:PERSON | write --move-item ITEM:PERSON");
  EXPECT_NE(err(EditKind::kEstimate, "P2:5,2,1").find("OPTIMISTIC,LIKELY,PESSIMISTIC"),
            std::string::npos);
  EXPECT_EQ(err(EditKind::kAddPerson, "plat:1.5"),
            "--add-person plat:1.5: FTE 1.5 is not in (0, 1] | give a share of a full day");
  EXPECT_NE(err(EditKind::kAddPerson, "plat:x").find("TEAM[:FTE"), std::string::npos);
  // Estimates beyond what `cairn check` accepts (36,500 working days) had run for a minute, and
  // 1e300 overflowed into an earlier date (found by fuzzing).
  EXPECT_NE(err(EditKind::kEstimate, "P2:1e9,1e9,1e9").find("<= 36500"), std::string::npos);
  EXPECT_EQ(err(EditKind::kEstimate, "P2:36500,36500,36500"), "accepted");
  // Removing a team's last person: its open work has nobody (it used to wait for the person's
  // "return" in 2200).
  EXPECT_EQ(err(EditKind::kRemovePerson, "aa"),
            "--remove-person aa: team app has nobody left, and its open item A1 no one else to do "
            "it | add someone in the same what-if (--add-person app), or give the item to someone "
            "(--move-item A1:PERSON)");
  EXPECT_EQ(err(EditKind::kDescope, "M9").substr(0, 30), "--descope M9: no such item | n");
  EXPECT_NE(err(EditKind::kDescope, "M9").find("name an item"), std::string::npos);
  EXPECT_EQ(err(EditKind::kAddPerson, "platt"),
            "--add-person platt:1: no such team | did you mean team 'plat'?");
  EXPECT_NE(err(EditKind::kDeadline, "M1:2026-02-30").find("MILESTONE:YYYY-MM-DD"),
            std::string::npos);
  EXPECT_NE(err(EditKind::kRiskOccurs, "R2").find("no such risk"), std::string::npos);
  EXPECT_EQ(err(EditKind::kDescope, "P1"), "accepted");
}

}  // namespace
}  // namespace cairn
