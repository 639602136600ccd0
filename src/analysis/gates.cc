#include "analysis/gates.h"

#include <fmt/format.h>

namespace cairn::analysis {
namespace {

// The comparison that holds when `op` does not ("<=" fails as ">").
const char* negation(Comparison c) {
  switch (c) {
    case Comparison::kLess:
      return ">=";
    case Comparison::kLessEqual:
      return ">";
    case Comparison::kEqual:
      return "!=";
    case Comparison::kGreaterEqual:
      return "<";
    case Comparison::kGreater:
      return "<=";
  }
  return "?";
}

size_t open_bugs(const Program& p, const std::vector<WorkItemId>& scope) {
  size_t n = 0;
  for (WorkItemId id : scope)
    if (p.item(id).kind == WorkItemKind::kBug && p.category(id) != StateCategory::kDone) ++n;
  return n;
}

GateResult evaluate(const Program& p, const Milestone& m, const QualityGate& g,
                    const std::vector<WorkItemId>& scope) {
  GateResult r;
  r.milestone = m.key;
  r.metric = g.metric;
  r.comparison = g.comparison;
  r.threshold = g.threshold;
  if (g.actual) {
    r.actual = g.actual;
    r.source = GateSource::kRecorded;
  } else if (g.metric == "open_bugs") {
    r.actual = static_cast<double>(open_bugs(p, scope));
    r.source = GateSource::kCounted;
  }
  if (!r.actual) {
    r.reason = fmt::format(
        "{} {} {:g}: no measured value; add `actual:` to the gate in the plan "
        "({{metric: {}, op: \"{}\", threshold: {:g}, actual: N}})",
        g.metric, to_string(g.comparison), g.threshold, g.metric, to_string(g.comparison),
        g.threshold);
    return r;
  }
  bool ok = g.holds(*r.actual);
  r.state = ok ? GateState::kPass : GateState::kFail;
  const char* op = ok ? to_string(g.comparison) : negation(g.comparison);
  r.reason = fmt::format("{} {:g} {} {:g}", g.metric, *r.actual, op, g.threshold);
  if (r.source == GateSource::kCounted)
    r.reason += fmt::format(" (open bugs counted in {}'s scope)", m.key);
  return r;
}

}  // namespace

std::vector<GateResult> evaluate_gates(const Program& p, MilestoneId id) {
  const Milestone& m = p.milestone(id);
  std::vector<WorkItemId> scope;
  for (const auto& g : m.gates)
    if (!g.actual && g.metric == "open_bugs") {
      scope = p.milestone_leaf_items()[id.index()];
      break;
    }
  std::vector<GateResult> out;
  for (const auto& g : m.gates)
    out.push_back(evaluate(p, m, g, scope));
  return out;
}

std::vector<GateResult> evaluate_gates(const Program& p) {
  std::vector<GateResult> out;
  std::vector<std::vector<WorkItemId>> scopes = p.milestone_leaf_items();
  for (size_t i = 0; i < p.milestones.size(); ++i)
    for (const auto& g : p.milestones[i].gates)
      out.push_back(evaluate(p, p.milestones[i], g, scopes[i]));
  return out;
}

const char* to_string(GateState s) {
  switch (s) {
    case GateState::kPass:
      return "pass";
    case GateState::kFail:
      return "fail";
    case GateState::kUnknown:
      return "unknown";
  }
  return "unknown";
}

const char* to_string(GateSource s) {
  switch (s) {
    case GateSource::kNone:
      return "none";
    case GateSource::kRecorded:
      return "recorded";
    case GateSource::kCounted:
      return "counted";
  }
  return "none";
}

GateCounts count_gates(const std::vector<GateResult>& gates) {
  GateCounts c;
  for (const auto& g : gates) {
    if (g.state == GateState::kPass) ++c.pass;
    if (g.state == GateState::kFail) ++c.fail;
    if (g.state == GateState::kUnknown) ++c.unknown;
  }
  return c;
}

}  // namespace cairn::analysis
