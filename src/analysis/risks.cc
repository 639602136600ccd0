#include "analysis/risks.h"

#include <fmt/format.h>

#include "analysis/deps_effects.h"
#include "base/codes.h"
#include "forecast/program_network.h"

namespace cairn::analysis {
namespace {

// Only open risks carry exposure, as only open risks fire in the forecast.
bool counts(const Risk& r) {
  return r.status == RiskStatus::kOpen;
}

const char* level_of(int score) {
  return score >= 15 ? "high" : score >= 5 ? "medium" : "low";
}

RiskRow row_of(const Program& p, const Risk& r, double cost_per_day, Date as_of) {
  RiskRow row;
  row.key = r.key;
  row.title = r.title;
  row.status = to_string(r.status);
  row.owner = r.owner.valid() ? p.person(r.owner).key : "";
  row.probability = r.probability;
  row.impact_days = r.impact ? r.impact->pert_mean() : 0;
  row.cost_impact = r.cost_impact;
  row.exposure = risk_exposure(r, cost_per_day);
  row.probability_band = probability_band(r.probability);
  row.impact_band = impact_band(row.impact_days);
  row.score = row.probability_band * row.impact_band;
  row.level = level_of(row.score);
  row.trigger_date = r.trigger_date;
  bool open = r.status == RiskStatus::kOpen;
  row.review_overdue = open && r.trigger_date && *r.trigger_date < as_of;
  row.unmitigated = open && row.score >= 15 && (r.mitigation.empty() || !r.owner.valid());
  return row;
}

void findings(const RiskReport& r, const SourceMap* sources, Diagnostics& diags) {
  for (size_t i = 0; i < r.risks.size(); ++i) {
    const auto& row = r.risks[i];
    Location at = sources ? sources->at(EntityKind::kRisk, static_cast<uint32_t>(i)) : Location{};
    if (row.review_overdue)
      diags.warning(
          codes::kRiskReviewOverdue,
          fmt::format("risk {} '{}': still open {} days after its trigger date {} "
                      "(exposure {:.1f} days, {:.0f} {})",
                      row.key, row.title, r.as_of - *row.trigger_date,
                      row.trigger_date->to_string(), row.exposure.days, row.exposure.money,
                      r.currency),
          sources ? sources->at(EntityKind::kRisk, static_cast<uint32_t>(i), "trigger_date") : at,
          "review it: close it, mark it occurred, or set a new trigger_date");
    if (row.unmitigated)
      diags.warning(codes::kRiskUnmitigated,
                    fmt::format("risk {} '{}': high (probability band {} × impact band {} = {}) "
                                "with no {}",
                                row.key, row.title, row.probability_band, row.impact_band,
                                row.score, row.owner.empty() ? "owner" : "mitigation"),
                    at, "give it an owner and a mitigation plan");
  }
}

}  // namespace

double burn_rate(const Program& program) {
  double sum = 0;
  for (const auto& person : program.people)
    sum += person.cost_per_day * person.allocation / 100;
  return sum;
}

Exposure risk_exposure(const Risk& r, double cost_per_day) {
  if (!counts(r)) return {};
  double days = r.impact ? r.impact->pert_mean() : 0;
  return {r.probability * days, r.probability * (r.cost_impact + days * cost_per_day)};
}

int probability_band(double p) {
  return p < 0.1 ? 1 : p < 0.3 ? 2 : p < 0.5 ? 3 : p < 0.7 ? 4 : 5;
}

int impact_band(double days) {
  return days < 2 ? 1 : days < 5 ? 2 : days < 10 ? 3 : days < 20 ? 4 : 5;
}

Result<RiskReport> analyze_risks(const Program& program, const RisksOptions& options,
                                 Diagnostics& diags, const SourceMap* sources,
                                 std::optional<std::vector<ExposurePoint>> trend) {
  RiskReport r;
  r.currency = program.currency;
  r.cost_per_day = options.cost_per_day.value_or(burn_rate(program));
  r.cost_rate_source = options.cost_per_day ? "option" : "burn rate";
  r.as_of = options.forecast.as_of.value_or(program.as_of.value_or(program.start));
  r.has_history = trend.has_value();
  if (trend) r.trend = std::move(*trend);
  for (const auto& m : program.milestones)
    r.milestones.push_back(m.key);
  for (const auto& risk : program.risks) {
    r.risks.push_back(row_of(program, risk, r.cost_per_day, r.as_of));
    const auto& row = r.risks.back();
    r.total.days += row.exposure.days;
    r.total.money += row.exposure.money;
    if (risk.status == RiskStatus::kOpen) ++r.matrix[row.probability_band - 1][row.impact_band - 1];
  }
  findings(r, sources, diags);
  if (options.effect_trials <= 0 || program.risks.empty()) return r;

  // Each open risk's effect: a what-if on the forecast's network, the same random numbers.
  auto fo = options.forecast;
  Diagnostics quiet;
  auto net = forecast::build_program_network(program, fo, quiet);
  if (!net) return std::unexpected(net.error());
  r.effect_trials = options.effect_trials;
  r.seed = fo.seed;
  auto effects = risk_effects(net->net, fo.seed, options.effect_trials, fo.threads);
  for (size_t k = 0; k < effects.size() && k < net->risk_of.size(); ++k) {
    auto& row = r.risks[net->risk_of[k].index()];
    row.effect_days.assign(program.milestones.size(), 0);
    for (size_t m = 0; m < program.milestones.size(); ++m)
      row.effect_days[m] = effects[k][1 + m];
  }
  return r;
}

}  // namespace cairn::analysis
