#include "forecast/program_forecast.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>

#include "base/codes.h"
#include "forecast/ablation.h"
#include "forecast/days.h"
#include "forecast/effects.h"
#include "forecast/monte_carlo.h"
#include "forecast/parallel.h"
#include "forecast/program_network.h"
#include "forecast/sensitivity.h"
#include "forecast/throughput.h"

namespace cairn::forecast {
namespace {

// Working day k (1-based) after the start as a date; k <= 0 is as_of. Grows a cache as needed.
class DayDates {
 public:
  DayDates(const WorkingCalendar& cal, Date as_of, Date start)
      : cal_(cal), as_of_(as_of), dates_{start} {}
  Date operator()(int k) {
    if (k <= 0) return as_of_;
    while (static_cast<int>(dates_.size()) < k) {
      Date d = dates_.back() + 1;
      dates_.push_back(cal_.next_working_day(d));
    }
    return dates_[k - 1];
  }

 private:
  const WorkingCalendar& cal_;
  Date as_of_;
  std::vector<Date> dates_;
};

std::string phrase(double rho, const std::string& target) {
  return rho >= 0 ? fmt::format("{} lands later", target) : fmt::format("{} lands earlier", target);
}

struct Factor {
  DriverKind kind;
  uint32_t index;       // node, group, network risk or watch
  CenteredRanks ranks;  // over the first sensitivity_trials trials
};

// How a driver at node `from` reaches a target outside it: the shortest chain of links to one of
// the target's items, each hop named ("PAY-151 -(dependency)-> WEB-139 -(same person)-> WEB-140").
// Empty when `from` is the target's own work or nothing links it there.
std::string path_words(const Program& program, const ProgramNetwork& pn,
                       const std::vector<uint8_t>& in_target, uint32_t from) {
  const size_t n = pn.successors.size();
  if (from >= n || in_target[from]) return "";
  std::vector<uint32_t> parent(n, kNone), queue{from};
  std::vector<uint8_t> how(n, 0);
  parent[from] = from;
  uint32_t hit = kNone;
  for (size_t q = 0; q < queue.size() && hit == kNone; ++q)
    for (const auto& nx : pn.successors[queue[q]]) {
      if (parent[nx.node] != kNone) continue;
      parent[nx.node] = queue[q];
      how[nx.node] = nx.same_person;
      if (in_target[nx.node]) {
        hit = nx.node;
        break;
      }
      queue.push_back(nx.node);
    }
  if (hit == kNone) return "";
  std::vector<uint32_t> chain;
  for (uint32_t v = hit; v != from; v = parent[v])
    chain.push_back(v);
  std::string out = program.items[from].key;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it)
    if (program.items[*it].parent.valid() && !pn.open_leaf[*it])
      continue;  // an epic's summary node
    else
      out += fmt::format(" -({})-> {}", how[*it] ? "same person" : "dependency",
                         program.items[*it].key);
  return out;
}

}  // namespace

const char* to_string(ResourceOrder o) {
  switch (o) {
    case ResourceOrder::kLeveled:
      return "leveled";
    case ResourceOrder::kSchedule:
      return "schedule";
    case ResourceOrder::kMeanOrder:
      return "mean-order";
    case ResourceOrder::kNone:
      return "none";
  }
  return "none";
}

const char* to_string(DriverKind k) {
  switch (k) {
    case DriverKind::kItem:
      return "item";
    case DriverKind::kTeam:
      return "team";
    case DriverKind::kRisk:
      return "risk";
    case DriverKind::kDependency:
      return "dependency";
  }
  return "item";
}

namespace {

// The simulation of the whole network. The program ends no earlier than any of its milestones: a
// risk linked to a milestone delays the milestone's date, and so the program's when it is the last.
Result<SimulationResult> run_trials(const Network& net, const ForecastOptions& options,
                                    Diagnostics& diags) {
  auto sim = simulate(net, {.trials = options.trials,
                            .seed = options.seed,
                            .threads = options.threads,
                            .criticality = true,
                            .criticality_trials = options.criticality_trials});
  if (!sim) return sim;
  const int trials = options.trials;
  if (net.targets > 1 && net.target_all[0]) {
    float* program_end = sim->target_finish.data();
    for (uint32_t tg = 1; tg < net.targets; ++tg) {
      const float* m = sim->target_finish.data() + size_t{tg} * trials;
      for (int t = 0; t < trials; ++t)
        program_end[t] = std::max(program_end[t], m[t]);
    }
  }
  if (sim->stream_truncated > 0)
    diags.warning(codes::kForecastStreamTruncated,
                  fmt::format("in {} trial(s) a team's throughput queue needed more than {} weeks",
                              sim->stream_truncated, net.stream_max_weeks),
                  {}, "check the team's throughput history and the size of its backlog");
  return sim;
}

// What a target is: target 0 is the program, then the milestones in order.
struct TargetLabels {
  std::vector<std::string> key, name;
  std::vector<std::optional<Date>> deadline;
  std::vector<double> limit;  // the deadline in working days from the start (0: none)
};

TargetLabels target_labels(const Program& program, const ProgramNetwork& pn, uint32_t targets) {
  TargetLabels l{std::vector<std::string>(targets), std::vector<std::string>(targets),
                 std::vector<std::optional<Date>>(targets), std::vector<double>(targets, 0.0)};
  l.key[0] = "program";
  l.name[0] = program.name;
  for (size_t m = 0; m < program.milestones.size() && 1 + m < targets; ++m) {
    l.key[1 + m] = program.milestones[m].key;
    l.name[1 + m] = program.milestones[m].name;
    l.deadline[1 + m] = program.milestones[m].deadline;
  }
  for (uint32_t tg = 0; tg < targets; ++tg)
    if (l.deadline[tg])
      l.limit[tg] = days_through(program.calendar, pn.start, *l.deadline[tg]) + kDayEps;
  return l;
}

// The state the phases share: the inputs, the simulation and the sensitivity sample size.
struct Run {
  const Program& program;
  const ForecastOptions& options;
  const ProgramNetwork& pn;
  const Network& net;
  const SimulationResult& sim;
  int trials;
  int st;  // trials the rank correlations use
  bool want_drivers;
};

// Per target: order statistics, S-curve counts, criticality, and the ranks of its dates.
struct TargetStats {
  TargetForecast f;
  std::vector<std::pair<int, size_t>> s_curve;  // (working day, trials on or before it)
  std::vector<ItemCriticality> crit;
  CenteredRanks ranks;
};

void fill_target_stats(const Run& r, const TargetLabels& labels, size_t tg, TargetStats& ts) {
  TargetForecast& f = ts.f;
  const int trials = r.trials;
  const float* raw = r.sim.target_finish.data() + tg * trials;
  std::vector<float> sorted(raw, raw + trials);
  sort_values(sorted);
  f.p50_days = sorted_percentile(std::span<const float>(sorted), 0.50);
  f.p85_days = sorted_percentile(std::span<const float>(sorted), 0.85);
  f.p95_days = sorted_percentile(std::span<const float>(sorted), 0.95);
  f.mean_days = std::accumulate(sorted.begin(), sorted.end(), 0.0) / trials;
  f.complete = sorted.back() <= kDayEps;
  if (labels.deadline[tg]) {
    const size_t on_time =
        std::upper_bound(sorted.begin(), sorted.end(), labels.limit[tg]) - sorted.begin();
    f.on_time_probability = f.complete ? 1.0 : static_cast<double>(on_time) / trials;
  }
  if (f.complete) return;
  for (size_t i = 0; i < sorted.size();) {
    const int k = day_index(sorted[i]);
    size_t j = i;
    while (j < sorted.size() && day_index(sorted[j]) == k)
      ++j;
    ts.s_curve.emplace_back(k, j);
    i = j;
  }
  const uint32_t* counts = r.sim.critical.data() + tg * r.net.nodes;
  const int counted =
      r.options.criticality_trials > 0 ? std::min(trials, r.options.criticality_trials) : trials;
  for (uint32_t v = 0; v < r.net.nodes; ++v)
    if (counts[v] > 0 && r.pn.open_leaf[v])
      ts.crit.push_back(
          {WorkItemId{v}, r.program.items[v].key, static_cast<double>(counts[v]) / counted});
  std::stable_sort(ts.crit.begin(), ts.crit.end(),
                   [](const auto& a, const auto& c) { return a.index > c.index; });
  if (r.want_drivers) ts.ranks = centered_ranks({raw, size_t(r.st)});
}

// Sensitivity inputs (ranks over the first `st` trials): teams, risks and dependencies are shared
// by all targets; items are each target's 16 most critical items with a drawn duration.
struct DriverInputs {
  std::vector<Factor> factors;
  size_t shared = 0;                                // factors[0, shared) are shared
  std::vector<std::vector<uint32_t>> target_items;  // per target, indices into `factors`
  std::vector<uint8_t> usable;                      // varies over the trials
};

DriverInputs driver_inputs(const Run& r, const std::vector<TargetStats>& stats) {
  DriverInputs in;
  const Network& net = r.net;
  in.target_items.resize(net.targets);
  if (!r.want_drivers) return in;
  for (uint32_t g = 0; g < net.groups; ++g)
    in.factors.push_back({DriverKind::kTeam, g, {}});
  for (uint32_t k = 0; k < net.risks; ++k)
    in.factors.push_back({DriverKind::kRisk, k, {}});
  for (uint32_t w = 0; w < net.watches; ++w)
    in.factors.push_back({DriverKind::kDependency, w, {}});
  in.shared = in.factors.size();
  std::map<uint32_t, uint32_t> item_factor;
  for (uint32_t tg = 0; tg < net.targets; ++tg) {
    for (const auto& c : stats[tg].crit) {
      const uint32_t v = static_cast<uint32_t>(c.item.index());
      if (!r.pn.random_duration[v]) continue;
      if (in.target_items[tg].size() >= 16) break;
      auto [it, added] = item_factor.emplace(v, static_cast<uint32_t>(in.factors.size()));
      if (added) in.factors.push_back({DriverKind::kItem, v, {}});
      in.target_items[tg].push_back(it->second);
    }
  }
  in.usable.assign(in.factors.size(), 1);
  const int st = r.st;
  parallel_for(in.factors.size(), r.options.threads, [&](size_t i) {
    Factor& fac = in.factors[i];
    std::vector<float> values(st);
    switch (fac.kind) {
      case DriverKind::kTeam: {
        const float* v = r.sim.group_sum.data() + size_t{fac.index} * r.trials;
        in.usable[i] = std::any_of(v + 1, v + st, [&](float x) { return x != v[0]; });
        values.assign(v, v + st);
        break;
      }
      case DriverKind::kRisk:
        for (int t = 0; t < st; ++t)
          values[t] = sampled_risk_delay(net, r.options.seed, t, fac.index);
        break;
      case DriverKind::kDependency: {
        const float* v = r.sim.watch_finish.data() + size_t{fac.index} * r.trials;
        values.assign(v, v + st);
        break;
      }
      case DriverKind::kItem:
        for (int t = 0; t < st; ++t)
          values[t] = sampled_duration(net, r.options.seed, t, fac.index);
        break;
    }
    if (in.usable[i]) fac.ranks = centered_ranks(values);
  });
  return in;
}

using Found = std::vector<std::vector<std::pair<double, uint32_t>>>;  // per target: (rho, factor)

// Per target: the inputs most correlated with its date, strongest first.
Found correlated_drivers(const Run& r, const std::vector<TargetStats>& stats,
                         const DriverInputs& in) {
  Found found(r.net.targets);
  parallel_for(r.net.targets, r.options.threads, [&](size_t tg) {
    if (stats[tg].f.complete || !r.want_drivers) return;
    auto& list = found[tg];
    auto consider = [&](uint32_t i) {
      if (!in.usable[i]) return;
      const double rho = centered_correlation(in.factors[i].ranks, stats[tg].ranks);
      if (std::fabs(rho) >= 0.05) list.emplace_back(rho, i);
    };
    for (uint32_t i : in.target_items[tg])
      consider(i);
    for (uint32_t i = 0; i < in.shared; ++i)
      consider(i);
    std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& c) {
      return std::fabs(a.first) > std::fabs(c.first);
    });
    if (list.size() > static_cast<size_t>(r.options.top_drivers))
      list.resize(r.options.top_drivers);
  });
  return found;
}

// What-if runs for the strongest item and risk drivers: their effect on each target's P85.
struct MeasuredEffects {
  std::map<uint32_t, size_t> run_of;  // factor -> what-if run
  std::vector<std::vector<double>> p85;
  std::vector<double> base_p85;
  // Working days the factor's what-if takes off target tg's P85; nullopt when not measured.
  std::optional<int> days(uint32_t tg, uint32_t factor) const {
    auto e = run_of.find(factor);
    if (e == run_of.end()) return std::nullopt;
    return day_index(base_p85[tg]) - day_index(p85[e->second][tg]);
  }
};

// The what-if that measures factor i's effect.
WhatIf what_if_of(const Run& r, const Factor& f) {
  switch (f.kind) {
    case DriverKind::kItem:
      return {false, f.index};
    case DriverKind::kRisk:
      return {true, f.index};
    case DriverKind::kTeam:
      return {false, f.index, WhatIf::Kind::kGroup, {}};
    case DriverKind::kDependency: {
      WhatIf w{false, f.index, WhatIf::Kind::kCut, {}};
      const uint32_t dep = static_cast<uint32_t>(r.pn.watch_dependency[f.index].index());
      for (uint32_t e = 0; e < r.pn.link_dependency.size(); ++e)
        if (r.pn.link_dependency[e] == dep) w.links.push_back(e);
      return w;
    }
  }
  return {};
}

// Measures the effects and ranks each target's drivers by them (measured effect first, then |rho|).
MeasuredEffects measure_effects(const Run& r, const DriverInputs& in, Found& found) {
  MeasuredEffects out;
  const int et = std::min(r.options.effect_trials, r.trials);
  if (!r.want_drivers || r.options.effect_drivers <= 0 || et <= 0) return out;
  // Per class (items and risks; teams and dependencies): factor -> max |rho| over the targets.
  std::map<uint32_t, double> best[2];
  for (const auto& list : found)
    for (auto [rho, i] : list) {
      const DriverKind k = in.factors[i].kind;
      double& b = best[k == DriverKind::kTeam || k == DriverKind::kDependency][i];
      b = std::max(b, std::fabs(rho));
    }
  std::vector<WhatIf> runs;
  const int budget[2] = {r.options.effect_drivers,
                         std::max(0, r.options.effect_team_dependency_drivers)};
  for (int c = 0; c < 2; ++c) {
    std::vector<std::pair<double, uint32_t>> strongest;  // (max |rho|, factor)
    for (auto [i, rho] : best[c])
      strongest.emplace_back(rho, i);
    std::stable_sort(strongest.begin(), strongest.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (strongest.size() > static_cast<size_t>(budget[c])) strongest.resize(budget[c]);
    for (auto [rho, i] : strongest) {
      out.run_of[i] = runs.size();
      runs.push_back(what_if_of(r, in.factors[i]));
    }
  }
  out.p85 = what_if_p85(r.net, runs, r.options.seed, et, r.options.threads);
  out.base_p85 = percentile_of(r.sim.target_finish, r.net.targets, r.trials, et, 0.85);
  for (uint32_t tg = 0; tg < r.net.targets; ++tg) {
    auto effect = [&](uint32_t i) { return std::max(0, out.days(tg, i).value_or(-1)); };
    std::stable_sort(found[tg].begin(), found[tg].end(), [&](const auto& a, const auto& c) {
      return effect(a.second) > effect(c.second);
    });
  }
  return out;
}

Driver describe(const Program& program, const ProgramNetwork& pn, const Factor& f, double rho,
                const std::string& target) {
  Driver d;
  d.kind = f.kind;
  d.rho = rho;
  switch (f.kind) {
    case DriverKind::kItem: {
      const auto& it = program.items[f.index];
      d.key = it.key;
      d.text = fmt::format("item {}{}: when it takes longer, {} (rho {:.2f})", it.key,
                           it.title.empty() ? "" : " '" + it.title + "'", phrase(rho, target), rho);
      break;
    }
    case DriverKind::kTeam: {
      const auto& team = program.teams[pn.group_team[f.index].index()];
      d.key = team.key;
      d.text =
          fmt::format("team {}{}: when its work runs long, {} (rho {:.2f})", team.key,
                      team.name.empty() ? "" : " (" + team.name + ")", phrase(rho, target), rho);
      break;
    }
    case DriverKind::kRisk: {
      const auto& risk = program.risks[pn.risk_of[f.index].index()];
      d.key = risk.key;
      d.text = fmt::format("risk {}{} (fires in {:.0f}% of trials): when it fires, {} (rho {:.2f})",
                           risk.key, risk.title.empty() ? "" : " '" + risk.title + "'",
                           100 * risk.probability, phrase(rho, target), rho);
      break;
    }
    case DriverKind::kDependency: {
      const auto& dep = program.dependencies[pn.watch_dependency[f.index].index()];
      const auto& pi = program.items[dep.predecessor.index()];
      const auto& si = program.items[dep.successor.index()];
      d.key = pi.key + "->" + si.key;
      d.text = fmt::format(
          "dependency {} -> {} (needed by {}): when it is delivered later, {} "
          "(rho {:.2f})",
          pi.key, si.key, dep.need_by->to_string(), phrase(rho, target), rho);
      break;
    }
  }
  return d;
}

// The nodes a target covers, as flags per node (empty when it covers all of them).
std::vector<uint8_t> target_nodes(const Network& net, uint32_t tg) {
  std::vector<uint8_t> in_target;
  if (net.target_all[tg]) return in_target;
  in_target.assign(net.nodes, 0);
  for (uint32_t e = net.target_begin[tg]; e < net.target_begin[tg + 1]; ++e)
    in_target[net.order[net.target_node[e]]] = 1;
  return in_target;
}

// How a team acts on a target: its items most often on the target's critical path (`crit`, most
// critical first), e.g. "its items on M3's critical path: MOB-142 (54%), MOB-126 (54%)".
std::string team_path(const Program& program, const ProgramNetwork& pn, uint32_t group,
                      std::span<const ItemCriticality> crit, const std::string& label) {
  std::string items;
  int listed = 0;
  for (const auto& c : crit) {
    if (listed == 3) break;
    if (program.items[c.item.index()].team != pn.group_team[group]) continue;
    items += fmt::format("{}{} ({:.0f}%)", listed++ ? ", " : "", c.key, 100 * c.index);
  }
  return items.empty() ? "" : fmt::format("; its items on {}'s critical path: {}", label, items);
}

// What a driver's what-if did, in words.
const char* what_if_words(DriverKind k) {
  switch (k) {
    case DriverKind::kItem:
      return "held at its median duration";
    case DriverKind::kTeam:
      return "with its work held at median durations";
    case DriverKind::kRisk:
      return "if it never fired";
    case DriverKind::kDependency:
      return "if its consumer did not wait for it";
  }
  return "";
}

// Target tg's drivers in words: what each is, the path by which it reaches the target (a team: its
// items on the target's critical path `crit`), and its measured effect.
std::vector<Driver> target_drivers(const Run& r, const DriverInputs& in, const Found& found,
                                   const MeasuredEffects& effects, uint32_t tg,
                                   const std::string& label,
                                   std::span<const ItemCriticality> crit) {
  std::vector<Driver> out;
  const std::vector<uint8_t> in_target =
      found[tg].empty() ? std::vector<uint8_t>{} : target_nodes(r.net, tg);
  for (auto [rho, i] : found[tg]) {
    const Factor& fac = in.factors[i];
    Driver d = describe(r.program, r.pn, fac, rho, label);
    if (!in_target.empty() && (d.kind == DriverKind::kItem || d.kind == DriverKind::kDependency)) {
      const uint32_t from =
          d.kind == DriverKind::kItem
              ? fac.index
              : static_cast<uint32_t>(
                    r.program.dependencies[r.pn.watch_dependency[fac.index].index()]
                        .predecessor.index());
      const std::string path = path_words(r.program, r.pn, in_target, from);
      if (!path.empty()) d.text += fmt::format("; it reaches {} by {}", label, path);
    }
    if (d.kind == DriverKind::kTeam) d.text += team_path(r.program, r.pn, fac.index, crit, label);
    if (auto days = effects.days(tg, i)) {
      d.effect_days = *days;
      d.text += fmt::format("; {}, {}'s P85 is {} working day(s) earlier", what_if_words(d.kind),
                            label, *d.effect_days);
    }
    out.push_back(std::move(d));
  }
  return out;
}

// A finished target's date: when the last of its items really finished.
Date finished_on(const Program& program, const ProgramNetwork& pn, uint32_t tg) {
  const Network& net = pn.net;
  std::optional<Date> last;
  auto consider = [&](uint32_t v) {
    auto af = program.actual_finish(WorkItemId{v});
    if (af && (!last || af->date() > *last)) last = af->date();
  };
  if (net.target_all[tg]) {
    for (uint32_t v = 0; v < net.nodes; ++v)
      consider(v);
  } else {
    for (uint32_t e = net.target_begin[tg]; e < net.target_begin[tg + 1]; ++e)
      consider(net.order[net.target_node[e]]);
  }
  return last.value_or(pn.as_of);
}

// Each watched dependency: its odds of arriving by the need-by date, and its P85.
std::vector<DependencyForecast> dependency_forecasts(const Run& r, DayDates& day_date) {
  const Program& program = r.program;
  std::vector<DependencyForecast> out;
  for (uint32_t w = 0; w < r.net.watches; ++w) {
    const auto& dep = program.dependencies[r.pn.watch_dependency[w].index()];
    const auto& pi = program.items[dep.predecessor.index()];
    const auto& si = program.items[dep.successor.index()];
    DependencyForecast df;
    df.dependency = r.pn.watch_dependency[w];
    df.provider_item = pi.key;
    df.consumer_item = si.key;
    const TeamId pt = dep.provider.valid() ? dep.provider : pi.team;
    const TeamId ct = dep.consumer.valid() ? dep.consumer : si.team;
    if (pt.valid() && pt.index() < program.teams.size())
      df.provider_team = program.teams[pt.index()].key;
    if (ct.valid() && ct.index() < program.teams.size())
      df.consumer_team = program.teams[ct.index()].key;
    df.need_by = *dep.need_by;
    const float* v = r.sim.watch_finish.data() + size_t{w} * r.trials;
    std::vector<float> sorted(v, v + r.trials);
    sort_values(sorted);
    const double need_by = days_through(program.calendar, r.pn.start, df.need_by) + kDayEps;
    df.on_time_probability =
        static_cast<double>(std::upper_bound(sorted.begin(), sorted.end(), need_by) -
                            sorted.begin()) /
        r.trials;
    df.p85 = day_date(day_index(sorted_percentile(std::span<const float>(sorted), 0.85)));
    out.push_back(std::move(df));
  }
  return out;
}

}  // namespace

Result<ProgramForecast> forecast_program(const Program& program, const ForecastOptions& options,
                                         Diagnostics& diags) {
  if (options.trials < 1) return make_error(codes::kInvalidOptions, "trials must be at least 1");
  auto built = build_program_network(program, options, diags);
  if (!built) return std::unexpected(built.error());
  const ProgramNetwork& pn = *built;
  const Network& net = pn.net;
  auto sim = run_trials(net, options, diags);
  if (!sim) return std::unexpected(sim.error());

  const int trials = options.trials;
  ProgramForecast out;
  out.as_of = pn.as_of;
  out.start = pn.start;
  out.trials = trials;
  out.seed = options.seed;
  out.distribution = options.distribution;
  out.resource_order = pn.resource_order;
  if (pn.schedule) out.order_from = pn.schedule->order_from;
  out.nodes = net.nodes;
  out.links = pn.links;
  out.throughput_teams = pn.streams;
  DayDates day_date(program.calendar, pn.as_of, pn.start);

  // The results of every target are computed side by side (each writes only its own slot), then
  // put together in order: the output does not depend on the thread count.
  const Run r{program,
              options,
              pn,
              net,
              *sim,
              trials,
              std::min(std::max(options.sensitivity_trials, 2), trials),
              options.top_drivers > 0};
  const TargetLabels labels = target_labels(program, pn, net.targets);
  std::vector<TargetStats> stats(net.targets);
  parallel_for(net.targets, options.threads,
               [&](size_t tg) { fill_target_stats(r, labels, tg, stats[tg]); });
  const DriverInputs inputs = driver_inputs(r, stats);
  Found found = correlated_drivers(r, stats, inputs);
  const MeasuredEffects effects = measure_effects(r, inputs, found);

  // Put each target together.
  auto make_target = [&](uint32_t tg) {
    TargetStats& ts = stats[tg];
    TargetForecast f = std::move(ts.f);
    f.key = labels.key[tg];
    f.name = labels.name[tg];
    f.deadline = labels.deadline[tg];
    if (f.complete) {
      f.p50 = f.p85 = f.p95 = finished_on(program, pn, tg);
    } else {
      f.p50 = day_date(day_index(f.p50_days));
      f.p85 = day_date(day_index(f.p85_days));
      f.p95 = day_date(day_index(f.p95_days));
      for (auto [k, count] : ts.s_curve)
        f.s_curve.push_back({day_date(k), static_cast<double>(count) / trials});
    }
    f.drivers =
        target_drivers(r, inputs, found, effects, tg, tg == 0 ? "the program end" : f.key, ts.crit);
    std::vector<ItemCriticality> crit = std::move(ts.crit);
    if (tg == 0) out.criticality = crit;
    if (crit.size() > static_cast<size_t>(std::max(0, options.top_critical)))
      crit.resize(std::max(0, options.top_critical));
    f.critical_items = std::move(crit);
    if (tg < pn.scheduled.size() && pn.scheduled[tg]) {
      f.scheduled = pn.scheduled[tg];
      if (!f.complete)
        f.days_after_schedule =
            day_index(f.p50_days) - days_through(program.calendar, pn.start, *f.scheduled);
    }
    return f;
  };
  out.program = make_target(0);
  for (size_t m = 0; m < program.milestones.size(); ++m)
    out.milestones.push_back(make_target(static_cast<uint32_t>(1 + m)));
  if (pn.anchored && options.ablation_trials > 0) {
    std::vector<TargetForecast*> all{&out.program};
    for (auto& m : out.milestones)
      all.push_back(&m);
    explain_delays(program, options, pn, sim->target_finish, all);
  }
  out.dependencies = dependency_forecasts(r, day_date);
  return out;
}

}  // namespace cairn::forecast
