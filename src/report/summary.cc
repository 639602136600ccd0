#include "report/summary.h"

#include <ostream>

#include <fmt/format.h>

#include "model/enums.h"

namespace cairn::report {

Json summary_json(const Header& h, const analysis::ProgramSummary& s) {
  Json j = document("summary", h);
  j["start"] = s.start.to_string();
  j["teams"] = s.teams;
  j["people"] = s.people;
  j["items"] = s.items;
  j["epics"] = s.epics;
  j["stories"] = s.stories;
  j["tasks"] = s.tasks;
  j["bugs"] = s.bugs;
  j["done"] = s.done;
  j["in_progress"] = s.in_progress;
  j["todo"] = s.todo;
  j["total_effort_days"] = rounded(s.total_effort, 2);
  j["remaining_effort_days"] = rounded(s.remaining_effort, 2);
  j["dependencies"] = s.dependencies;
  j["cross_team_dependencies"] = s.cross_team;
  j["cross_team_open"] = s.cross_team_open;
  j["risks_open"] = s.risks_open;
  j["risk_exposure_days"] = rounded(s.risk_exposure_days, 2);
  j["sprints"] = s.sprints;
  j["budget"] = s.budget_total
                    ? Json{{"total", rounded(*s.budget_total, 2)}, {"currency", s.currency}}
                    : Json(nullptr);
  Json teams = Json::array();
  for (const auto& t : s.team_rows)
    teams.push_back({{"key", t.key},
                     {"name", t.name},
                     {"method", t.method},
                     {"people", t.people},
                     {"fte", rounded(t.capacity, 2)},
                     {"items", t.items},
                     {"done", t.done},
                     {"in_progress", t.in_progress},
                     {"remaining_effort_days", rounded(t.remaining_effort, 2)},
                     {"unestimated_open", t.unestimated_open}});
  j["team_rows"] = teams;
  Json ms = Json::array();
  for (const auto& m : s.milestone_rows)
    ms.push_back({{"key", m.key},
                  {"name", m.name},
                  {"deadline", date_or_null(m.deadline)},
                  {"items", m.items},
                  {"done", m.done},
                  {"gates", m.gates}});
  j["milestones"] = ms;
  if (s.latest_status)
    j["latest_status"] = {{"date", s.latest_status->date.to_string()},
                          {"rag", to_string(s.latest_status->rag)},
                          {"summary", s.latest_status->summary},
                          {"blockers", s.latest_status->blockers}};
  else
    j["latest_status"] = nullptr;
  return j;
}

void summary_table(const analysis::ProgramSummary& s, std::ostream& out) {
  out << fmt::format("{} — {} (starts {})\n", s.key, s.name, s.start.to_string());
  out << fmt::format(
      "{} teams, {} people; {} work items ({} epics, {} stories, {} tasks, {} bugs)\n", s.teams,
      s.people, s.items, s.epics, s.stories, s.tasks, s.bugs);
  size_t leaves = s.todo + s.in_progress + s.done;
  out << fmt::format(
      "Progress: {} done, {} in progress, {} to do ({:.0f}% of {} leaf items done)\n", s.done,
      s.in_progress, s.todo, leaves ? 100.0 * s.done / leaves : 0.0, leaves);
  out << fmt::format("Effort: {:.0f} working days estimated, {:.0f} remaining\n", s.total_effort,
                     s.remaining_effort);
  out << fmt::format("Dependencies: {} ({} cross-team, {} not yet delivered)\n", s.dependencies,
                     s.cross_team, s.cross_team_open);
  out << fmt::format("Risks: {} open, exposure {:.1f} working days (probability x impact)\n",
                     s.risks_open, s.risk_exposure_days);
  if (s.budget_total) out << fmt::format("Budget: {:.0f} {}\n", *s.budget_total, s.currency);
  out << "\nTeams\n";
  out << fmt::format("  {:<10} {:<26} {:<7} {:>6} {:>6} {:>6} {:>6} {:>10}\n", "key", "name",
                     "method", "people", "FTE", "items", "done", "left (d)");
  for (const auto& t : s.team_rows)
    out << fmt::format("  {:<10} {:<26} {:<7} {:>6} {:>6.1f} {:>6} {:>6} {:>10.0f}\n", t.key,
                       t.name.substr(0, 26), t.method, t.people, t.capacity, t.items, t.done,
                       t.remaining_effort);
  if (!s.milestone_rows.empty()) {
    out << "\nMilestones\n";
    out << fmt::format("  {:<8} {:<34} {:<10} {:>6} {:>6} {:>5}\n", "key", "name", "deadline",
                       "items", "done", "gates");
    for (const auto& m : s.milestone_rows)
      out << fmt::format("  {:<8} {:<34} {:<10} {:>6} {:>6} {:>5}\n", m.key, m.name.substr(0, 34),
                         m.deadline ? m.deadline->to_string() : "-", m.items, m.done, m.gates);
  }
  if (s.latest_status) {
    out << fmt::format("\nLatest status ({}): {} — {}\n", s.latest_status->date.to_string(),
                       to_string(s.latest_status->rag), s.latest_status->summary);
    for (const auto& b : s.latest_status->blockers)
      out << "  blocker: " << b << "\n";
  }
}

}  // namespace cairn::report
