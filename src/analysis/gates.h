// Quality gates (issue 13, docs/formulas.md "Quality gates"): each milestone's gates evaluated on
// the data. A gate's actual value is, in order:
//   * `recorded`: the gate's `actual` in the plan (the last measured value);
//   * `counted`: for the metric `open_bugs` with no recorded value, the bugs (kind bug) in the
//     milestone's scope (epics expanded to their leaves) whose state is not done;
//   * none: the gate is `unknown`, and its reason says what is missing and how to supply it.
// A gate with an actual value passes when `actual op threshold` holds (QualityGate::holds), else
// fails. Used by `cairn health` and `cairn critique`. Pure; thread-safe on distinct arguments.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/program.h"

namespace cairn::analysis {

enum class GateState { kPass, kFail, kUnknown };
enum class GateSource { kNone, kRecorded, kCounted };

struct GateResult {
  std::string milestone;  // the milestone's key
  std::string metric;
  Comparison comparison = Comparison::kLessEqual;
  double threshold = 0;
  std::optional<double> actual;
  GateSource source = GateSource::kNone;
  GateState state = GateState::kUnknown;
  // One line with numbers: "open_bugs 14 > 5 (fails: <= 5)", "test_coverage 82 >= 80",
  // "test_coverage: no measured value; add `actual:` to the gate in the plan".
  std::string reason;
};

// The gates of one milestone, in the order written.
std::vector<GateResult> evaluate_gates(const Program& p, MilestoneId m);
// Every milestone's gates, milestones in order.
std::vector<GateResult> evaluate_gates(const Program& p);

const char* to_string(GateState s);   // "pass", "fail", "unknown"
const char* to_string(GateSource s);  // "none", "recorded", "counted"

struct GateCounts {
  size_t pass = 0, fail = 0, unknown = 0;
};
GateCounts count_gates(const std::vector<GateResult>& gates);

}  // namespace cairn::analysis
