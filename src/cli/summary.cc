// `cairn summary FILE...`: the program at a glance.
#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "analysis/summary.h"
#include "cli/commands.h"
#include "cli/plan_input.h"
#include "model/enums.h"

namespace cairn::cli {
namespace {

void print_text(const analysis::ProgramSummary& s, std::ostream& out) {
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

}  // namespace

void register_summary(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("summary", "Print a program's summary");
  auto files = std::make_shared<std::vector<std::string>>();
  auto format = std::make_shared<std::string>("text");
  cmd->add_option("FILE", *files, "Plan files (a directory stands for its plan.yaml)")->required();
  cmd->add_option("--format", *format, "Output format")->check(CLI::IsMember({"text", "json"}));
  cmd->callback([&ctx, files, format] {
    auto plan = load_plan_or_report(*files, std::cerr, ctx.exit_code);
    if (!plan) return;
    auto s = analysis::summarize(plan->program);
    if (*format == "text") {
      print_text(s, std::cout);
      return;
    }
    nlohmann::ordered_json j;
    j["key"] = s.key;
    j["name"] = s.name;
    j["start"] = s.start.to_string();
    j["teams"] = s.teams;
    j["people"] = s.people;
    j["items"] = s.items;
    j["done"] = s.done;
    j["in_progress"] = s.in_progress;
    j["todo"] = s.todo;
    j["total_effort_days"] = s.total_effort;
    j["remaining_effort_days"] = s.remaining_effort;
    j["dependencies"] = s.dependencies;
    j["cross_team_dependencies"] = s.cross_team;
    j["risks_open"] = s.risks_open;
    j["risk_exposure_days"] = s.risk_exposure_days;
    auto ms = nlohmann::ordered_json::array();
    for (const auto& m : s.milestone_rows)
      ms.push_back({{"key", m.key},
                    {"name", m.name},
                    {"deadline", m.deadline ? m.deadline->to_string() : ""},
                    {"items", m.items},
                    {"done", m.done}});
    j["milestones"] = ms;
    std::cout << j.dump(2) << "\n";
  });
}

}  // namespace cairn::cli
