// The critique (analysis/critique.h) on testdata/analysis/critique/base.yaml: each rule fires where
// the scenario's comments say, and nowhere else; M1's measured fixes are the hand-computed ones.
#include <algorithm>
#include <string>

#include <gtest/gtest.h>

#include "test_plans.h"

#include "analysis/critique.h"

namespace cairn {
namespace {

const std::string kBase = CAIRN_SOURCE_DIR "/testdata/analysis/critique/base.yaml";

size_t count(const Diagnostics& d, const std::string& id, const std::string& text) {
  return std::count_if(d.items().begin(), d.items().end(), [&](const Diagnostic& x) {
    return x.id == id && x.message.find(text) != std::string::npos;
  });
}

TEST(Critique, RulesAndMeasuredFixesOnTheScenario) {
  Program p = test_plans::load_plan(kBase);
  analysis::CritiqueOptions o;
  o.forecast.trials = 400;
  o.forecast.threads = 1;
  o.forecast.ablation_trials = 0;
  o.forecast.effect_drivers = 0;
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
  ASSERT_EQ(r->fixes.size(), 3u);
  for (const auto& f : r->fixes) {
    EXPECT_EQ(f.milestone, "M1");
    EXPECT_EQ(f.p85_after, *Date::parse("2026-03-06")) << f.text;
    EXPECT_EQ(f.p85_days, -5) << f.text;
    EXPECT_DOUBLE_EQ(f.on_time_before.value_or(-1), 0.0);
    EXPECT_DOUBLE_EQ(f.on_time_after.value_or(-1), 1.0);
  }
  EXPECT_EQ(r->fixes[2].edit.text(), "--descope P2");
  // No fixes asked: none measured.
  o.fixes = 0;
  Diagnostics d2;
  auto none = analysis::critique(p, o, d2);
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->fixes.empty());
  EXPECT_EQ(none->candidates, 0u);
}

}  // namespace
}  // namespace cairn
