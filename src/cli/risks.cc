// `cairn risks [FILE...] [--db D --program P] [--as-of DATE] [--cost-per-day X] [--seed S]
// [--effect-trials N] [--format table|json|csv]`: the risk register (analysis/risks.h), with the
// trend of total exposure over a stored program's revisions.
#include <iostream>
#include <map>

#include "analysis/risks.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "cli/program_source.h"
#include "report/check.h"
#include "report/risks.h"

namespace cairn::cli {
namespace {

// A stored risk's body (the canonical plan's risk object) as far as exposure needs it.
Risk risk_of_json(const nlohmann::ordered_json& j) {
  Risk r;
  if (auto p = j.find("probability"); p != j.end()) {
    if (p->is_number()) r.probability = p->get<double>();
    if (p->is_string()) r.probability = std::atof(p->get<std::string>().c_str()) / 100;
  }
  if (auto i = j.find("impact"); i != j.end()) {
    if (i->is_number()) r.impact = ThreePoint{i->get<double>(), i->get<double>(), i->get<double>()};
    if (i->is_array() && i->size() == 3)
      r.impact = ThreePoint{(*i)[0].get<double>(), (*i)[1].get<double>(), (*i)[2].get<double>()};
  }
  if (auto c = j.find("cost_impact"); c != j.end() && c->is_number())
    r.cost_impact = c->get<double>();
  std::string status = j.value("status", "open");
  r.status = status == "mitigated"  ? RiskStatus::kMitigated
             : status == "closed"   ? RiskStatus::kClosed
             : status == "occurred" ? RiskStatus::kOccurred
                                    : RiskStatus::kOpen;
  return r;
}

// Total exposure after each stored revision that changed a risk, replaying the risk changes.
std::optional<std::vector<analysis::ExposurePoint>> stored_trend(store::Store& s,
                                                                 const std::string& key,
                                                                 double cost_per_day,
                                                                 int& exit_code) {
  auto history = s.history(key, {.kind = "risk"});
  if (!history) {
    fail(history.error(), exit_code);
    return std::nullopt;
  }
  std::map<std::string, nlohmann::ordered_json> risks;
  std::vector<analysis::ExposurePoint> out;
  for (const auto& rev : *history) {
    for (const auto& c : rev.changes) {
      if (c.kind != "risk") continue;
      if (c.op == store::ChangeOp::kDelete) {
        risks.erase(c.key);
        continue;
      }
      for (const auto& f : c.fields) {
        if (f.field.empty())
          risks[c.key] = f.new_value;
        else if (f.new_value.is_null())
          risks[c.key].erase(f.field);
        else
          risks[c.key][f.field] = f.new_value;
      }
    }
    analysis::ExposurePoint p{rev.revision, rev.at, 0, {}};
    for (const auto& [k, body] : risks) {
      Risk r = risk_of_json(body);
      auto e = analysis::risk_exposure(r, cost_per_day);
      p.open += r.status == RiskStatus::kOpen ? 1 : 0;
      p.total.days += e.days;
      p.total.money += e.money;
    }
    out.push_back(p);
  }
  return out;
}

}  // namespace

void register_risks(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "risks", "Risk register: exposure, 5x5 matrix, overdue reviews, trend, effect on P85");
  struct Args {
    ProgramSource src;
    AnalysisOutput out;
    analysis::RisksOptions options;
    double cost_per_day = -1;
  };
  auto a = std::make_shared<Args>();
  add_program_source(cmd, a->src);
  add_relevel_option(cmd, a->src);
  add_analysis_output(cmd, a->out, "The day reviews are judged on (default the program's)");
  cmd->add_option("--cost-per-day", a->cost_per_day,
                  "Cost of a day of delay (default: the program's burn rate, every person's "
                  "cost_per_day x allocation)")
      ->check(CLI::Range(0.0, 1e12));
  cmd->add_option("--seed", a->options.forecast.seed, "Random seed (default 1)");
  cmd->add_option("--effect-trials", a->options.effect_trials,
                  "Trials of each risk's what-if (default 1000; 0: none)")
      ->check(CLI::Range(0, 1000000));
  cmd->callback([&ctx, a] {
    auto s = start_analysis(a->src, a->out, ctx.exit_code);
    if (!s) return;
    const Program& p = s->loaded.program;
    a->options.forecast.as_of = s->as_of;
    keep_stored_order(*s, a->src, a->options.forecast);
    if (a->cost_per_day >= 0) a->options.cost_per_day = a->cost_per_day;
    std::optional<std::vector<analysis::ExposurePoint>> trend;
    if (s->loaded.store) {
      double rate = a->options.cost_per_day.value_or(analysis::burn_rate(p));
      trend = stored_trend(*s->loaded.store, s->loaded.key, rate, ctx.exit_code);
      if (!trend) return;
    }
    Diagnostics diags;
    auto r = analysis::analyze_risks(p, a->options, diags, s->sources(), std::move(trend));
    if (!ran(r, diags, ctx.exit_code)) return;
    print_analysis(
        a->out.format, diags, [&] { return report::risks_json(header(p, r->as_of), *r, diags); },
        [&](std::ostream& o) { report::risks_csv(*r, o); },
        [&](std::ostream& o) { report::risks_table(*r, diags, o); }, ctx.exit_code);
  });
}

}  // namespace cairn::cli
