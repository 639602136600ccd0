#include "report/risks.h"

#include <ostream>

#include <fmt/format.h>

#include "report/check.h"

namespace cairn::report {
namespace {

Json exposure_json(const analysis::Exposure& e) {
  return {{"days", rounded(e.days, 2)}, {"money", rounded(e.money, 2)}};
}

Json risk_json(const analysis::RiskRow& row, const analysis::RiskReport& r) {
  Json effects = nullptr;
  if (!row.effect_days.empty()) {
    effects = Json::object();
    for (size_t m = 0; m < row.effect_days.size() && m < r.milestones.size(); ++m)
      effects[r.milestones[m]] = row.effect_days[m];
  }
  return {{"key", row.key},
          {"title", row.title},
          {"status", row.status},
          {"owner", row.owner.empty() ? Json(nullptr) : Json(row.owner)},
          {"probability", row.probability},
          {"impact_days", row.impact_days},
          {"cost_impact", row.cost_impact},
          {"exposure", exposure_json(row.exposure)},
          {"probability_band", row.probability_band},
          {"impact_band", row.impact_band},
          {"score", row.score},
          {"level", row.level},
          {"trigger_date", date_or_null(row.trigger_date)},
          {"review_overdue", row.review_overdue},
          {"unmitigated", row.unmitigated},
          {"effect_days", effects}};
}

}  // namespace

Json risks_json(const Header& h, const analysis::RiskReport& r, const Diagnostics& diags) {
  Json j = document("risks", h);
  j["currency"] = r.currency;
  j["cost_per_day"] = r.cost_per_day;
  j["cost_rate_source"] = r.cost_rate_source;
  j["seed"] = r.seed;
  j["effect_trials"] = r.effect_trials;
  j["total"] = exposure_json(r.total);
  Json matrix = Json::array();
  for (const auto& row : r.matrix)
    matrix.push_back(row);
  j["matrix"] = matrix;
  Json risks = Json::array();
  for (const auto& row : r.risks)
    risks.push_back(risk_json(row, r));
  j["risks"] = risks;
  j["has_history"] = r.has_history;
  Json trend = Json::array();
  for (const auto& p : r.trend)
    trend.push_back({{"revision", p.revision},
                     {"at", p.at},
                     {"open", p.open},
                     {"exposure", exposure_json(p.total)}});
  j["trend"] = trend;
  j["diagnostics"] = diagnostics_json(diags);
  return j;
}

void risks_table(const analysis::RiskReport& r, const Diagnostics& diags, std::ostream& out) {
  out << fmt::format(
      "Risk register as of {}: total exposure {:.1f} working days, {:.0f} {}\n"
      "  (money = probability x (cost impact + mean delay x {:.0f} {}/day, the {}))\n\n",
      r.as_of.to_string(), r.total.days, r.total.money, r.currency, r.cost_per_day, r.currency,
      r.cost_rate_source == "option" ? "--cost-per-day given" : "program's burn rate");
  out << fmt::format("  {:<5} {:<9} {:>5} {:>6} {:>7} {:>10} {:>5} {:<6} {:<10}  {}\n", "risk",
                     "status", "prob", "impact", "exp.d", "exp.money", "P×I", "level", "trigger",
                     "P85 effect (working days)");
  for (const auto& row : r.risks) {
    std::string eff;
    for (size_t m = 0; m < row.effect_days.size() && m < r.milestones.size(); ++m)
      if (row.effect_days[m] != 0)
        eff +=
            fmt::format("{}{} {:+d}", eff.empty() ? "" : ", ", r.milestones[m], row.effect_days[m]);
    out << fmt::format(
        "  {:<5} {:<9} {:>4.0f}% {:>6.1f} {:>7.1f} {:>10.0f} {:>5} {:<6} {:<10}  {}\n", row.key,
        row.status, 100 * row.probability, row.impact_days, row.exposure.days, row.exposure.money,
        fmt::format("{}x{}", row.probability_band, row.impact_band), row.level,
        row.trigger_date ? row.trigger_date->to_string() : "-", eff.empty() ? "-" : eff);
  }
  out << "\n5x5 matrix of open risks (rows: probability band 5..1, columns: impact band 1..5)\n";
  for (int p = 4; p >= 0; --p) {
    out << fmt::format("  P{} ", p + 1);
    for (int i = 0; i < 5; ++i)
      out << fmt::format(" {:>3}", r.matrix[p][i]);
    out << "\n";
  }
  out << "  bands: probability <0.1 <0.3 <0.5 <0.7 >=0.7; impact (mean days) <2 <5 <10 <20 >=20;"
         " score P x I: high >= 15, medium >= 5\n";
  if (!r.has_history) {
    out << "\nTrend: none (a plan file has no history; store it with cairn apply and use --db)\n";
  } else {
    out << "\nTrend of total exposure over the stored revisions\n";
    for (const auto& p : r.trend)
      out << fmt::format("  r{:<4} {}  open {:>3}  {:>7.1f} days  {:>10.0f} {}\n", p.revision, p.at,
                         p.open, p.total.days, p.total.money, r.currency);
  }
  if (!diags.empty()) {
    out << "\n";
    diagnostics_table(diags, out);
  }
}

void risks_csv(const analysis::RiskReport& r, std::ostream& out) {
  out << "revision,at,open,exposure_days,exposure_money\n";
  for (const auto& p : r.trend)
    out << fmt::format("{},{},{},{},{}\n", p.revision, p.at, p.open, p.total.days, p.total.money);
}

}  // namespace cairn::report
