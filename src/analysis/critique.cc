#include "analysis/critique.h"

#include <algorithm>

#include <fmt/format.h>

#include "analysis/critique_fixes.h"
#include "analysis/critique_rules.h"
#include "base/codes.h"
#include "forecast/program_forecast.h"

namespace cairn::analysis {
namespace critique_detail {
namespace {

// The rules in rank order (docs/formulas.md, "Critique"): tier, what a group of several says,
// the unit of its impact.
struct Rule {
  const char* id;
  int tier;
  const char* noun;
  const char* unit;
};

constexpr Rule kRules[] = {
    {codes::kCritiqueMilestoneAtRisk, 1, "milestones at risk", "working days late"},
    {codes::kCritiqueUnestimatedCritical, 1, "unestimated items on the critical chain", "items"},
    {codes::kDependencyNeedByAtRisk, 1, "need-by dates of other teams after the P85",
     "working days late"},
    {codes::kCritiqueGateFailing, 1, "quality gates failing", "gates"},
    {codes::kCritiquePersonOverallocated, 2, "over-allocated weeks", "hours over"},
    {codes::kSprintOvercommitted, 2, "sprints committed beyond velocity", "over velocity"},
    {codes::kFlowWipOverLimit, 2, "states over their WIP limit", "items over"},
    {codes::kCritiqueStaleInProgress, 2, "items in progress with no state change", "days"},
    {codes::kCritiqueDependencyOnRemoved, 2, "dependencies on removed items", "dependencies"},
    {codes::kCritiqueUnownedInProgress, 3, "items in progress with no assignee", "items"},
    {codes::kCritiqueRiskIncomplete, 3, "open risks missing an owner, mitigation or review date",
     "probability"},
    {codes::kCritiqueBusFactor, 3, "epics all in one person's hands", "items"},
    {codes::kCritiqueDependencyOnDone, 3, "dependencies on done items not marked delivered",
     "dependencies"},
    {codes::kCritiqueMilestoneNoGate, 3, "milestones with work left and no quality gate",
     "milestones"},
};

size_t rule_of(const std::string& id) {
  for (size_t i = 0; i < std::size(kRules); ++i)
    if (id == kRules[i].id) return i;
  return std::size(kRules);
}

// "PAY: 9 items in progress with no state change: PAY-112 56 d, PAY-104 42 d, ... (+6 more)".
std::string summary(const CritiqueFinding& g, const Rule& r) {
  if (g.members.size() == 1) return g.members.front().diagnostic.message;
  constexpr size_t kShown = 4;
  std::string ev;
  for (size_t i = 0; i < g.members.size() && i < kShown; ++i)
    ev += fmt::format("{}{}", i ? ", " : "", g.members[i].evidence);
  if (g.members.size() > kShown) ev += fmt::format(" (+{} more)", g.members.size() - kShown);
  return fmt::format("{}: {} {}: {}", g.subject, g.members.size(), r.noun, ev);
}

}  // namespace

void Sink::add(Finding f) {
  Diagnostic d{f.severity, f.id, std::move(f.message), std::move(f.where), std::move(f.hint)};
  out_.add(d);
  auto& g = groups_[{f.id, f.subject}];
  if (g.members.empty()) {
    g.id = f.id;
    g.severity = f.severity;
    g.subject = f.subject;
    g.hint = d.hint;
  }
  g.impact += f.impact;
  g.members.push_back({std::move(f.key), std::move(f.evidence), f.impact, std::move(d)});
}

std::vector<CritiqueFinding> Sink::ranked() const {
  std::vector<CritiqueFinding> out;
  for (const auto& [k, g0] : groups_) {
    CritiqueFinding g = g0;
    std::stable_sort(g.members.begin(), g.members.end(),
                     [](const auto& a, const auto& b) { return a.impact > b.impact; });
    size_t r = rule_of(g.id);
    const Rule rule = r < std::size(kRules) ? kRules[r] : Rule{"", 3, "findings", "findings"};
    g.tier = rule.tier;
    g.unit = rule.unit;
    g.where = g.members.front().diagnostic.where;
    g.summary = summary(g, rule);
    out.push_back(std::move(g));
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    size_t ra = rule_of(a.id), rb = rule_of(b.id);
    if (a.tier != b.tier) return a.tier < b.tier;
    if (ra != rb) return ra < rb;
    if (a.impact != b.impact) return a.impact > b.impact;
    return a.subject < b.subject;
  });
  for (size_t i = 0; i < out.size(); ++i)
    out[i].rank = i + 1;
  return out;
}

namespace {

// The measured fixes of each milestone at risk, against the program as it is forecast with the
// screening's trials and with the full ones.
void fix_milestones(const Program& p, const forecast::ProgramForecast& f,
                    const forecast::ForecastOptions& full, const CritiqueOptions& o,
                    CritiqueReport& r, Diagnostics& scratch) {
  std::optional<forecast::ProgramForecast> screen;
  for (size_t i = 0; i < f.milestones.size(); ++i) {
    if (!at_risk(o, f.milestones[i])) continue;
    forecast::ForecastOptions so = full;
    so.trials = std::min(o.screen_trials, full.trials);
    if (!screen) {
      auto s = forecast::forecast_program(p, so, scratch);
      if (!s) return;
      screen = std::move(*s);
    }
    auto fx = measured_fixes(p, {*screen, f, so, full}, i, o, r.candidates, scratch);
    r.fixes.insert(r.fixes.end(), fx.begin(), fx.end());
  }
}

}  // namespace
}  // namespace critique_detail

Result<CritiqueReport> critique(const Program& program, const CritiqueOptions& options,
                                Diagnostics& findings, const SourceMap* sources) {
  using namespace critique_detail;
  Diagnostics scratch;  // the forecast's and schedule's own warnings are other commands' findings
  forecast::ForecastOptions full = options.forecast;
  full.ablation_trials = 0;  // the critique reads no drivers: only dates and odds
  full.effect_drivers = 0;
  auto f = forecast::forecast_program(program, full, scratch);
  if (!f) return std::unexpected(f.error());
  schedule::ScheduleOptions so;
  so.as_of = f->as_of;
  auto sched = schedule::schedule_program(program, so, scratch);
  CritiqueReport r;
  r.as_of = f->as_of;
  r.trials = f->trials;
  r.screen_trials = options.screen_trials;
  r.seed = f->seed;
  Sink sink(findings);
  Context c{program, options, sources, f->as_of, sink};
  milestone_rules(c, *f);
  need_by_rule(c, *f);
  if (sched) overallocation_rule(c, *sched);
  sprint_rule(c);
  wip_rule(c);
  item_rules(c);
  closed_dependency_rules(c);
  bus_factor_rule(c);
  risk_rules(c);
  r.findings = sink.ranked();
  if (options.fixes > 0) fix_milestones(program, *f, full, options, r, scratch);
  findings.sort();
  return r;
}

}  // namespace cairn::analysis
