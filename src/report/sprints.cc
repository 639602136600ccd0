#include "report/sprints.h"

#include <ostream>

#include <fmt/format.h>

#include "report/check.h"

namespace cairn::report {
namespace {

Json sprint_json(const analysis::SprintMetrics& m) {
  Json days = Json::array();
  for (const auto& d : m.days)
    days.push_back({{"date", d.date.to_string()},
                    {"scope", d.scope},
                    {"done", d.done},
                    {"remaining", d.remaining},
                    {"ideal", d.ideal}});
  return {{"key", m.key},
          {"name", m.name},
          {"team", m.team},
          {"start", m.start.to_string()},
          {"end", m.end.to_string()},
          {"status", m.status},
          {"committed", m.committed},
          {"committed_items", m.committed_items},
          {"unpointed", m.unpointed},
          {"done_committed", m.done_committed},
          {"say_do", number_or_null(m.say_do)},
          {"added", m.added},
          {"added_items", m.added_items},
          {"scope_change", number_or_null(m.scope_change)},
          {"velocity", m.velocity},
          {"velocity_before", number_or_null(m.velocity_before)},
          {"carried_over", m.carried_over},
          {"carried_into_next", m.carried_into_next},
          {"days", days}};
}

std::string opt(const std::optional<double>& v, const char* spec = "{:.1f}") {
  return v ? fmt::format(fmt::runtime(spec), *v) : std::string("-");
}

}  // namespace

Json sprints_json(const Header& h, const analysis::SprintReport& r, const Diagnostics& diags) {
  Json j = document("sprints", h);
  j["last"] = r.last;
  Json teams = Json::array();
  for (const auto& t : r.teams)
    teams.push_back({{"team", t.team},
                     {"unit", t.unit},
                     {"sprints", t.sprints},
                     {"velocity_mean", number_or_null(t.mean)},
                     {"velocity_min", number_or_null(t.min)},
                     {"velocity_max", number_or_null(t.max)},
                     {"say_do_mean", number_or_null(t.say_do_mean)}});
  j["teams"] = teams;
  Json sprints = Json::array();
  for (const auto& m : r.sprints)
    sprints.push_back(sprint_json(m));
  j["sprints"] = sprints;
  j["diagnostics"] = diagnostics_json(diags);
  return j;
}

void sprints_table(const analysis::SprintReport& r, const Diagnostics& diags, std::ostream& out) {
  out << fmt::format("Velocity over the last {} closed sprints (as of {})\n", r.last,
                     r.as_of.to_string());
  out << fmt::format("  {:<8} {:<7} {:>7} {:>7} {:>11} {:>7}\n", "team", "unit", "sprints", "mean",
                     "range", "say/do");
  for (const auto& t : r.teams)
    out << fmt::format("  {:<8} {:<7} {:>7} {:>7} {:>11} {:>7}\n", t.team, t.unit, t.sprints,
                       opt(t.mean),
                       t.min ? fmt::format("{:g}-{:g}", *t.min, *t.max) : std::string("-"),
                       t.say_do_mean ? fmt::format("{:.0f}%", 100 * *t.say_do_mean) : "-");
  out << "\nSprints\n";
  out << fmt::format("  {:<9} {:<7} {:<10} {:>9} {:>6} {:>7} {:>6} {:>8} {:>8}  {}\n", "sprint",
                     "status", "start", "committed", "done", "say/do", "added", "velocity",
                     "carried", "carried into next");
  for (const auto& m : r.sprints)
    out << fmt::format("  {:<9} {:<7} {:<10} {:>9g} {:>6g} {:>7} {:>6g} {:>8g} {:>8}  {}\n", m.key,
                       m.status, m.start.to_string(), m.committed, m.done_committed,
                       m.say_do ? fmt::format("{:.0f}%", 100 * *m.say_do) : "-", m.added,
                       m.velocity, m.carried_over.size(), fmt::join(m.carried_into_next, " "));
  if (!diags.empty()) {
    out << "\n";
    diagnostics_table(diags, out);
  }
}

void sprints_csv(const analysis::SprintReport& r, std::ostream& out) {
  out << "sprint,date,scope,done,remaining,ideal\n";
  for (const auto& m : r.sprints)
    for (const auto& d : m.days)
      out << fmt::format("{},{},{},{},{},{}\n", csv_field(m.key), d.date.to_string(),
                         rounded(d.scope, 6), rounded(d.done, 6), rounded(d.remaining, 6),
                         rounded(d.ideal, 6));
}

}  // namespace cairn::report
