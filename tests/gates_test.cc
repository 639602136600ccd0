// Quality gates (analysis/gates.h) on testdata/analysis/gates/gates.yaml: each gate's actual value,
// source, state and reason as hand-computed in the scenario's comments; and Atlas's M2 gates.
#include <string>

#include <gtest/gtest.h>

#include "test_plans.h"

#include "analysis/gates.h"

namespace cairn {
namespace {

using analysis::GateSource;
using analysis::GateState;

const std::string kGates = CAIRN_SOURCE_DIR "/testdata/analysis/gates/gates.yaml";

TEST(Gates, CountedOpenBugsFailAboveThreshold) {
  auto g = analysis::evaluate_gates(test_plans::load_plan(kGates));
  ASSERT_EQ(g.size(), 6u);
  EXPECT_EQ(g[0].milestone, "M1");
  EXPECT_EQ(g[0].source, GateSource::kCounted);
  ASSERT_TRUE(g[0].actual);
  EXPECT_EQ(*g[0].actual, 2.0);  // B1, B2 open; B3 done; T1 is no bug
  EXPECT_EQ(g[0].state, GateState::kFail);
  EXPECT_NE(g[0].reason.find("open_bugs 2 > 1"), std::string::npos) << g[0].reason;
}

TEST(Gates, RecordedValuePassesOrFails) {
  auto g = analysis::evaluate_gates(test_plans::load_plan(kGates));
  ASSERT_EQ(g.size(), 6u);
  EXPECT_EQ(g[1].state, GateState::kPass);
  EXPECT_EQ(g[1].source, GateSource::kRecorded);
  EXPECT_EQ(g[1].reason, "test_coverage 82 >= 80");
  EXPECT_EQ(g[3].state, GateState::kFail);  // recorded 14 wins over the count (0)
  EXPECT_EQ(*g[3].actual, 14.0);
  EXPECT_EQ(g[3].reason, "open_bugs 14 > 5");
  EXPECT_EQ(g[4].state, GateState::kPass);
  EXPECT_EQ(g[4].reason, "sca_passed 1 == 1");
}

TEST(Gates, CountedZeroPasses) {
  auto g = analysis::evaluate_gates(test_plans::load_plan(kGates));
  ASSERT_EQ(g.size(), 6u);
  EXPECT_EQ(g[5].source, GateSource::kCounted);
  EXPECT_EQ(g[5].state, GateState::kPass);
  EXPECT_EQ(*g[5].actual, 0.0);
}

TEST(Gates, MissingValueIsUnknownAndSaysWhatToAdd) {
  auto g = analysis::evaluate_gates(test_plans::load_plan(kGates));
  ASSERT_EQ(g.size(), 6u);
  EXPECT_EQ(g[2].state, GateState::kUnknown);
  EXPECT_FALSE(g[2].actual);
  EXPECT_NE(g[2].reason.find("no measured value"), std::string::npos) << g[2].reason;
  EXPECT_NE(g[2].reason.find("actual:"), std::string::npos) << g[2].reason;
  auto c = analysis::count_gates(g);
  EXPECT_EQ(c.pass, 3u);
  EXPECT_EQ(c.fail, 2u);
  EXPECT_EQ(c.unknown, 1u);
}

TEST(Gates, PerMilestoneMatchesProgramWide) {
  Program p = test_plans::load_plan(kGates);
  auto all = analysis::evaluate_gates(p);
  auto m2 = analysis::evaluate_gates(p, MilestoneId{1});
  ASSERT_EQ(m2.size(), 3u);
  for (size_t i = 0; i < 3; ++i)
    EXPECT_EQ(m2[i].reason, all[3 + i].reason);
}

TEST(Gates, AtlasM2AllowsFiveOpenBugsAndHasFourteen) {
  Program p = test_plans::load_plan(CAIRN_SOURCE_DIR "/examples/atlas/plan.yaml");
  auto g = analysis::evaluate_gates(p);
  bool found = false;
  for (const auto& r : g)
    if (r.milestone == "M2" && r.metric == "open_bugs") {
      found = true;
      EXPECT_EQ(r.state, GateState::kFail);
      EXPECT_EQ(r.reason, "open_bugs 14 > 5");
    }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace cairn
