// `cairn forecast FILE... [--trials N] [--seed S] [--format table|json]`: the odds of each
// milestone (P50/P85/P95 dates, on-time probability, S-curve, criticality, drivers).
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "cli/plan_input.h"
#include "forecast/program_forecast.h"

namespace cairn::cli {
namespace {

using forecast::ProgramForecast;
using forecast::TargetForecast;

std::string pct(std::optional<double> p) {
  return p ? fmt::format("{:.0f}%", 100 * *p) : std::string("-");
}

void print_table(const ProgramForecast& f, const std::string& name, std::ostream& out) {
  out << fmt::format(
      "Forecast of {}: {} trials (seed {}), {} durations, from {}; people in {} "
      "order\n\n",
      name, f.trials, f.seed, to_string(f.distribution), f.start.to_string(),
      to_string(f.resource_order));
  out << fmt::format("  {:<14} {:<10} {:<10} {:<10} {:<10} {:>7}\n", "milestone", "deadline", "P50",
                     "P85", "P95", "on time");
  auto row = [&](const TargetForecast& m) {
    out << fmt::format("  {:<14} {:<10} {:<10} {:<10} {:<10} {:>7}\n", m.key.substr(0, 14),
                       m.deadline ? m.deadline->to_string() : "-", m.p50.to_string(),
                       m.p85.to_string(), m.p95.to_string(), pct(m.on_time_probability));
  };
  for (const auto& m : f.milestones)
    row(m);
  row(f.program);
  auto drivers = [&](const TargetForecast& m, const std::string& label) {
    if (m.drivers.empty() && m.critical_items.empty()) return;
    out << fmt::format("\n{}\n", label);
    if (!m.critical_items.empty()) {
      out << "  most often critical:";
      for (size_t k = 0; k < m.critical_items.size() && k < 5; ++k)
        out << fmt::format(" {} {:.0f}%", m.critical_items[k].key, 100 * m.critical_items[k].index);
      out << "\n";
    }
    for (size_t k = 0; k < m.drivers.size(); ++k)
      out << fmt::format("  {}. {}\n", k + 1, m.drivers[k].text);
  };
  for (const auto& m : f.milestones)
    if (!m.complete) drivers(m, fmt::format("What drives {} ({})", m.key, m.name));
  drivers(f.program, "What drives the program end");
  if (!f.dependencies.empty()) {
    out << "\nCross-team dependencies (provider finishes by the need-by date)\n";
    for (const auto& d : f.dependencies)
      out << fmt::format("  {} -> {} ({} to {}), need by {}: {:.0f}% on time, P85 {}\n",
                         d.provider_item, d.consumer_item, d.provider_team, d.consumer_team,
                         d.need_by.to_string(), 100 * d.on_time_probability, d.p85.to_string());
  }
  if (!f.throughput_teams.empty()) {
    out << "\nForecast from throughput (unestimated items)\n";
    for (const auto& t : f.throughput_teams) {
      double sum = 0;
      for (double w : t.weekly)
        sum += w;
      out << fmt::format("  {}: {} item(s), from {:.1f} items a week over the last {} weeks\n",
                         t.team, t.backlog, t.weekly.empty() ? 0.0 : sum / t.weekly.size(),
                         t.weekly.size());
    }
  }
}

nlohmann::ordered_json target_json(const TargetForecast& m) {
  nlohmann::ordered_json j;
  j["key"] = m.key;
  j["name"] = m.name;
  j["deadline"] = m.deadline ? nlohmann::ordered_json(m.deadline->to_string()) : nullptr;
  j["p50"] = m.p50.to_string();
  j["p85"] = m.p85.to_string();
  j["p95"] = m.p95.to_string();
  j["on_time_probability"] =
      m.on_time_probability ? nlohmann::ordered_json(*m.on_time_probability) : nullptr;
  j["complete"] = m.complete;
  j["mean_working_days"] = m.mean_days;
  auto crit = nlohmann::ordered_json::array();
  for (const auto& c : m.critical_items)
    crit.push_back({{"key", c.key}, {"index", c.index}});
  j["critical_items"] = crit;
  auto drv = nlohmann::ordered_json::array();
  for (const auto& d : m.drivers)
    drv.push_back({{"kind", to_string(d.kind)}, {"key", d.key}, {"rho", d.rho}, {"text", d.text}});
  j["drivers"] = drv;
  auto s = nlohmann::ordered_json::array();
  for (const auto& p : m.s_curve)
    s.push_back({{"date", p.date.to_string()}, {"probability", p.probability}});
  j["s_curve"] = s;
  return j;
}

void print_json(const ProgramForecast& f, std::ostream& out) {
  nlohmann::ordered_json j;
  j["as_of"] = f.as_of.to_string();
  j["start"] = f.start.to_string();
  j["trials"] = f.trials;
  j["seed"] = f.seed;
  j["distribution"] = to_string(f.distribution);
  j["resource_order"] = to_string(f.resource_order);
  auto ms = nlohmann::ordered_json::array();
  for (const auto& m : f.milestones)
    ms.push_back(target_json(m));
  j["milestones"] = ms;
  j["program"] = target_json(f.program);
  auto deps = nlohmann::ordered_json::array();
  for (const auto& d : f.dependencies)
    deps.push_back({{"provider", d.provider_item},
                    {"consumer", d.consumer_item},
                    {"provider_team", d.provider_team},
                    {"consumer_team", d.consumer_team},
                    {"need_by", d.need_by.to_string()},
                    {"on_time_probability", d.on_time_probability},
                    {"p85", d.p85.to_string()}});
  j["dependencies"] = deps;
  auto teams = nlohmann::ordered_json::array();
  for (const auto& t : f.throughput_teams)
    teams.push_back({{"team", t.team}, {"backlog", t.backlog}, {"weekly_throughput", t.weekly}});
  j["throughput_teams"] = teams;
  auto crit = nlohmann::ordered_json::array();
  for (const auto& c : f.criticality)
    crit.push_back({{"key", c.key}, {"index", c.index}});
  j["criticality"] = crit;
  out << j.dump(2) << "\n";
}

}  // namespace

void register_forecast(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("forecast", "Monte Carlo forecast of milestone dates");
  struct Args {
    std::vector<std::string> files;
    std::string format = "table";
    std::string distribution = "pert";
    std::string people = "leveled";
    std::string as_of;
    std::string scenario;
    forecast::ForecastOptions options;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("FILE", a->files, "Plan files (YAML plan, .tjp; a directory: its plan.yaml)")
      ->required();
  cmd->add_option("--trials", a->options.trials, "Monte Carlo trials (default 10000)")
      ->check(CLI::Range(1, 10000000));
  cmd->add_option("--seed", a->options.seed, "Random seed (default 1)");
  cmd->add_option("--threads", a->options.threads,
                  "Worker threads, 0 = all cores (default); results do not depend on it")
      ->check(CLI::Range(0, 1024));
  cmd->add_option("--format", a->format, "Output format (default table)")
      ->check(CLI::IsMember({"table", "text", "json"}));
  cmd->add_option("--distribution", a->distribution,
                  "Three-point distribution: pert (default), triangular, lognormal")
      ->check(CLI::IsMember({"pert", "triangular", "lognormal"}));
  cmd->add_option("--people", a->people,
                  "Keep each person's work in the order of: leveled (the leveled schedule, "
                  "default), mean-order (a mean-duration schedule), none (ignore people)")
      ->check(CLI::IsMember({"leveled", "mean-order", "none"}));
  cmd->add_option("--window", a->options.throughput_window_weeks,
                  "Weeks of throughput history for unestimated work (default 12)")
      ->check(CLI::Range(1, 520));
  cmd->add_option("--as-of", a->as_of, "Status date YYYY-MM-DD (default: the plan's as_of)");
  cmd->add_option("--scenario", a->scenario,
                  "TaskJuggler input: the scenario to forecast (default: the first)");
  cmd->add_option("--top", a->options.top_drivers, "Drivers listed per milestone (default 5)")
      ->check(CLI::Range(0, 100));
  cmd->callback([&ctx, a] {
    if (!a->as_of.empty()) {
      auto d = Date::parse(a->as_of);
      if (!d) {
        std::cerr << fmt::format("--as-of: '{}' is not a date (YYYY-MM-DD)\n", a->as_of);
        ctx.exit_code = 2;
        return;
      }
      a->options.as_of = *d;
    }
    forecast::parse_distribution(a->distribution, a->options.distribution);
    a->options.resource_order = a->people == "none"         ? forecast::ResourceOrder::kNone
                                : a->people == "mean-order" ? forecast::ResourceOrder::kMeanOrder
                                                            : forecast::ResourceOrder::kLeveled;
    auto plan = load_plan_or_report(a->files, std::cerr, ctx.exit_code, false, a->scenario);
    if (!plan) return;
    Diagnostics diags;
    auto f = forecast::forecast_program(plan->program, a->options, diags);
    print_diagnostics(diags, "text", std::cerr);
    if (!f) {
      std::cerr << f.error().to_string() << "\n";
      ctx.exit_code = 2;
      return;
    }
    if (a->format == "json")
      print_json(*f, std::cout);
    else
      print_table(*f, plan->program.name.empty() ? plan->program.key : plan->program.name,
                  std::cout);
  });
}

}  // namespace cairn::cli
