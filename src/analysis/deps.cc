#include "analysis/deps.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "analysis/deps_effects.h"
#include "base/codes.h"
#include "forecast/program_network.h"

namespace cairn::analysis {
namespace {

TeamId provider_team(const Program& p, const Dependency& d) {
  return d.provider.valid() ? d.provider : p.item(d.predecessor).team;
}
TeamId consumer_team(const Program& p, const Dependency& d) {
  return d.consumer.valid() ? d.consumer : p.item(d.successor).team;
}
std::string team_key(const Program& p, TeamId t) {
  return t.valid() ? p.team(t).key : "-";
}

Location where(const SourceMap* sources, size_t index) {
  if (!sources) return {};
  return sources->at(EntityKind::kDependency, static_cast<uint32_t>(index));
}

// The rows of the register from the model and the forecast's dependency figures.
std::vector<size_t> fill_rows(const Program& p, const forecast::ProgramForecast& fc,
                              DepsReport& r) {
  std::map<size_t, const forecast::DependencyForecast*> by_dep;
  for (const auto& f : fc.dependencies)
    by_dep[f.dependency.index()] = &f;
  std::vector<size_t> dep_of_row;
  for (size_t i = 0; i < p.dependencies.size(); ++i) {
    const Dependency& d = p.dependencies[i];
    TeamId pt = provider_team(p, d), ct = consumer_team(p, d);
    if (pt == ct) continue;
    DependencyRow row;
    row.provider_item = p.item(d.predecessor).key;
    row.consumer_item = p.item(d.successor).key;
    row.provider_team = team_key(p, pt);
    row.consumer_team = team_key(p, ct);
    row.need_by = d.need_by;
    row.state = d.state ? to_string(*d.state) : "none";
    // A start-start or start-finish dependency is delivered once the provider has started.
    bool by_start = d.type == DependencyType::kStartStart || d.type == DependencyType::kStartFinish;
    StateCategory c = p.category(d.predecessor);
    row.provider_done = by_start ? c != StateCategory::kTodo : c == StateCategory::kDone;
    if (row.provider_done) {
      row.probability = 1.0;
    } else if (auto it = by_dep.find(i); it != by_dep.end()) {
      row.provider_p85 = it->second->p85;
      row.probability = it->second->on_time_probability;
      row.margin_days = *d.need_by - it->second->p85;
    }
    r.rows.push_back(std::move(row));
    dep_of_row.push_back(i);
  }
  return dep_of_row;
}

bool at_risk(const DependencyRow& row) {
  return !row.provider_done && row.margin_days && *row.margin_days < 0;
}

void fill_matrix(DepsReport& r) {
  std::map<std::pair<std::string, std::string>, TeamPairCount> cells;
  std::map<std::string, int> teams;
  for (const auto& row : r.rows) {
    auto& c = cells[{row.provider_team, row.consumer_team}];
    c.provider = row.provider_team;
    c.consumer = row.consumer_team;
    ++c.total;
    c.open += row.provider_done ? 0 : 1;
    c.at_risk += at_risk(row) ? 1 : 0;
    teams[row.provider_team] = teams[row.consumer_team] = 1;
  }
  for (auto& [k, c] : cells)
    r.matrix.push_back(c);
  for (auto& [k, v] : teams)
    r.teams.push_back(k);
}

void findings(const Program& p, const DepsReport& r, const std::vector<size_t>& dep_of_row,
              const SourceMap* sources, Diagnostics& diags) {
  for (size_t k = 0; k < r.rows.size(); ++k) {
    const auto& row = r.rows[k];
    std::string name = row.provider_item + " -> " + row.consumer_item;
    if (at_risk(row))
      diags.warning(
          codes::kDependencyNeedByAtRisk,
          fmt::format("{} ({} to {}): needed by {}, provider P85 {} ({} days late), {:.0f} "
                      "% likely to be met; state {}",
                      name, row.provider_team, row.consumer_team, row.need_by->to_string(),
                      row.provider_p85->to_string(), -*row.margin_days,
                      100 * row.probability.value_or(0), row.state),
          where(sources, dep_of_row[k]),
          "agree a later need-by date with the consumer team, or bring the provider "
          "item forward (cairn forecast shows what drives it)");
    if (row.state == "delivered" && !row.provider_done)
      diags.warning(
          codes::kDependencyStateMismatch,
          fmt::format("{}: stated delivered, but {} is '{}', not {}", name, row.provider_item,
                      p.item(p.dependencies[dep_of_row[k]].predecessor).state,
                      row.provider_done ? "done" : "delivered"),
          where(sources, dep_of_row[k]),
          "set the state to what was agreed, or move the provider item to done");
  }
}

}  // namespace

Result<DepsReport> analyze_deps(const Program& program, const DepsOptions& options,
                                Diagnostics& diags, const SourceMap* sources) {
  auto fo = options.forecast;
  fo.ablation_trials = 0;
  fo.effect_drivers = 0;
  auto fc = forecast::forecast_program(program, fo, diags);
  if (!fc) return std::unexpected(fc.error());
  DepsReport r;
  r.as_of = fc->as_of;
  r.trials = fc->trials;
  r.seed = fc->seed;
  auto dep_of_row = fill_rows(program, *fc, r);
  fill_matrix(r);
  findings(program, r, dep_of_row, sources, diags);
  for (auto& row : r.rows)
    row.effect_days.assign(program.milestones.size(), 0);
  for (size_t m = 0; m < program.milestones.size() && m < fc->milestones.size(); ++m)
    r.milestones.push_back({program.milestones[m].key, fc->milestones[m].p85, {}});
  if (options.effect_trials <= 0 || r.rows.empty()) return r;

  // What-ifs on the forecast's network: each open dependency's link gone, same random numbers.
  Diagnostics quiet;
  auto net = forecast::build_program_network(program, fo, quiet);
  if (!net) return std::unexpected(net.error());
  std::vector<LinkCut> cuts;
  std::vector<size_t> cut_row;
  for (size_t k = 0; k < r.rows.size(); ++k) {
    if (r.rows[k].provider_done) continue;
    const Dependency& d = program.dependencies[dep_of_row[k]];
    cuts.push_back(
        {static_cast<uint32_t>(d.predecessor.index()), static_cast<uint32_t>(d.successor.index())});
    cut_row.push_back(k);
  }
  r.effect_trials = options.effect_trials;
  auto effects = link_cut_effects(net->net, cuts, fo.seed, options.effect_trials, fo.threads);
  for (size_t c = 0; c < cuts.size(); ++c) {
    auto& row = r.rows[cut_row[c]];
    for (size_t m = 0; m < row.effect_days.size(); ++m) {
      row.effect_days[m] = effects[c][1 + m];
      row.max_effect = std::max(row.max_effect, row.effect_days[m]);
    }
  }
  for (size_t m = 0; m < r.milestones.size(); ++m) {
    auto& md = r.milestones[m];
    for (size_t k = 0; k < r.rows.size(); ++k)
      if (r.rows[k].effect_days[m] > 0) md.top.push_back({k, r.rows[k].effect_days[m]});
    std::stable_sort(md.top.begin(), md.top.end(),
                     [](const auto& a, const auto& b) { return a.days > b.days; });
    if (md.top.size() > options.top) md.top.resize(options.top);
  }
  return r;
}

}  // namespace cairn::analysis
