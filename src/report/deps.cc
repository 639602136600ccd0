#include "report/deps.h"

#include <ostream>

#include <fmt/format.h>

#include "report/check.h"

namespace cairn::report {
namespace {

Json row_json(const analysis::DependencyRow& d, const Program& p) {
  Json effects = Json::object();
  for (size_t m = 0; m < d.effect_days.size() && m < p.milestones.size(); ++m)
    effects[p.milestones[m].key] = d.effect_days[m];
  return {{"provider_item", d.provider_item},
          {"consumer_item", d.consumer_item},
          {"provider_team", d.provider_team},
          {"consumer_team", d.consumer_team},
          {"need_by", date_or_null(d.need_by)},
          {"agreement", d.state},
          {"provider_done", d.provider_done},
          {"provider_p85", date_or_null(d.provider_p85)},
          {"probability", number_or_null(d.probability)},
          {"margin_days", d.margin_days ? Json(*d.margin_days) : Json(nullptr)},
          {"effect_days", effects}};
}

std::string cell(const std::optional<Date>& d) {
  return d ? d->to_string() : "-";
}

}  // namespace

Json deps_json(const Header& h, const analysis::DepsReport& r, const Program& p,
               const Diagnostics& diags) {
  Json j = document("deps", h);
  j["trials"] = r.trials;
  j["seed"] = r.seed;
  j["effect_trials"] = r.effect_trials;
  j["teams"] = r.teams;
  Json matrix = Json::array();
  for (const auto& c : r.matrix)
    matrix.push_back({{"provider", c.provider},
                      {"consumer", c.consumer},
                      {"total", c.total},
                      {"open", c.open},
                      {"at_risk", c.at_risk}});
  j["matrix"] = matrix;
  Json rows = Json::array();
  for (const auto& d : r.rows)
    rows.push_back(row_json(d, p));
  j["dependencies"] = rows;
  Json ms = Json::array();
  for (const auto& m : r.milestones) {
    Json top = Json::array();
    for (const auto& e : m.top)
      top.push_back({{"provider_item", r.rows[e.row].provider_item},
                     {"consumer_item", r.rows[e.row].consumer_item},
                     {"days", e.days}});
    ms.push_back({{"milestone", m.key}, {"p85", m.p85.to_string()}, {"top", top}});
  }
  j["milestones"] = ms;
  j["diagnostics"] = diagnostics_json(diags);
  return j;
}

void deps_table(const analysis::DepsReport& r, const Diagnostics& diags, std::ostream& out) {
  out << fmt::format("Cross-team dependencies as of {} ({} trials, seed {})\n\n",
                     r.as_of.to_string(), r.trials, r.seed);
  out << "Provider x consumer: open / total (at risk)\n";
  out << fmt::format("  {:<10}", "provider");
  for (const auto& t : r.teams)
    out << fmt::format(" {:>10}", t);
  out << "\n";
  for (const auto& pr : r.teams) {
    out << fmt::format("  {:<10}", pr);
    for (const auto& co : r.teams) {
      std::string s = "-";
      for (const auto& c : r.matrix)
        if (c.provider == pr && c.consumer == co)
          s = fmt::format("{}/{}", c.open, c.total) +
              (c.at_risk ? fmt::format(" ({})", c.at_risk) : "");
      out << fmt::format(" {:>10}", s);
    }
    out << "\n";
  }
  out << fmt::format("\n  {:<22} {:<9} {:<10} {:<10} {:>7} {:>7} {:>6}  {}\n", "dependency",
                     "teams", "need by", "prov. P85", "margin", "met", "moves", "state");
  for (const auto& d : r.rows)
    out << fmt::format(
        "  {:<22} {:<9} {:<10} {:<10} {:>7} {:>7} {:>6}  {}\n",
        d.provider_item + "->" + d.consumer_item, d.provider_team + ">" + d.consumer_team,
        cell(d.need_by), d.provider_done ? std::string("done") : cell(d.provider_p85),
        d.margin_days ? fmt::format("{:+d}", *d.margin_days) : "-",
        d.probability ? fmt::format("{:.0f}%", 100 * *d.probability) : "-", d.max_effect, d.state);
  out << fmt::format(
      "\n  margin: need-by minus provider P85, calendar days; met: share of trials the provider "
      "finishes by need-by;\n  moves: most working days any milestone's P85 gains without the "
      "link (what-if, {} trials, same random numbers)\n",
      r.effect_trials);
  out << "\nDependencies that move each milestone most (P85 working days earlier without them)\n";
  for (const auto& m : r.milestones) {
    out << fmt::format("  {:<6} P85 {}:", m.key, m.p85.to_string());
    if (m.top.empty()) out << " none";
    for (const auto& e : m.top)
      out << fmt::format(" {}->{} {:+d}", r.rows[e.row].provider_item, r.rows[e.row].consumer_item,
                         -e.days);
    out << "\n";
  }
  if (!diags.empty()) {
    out << "\n";
    diagnostics_table(diags, out);
  }
}

void deps_csv(const analysis::DepsReport& r, std::ostream& out) {
  out << "provider_item,consumer_item,provider_team,consumer_team,need_by,state,provider_p85,"
         "probability,margin_days,max_effect_days\n";
  for (const auto& d : r.rows)
    out << fmt::format("{},{},{},{},{},{},{},{},{},{}\n", csv_field(d.provider_item),
                       csv_field(d.consumer_item), csv_field(d.provider_team),
                       csv_field(d.consumer_team), d.need_by ? d.need_by->to_string() : "", d.state,
                       d.provider_p85 ? d.provider_p85->to_string() : "",
                       d.probability ? fmt::format("{}", *d.probability) : "",
                       d.margin_days ? std::to_string(*d.margin_days) : "", d.max_effect);
}

}  // namespace cairn::report
