#include "report/forecast.h"

#include <ostream>

#include <fmt/format.h>

namespace cairn::report {
namespace {

using forecast::TargetForecast;

std::string pct(std::optional<double> p) {
  return p ? fmt::format("{:.0f}%", 100 * *p) : std::string("-");
}

Json target_json(const TargetForecast& m, ForecastDetail detail) {
  Json j;
  j["key"] = m.key;
  j["name"] = m.name;
  j["deadline"] = date_or_null(m.deadline);
  j["complete"] = m.complete;
  j["p50"] = m.p50.to_string();
  j["p85"] = m.p85.to_string();
  j["p95"] = m.p95.to_string();
  j["on_time_probability"] = m.on_time_probability ? Json(*m.on_time_probability) : Json(nullptr);
  j["scheduled"] = date_or_null(m.scheduled);
  j["days_after_schedule"] = m.days_after_schedule ? Json(*m.days_after_schedule) : Json(nullptr);
  Json why = Json::array();
  for (const auto& w : m.why_later)
    why.push_back({{"source", w.source}, {"days", w.days}});
  j["why_later"] = why;
  if (detail == ForecastDetail::kCompact) return j;
  j["mean_working_days"] = m.mean_days;
  Json crit = Json::array();
  for (const auto& c : m.critical_items)
    crit.push_back({{"key", c.key}, {"index", c.index}});
  j["critical_items"] = crit;
  Json drv = Json::array();
  for (const auto& d : m.drivers)
    drv.push_back({{"kind", to_string(d.kind)},
                   {"key", d.key},
                   {"rho", d.rho},
                   {"effect_days", d.effect_days ? Json(*d.effect_days) : Json(nullptr)},
                   {"text", d.text}});
  j["drivers"] = drv;
  Json s = Json::array();
  for (const auto& p : m.s_curve)
    s.push_back({{"date", p.date.to_string()}, {"probability", p.probability}});
  j["s_curve"] = s;
  return j;
}

void drivers_table(const TargetForecast& m, const std::string& label, std::ostream& out) {
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
}

}  // namespace

Json forecast_json(const Header& h, const forecast::ProgramForecast& f, const Diagnostics& diags,
                   ForecastDetail detail) {
  Json j = document("forecast", h);
  j["start"] = f.start.to_string();
  j["trials"] = f.trials;
  j["seed"] = f.seed;
  j["distribution"] = to_string(f.distribution);
  j["resource_order"] = to_string(f.resource_order);
  j["order_from"] = f.order_from.empty() ? Json(nullptr) : Json(f.order_from);
  Json ms = Json::array();
  for (const auto& m : f.milestones)
    ms.push_back(target_json(m, detail));
  j["milestones"] = ms;
  j["end"] = target_json(f.program, detail);
  if (detail == ForecastDetail::kCompact) return j;
  Json deps = Json::array();
  for (const auto& d : f.dependencies)
    deps.push_back({{"provider", d.provider_item},
                    {"consumer", d.consumer_item},
                    {"provider_team", d.provider_team},
                    {"consumer_team", d.consumer_team},
                    {"need_by", d.need_by.to_string()},
                    {"on_time_probability", d.on_time_probability},
                    {"p85", d.p85.to_string()}});
  j["dependencies"] = deps;
  Json teams = Json::array();
  for (const auto& t : f.throughput_teams)
    teams.push_back({{"team", t.team},
                     {"backlog", t.backlog},
                     {"weekly_throughput", t.weekly},
                     {"cadence_weeks", t.cadence_weeks}});
  j["throughput_teams"] = teams;
  Json crit = Json::array();
  for (const auto& c : f.criticality)
    crit.push_back({{"key", c.key}, {"index", c.index}});
  j["criticality"] = crit;
  j["diagnostics"] = diagnostics_json(diags);
  return j;
}

void forecast_table(const forecast::ProgramForecast& f, const std::string& title,
                    std::ostream& out) {
  out << fmt::format(
      "Forecast of {}: {} trials (seed {}), {} durations, from {}; people in {} order{}\n\n", title,
      f.trials, f.seed, to_string(f.distribution), f.start.to_string(), to_string(f.resource_order),
      f.order_from.empty() ? "" : fmt::format(" (kept from {})", f.order_from));
  out << fmt::format("  {:<14} {:<10} {:<10} {:<10} {:<10} {:<10} {:>7}\n", "milestone", "deadline",
                     "schedule", "P50", "P85", "P95", "on time");
  auto row = [&](const TargetForecast& m) {
    out << fmt::format("  {:<14} {:<10} {:<10} {:<10} {:<10} {:<10} {:>7}\n", m.key.substr(0, 14),
                       m.deadline ? m.deadline->to_string() : "-",
                       m.scheduled ? m.scheduled->to_string() : "-", m.p50.to_string(),
                       m.p85.to_string(), m.p95.to_string(), pct(m.on_time_probability));
  };
  for (const auto& m : f.milestones)
    row(m);
  row(f.program);
  // Why P50 is later (or earlier) than the schedule's date, by source.
  bool header = false;
  for (const TargetForecast* m : [&] {
         std::vector<const TargetForecast*> all;
         for (const auto& x : f.milestones)
           all.push_back(&x);
         all.push_back(&f.program);
         return all;
       }()) {
    if (!m->scheduled || !m->days_after_schedule || *m->days_after_schedule == 0) continue;
    if (!header)
      out << "\nP50 against the schedule (working days, by source, same random numbers)\n";
    header = true;
    std::string parts;
    for (const auto& w : m->why_later)
      parts += fmt::format("{}{} {:+d}", parts.empty() ? "" : ", ", w.source, w.days);
    out << fmt::format("  {}: plan {}, P50 {} ({:+d}){}{}\n", m->key, m->scheduled->to_string(),
                       m->p50.to_string(), *m->days_after_schedule, parts.empty() ? "" : ": ",
                       parts);
  }
  for (const auto& m : f.milestones)
    if (!m.complete) drivers_table(m, fmt::format("What drives {} ({})", m.key, m.name), out);
  drivers_table(f.program, "What drives the program end", out);
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
      out << fmt::format(
          "  {}: {} item(s), from {:.1f} items a week over the last {} weeks{}\n", t.team,
          t.backlog, t.weekly.empty() ? 0.0 : sum / t.weekly.size(), t.weekly.size(),
          t.cadence_weeks > 1
              ? fmt::format(", finished in batches every {} weeks (a sprint's cadence)",
                            t.cadence_weeks)
              : "");
    }
  }
}

const Json* forecast_end(const Json& doc) {
  for (const char* k : {"end", "program"}) {
    auto it = doc.find(k);
    if (it != doc.end() && it->is_object() && it->contains("p85")) return &*it;
  }
  return nullptr;
}

}  // namespace cairn::report
